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

const PEOPLE: [DemoPerson; 5] = [
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
        load_applications(&ctx, storage, association_id, applicant).await?;
    }
    Ok(true)
}

/// The tidsbegränsat bidrag, the programme of the OFU seed's application.
const TIME_LIMITED: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0003);

/// The OFU seed's application, "Etablering av ett självhjälpscenter", filled in step by
/// step with its documents and sent in by Sara Lind (a case with a Dnr), and a draft of
/// another association, Stockholms Läxhjälp, half-way through.
async fn load_applications(
    ctx: &app::backend::command::Ctx,
    storage: &Storage,
    association_id: Uuid,
    applicant: Uuid,
) -> anyhow::Result<()> {
    use app::features::applications::{commands, ofu_seed, step};
    let fail = |error: app::backend::command::CommandError| anyhow::anyhow!("{error}");
    let id = commands::start(ctx, applicant, association_id, TIME_LIMITED)
        .await
        .map_err(fail)?;
    let mut revision = 1;
    for (slug, pairs) in ofu_seed::seed_posts() {
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
    commands::record_submission(ctx, applicant, row, "demo")
        .await
        .map_err(fail)?;

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
    Ok(())
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
