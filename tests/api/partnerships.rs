//! IOP partnerships: an officer creates one (bad input refused by the field, nothing
//! stored), the periods so far are scheduled, the partner writes its report (a member
//! saves, only a verified representative sends in, complete), the officer asks for
//! changes and approves, writes the tjänsteutlåtande and downloads it as PDF; a notice
//! fixes the end; the worker's round with a controllable clock reminds the partner once
//! per due date, follows a changed date, and warns the officer 60 days before a notice
//! deadline, once. Another association, the public and applicants see nothing.
use app::backend::entities::{committee_meeting, outbox, partnership, partnership_report};
use app::features::partnerships::{commands, ReportStatus};
use chrono::{Datelike, Days, Months, NaiveDate};
use portal_tests::{create_user, fixtures, pdf_text, TestApp};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::applications::registered;
use crate::assessment::body;
use crate::payments::form;

const PASSWORD: &str = "ett långt lösenord";

async fn mails(app: &TestApp, kind: &str) -> Vec<serde_json::Value> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("email"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.payload)
        .filter(|p| p["kind"] == kind)
        .collect()
}

async fn app_events(app: &TestApp, kind: &str) -> u64 {
    use sea_orm::PaginatorTrait;
    app::backend::entities::domain_event::Entity::find()
        .filter(app::backend::entities::domain_event::Column::EventType.eq(kind))
        .count(&app.db)
        .await
        .unwrap()
}

async fn reports(app: &TestApp, id: Uuid) -> Vec<partnership_report::Model> {
    partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(id))
        .order_by_asc(partnership_report::Column::Number)
        .all(&app.db)
        .await
        .unwrap()
}

/// The agreement form for `association`, starting `start`, half-yearly.
pub(crate) fn agreement(
    association: Uuid,
    start: NaiveDate,
) -> std::collections::HashMap<String, String> {
    let first_end = start + Months::new(12) - Days::new(1);
    let last_end = start + Months::new(36) - Days::new(1);
    form(&[
        ("forening", &association.to_string()),
        ("dnr", "SOF 2023/202"),
        (
            "verksamhet",
            "Öppen verksamhet för deltagare inom Bostad Först",
        ),
        ("malgrupp", "Personer som levt i långvarig hemlöshet."),
        (
            "syfte",
            "Att motverka ensamhet, isolering och sysslolöshet.",
        ),
        ("stadens_ataganden", "Lokaler och medel."),
        ("partnerns_ataganden", "Aktiviteter måndag till fredag."),
        ("belopp_per_ar", "1 200 000"),
        ("startdatum", &start.to_string()),
        ("forsta_slutdatum", &first_end.to_string()),
        ("forlangning_manader", "6"),
        ("sista_slutdatum", &last_end.to_string()),
        ("uppsagning_senast", "31 december"),
        ("rapportperiod_manader", "6"),
        ("rapport_dagar_efter", "31"),
        ("styrgrupp_motesrytm", "tre gånger per halvår"),
        ("samverkansgrupp_motesrytm", "varje vecka"),
    ])
}

fn full_report(revision: i32) -> std::collections::HashMap<String, String> {
    form(&[
        ("version", &revision.to_string()),
        (
            "sammanfattning",
            "Aktiviteter enligt schema måndag till fredag.",
        ),
        ("aktivitet_1", "Sygrupp"),
        ("aktivitet_schema_1", "måndagar"),
        ("aktivitet_2", "Matlagningskurs"),
        ("deltagare_min", "2"),
        ("deltagare_max", "6"),
        ("tillfalle_1", "Framtidsverkstad"),
        ("tillfalle_antal_1", "15"),
        ("citat", "Mallis är bra.\n\nMan ska inte ge upp på oss."),
        ("hinder", "Dagsform och avsaknad av SL-kort."),
        ("utvecklingsomraden", "Nå fler deltagare."),
        ("kvinnor", "26"),
        ("man", "74"),
        ("medel", "Huvudsakligen löner."),
        ("personal", "En koordinator."),
        ("timmar", "58"),
    ])
}

#[tokio::test]
async fn a_partnership_is_created_reported_on_reviewed_and_its_statement_printed() {
    let app = portal_tests::spawn_app().await;
    let ctx = app.ctx();
    let today = ctx.today;
    let officer = create_user(&app.db, "officer", "emelie@stad.se", PASSWORD).await;
    let officer_cookie = app.sign_in("emelie@stad.se", PASSWORD).await;
    // The partner: an owner who is not a verified representative yet.
    let owner = create_user(&app.db, "applicant", "maja@streetminds.se", PASSWORD).await;
    let partner = fixtures::association_with_owner(&app.db, "802520-1461", owner).await;
    let owner_cookie = app.sign_in("maja@streetminds.se", PASSWORD).await;
    registered(&app, "802534-3750", "sara@example.se").await;
    let stranger_cookie = app.sign_in("sara@example.se", PASSWORD).await;

    // Bad input: every problem by its field, in Swedish, 422, the typing kept, nothing
    // stored.
    let start = NaiveDate::from_ymd_opt(today.year() - 1, today.month(), 1).unwrap();
    let mut bad = agreement(partner, start);
    bad.insert(
        "forsta_slutdatum".into(),
        (start - Days::new(1)).to_string(),
    );
    bad.insert("uppsagning_senast".into(), "31 juni".into());
    bad.insert("belopp_per_ar".into(), "mycket".into());
    bad.insert("verksamhet".into(), "Skrivargrupp på Mallis".into());
    let refused = app
        .post_form_as(
            Some(&officer_cookie),
            "/handlaggning/partnerskap/nytt",
            &body(&bad),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Avtalet ska sluta efter att det börjar."),
        "{page}"
    );
    assert!(page.contains("Skriv dagen som MM-DD"));
    assert!(
        page.contains("Skrivargrupp på Mallis"),
        "the typing is kept"
    );
    assert_eq!(
        partnership::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        0
    );

    // An applicant cannot create one.
    let denied = app
        .post_form_as(
            Some(&owner_cookie),
            "/handlaggning/partnerskap/nytt",
            &body(&agreement(partner, start)),
        )
        .await;
    assert!(
        denied.status() == 404 || denied.status() == 403,
        "{}",
        denied.status()
    );

    // The officer creates it; the periods begun so far are scheduled (a year ago: two
    // half-years, maybe three).
    let created = app
        .post_form_as(
            Some(&officer_cookie),
            "/handlaggning/partnerskap/nytt",
            &body(&agreement(partner, start)),
        )
        .await;
    assert_eq!(created.status(), 303);
    let row = partnership::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let id = row.id;
    assert_eq!(row.officer_id, Some(officer));
    let scheduled = reports(&app, id).await;
    assert!(scheduled.len() >= 2, "{}", scheduled.len());
    assert_eq!(scheduled[0].period_from, start);
    assert_eq!(
        scheduled[0].period_to,
        start + Months::new(6) - Days::new(1)
    );
    assert_eq!(scheduled[0].due_on, scheduled[0].period_to + Days::new(31));

    // The officers' overview and page show the computed dates.
    let overview = app
        .get_as(&officer_cookie, "/handlaggning/partnerskap")
        .await;
    assert_eq!(overview.status(), 200);
    let overview = overview.text().await.unwrap();
    assert!(overview.contains("Öppen verksamhet för deltagare inom Bostad Först"));
    let staff_page = app
        .get_as(&officer_cookie, &format!("/handlaggning/partnerskap/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(staff_page.contains("Därefter förlängs partnerskapet med ett halvår i taget"));

    // The partner sees its partnership; another association and the public do not.
    let mine = app
        .get_as(&owner_cookie, &format!("/partnerskap/{id}"))
        .await;
    assert_eq!(mine.status(), 200);
    let other = app
        .get_as(&stranger_cookie, &format!("/partnerskap/{id}"))
        .await;
    assert_eq!(other.status(), 404);
    let other = app
        .get_as(&stranger_cookie, &format!("/partnerskap/{id}/rapport/1"))
        .await;
    assert_eq!(other.status(), 404);
    let public = app.get(&format!("/partnerskap/{id}")).await;
    assert!(public.status().is_redirection());
    let staff_only = app
        .get_as(&owner_cookie, &format!("/handlaggning/partnerskap/{id}"))
        .await;
    assert_ne!(staff_only.status(), 200);
    let foreign_save = app
        .post_form_as(
            Some(&stranger_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&full_report(0)),
        )
        .await;
    assert_eq!(foreign_save.status(), 404);

    // A member saves a draft; a bad figure is refused by its field and kept.
    let mut bad_report = full_report(0);
    bad_report.insert("deltagare_max".into(), "1".into());
    let refused = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&bad_report),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("kan inte vara mindre än det minsta"));
    assert!(page.contains("Framtidsverkstad"), "the typing is kept");
    let saved = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&full_report(0)),
        )
        .await;
    assert_eq!(saved.status(), 303);
    // Sending in needs a verified representative.
    let mut send = full_report(1);
    send.insert("atgard".into(), "skicka".into());
    let unverified = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&send),
        )
        .await;
    assert_eq!(unverified.status(), 403);
    fixtures::verified_representative(&app.db, partner, owner).await;
    // A stale revision is refused with what was typed kept.
    let mut stale = send.clone();
    stale.insert("version".into(), "0".into());
    let conflict = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&stale),
        )
        .await;
    assert_eq!(conflict.status(), 409);
    // Incomplete: what is missing, by the field.
    let mut incomplete = send.clone();
    incomplete.insert("medel".into(), String::new());
    let missing = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&incomplete),
        )
        .await;
    assert_eq!(missing.status(), 422);
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains("Beskriv hur medlen har använts."));
    let sent = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&send),
        )
        .await;
    assert_eq!(sent.status(), 303);
    assert_eq!(
        reports(&app, id).await[0].status,
        ReportStatus::Submitted.as_str()
    );
    // Sent in, it cannot be changed.
    let mut again = full_report(2);
    again.insert("sammanfattning".into(), "Ändrat i efterhand.".into());
    let locked = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&again),
        )
        .await;
    assert_eq!(locked.status(), 409);

    // The officer asks for changes (a message is required), the partner sends it again,
    // the officer approves; each verdict is mailed.
    let review = format!("/handlaggning/partnerskap/{id}/rapport/1");
    let no_note = app
        .post_form_as(
            Some(&officer_cookie),
            &review,
            "beslut=andringar&meddelande=",
        )
        .await;
    assert_eq!(no_note.status(), 422);
    let changes = app
        .post_form_as(
            Some(&officer_cookie),
            &review,
            "beslut=andringar&meddelande=Beskriv+hur+ni+n%C3%A5r+fler+kvinnor.",
        )
        .await;
    assert_eq!(changes.status(), 303);
    // Asked for changes, the partner has at least two more weeks.
    assert!(reports(&app, id).await[0].due_on >= today + Days::new(14));
    let revision = reports(&app, id).await[0].revision;
    let mut resend = full_report(revision);
    resend.insert("atgard".into(), "skicka".into());
    resend.insert(
        "utvecklingsomraden".into(),
        "Kvinnogruppen utvecklas.".into(),
    );
    let sent = app
        .post_form_as(
            Some(&owner_cookie),
            &format!("/partnerskap/{id}/rapport/1"),
            &body(&resend),
        )
        .await;
    assert_eq!(sent.status(), 303);
    let approved = app
        .post_form_as(Some(&officer_cookie), &review, "beslut=godkann&meddelande=")
        .await;
    assert_eq!(approved.status(), 303);
    assert_eq!(
        reports(&app, id).await[0].status,
        ReportStatus::Approved.as_str()
    );
    let verdicts = mails(&app, "partnership_report_reviewed").await;
    assert_eq!(verdicts.len(), 2);
    assert_eq!(verdicts[0]["to"], "maja@streetminds.se");

    // The tjänsteutlåtande: a draft from the agreement and the report, then saved and
    // printed, and as PDF.
    let page = app
        .get_as(&officer_cookie, &review)
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Socialnämnden godkänner uppföljningen av IOP-samarbetet avseende öppen verksamhet för deltagare inom Bostad Först."));
    assert!(page.contains("Av deltagarna är 26 procent kvinnor och 74 procent män."));
    let mut statement = form(&[
        ("forslag", "Socialnämnden godkänner uppföljningen av IOP-samarbetet avseende öppen verksamhet för deltagare inom Bostad Först."),
        ("ut_sammanfattning", "Sedan i fjol ingår socialnämnden i ett partnerskap med Street Minds."),
        ("bakgrund", "Partnerskapet gäller i ett år och förlängs därefter."),
        ("arendet", "Aktiviteter har hållits enligt schema."),
        ("synpunkter", "”Mallis är bra.”"),
        ("ut_utvecklingsomraden", "Nå fler deltagare."),
        ("ledning", "Styrgrupp och samverkansgrupp."),
        ("jamstalldhet", "26 procent kvinnor och 74 procent män."),
        ("beredning", "Rådet för funktionshinderfrågor har haft möjlighet att behandla ärendet."),
        ("forvaltningens_synpunkter", "Förvaltningen föreslår att nämnden godkänner uppföljningen."),
    ]);
    statement.insert("sammantrade".into(), Uuid::now_v7().to_string());
    let no_meeting = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/tjansteutlatande"),
            &body(&statement),
        )
        .await;
    assert_eq!(no_meeting.status(), 422);
    // The committee meeting it goes to lists it.
    let meeting = Uuid::now_v7();
    committee_meeting::Entity::insert(committee_meeting::ActiveModel {
        id: Set(meeting),
        body: Set("Socialnämnden".into()),
        meeting_on: Set(today),
        cases_by: Set(today - Days::new(10)),
        place: Set("Stadshuset".into()),
        justered_on: Set(None),
        created_by: Set(officer),
        created_at: Set(chrono::Utc::now()),
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap();
    statement.insert("sammantrade".into(), meeting.to_string());
    let stored = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/tjansteutlatande"),
            &body(&statement),
        )
        .await;
    assert_eq!(stored.status(), 303);
    let print = app
        .get_as(&officer_cookie, &format!("{review}/tjansteutlatande"))
        .await
        .text()
        .await
        .unwrap();
    assert!(print.contains("Ärendets beredning"));
    assert!(print.contains("Rådet för funktionshinderfrågor har haft möjlighet"));
    assert!(print.contains("Socialnämnden"));
    let agenda = app
        .get_as(&officer_cookie, &format!("/handlaggning/moten/{meeting}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        agenda.contains("Uppföljningar av partnerskap (IOP)"),
        "{agenda}"
    );
    assert!(agenda.contains(&format!("{review}/tjansteutlatande")));
    let pdf = app
        .get_as(&officer_cookie, &format!("{review}/tjansteutlatande.pdf"))
        .await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let text = pdf_text(&pdf.bytes().await.unwrap());
    assert!(text.contains("Deltagares synpunkter"), "{text}");
    assert!(text.contains("SOF 2023/202"));
    let partner_pdf = app
        .get_as(&owner_cookie, &format!("{review}/tjansteutlatande.pdf"))
        .await;
    assert_ne!(partner_pdf.status(), 200);

    // The follow-up goes to the committee like any case: onto the agenda with the next
    // §, decided, and justerad; the partner reads the decision on the report.
    let undecidable = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/namndbeslut"),
            "beslut=godkand",
        )
        .await;
    assert_eq!(undecidable.status(), 409, "not on the agenda yet");
    let onto = app
        .post_form_as(Some(&officer_cookie), &format!("{review}/dagordning"), "")
        .await;
    assert_eq!(onto.status(), 303);
    assert!(onto.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with(&format!("/handlaggning/moten/{meeting}")));
    assert_eq!(reports(&app, id).await[0].paragraph, Some(1));
    let twice = app
        .post_form_as(Some(&officer_cookie), &format!("{review}/dagordning"), "")
        .await;
    assert_eq!(twice.status(), 409);
    // On the agenda, it cannot move to another meeting.
    statement.insert("sammantrade".into(), String::new());
    let moved = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/tjansteutlatande"),
            &body(&statement),
        )
        .await;
    assert_eq!(moved.status(), 422);
    assert_eq!(reports(&app, id).await[0].meeting_id, Some(meeting));
    let justera = format!("/handlaggning/moten/{meeting}/justera");
    let early = app
        .post_form_as(
            Some(&officer_cookie),
            &justera,
            &format!("justerad={today}"),
        )
        .await;
    assert_eq!(early.status(), 409);
    assert!(early
        .text()
        .await
        .unwrap()
        .contains("§ 1 är inte beslutad än."));
    let no_choice = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/namndbeslut"),
            "beslut=bevilja",
        )
        .await;
    assert_eq!(no_choice.status(), 422);
    let decided = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/namndbeslut"),
            "beslut=godkand&reservation=&jav=Kim+Ek",
        )
        .await;
    assert_eq!(decided.status(), 303);
    let agenda = app
        .get_as(&officer_cookie, &format!("/handlaggning/moten/{meeting}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(agenda.contains("§ 1 – SOF 2023/202"), "{agenda}");
    assert!(agenda.contains("Kim Ek deltar inte i handläggningen på grund av jäv."));
    // Until the minutes are justerade the partner reads only that it is on the agenda.
    let before = app
        .get_as(&owner_cookie, &format!("/partnerskap/{id}/rapport/1"))
        .await
        .text()
        .await
        .unwrap();
    assert!(before.contains("Tas upp av socialnämnden"), "{before}");
    assert!(!before.contains("godkänner uppföljningen"), "{before}");
    let justered = app
        .post_form_as(
            Some(&officer_cookie),
            &justera,
            &format!("justerad={today}"),
        )
        .await;
    assert_eq!(justered.status(), 303);
    let report_page = app
        .get_as(&owner_cookie, &format!("/partnerskap/{id}/rapport/1"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        report_page.contains("§ 1, och godkänner uppföljningen."),
        "{report_page}"
    );
    assert!(report_page.contains("Protokollet justerades den"));
    let recorded = app_events(&app, "partnership.follow_up_justered").await;
    assert_eq!(recorded, 1);
    let decided = mails(&app, "partnership_follow_up_decided").await;
    assert_eq!(decided.len(), 1, "the partner's member");
    assert_eq!(decided[0]["to"], "maja@streetminds.se");
    assert_eq!(decided[0]["data"]["decision"], "godkänner uppföljningen");
    assert_eq!(decided[0]["data"]["paragraph"], 1);
    let after = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/namndbeslut"),
            "beslut=aterremitterad",
        )
        .await;
    assert_eq!(after.status(), 409, "justerat: the decision stands");
    statement.insert("sammantrade".into(), meeting.to_string());
    let rewritten = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{review}/tjansteutlatande"),
            &body(&statement),
        )
        .await;
    assert_eq!(
        rewritten.status(),
        409,
        "justerat: the tjänsteutlåtande stands"
    );

    // Groups: a member needs a name; meeting notes are sanitised.
    let group_page = format!("/handlaggning/partnerskap/{id}");
    let nameless = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{group_page}/ledamoter"),
            "grupp=styrgrupp&part=partner&namn=&organisation=Street+Minds&roll=Kass%C3%B6r",
        )
        .await;
    assert_eq!(nameless.status(), 422);
    // The message by its field (the summary's link lands on it), the typing kept.
    let page = nameless.text().await.unwrap();
    assert!(page.contains("href=\"#falt-namn\""), "{page}");
    assert!(page.contains("id=\"falt-namn\""));
    assert!(page.contains("value=\"Kassör\""));
    let added = app
        .post_form_as(Some(&officer_cookie), &format!("{group_page}/ledamoter"), "grupp=styrgrupp&part=partner&namn=Maja+Lindqvist&organisation=Street+Minds&roll=Verksamhetsansvarig")
        .await;
    assert_eq!(added.status(), 303);
    let notes = format!(
        "motesgrupp=samverkansgrupp&motesdatum={today}&anteckningar={}",
        portal_tests::encode(
            "## Veckomöte\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
        )
    );
    let noted = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{group_page}/moten"),
            &notes,
        )
        .await;
    assert_eq!(noted.status(), 303);
    let partner_page = app
        .get_as(&owner_cookie, &format!("/partnerskap/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(partner_page.contains("Maja Lindqvist"));
    assert!(partner_page.contains("Veckomöte"));
    assert!(!partner_page.contains("<script>alert(1)"));
    assert!(partner_page.contains(">x</a>"), "the link's text stays");
    assert!(!partner_page.contains("href=\"javascript:"));

    // Notice by the partner: a future date is refused; today's fixes the end.
    let tomorrow = today + Days::new(1);
    let future = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{group_page}/uppsagning"),
            &format!("uppsagd_datum={tomorrow}&uppsagd_av=partner&uppsagning_kommentar="),
        )
        .await;
    assert_eq!(future.status(), 422);
    let given = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{group_page}/uppsagning"),
            &format!("uppsagd_datum={today}&uppsagd_av=partner&uppsagning_kommentar=Föreningen+avvecklar"),
        )
        .await;
    assert_eq!(given.status(), 303);
    let row = partnership::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.notice_on, Some(today));
    let ends = commands::terms_of(&row).ends_after_notice(today);
    let staff_page = app
        .get_as(&officer_cookie, &group_page)
        .await
        .text()
        .await
        .unwrap();
    assert!(staff_page.contains(&format!(
        "Partnerskapet upphör den {}",
        app::domain::programme_window::long_date(ends)
    )));
    let twice = app
        .post_form_as(
            Some(&officer_cookie),
            &format!("{group_page}/uppsagning"),
            &format!("uppsagd_datum={today}&uppsagd_av=stad&uppsagning_kommentar="),
        )
        .await;
    assert_eq!(twice.status(), 409);
}

#[tokio::test]
async fn reminders_and_deadline_warnings_follow_the_clock_once_each() {
    // The test's clock runs the rounds: no worker's housekeeping on today's date between.
    let app = portal_tests::spawn_app_with(|s| s.worker.in_process = false).await;
    let officer = create_user(&app.db, "officer", "emelie@stad.se", PASSWORD).await;
    let owner = create_user(&app.db, "applicant", "maja@streetminds.se", PASSWORD).await;
    let partner = fixtures::association_with_owner(&app.db, "802520-1461", owner).await;
    // The seed's agreement, on the seed's clock.
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut ctx = app.ctx();
    ctx.today = day(2023, 7, 3);
    let mut agreement = agreement(partner, day(2023, 7, 1));
    agreement.insert("forsta_slutdatum".into(), "2024-06-30".into());
    agreement.insert("sista_slutdatum".into(), "2026-06-30".into());
    let id = commands::create(&ctx, officer, &agreement).await.unwrap();
    assert_eq!(
        reports(&app, id).await.len(),
        1,
        "the first half-year has begun"
    );

    // 30 days before the first report is due (31 January 2024): the reminder, once.
    ctx.today = day(2024, 1, 1);
    commands::remind(&ctx).await.unwrap();
    commands::remind(&ctx).await.unwrap();
    let sent = mails(&app, "partnership_report_reminder").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["data"]["stage"], "before");
    // The new half-year was scheduled by the round.
    assert_eq!(reports(&app, id).await.len(), 2);

    // The officer moves the due date (a changed date gets its reminders again).
    partnership_report::Entity::update_many()
        .col_expr(
            partnership_report::Column::DueOn,
            Expr::value(day(2024, 2, 15)),
        )
        .filter(partnership_report::Column::PartnershipId.eq(id))
        .filter(partnership_report::Column::Number.eq(1))
        .exec(&app.db)
        .await
        .unwrap();
    ctx.today = day(2024, 2, 16);
    commands::remind(&ctx).await.unwrap();
    commands::remind(&ctx).await.unwrap();
    let sent = mails(&app, "partnership_report_reminder").await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1]["data"]["stage"], "overdue");
    assert_eq!(sent[1]["data"]["due"], "15 februari 2024");

    // 60 days before the notice deadline of 31 December 2024 the officer is warned,
    // once (the 2023 deadline passed before the first round that could warn of it was
    // within 60 days: the round on 3 July 2023 was too early, on 1 January too late).
    let warned = mails(&app, "partnership_notice_deadline").await;
    assert_eq!(warned.len(), 0);
    ctx.today = day(2024, 10, 31);
    commands::remind(&ctx).await.unwrap();
    assert_eq!(
        mails(&app, "partnership_notice_deadline").await.len(),
        0,
        "61 days before"
    );
    ctx.today = day(2024, 11, 1);
    commands::remind(&ctx).await.unwrap();
    commands::remind(&ctx).await.unwrap();
    let warned = mails(&app, "partnership_notice_deadline").await;
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0]["to"], "emelie@stad.se");
    assert_eq!(warned[0]["data"]["deadline"], "31 december 2024");
    assert_eq!(warned[0]["data"]["ends_on"], "30 juni 2025");
    assert_eq!(warned[0]["data"]["extended_to"], "30 juni 2026");

    // In 2025 the last date is reached: no deadline, no warning.
    ctx.today = day(2025, 11, 15);
    commands::remind(&ctx).await.unwrap();
    assert_eq!(mails(&app, "partnership_notice_deadline").await.len(), 1);
    // Reports run to the last period and no further.
    ctx.today = day(2027, 1, 1);
    commands::remind(&ctx).await.unwrap();
    let all = reports(&app, id).await;
    assert_eq!(all.len(), 6);
    assert_eq!(all.last().unwrap().period_to, day(2026, 6, 30));
}
