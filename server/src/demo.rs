//! Demo content, built from the seed documents, loaded only with `PORTAL_DEMO=1` and only
//! into an empty database, so a production install never gets demo accounts.
use anyhow::Context;
use app::backend::{
    entities::{
        app_user, association, association_member, attachment, board_member, representative_proof,
    },
    password,
};
use app::domain::board::BoardRole;
use app::domain::role::Role;
use app::site::DemoAccount;
use chrono::{Datelike, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};
use uuid::Uuid;

use crate::storage::Storage;

/// A demo person: the account and who they are.
struct DemoPerson {
    account: DemoAccount,
    name: &'static str,
    title: &'static str,
    phone: &'static str,
}

const PEOPLE: [DemoPerson; 7] = [
    DemoPerson {
        account: DemoAccount {
            role: Role::Applicant,
            role_label: "sökande (Kindness & Compassion)",
            email: "sara.lind@kindness-compassion.example",
            password: "Sokande-demo-2026",
        },
        name: "Sara Lind",
        title: "Generalsekreterare",
        phone: "070-123 45 67",
    },
    DemoPerson {
        account: DemoAccount {
            role: Role::Officer,
            role_label: "handläggare",
            email: "emelie.steen@socialforvaltningen.example",
            password: "Handlaggare-demo-2026",
        },
        name: "Emelie Steen",
        title: "Handläggare",
        phone: "08-508 25 158",
    },
    DemoPerson {
        account: DemoAccount {
            role: Role::Approver,
            role_label: "attestant (enhetschef)",
            email: "jorgen.nordin@socialforvaltningen.example",
            password: "Enhetschef-demo-2026",
        },
        name: "Jörgen Nordin",
        title: "Enhetschef",
        phone: "08-508 25 100",
    },
    DemoPerson {
        account: DemoAccount {
            role: Role::Approver,
            role_label: "attestant (avdelningschef)",
            email: "lina.blombergsson@socialforvaltningen.example",
            password: "Avdelningschef-demo-2026",
        },
        name: "Lina Blombergsson",
        title: "Avdelningschef",
        phone: "08-508 25 000",
    },
    DemoPerson {
        account: DemoAccount {
            role: Role::Admin,
            role_label: "administratör",
            email: "admin@socialforvaltningen.example",
            password: "Administrator-demo-2026",
        },
        name: "Portalens administratör",
        title: "Systemförvaltare",
        phone: "08-508 25 001",
    },
    DemoPerson {
        account: DemoAccount {
            role: Role::Finance,
            role_label: "ekonom (förbereder betalningsordrar)",
            email: "karin.ek@socialforvaltningen.example",
            password: "Ekonom-demo-2026",
        },
        name: "Karin Ek",
        title: "Ekonom",
        phone: "08-508 25 210",
    },
    DemoPerson {
        account: DemoAccount {
            role: Role::Finance,
            role_label: "ekonom (attesterar betalningsordrar)",
            email: "anders.holm@socialforvaltningen.example",
            password: "Controller-demo-2026",
        },
        name: "Anders Holm",
        title: "Controller",
        phone: "08-508 25 220",
    },
];

/// The demo accounts, in the order they are printed at start-up.
pub fn accounts() -> Vec<DemoAccount> {
    PEOPLE.iter().map(|person| person.account.clone()).collect()
}

/// Loads the demo content if the database holds no accounts and no associations yet.
/// Returns whether anything was loaded.
pub async fn load_if_empty(
    db: &DatabaseConnection,
    storage: &Storage,
    public_url: &url::Url,
) -> anyhow::Result<bool> {
    let users = app_user::Entity::find().count(db).await?;
    let associations = association::Entity::find().count(db).await?;
    if users > 0 || associations > 0 {
        return Ok(false);
    }

    // Hashing is CPU-bound: keep it off the async workers.
    let hashes = tokio::task::spawn_blocking(|| {
        PEOPLE
            .iter()
            .map(|person| password::hash(person.account.password))
            .collect::<Vec<_>>()
    })
    .await
    .context("hashing the demo passwords")?;

    let now = Utc::now();
    let txn = app::backend::db::begin_write(db).await?;
    // From the OFU seed: the association behind "Etablering av ett självhjälpscenter".
    let association_id = Uuid::now_v7();
    association::Entity::insert(association::ActiveModel {
        id: Set(association_id),
        name: Set("Kindness & Compassion".into()),
        org_number: Set("802534-3750".into()),
        contact_person: Set("Sara Lind".into()),
        email: Set("info@kindness-compassion.example".into()),
        phone: Set("070-123 45 67".into()),
        postal_address: Set("Drottninggatan 1, 111 51 Stockholm".into()),
        founded_year: Set(Some(2021)),
        members_in_city: Set(Some(13)),
        target_group: Set("Individer i utanförskap, social isolering och/eller i behov av samtalsstöd på grund av psykisk ohälsa i Stockholms stad.".into()),
        created_at: Set(now),
        bankgiro: Set("5050-1055".into()),
        plusgiro: Set(String::new()),
    })
    .exec(&txn)
    .await?;

    // The seed describes the board (a chair who is a lawyer and deacon) but names no one:
    // these names are made up, like everything else in demo mode.
    for (name, role) in [
        ("Maria Ekholm", BoardRole::Chair),
        ("Johan Berg", BoardRole::Treasurer),
        ("Amira Haddad", BoardRole::Secretary),
        ("Per Wallin", BoardRole::Member),
    ] {
        board_member::Entity::insert(board_member::ActiveModel {
            id: Set(Uuid::now_v7()),
            association_id: Set(association_id),
            name: Set(name.into()),
            role: Set(role),
            created_at: Set(now),
        })
        .exec(&txn)
        .await?;
    }

    let mut applicant = None;
    for (person, hash) in PEOPLE.iter().zip(hashes) {
        let user_id = app::backend::users::create(
            &txn,
            app::backend::users::NewUser {
                email: person.account.email,
                display_name: person.name,
                title: person.title,
                phone: person.phone,
                role: person.account.role,
                password_hash: &hash,
                email_verified_at: Some(now),
            },
        )
        .await?;
        if person.account.role == Role::Applicant {
            association_member::Entity::insert(association_member::ActiveModel {
                association_id: Set(association_id),
                user_id: Set(user_id),
                role: Set(app::domain::role::MemberRole::Owner),
                created_at: Set(now),
            })
            .exec(&txn)
            .await?;
            applicant = Some(user_id);
        }
    }

    // Minutes naming Sara Lind, waiting for an officer: the officers' list is not empty.
    let minutes = minutes_pdf(&[
        "Kindness & Compassion, org.nr 802534-3750",
        "Protokoll fort vid konstituerande styrelsemote 2026-03-14",
        "",
        "Paragraf 4. Styrelsen utser Sara Lind, generalsekreterare,",
        "att foretrada foreningen i kontakter med staden och att",
        "underteckna ansokningar och redovisningar.",
        "",
        "Vid protokollet: Amira Haddad      Justeras: Maria Ekholm",
        "",
        "(Demodokument: pahittat innehall.)",
    ]);
    let stored = storage
        .put(futures_util::stream::iter([Ok::<_, std::io::Error>(
            axum::body::Bytes::from(minutes),
        )]))
        .await
        .context("storing the demo minutes")?;
    let attachment_id = Uuid::now_v7();
    attachment::Entity::insert(attachment::ActiveModel {
        id: Set(attachment_id),
        association_id: Set(association_id),
        purpose: Set("representatives".into()),
        file_name: Set("Protokoll konstituerande styrelsemöte 2026-03-14.pdf".into()),
        content_type: Set(stored.kind.content_type().into()),
        size_bytes: Set(stored.size as i64),
        sha256: Set(stored.sha256),
        storage_key: Set(stored.key),
        uploaded_by: Set(applicant),
        created_at: Set(now),
        application_id: Set(None),
        document_type: Set(None),
    })
    .exec(&txn)
    .await?;
    let next_meeting =
        chrono::NaiveDate::from_ymd_opt(now.year() + 1, 3, 14).context("a calendar date")?;
    representative_proof::Entity::insert(representative_proof::ActiveModel {
        id: Set(Uuid::now_v7()),
        association_id: Set(association_id),
        attachment_id: Set(attachment_id),
        submitted_by: Set(applicant),
        named_users: Set(serde_json::to_string(
            &applicant.into_iter().collect::<Vec<_>>(),
        )?),
        next_annual_meeting: Set(next_meeting),
        status: Set(app::features::representatives::ProofStatus::Pending),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(String::new()),
        created_at: Set(now),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    if let Some(applicant) = applicant {
        let ctx = app::backend::command::Ctx {
            db: db.clone(),
            public_url: public_url.clone(),
            signal: Default::default(),
            today: app::backend::time::today(),
        };
        let seed_case = load_applications(&ctx, storage, association_id, applicant).await?;
        load_case_work(&ctx, seed_case).await?;
        load_minutes(&ctx).await?;
        load_umbrella(&ctx, storage).await?;
        load_partnerships(&ctx, association_id).await?;
    }
    Ok(true)
}

/// The minutes seed: Gemensam utvecklingsgrupp on 27 November 2017, with all 31
/// attendees and every section, saved through the staff's own command.
pub const MINUTES_2017_TEXT: &str = include_str!("../demo/utvecklingsgrupp-2017-11-27.md");
pub const MINUTES_2017_ATTENDEES: &str =
    include_str!("../demo/utvecklingsgrupp-2017-11-27-narvarande.txt");

async fn load_minutes(ctx: &app::backend::command::Ctx) -> anyhow::Result<()> {
    let officer = person(&ctx.db, "emelie.steen@socialforvaltningen.example").await?;
    let input = app::features::minutes::commands::MinutesInput {
        date: "2017-11-27".into(),
        title: "Föreningarnas förutsättningar".into(),
        attendees: MINUTES_2017_ATTENDEES.into(),
        text: MINUTES_2017_TEXT.into(),
    };
    let at = chrono::NaiveDate::from_ymd_opt(2017, 11, 29)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .context("a calendar date")?
        .and_utc();
    app::backend::events::as_of(
        at,
        app::features::minutes::commands::save(ctx, officer, None, &input),
    )
    .await
    .map_err(|e| anyhow::anyhow!("saving the demo minutes: {e}"))?;
    Ok(())
}

/// Helsam's members: three of the demo's associations, members since the umbrella
/// organisation's first annual meeting (24 January 2018, in the minutes seed), their
/// board minutes kept, their fees recorded (one has not paid this year's).
async fn load_umbrella(ctx: &app::backend::command::Ctx, storage: &Storage) -> anyhow::Result<()> {
    use app::backend::entities::{umbrella_application, umbrella_fee};
    use sea_orm::{ColumnTrait, QueryFilter};
    let officer = person(&ctx.db, "emelie.steen@socialforvaltningen.example").await?;
    let decided = chrono::NaiveDate::from_ymd_opt(2018, 1, 24)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .context("a calendar date")?
        .and_utc();
    for (name, paid_this_year) in [
        ("Mötesplats Hägersten", true),
        ("Kvinnocaféet Husby", true),
        ("Stödlinjen Stockholm", false),
    ] {
        let Some(member) = association::Entity::find()
            .filter(association::Column::Name.eq(name))
            .one(&ctx.db)
            .await?
        else {
            continue;
        };
        let minutes = minutes_pdf(&[
            &format!("{name}, org.nr {}", member.org_number),
            "Protokoll fort vid styrelsemote 2017-12-12",
            "",
            "Paragraf 6. Styrelsen beslutar att foreningen ska ga med i Helsam.",
            "",
            "(Demodokument: pahittat innehall.)",
        ]);
        let stored = storage
            .put(futures_util::stream::iter([Ok::<_, std::io::Error>(
                axum::body::Bytes::from(minutes),
            )]))
            .await
            .context("storing the demo board minutes")?;
        let attachment_id = Uuid::now_v7();
        attachment::Entity::insert(attachment::ActiveModel {
            id: Set(attachment_id),
            association_id: Set(member.id),
            purpose: Set("umbrella".into()),
            file_name: Set("Protokoll styrelsemöte 2017-12-12.pdf".into()),
            content_type: Set(stored.kind.content_type().into()),
            size_bytes: Set(stored.size as i64),
            sha256: Set(stored.sha256),
            storage_key: Set(stored.key),
            uploaded_by: Set(Some(officer)),
            created_at: Set(decided),
            application_id: Set(None),
            document_type: Set(None),
        })
        .exec(&ctx.db)
        .await?;
        umbrella_application::Entity::insert(umbrella_application::ActiveModel {
            id: Set(Uuid::now_v7()),
            association_id: Set(member.id),
            status: Set("approved".into()),
            board_decided_on: Set(chrono::NaiveDate::from_ymd_opt(2017, 12, 12).context("a date")?),
            attachment_id: Set(attachment_id),
            applied_by: Set(officer),
            applied_at: Set(decided),
            decided_by: Set(Some(officer)),
            decided_at: Set(Some(decided)),
            note: Set("Medlem från Helsams första årsmöte.".into()),
        })
        .exec(&ctx.db)
        .await?;
        let this_year = ctx.today.year();
        let years = if paid_this_year {
            vec![this_year - 1, this_year]
        } else {
            vec![this_year - 1]
        };
        for year in years {
            umbrella_fee::Entity::insert(umbrella_fee::ActiveModel {
                association_id: Set(member.id),
                year: Set(year),
                paid_on: Set(chrono::NaiveDate::from_ymd_opt(year, 2, 15).context("a date")?),
                recorded_by: Set(officer),
                recorded_at: Set(Utc::now()),
            })
            .exec(&ctx.db)
            .await?;
        }
    }
    Ok(())
}

/// The Bostad Först seed's partnership with Street Minds (1 July 2023 to 30 June 2024,
/// extended half a year at a time up to 30 June 2026 unless notice is given by 31
/// December) with its autumn 2023 report and the tjänsteutlåtande, the later reports
/// filed on paper before the portal; and an active partnership of Kindness &
/// Compassion whose notice deadline is near, with a report waiting for review and one
/// due. Made through the officers' own commands.
async fn load_partnerships(ctx: &app::backend::command::Ctx, kindness: Uuid) -> anyhow::Result<()> {
    use app::backend::entities::{partnership, partnership_report};
    use app::features::partnerships::{
        commands, field, queries, HeldActivity, PartnerReport, ReportStatus, SpecialEvent,
    };
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter, QueryOrder};
    use std::collections::HashMap;
    let officer = person(&ctx.db, "emelie.steen@socialforvaltningen.example").await?;
    let street_minds = Uuid::now_v7();
    association::Entity::insert(association::ActiveModel {
        id: Set(street_minds),
        name: Set("Street Minds".into()),
        org_number: Set("802520-1461".into()),
        contact_person: Set(String::new()),
        email: Set(String::new()),
        phone: Set(String::new()),
        postal_address: Set("Stockholm".into()),
        founded_year: Set(Some(2016)),
        members_in_city: Set(Some(40)),
        target_group: Set("Personer som lever eller har levt i hemlöshet.".into()),
        created_at: Set(Utc::now()),
        bankgiro: Set(String::new()),
        plusgiro: Set(String::new()),
    })
    .exec(&ctx.db)
    .await?;
    let form = |pairs: &[(&str, String)]| -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    let seed = commands::create(
        ctx,
        officer,
        &form(&[
            (field::ASSOCIATION, street_minds.to_string()),
            (field::DNR, "SOF 2023/202".into()),
            (field::ACTIVITY, "Öppen verksamhet för deltagare inom Bostad Först".into()),
            (field::TARGET_GROUP, "Deltagare i Bostad Först: personer som levt i långvarig hemlöshet och har komplexa stödbehov, ofta till följd av missbruk och psykisk funktionsnedsättning.".into()),
            (field::PURPOSE, "Syftet med partnerskapet är att tillhandahålla en öppen verksamhet som ska erbjuda ett flexibelt och tillräckligt omfattande stöd utifrån Bostad Först-principerna om aktivt engagemang och deltagarstyrt stöd, i syfte att främja återhämtning och öka förutsättningarna för social integration. Verksamheten ska utgöra ett komplement till det stöd deltagare i Bostad Först får från case managers och syftar till att motverka ensamhet, isolering och sysslolöshet.".into()),
            (field::CITY_COMMITMENTS, "Lokaler på Malmskillnadsgatan, medel för partnerskapet och samverkan med forskare från Lunds universitet inom forskningsprojektet RECO.".into()),
            (field::PARTNER_COMMITMENTS, "Aktiviteter enligt schema måndag till fredag, en koordinator och timavlönade medarbetare, samt aktiviteter runt om i staden som Bostad Först-deltagare är välkomna till.".into()),
            (field::YEARLY_AMOUNT, "1 200 000".into()),
            (field::STARTS_ON, "2023-07-01".into()),
            (field::FIRST_END_ON, "2024-06-30".into()),
            (field::EXTENSION_MONTHS, "6".into()),
            (field::LAST_END_ON, "2026-06-30".into()),
            (field::NOTICE_BY, "31 december".into()),
            (field::REPORT_MONTHS, "6".into()),
            (field::REPORT_DUE_DAYS, "31".into()),
            (field::STEERING_CADENCE, "tre gånger per halvår".into()),
            (field::COOPERATION_CADENCE, "varje vecka".into()),
        ]),
    )
    .await
    .map_err(|e| anyhow::anyhow!("the seed's partnership: {e}"))?;
    // Two from each party in each group, as in the seed; the names are made up.
    for (group, name, organisation, role) in [
        (
            "styrgrupp",
            "Maja Lindqvist",
            "Street Minds",
            "Verksamhetsansvarig",
        ),
        ("styrgrupp", "Olof Ahmadi", "Street Minds", "Ordförande"),
        (
            "styrgrupp",
            "Lina Blombergsson",
            "Socialförvaltningen",
            "Avdelningschef",
        ),
        (
            "styrgrupp",
            "Jörgen Nordin",
            "Socialförvaltningen",
            "Enhetschef Bostad Först",
        ),
        (
            "samverkansgrupp",
            "Hanna Berg",
            "Street Minds",
            "Koordinator",
        ),
        (
            "samverkansgrupp",
            "Ali Yusuf",
            "Street Minds",
            "Peer supporter",
        ),
        (
            "samverkansgrupp",
            "Emelie Steen",
            "Socialförvaltningen",
            "Handläggare",
        ),
        (
            "samverkansgrupp",
            "Karl Svensson",
            "Socialförvaltningen",
            "Case manager",
        ),
    ] {
        commands::add_member(
            ctx,
            officer,
            seed,
            &form(&[
                (field::GROUP, group.into()),
                (field::NAME, name.into()),
                (field::ORGANISATION, organisation.into()),
                (field::ROLE, role.into()),
                (
                    field::MEMBER_PARTY,
                    if organisation == "Socialförvaltningen" {
                        "stad"
                    } else {
                        "partner"
                    }
                    .into(),
                ),
            ]),
        )
        .await
        .map_err(|e| anyhow::anyhow!("a group member: {e}"))?;
    }
    commands::add_meeting(
        ctx,
        officer,
        seed,
        &form(&[
            (field::MEETING_GROUP, "styrgrupp".into()),
            (field::HELD_ON, "2023-11-15".into()),
            (field::NOTES, "## Framtidsverkstad\n\nIdéerna från juni följs upp i två träffar under hösten.\n\n## Öppettider\n\n- Mallis håller öppet måndag till fredag enligt deltagarnas önskemål.\n- Kvinnogruppen fortsätter.".into()),
        ]),
    )
    .await
    .map_err(|e| anyhow::anyhow!("a meeting's notes: {e}"))?;
    let autumn = PartnerReport {
        summary: "Under hösten 2023 har aktiviteter hållits enligt schema måndag till fredag i socialförvaltningens lokaler på Malmskillnadsgatan (”Mallis”). Partnerskapet har i samarbete med forskare och Bostad Först-deltagare arbetat med konceptet Framtidsverkstad.".into(),
        activities: [
            "Sygrupp",
            "Matlagningskurs",
            "Peer support från Bostad Först",
            "Digital verkstad för de som behöver hjälp med datorer och smartphone",
            "Skrivargrupp",
            "Kortfilmsgrupp",
            "Ekonomiska frågor",
            "Yoga",
            "Bostad Först Social Club",
            "Kvinnogrupp",
        ]
        .into_iter()
        .map(|name| HeldActivity {
            name: name.into(),
            schedule: "Enligt schema, måndag–fredag".into(),
        })
        .collect(),
        per_day_min: Some(2),
        per_day_max: Some(6),
        events: vec![
            SpecialEvent { name: "Framtidsverkstad".into(), attendance: Some(15) },
            SpecialEvent { name: "Julfirande".into(), attendance: Some(15) },
        ],
        quotes: vec![
            "Mallis är bra, då har vi en lokal att samlas i. Här kan man göra saker. För mig är det bra att det finns skrivargrupp och matlagningskurs.".into(),
            "Och vi har fått så mycket positiv respons. Vi har varit med och gjort något som lyfter och som faktiskt blir något.".into(),
            "Vi som målgrupp är svår och bekväm men man ska inte ge upp på oss.".into(),
        ],
        obstacles: "dagsform, mående samt avsaknad av SL-kort.".into(),
        development: "Under 2024 är fokus att nå fler deltagare inom Bostad Först och försöks- och träningslägenhetsverksamheterna. Den öppna verksamheten kommer fortsatt att arbeta uppsökande tillsammans med case managers och boendestödjare.".into(),
        women: Some(26),
        men: Some(74),
        funds: "De medel Street Minds har erhållit genom överenskommelse om IOP har huvudsakligen gått till löner.".into(),
        staff: "Street Minds har en heltidsanställd koordinator för aktiviteter inom IOP-samarbetet. Ytterligare sex personer är timavlönade med en sysselsättningsgrad om tre timmar per vecka.".into(),
        hours: Some(58),
        research: "I samarbete med forskare från Lunds universitet (forskningsprojektet RECO: Resilient Communities by Sustainable Welfare Transformation) arbetar Bostad Först-verksamheten och Street Minds med konceptet Framtidsverkstad.".into(),
    };
    let reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(seed))
        .order_by_asc(partnership_report::Column::Number)
        .all(&ctx.db)
        .await?;
    let row = partnership::Entity::find_by_id(seed)
        .one(&ctx.db)
        .await?
        .context("the seed's partnership")?;
    let members = app::backend::entities::partnership_member::Entity::find()
        .filter(app::backend::entities::partnership_member::Column::PartnershipId.eq(seed))
        .all(&ctx.db)
        .await?;
    let paper = PartnerReport {
        summary: "Rapporten lämnades på papper innan portalen togs i bruk.".into(),
        ..PartnerReport::default()
    };
    let reviewed = |day: chrono::NaiveDate| app::backend::time::start_of(day);
    for report in reports {
        let (content, statement) = if report.number == 1 {
            let mut statement = queries::draft_statement(
                &row,
                "Street Minds",
                &autumn,
                "1 juli–31 december 2023",
                &members,
            );
            statement.preparation = "Ärendet har beretts inom avdelningen för strategi och utveckling. Förvaltningsgruppen har behandlat ärendet den 14 februari 2024.\n\nRådet för funktionshinderfrågor har haft möjlighet att behandla ärendet den 15 februari 2024.".into();
            (&autumn, serde_json::to_string(&statement)?)
        } else {
            (&paper, String::new())
        };
        partnership_report::Entity::update_many()
            .col_expr(
                partnership_report::Column::Content,
                Expr::value(serde_json::to_string(content)?),
            )
            .col_expr(
                partnership_report::Column::Status,
                Expr::value(ReportStatus::Approved.as_str()),
            )
            .col_expr(
                partnership_report::Column::Statement,
                Expr::value(statement),
            )
            .col_expr(
                partnership_report::Column::SubmittedAt,
                Expr::value(reviewed(report.due_on)),
            )
            .col_expr(
                partnership_report::Column::ReviewedAt,
                Expr::value(reviewed(report.due_on + chrono::Days::new(14))),
            )
            .col_expr(partnership_report::Column::ReviewedBy, Expr::value(officer))
            .col_expr(
                partnership_report::Column::OnPaper,
                Expr::value(report.number != 1),
            )
            .col_expr(
                partnership_report::Column::ReviewNote,
                Expr::value(if report.number == 1 {
                    ""
                } else {
                    commands::ON_PAPER
                }),
            )
            .filter(partnership_report::Column::Id.eq(report.id))
            .exec(&ctx.db)
            .await?;
    }

    // Kindness & Compassion: started last summer, the first half-year extension done,
    // notice deadline on 31 December this year.
    let year = ctx.today.year();
    let active = commands::create(
        ctx,
        officer,
        &form(&[
            (field::ASSOCIATION, kindness.to_string()),
            (field::DNR, format!("SOF {}/88", year - 1)),
            (field::ACTIVITY, "Självhjälpsgrupper i samverkan med socialtjänsten".into()),
            (field::TARGET_GROUP, "Vuxna i social isolering eller med psykisk ohälsa som har kontakt med socialtjänsten.".into()),
            (field::PURPOSE, "Att ge socialtjänstens klienter en väg till samtalsstöd i grupp och minska ensamhet.".into()),
            (field::CITY_COMMITMENTS, "Medel för gruppledare och lokal, samt socialsekreterare som slussar deltagare till grupperna.".into()),
            (field::PARTNER_COMMITMENTS, "Två självhjälpsgrupper i veckan med utbildade gruppledare, och uppföljning av deltagarnas mående.".into()),
            (field::YEARLY_AMOUNT, "400 000".into()),
            (field::STARTS_ON, format!("{}-07-01", year - 1)),
            (field::FIRST_END_ON, format!("{year}-06-30")),
            (field::EXTENSION_MONTHS, "6".into()),
            (field::LAST_END_ON, format!("{}-06-30", year + 2)),
            (field::NOTICE_BY, "31 december".into()),
            (field::REPORT_MONTHS, "6".into()),
            (field::REPORT_DUE_DAYS, "31".into()),
            (field::STEERING_CADENCE, "två gånger per år".into()),
            (field::COOPERATION_CADENCE, "en gång i månaden".into()),
        ]),
    )
    .await
    .map_err(|e| anyhow::anyhow!("the active partnership: {e}"))?;
    let reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(active))
        .order_by_asc(partnership_report::Column::Number)
        .all(&ctx.db)
        .await?;
    let count = reports.len();
    let groups = PartnerReport {
        summary: "Två självhjälpsgrupper i veckan har hållits hela perioden. Socialsekreterarna har slussat elva nya deltagare till grupperna.".into(),
        activities: vec![
            HeldActivity { name: "Självhjälpsgrupp om ensamhet".into(), schedule: "tisdagar kl. 17–19".into() },
            HeldActivity { name: "Självhjälpsgrupp om oro och nedstämdhet".into(), schedule: "torsdagar kl. 17–19".into() },
        ],
        per_day_min: Some(4),
        per_day_max: Some(9),
        events: vec![SpecialEvent { name: "Sommaravslutning".into(), attendance: Some(22) }],
        quotes: vec!["Det är första gången på länge jag har ett sammanhang att gå till varje vecka.".into()],
        obstacles: "Kvällstiderna passar inte alla; några har svårt att ta sig till lokalen.".into(),
        development: "En dagtidsgrupp prövas under nästa period.".into(),
        women: Some(62),
        men: Some(38),
        funds: "Medlen har gått till arvoden för gruppledare och till hyra.".into(),
        staff: "Fyra gruppledare på arvode.".into(),
        hours: Some(12),
        research: String::new(),
    };
    for report in reports {
        // The current period is left to fill in (it can be sent in when it ends); the
        // officer asked for changes to the one before; the rest are approved.
        let status = if report.number as usize == count {
            continue;
        } else if report.number as usize == count - 1 {
            ReportStatus::Changes
        } else {
            ReportStatus::Approved
        };
        let mut update = partnership_report::Entity::update_many()
            .col_expr(
                partnership_report::Column::Content,
                Expr::value(serde_json::to_string(&groups)?),
            )
            .col_expr(
                partnership_report::Column::Status,
                Expr::value(status.as_str()),
            )
            .col_expr(
                partnership_report::Column::SubmittedAt,
                Expr::value(reviewed(report.period_to + chrono::Days::new(20))),
            );
        if status == ReportStatus::Changes {
            update = update
                .col_expr(
                    partnership_report::Column::ReviewNote,
                    Expr::value("Beskriv gärna närmare hur medlen har använts: hur mycket som gått till arvoden och hur mycket till hyra."),
                )
                .col_expr(
                    partnership_report::Column::DueOn,
                    Expr::value(ctx.today + chrono::Days::new(14)),
                )
                .col_expr(
                    partnership_report::Column::ReviewedAt,
                    Expr::value(reviewed(ctx.today - chrono::Days::new(2))),
                )
                .col_expr(partnership_report::Column::ReviewedBy, Expr::value(officer));
        }
        if status == ReportStatus::Approved {
            update = update
                .col_expr(
                    partnership_report::Column::ReviewedAt,
                    Expr::value(reviewed(report.due_on)),
                )
                .col_expr(partnership_report::Column::ReviewedBy, Expr::value(officer));
        }
        update
            .filter(partnership_report::Column::Id.eq(report.id))
            .exec(&ctx.db)
            .await?;
    }
    Ok(())
}

/// The id of the demo person with `email`.
async fn person(db: &DatabaseConnection, email: &str) -> anyhow::Result<Uuid> {
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .context("a demo account")?
        .id)
}

/// A case of `association` that came in `days` ago, with the next Dnr.
async fn demo_case(
    ctx: &app::backend::command::Ctx,
    association: (Uuid, &str, &str),
    activity: &str,
    kr: i64,
    days: i64,
    unbalanced: bool,
) -> anyhow::Result<Uuid> {
    use app::backend::entities::application;
    use app::domain::budget::IncomeStatus;
    use app::features::applications::{
        commands, Activity, BudgetForm, Content, CostRow, Goal, IncomeRow, Status,
    };
    let (association_id, org_number, name) = association;
    let id = Uuid::now_v7();
    let at = Utc::now() - chrono::Duration::days(days);
    // A budget that balances: the grant and the members' fees pay the costs.
    let ore = kr * 100;
    let cost = |category: &str, description: &str, amount_ore: i64| CostRow {
        category: category.into(),
        description: description.into(),
        amount_ore,
    };
    let content = Content {
        activity_name: activity.to_owned(),
        requested_ore: Some(ore),
        summary: format!("{activity}: en verksamhet för stadens invånare. (Demodata.)"),
        children: activity.contains("barn"),
        share_women: Some(62),
        share_men: Some(36),
        share_other: Some(2),
        activities: vec![Activity {
            kind: activity.to_owned(),
            occasions: Some(40),
            participants: Some(15),
        }],
        goals: vec![Goal {
            text: "Deltagarna känner sig mindre ensamma och vet var de får stöd.".into(),
        }],
        budget: BudgetForm {
            income: vec![IncomeRow {
                source: "Medlemsavgifter och gåvor".into(),
                amount_ore: ore / 10,
                status: IncomeStatus::Granted,
            }],
            costs: vec![
                cost("Lokal", "Hyra av samlingslokal", ore * 4 / 10),
                cost("Personal", "Arvoden till samtalsledare", ore / 2),
                cost(
                    "Material",
                    "Fika och material",
                    ore * 11 / 10 - ore * 4 / 10 - ore / 2,
                ),
            ],
        },
        ..Content::default()
    };
    let txn = app::backend::db::begin_write(&ctx.db).await?;
    let dnr = commands::next_dnr(&txn, "SOF", at.year())
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?
        .to_string();
    application::Entity::insert(application::ActiveModel {
        id: Set(id),
        association_id: Set(association_id),
        programme_id: Set(TIME_LIMITED),
        status: Set(Status::Submitted),
        revision: Set(1),
        content: Set(serde_json::to_string(&content)?),
        activity_name: Set(activity.to_owned()),
        requested_ore: Set(kr * 100),
        period_from: Set(None),
        period_to: Set(None),
        search_text: Set(app::features::queue::search_text(
            &dnr, org_number, name, activity,
        )),
        dnr: Set(Some(dnr)),
        submitted_at: Set(Some(at)),
        submitted_by: Set(None),
        submit_key: Set(None),
        copy_key: Set(None),
        copied_from: Set(None),
        unbalanced: Set(unbalanced),
        created_by: Set(Uuid::nil()),
        created_at: Set(at),
        updated_at: Set(at),
        withdrawn_at: Set(None),
        assigned_to: Set(None),
        due_on: Set(None),
        completion_due: Set(None),
        missing_attachment: Set(false),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// An assessment's answers for the demo: every criterion met, or not.
fn demo_assessment(
    proposal: &str,
    amount: &str,
    meets: bool,
) -> std::collections::HashMap<String, String> {
    let verdict = if meets { "uppfyller" } else { "uppfyller-inte" };
    let mut form: std::collections::HashMap<String, String> =
        ["stadsovergripande", "kompletterar", "kvalitet", "kostnader"]
            .iter()
            .flat_map(|key| {
                [
            (format!("bedomning_{key}"), verdict.to_owned()),
            (
                format!("text_{key}"),
                "Bedömningen bygger på ansökan och föreningens tidigare redovisningar. (Demodata.)"
                    .to_owned(),
            ),
        ]
            })
            .collect();
    form.insert(
        "jamstalldhetsanalys".into(),
        "Verksamheten når kvinnor och män i ungefär lika delar. (Demodata.)".into(),
    );
    form.insert("forslag".into(), proposal.into());
    form.insert("belopp".into(), amount.into());
    form.insert(
        "motivering".into(),
        "Förslaget följer av bedömningen ovan. (Demodata.)".into(),
    );
    form
}

/// A dozen cases of other demo associations at every stage, so the officers' queue,
/// the attestation and the committee's meetings have something to show.
async fn load_case_work(ctx: &app::backend::command::Ctx, seed_case: Uuid) -> anyhow::Result<()> {
    use app::backend::entities::application;
    use app::features::{assessment::commands as assessment, committee::commands as committee};
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    let fail = |error: app::backend::command::CommandError| anyhow::anyhow!("{error}");
    let emelie = person(&ctx.db, "emelie.steen@socialforvaltningen.example").await?;
    let jorgen = person(&ctx.db, "jorgen.nordin@socialforvaltningen.example").await?;
    let lina = person(&ctx.db, "lina.blombergsson@socialforvaltningen.example").await?;
    decide_seed_case(ctx, seed_case, emelie, [lina, jorgen]).await?;
    let now = Utc::now();
    let mut associations = Vec::new();
    for (name, org, target) in [
        (
            "Läxhjälpen i Tensta",
            "802501-1233",
            "Barn och unga i Tensta och Hjulsta.",
        ),
        (
            "Seniorträffen Södermalm",
            "802502-2347",
            "Äldre på Södermalm som vill bryta ensamhet.",
        ),
        (
            "Unga Röster Rinkeby",
            "802503-3450",
            "Unga 13–25 år i Rinkeby-Kista.",
        ),
        (
            "Idrott för alla Skärholmen",
            "802504-4564",
            "Barn och vuxna som inte idrottar i föreningar.",
        ),
        (
            "Kvinnocaféet Husby",
            "802505-5677",
            "Kvinnor i Husby med utländsk bakgrund.",
        ),
        (
            "Mötesplats Hägersten",
            "802506-6781",
            "Vuxna med psykisk ohälsa i Hägersten-Älvsjö.",
        ),
        (
            "Stödlinjen Stockholm",
            "802507-7895",
            "Anhöriga till personer med missbruk.",
        ),
    ] {
        let id = Uuid::now_v7();
        association::Entity::insert(association::ActiveModel {
            id: Set(id),
            name: Set(name.into()),
            org_number: Set(org.into()),
            contact_person: Set(String::new()),
            email: Set(String::new()),
            phone: Set(String::new()),
            postal_address: Set("Stockholm".into()),
            founded_year: Set(Some(2012)),
            members_in_city: Set(Some(25)),
            target_group: Set(target.into()),
            created_at: Set(now),
            bankgiro: Set(String::new()),
            plusgiro: Set(String::new()),
        })
        .exec(&ctx.db)
        .await?;
        associations.push((id, org, name));
    }
    let [tensta, soder, rinkeby, skarholmen, husby, hagersten, stodlinjen] = associations[..]
    else {
        anyhow::bail!("seven demo associations");
    };

    // Newly in: one for nobody yet, one taken with a due date, one flagged and overdue.
    demo_case(
        ctx,
        tensta,
        "Läxhjälp tre kvällar i veckan",
        120_000,
        2,
        false,
    )
    .await?;
    demo_case(
        ctx,
        hagersten,
        "Öppen mötesplats med samtalsgrupper",
        90_000,
        5,
        false,
    )
    .await?;
    let taken = demo_case(ctx, soder, "Seniorcafé med föreläsningar", 45_000, 9, false).await?;
    app::features::queue::commands::assign(ctx, emelie, taken, &emelie.to_string())
        .await
        .map_err(fail)?;
    let due = (ctx.today + chrono::Duration::days(10)).to_string();
    app::features::queue::commands::set_due(ctx, emelie, taken, &due)
        .await
        .map_err(fail)?;
    let flagged = demo_case(ctx, rinkeby, "Samtalsgrupper för unga", 300_000, 40, true).await?;
    app::features::queue::commands::assign(ctx, emelie, flagged, &emelie.to_string())
        .await
        .map_err(fail)?;
    application::Entity::update_many()
        .col_expr(
            application::Column::DueOn,
            Expr::value(ctx.today - chrono::Duration::days(3)),
        )
        .filter(application::Column::Id.eq(flagged))
        .exec(&ctx.db)
        .await?;

    // Assessed, waiting for attestation.
    let assessed = demo_case(
        ctx,
        skarholmen,
        "Prova-på-idrott på lördagar",
        80_000,
        30,
        false,
    )
    .await?;
    assessment::declare(ctx, emelie, assessed, Some(false), "")
        .await
        .map_err(fail)?;
    assessment::save(
        ctx,
        emelie,
        assessed,
        &demo_assessment("bevilja", "", true),
        true,
    )
    .await
    .map_err(fail)?;

    // Attested by both approvers, ready for the committee.
    let attested = demo_case(ctx, husby, "Kvinnocafé med språkstöd", 150_000, 45, false).await?;
    assessment::declare(ctx, emelie, attested, Some(false), "")
        .await
        .map_err(fail)?;
    assessment::save(
        ctx,
        emelie,
        attested,
        &demo_assessment("bevilja_delvis", "100 000", true),
        true,
    )
    .await
    .map_err(fail)?;
    for approver in [jorgen, lina] {
        assessment::declare(ctx, approver, attested, Some(false), "")
            .await
            .map_err(fail)?;
        assessment::attest(ctx, approver, attested)
            .await
            .map_err(fail)?;
    }

    // On the agenda of the next OFU meeting, and one decided at the last.
    let on_agenda = demo_case(ctx, tensta, "Sommarläger för barn", 60_000, 50, false).await?;
    let decided = demo_case(
        ctx,
        stodlinjen,
        "Stödsamtal för anhöriga",
        200_000,
        70,
        false,
    )
    .await?;
    // Kindness & Compassion's grant of last year, decided at the same meeting: Sara Lind
    // has its follow-up report to write.
    let seed_association = application::Entity::find_by_id(seed_case)
        .one(&ctx.db)
        .await?
        .context("the seed case")?
        .association_id;
    let earlier = demo_case(
        ctx,
        (seed_association, "802534-3750", "Kindness & Compassion"),
        "Samtalsgrupper för vuxna i ensamhet",
        150_000,
        75,
        false,
    )
    .await?;
    // Their grant periods ended a month ago, so its follow-up report is due within two
    // months and shows in the officers' list.
    let period_to = ctx.today - chrono::Duration::days(33);
    let period_from = period_to - chrono::Duration::days(182);
    for case in [decided, earlier] {
        let mut content: app::features::applications::Content = serde_json::from_str(
            &application::Entity::find_by_id(case)
                .one(&ctx.db)
                .await?
                .context("the decided demo case")?
                .content,
        )?;
        content.period_from = Some(period_from);
        content.period_to = Some(period_to);
        application::Entity::update_many()
            .col_expr(application::Column::PeriodFrom, Expr::value(period_from))
            .col_expr(application::Column::PeriodTo, Expr::value(period_to))
            .col_expr(
                application::Column::Content,
                Expr::value(serde_json::to_string(&content)?),
            )
            .filter(application::Column::Id.eq(case))
            .exec(&ctx.db)
            .await?;
    }
    for (case, proposal) in [
        (on_agenda, "avsla"),
        (decided, "bevilja"),
        (earlier, "bevilja"),
    ] {
        assessment::declare(ctx, emelie, case, Some(false), "")
            .await
            .map_err(fail)?;
        assessment::save(
            ctx,
            emelie,
            case,
            &demo_assessment(proposal, "", proposal == "bevilja"),
            true,
        )
        .await
        .map_err(fail)?;
        for approver in [jorgen, lina] {
            assessment::declare(ctx, approver, case, Some(false), "")
                .await
                .map_err(fail)?;
            assessment::attest(ctx, approver, case)
                .await
                .map_err(fail)?;
        }
    }
    let meeting = |days: i64, cases_by: i64| {
        let day = ctx.today + chrono::Duration::days(days);
        let by = ctx.today + chrono::Duration::days(cases_by);
        [
            ("organ".to_owned(), "ofu".to_owned()),
            ("datum".to_owned(), day.to_string()),
            ("sista_dag".to_owned(), by.to_string()),
            (
                "plats".to_owned(),
                "Stadshuset, Hantverkargatan 1".to_owned(),
            ),
        ]
        .into_iter()
        .collect::<std::collections::HashMap<_, _>>()
    };
    let last = committee::create_meeting(ctx, emelie, &meeting(-20, -34))
        .await
        .map_err(fail)?;
    committee::add_to_agenda(ctx, emelie, last, &[decided, earlier])
        .await
        .map_err(fail)?;
    let as_proposed = [("beslut".to_owned(), "som-forslaget".to_owned())]
        .into_iter()
        .collect();
    for case in [decided, earlier] {
        let item = app::backend::entities::agenda_item::Entity::find()
            .filter(app::backend::entities::agenda_item::Column::ApplicationId.eq(case))
            .one(&ctx.db)
            .await?
            .context("the agenda item")?;
        committee::decide(ctx, emelie, item.id, &as_proposed)
            .await
            .map_err(fail)?;
    }
    let justered = (ctx.today - chrono::Duration::days(20)).to_string();
    committee::justify(ctx, emelie, last, &justered)
        .await
        .map_err(fail)?;
    let next = committee::create_meeting(ctx, emelie, &meeting(21, 7))
        .await
        .map_err(fail)?;
    committee::add_to_agenda(ctx, emelie, next, &[on_agenda])
        .await
        .map_err(fail)?;
    Ok(())
}

/// The OFU seed's case taken to its decision as the seed tells it: handled by Emelie
/// Steen, assessed with the seed's verdicts, attested by Lina Blombergsson
/// (avdelningschef) and Jörgen Nordin (enhetschef) on 2023-11-30, rejected at the
/// organisations- och föreningsutskott's meeting of 2023-12-12 and justerad at once.
/// The commands run today; the dates are then set to the seed's.
async fn decide_seed_case(
    ctx: &app::backend::command::Ctx,
    case: Uuid,
    emelie: Uuid,
    approvers: [Uuid; 2],
) -> anyhow::Result<()> {
    use app::backend::entities::{
        agenda_item, application, application_version, case_assessment, case_attestation,
        case_conflict,
    };
    use app::backend::events::as_of;
    use app::features::{assessment::commands as assessment, committee::commands as committee};
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    let fail = |error: app::backend::command::CommandError| anyhow::anyhow!("{error}");
    // The seed's dates (Swedish office hours, in UTC).
    let at = |month: u32, day: u32, hour: u32| {
        chrono::NaiveDate::from_ymd_opt(2023, month, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .map(|t| t.and_utc())
            .context("a seed date")
    };
    as_of(
        at(10, 4, 8)?,
        app::features::queue::commands::assign(ctx, emelie, case, &emelie.to_string()),
    )
    .await
    .map_err(fail)?;
    as_of(
        at(11, 20, 8)?,
        assessment::declare(ctx, emelie, case, Some(false), ""),
    )
    .await
    .map_err(fail)?;
    let form = app::features::assessment::ofu_seed::form(true);
    as_of(
        at(11, 28, 13)?,
        assessment::save(ctx, emelie, case, &form, true),
    )
    .await
    .map_err(fail)?;
    for approver in approvers {
        as_of(at(11, 30, 9)?, async {
            assessment::declare(ctx, approver, case, Some(false), "").await?;
            assessment::attest(ctx, approver, case).await
        })
        .await
        .map_err(fail)?;
    }
    let form = [
        ("organ", "ofu"),
        ("datum", "2023-12-12"),
        ("sista_dag", "2023-11-30"),
        ("plats", "Stadshuset, Ragnar Östbergs plan 1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let meeting = as_of(
        at(10, 16, 8)?,
        committee::create_meeting(ctx, emelie, &form),
    )
    .await
    .map_err(fail)?;
    as_of(
        at(12, 1, 9)?,
        committee::add_to_agenda(ctx, emelie, meeting, &[case]),
    )
    .await
    .map_err(fail)?;
    let item = agenda_item::Entity::find()
        .filter(agenda_item::Column::ApplicationId.eq(case))
        .one(&ctx.db)
        .await?
        .context("the seed's agenda item")?;
    let as_proposed = [("beslut".to_owned(), "som-forslaget".to_owned())]
        .into_iter()
        .collect();
    as_of(
        at(12, 12, 10)?,
        committee::decide(ctx, emelie, item.id, &as_proposed),
    )
    .await
    .map_err(fail)?;
    as_of(
        at(12, 12, 11)?,
        committee::justify(ctx, emelie, meeting, "2023-12-12"),
    )
    .await
    .map_err(fail)?;

    // The rows' own times (the events above already carry the seed's).
    let submitted = at(10, 2, 9)?;
    application::Entity::update_many()
        .col_expr(application::Column::CreatedAt, Expr::value(at(9, 25, 8)?))
        .col_expr(application::Column::SubmittedAt, Expr::value(submitted))
        .col_expr(application::Column::UpdatedAt, Expr::value(at(12, 12, 11)?))
        .filter(application::Column::Id.eq(case))
        .exec(&ctx.db)
        .await?;
    application_version::Entity::update_many()
        .col_expr(
            application_version::Column::SubmittedAt,
            Expr::value(submitted),
        )
        .filter(application_version::Column::ApplicationId.eq(case))
        .exec(&ctx.db)
        .await?;
    case_conflict::Entity::update_many()
        .col_expr(
            case_conflict::Column::DeclaredAt,
            Expr::value(at(11, 20, 8)?),
        )
        .filter(case_conflict::Column::ApplicationId.eq(case))
        .exec(&ctx.db)
        .await?;
    case_assessment::Entity::update_many()
        .col_expr(
            case_assessment::Column::FinishedAt,
            Expr::value(at(11, 28, 13)?),
        )
        .col_expr(
            case_assessment::Column::UpdatedAt,
            Expr::value(at(11, 28, 13)?),
        )
        .filter(case_assessment::Column::ApplicationId.eq(case))
        .exec(&ctx.db)
        .await?;
    case_attestation::Entity::update_many()
        .col_expr(
            case_attestation::Column::AttestedAt,
            Expr::value(at(11, 30, 10)?),
        )
        .filter(case_attestation::Column::ApplicationId.eq(case))
        .exec(&ctx.db)
        .await?;
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::DecidedAt, Expr::value(at(12, 12, 10)?))
        .filter(agenda_item::Column::ApplicationId.eq(case))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The tidsbegränsat bidrag, the programme of the OFU seed's application.
const TIME_LIMITED: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0003);

/// The OFU seed's application, "Etablering av ett självhjälpscenter", filled in step by
/// step with its documents and sent in by Sara Lind in October 2023 (decided later by
/// `load_case_work`, as in the seed); the association's application for 2027, open in
/// the queue; and a draft of another association, Stockholms Läxhjälp, half-way
/// through. Answers the seed case's id.
async fn load_applications(
    ctx: &app::backend::command::Ctx,
    storage: &Storage,
    association_id: Uuid,
    applicant: Uuid,
) -> anyhow::Result<Uuid> {
    use app::features::applications::{commands, ofu_seed, step};
    let fail = |error: app::backend::command::CommandError| anyhow::anyhow!("{error}");
    // The seed's case, sent in in the autumn of 2023 (its Dnr of that year); decided as
    // in the seed by `load_case_work`.
    let autumn_2023 = app::backend::command::Ctx {
        today: chrono::NaiveDate::from_ymd_opt(2023, 10, 2).context("a date")?,
        ..ctx.clone()
    };
    let submitted = chrono::NaiveDate::from_ymd_opt(2023, 10, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .context("a date")?
        .and_utc();
    let seed_case = app::backend::events::as_of(
        submitted,
        filled_application(
            &autumn_2023,
            storage,
            association_id,
            applicant,
            ofu_seed::seed_posts(),
        ),
    )
    .await?;
    // Its application for 2027, more narrowly aimed (as the seed's assessment asked):
    // open in the queue.
    let posts = ofu_seed::seed_posts()
        .into_iter()
        .map(|(slug, pairs)| {
            let pairs = pairs
                .into_iter()
                .map(|(key, value)| {
                    let value = match key.as_str() {
                        "activity_name" => {
                            "Samtalsgrupper för unga tjejer med psykisk ohälsa".to_owned()
                        }
                        "period_from" => "2027-01-01".to_owned(),
                        "period_to" => "2027-12-31".to_owned(),
                        _ => value,
                    };
                    (key, value)
                })
                .collect();
            (slug, pairs)
        })
        .collect();
    filled_application(ctx, storage, association_id, applicant, posts).await?;

    // Another association's unfinished draft.
    let now = Utc::now();
    let other = Uuid::now_v7();
    // An account of its own that nobody signs in to (a random password).
    let hash = tokio::task::spawn_blocking(|| password::hash(&Uuid::new_v4().to_string()))
        .await
        .context("hashing")?;
    let helper = app::backend::users::create(
        &ctx.db,
        app::backend::users::NewUser {
            email: "kassor@laxhjalpen.example",
            display_name: "Omar Said",
            title: "Kassör",
            phone: "070-765 43 21",
            role: Role::Applicant,
            password_hash: &hash,
            email_verified_at: Some(now),
        },
    )
    .await?;
    association::Entity::insert(association::ActiveModel {
        id: Set(other),
        name: Set("Stockholms Läxhjälp".into()),
        org_number: Set("802480-1238".into()),
        contact_person: Set("Omar Said".into()),
        email: Set("info@laxhjalpen.example".into()),
        phone: Set("070-765 43 21".into()),
        postal_address: Set("Rinkebysvängen 70, 163 74 Spånga".into()),
        founded_year: Set(Some(2015)),
        members_in_city: Set(Some(40)),
        target_group: Set("Barn och unga 7–16 år i Järva som behöver stöd med skolarbetet.".into()),
        created_at: Set(now),
        bankgiro: Set(String::new()),
        plusgiro: Set(String::new()),
    })
    .exec(&ctx.db)
    .await?;
    association_member::Entity::insert(association_member::ActiveModel {
        association_id: Set(other),
        user_id: Set(helper),
        role: Set(app::domain::role::MemberRole::Owner),
        created_at: Set(now),
    })
    .exec(&ctx.db)
    .await?;
    let draft = commands::start(ctx, helper, other, TIME_LIMITED)
        .await
        .map_err(fail)?;
    let form = [
        ("activity_name", "Läxhjälp i Rinkeby bibliotek"),
        (
            "summary",
            "Läxhjälp två kvällar i veckan med frivilliga studenter.",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    commands::save_step(
        ctx,
        helper,
        draft,
        1,
        step("aktuell-ansokan").context("the first step")?,
        &form,
        commands::Action::Save,
    )
    .await
    .map_err(fail)?;
    Ok(seed_case)
}

/// An application of the association filled in step by step with `posts`, its
/// documents attached, and sent in by `applicant` on `ctx.today`; answers its id.
async fn filled_application(
    ctx: &app::backend::command::Ctx,
    storage: &Storage,
    association_id: Uuid,
    applicant: Uuid,
    posts: Vec<(&'static str, Vec<(String, String)>)>,
) -> anyhow::Result<Uuid> {
    use app::features::applications::{commands, step};
    let fail = |error: app::backend::command::CommandError| anyhow::anyhow!("{error}");
    let id = commands::start(ctx, applicant, association_id, TIME_LIMITED)
        .await
        .map_err(fail)?;
    let mut revision = 1;
    for (slug, pairs) in posts {
        let form = pairs.into_iter().collect();
        let current = step(slug).context("a step of the seed")?;
        revision = commands::save_step(
            ctx,
            applicant,
            id,
            revision,
            current,
            &form,
            commands::Action::Save,
        )
        .await
        .map_err(fail)?;
    }
    for (kind, name, title) in [
        (
            "stadgar",
            "Stadgar Kindness & Compassion.pdf",
            "Stadgar for Kindness & Compassion, antagna 2021-05-02",
        ),
        (
            "verksamhetsberattelse",
            "Verksamhetsberättelse 2022.pdf",
            "Verksamhetsberattelse 2022",
        ),
        ("budget", "Budget 2024.pdf", "Budget for foreningen 2024"),
    ] {
        let pdf = minutes_pdf(&[
            "Kindness & Compassion, org.nr 802534-3750",
            title,
            "",
            "(Demodokument: pahittat innehall.)",
        ]);
        let stored = storage
            .put(futures_util::stream::iter([Ok::<_, std::io::Error>(
                axum::body::Bytes::from(pdf),
            )]))
            .await
            .with_context(|| format!("storing the demo {kind}"))?;
        let file = commands::StoredDocument {
            key: stored.key,
            kind: stored.kind,
            size: stored.size,
            sha256: stored.sha256,
            file_name: name.into(),
        };
        commands::attach(ctx, applicant, id, kind, None, &[file])
            .await
            .map_err(fail)?;
    }
    let row = commands::mine(&ctx.db, id, applicant).await.map_err(fail)?;
    commands::record_submission(ctx, applicant, row, &Uuid::new_v4().to_string())
        .await
        .map_err(fail)?;
    Ok(id)
}

/// A one-page PDF showing `lines` (ASCII), with a correct cross-reference table.
fn minutes_pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 12 Tf 72 760 Td 16 TL\n");
    for line in lines {
        let escaped = line
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_minutes_are_a_pdf_with_a_correct_cross_reference_table() {
        let pdf = super::minutes_pdf(&["Rad (ett)"]);
        assert_eq!(
            infer::get(&pdf).map(|k| k.mime_type()),
            Some("application/pdf")
        );
        let text = String::from_utf8(pdf.clone()).unwrap();
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[xref..].starts_with("xref"));
        let second = text.find("2 0 obj").unwrap();
        assert!(text.contains(&format!("{second:010} 00000 n")));
        assert!(text.contains("(Rad \\(ett\\)) Tj"));
    }
}
