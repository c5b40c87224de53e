//! Applications: drafts step by step, the rules at submit, the Dnr, the receipt, and
//! that nobody else sees or changes them.
use std::collections::HashMap;

use app::backend::entities::{application, application_version, outbox};
use app::features::applications::{commands, step, Status, STEPS};
use portal_tests::{create_user, encode, fixtures, spawn_app, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

/// The seeded "Tidsbegränsat bidrag" (open all year, prefix SOF, 1–12 months).
pub(crate) const TIME_LIMITED: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0003);
/// The seeded "Verksamhetsbidrag" (1 April–31 May).
const OPERATING: Uuid = Uuid::from_u128(0x0192_0000_0000_7000_8000_0000_0000_0001);

/// Each step's answers from the OFU seed (Kindness & Compassion, 2024), shortened.
pub(crate) fn seed_steps() -> Vec<(&'static str, Vec<(String, String)>)> {
    let p = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    vec![
        (
            "aktuell-ansokan",
            p(&[
                ("activity_name", "Etablering av ett självhjälpscenter"),
                ("period_from", "2024-01-01"),
                ("period_to", "2024-12-31"),
                ("requested_ore", "500 000 kr"),
                (
                    "summary",
                    "Ett självhjälpscenter för personer i utsatta situationer.",
                ),
            ]),
        ),
        (
            "malgrupp",
            p(&[(
                "target_group",
                "Människor i utanförskap och social isolering.",
            )]),
        ),
        (
            "verksamhet",
            p(&[
                (
                    "activity_description",
                    "Samtalsgrupper, filmvisning och mötesplatser.",
                ),
                ("activities_0_kind", "Samtalsgrupper"),
                ("activities_0_occasions", "30"),
                ("activities_0_participants", "8"),
            ]),
        ),
        (
            "mal",
            p(&[
                ("goals_0_text", "Minska ensamhet och isolering."),
                ("goals_1_text", "Ge hopp och förbättrad livskvalitet."),
            ]),
        ),
        (
            "kompetens",
            p(&[("competence", "Generalsekreteraren är socionom och diakon.")]),
        ),
        (
            "jamstalldhet",
            p(&[
                (
                    "gender_equality",
                    "Samarbete med Citypolarna för att nå fler män.",
                ),
                ("share_women", "80"),
                ("share_men", "20"),
            ]),
        ),
        (
            "likabehandling",
            p(&[(
                "equal_treatment",
                "Värdegrund och utbildning av volontärer.",
            )]),
        ),
        (
            "lokal",
            p(&[("premises", "Hotell i city upplåter rum gratis.")]),
        ),
        (
            "budget",
            p(&[
                ("budget_income_0_source", "Medlemsintäkter"),
                ("budget_income_0_amount_ore", "3 000"),
                ("budget_income_0_status", "beviljat"),
                ("budget_income_1_source", "Allmänna Arvsfonden"),
                ("budget_income_1_amount_ore", "1 097 000"),
                ("budget_income_1_status", "planerar"),
                ("budget_costs_0_category", "Personal"),
                (
                    "budget_costs_0_description",
                    "Generalsekreterare och administratör",
                ),
                ("budget_costs_0_amount_ore", "1 500 000"),
                ("budget_costs_1_category", "Förbrukningsmaterial"),
                ("budget_costs_1_description", ""),
                ("budget_costs_1_amount_ore", "100 000"),
            ]),
        ),
    ]
}

/// An association whose owner is a verified representative: (association, owner).
pub(crate) async fn registered(app: &TestApp, org: &str, email: &str) -> (Uuid, Uuid) {
    let owner = create_user(&app.db, "applicant", email, "ett långt lösenord").await;
    let association = fixtures::association_with_owner(&app.db, org, owner).await;
    fixtures::verified_representative(&app.db, association, owner).await;
    (association, owner)
}

/// Attaches the documents the time-limited grant asks for through the command, as if
/// the upload handler had stored them (the storage itself is tested in `attachments`).
pub(crate) async fn attach_required(app: &TestApp, user: Uuid, id: Uuid) {
    for (i, kind) in ["stadgar", "verksamhetsberattelse", "budget"]
        .iter()
        .enumerate()
    {
        let file = commands::StoredDocument {
            key: format!("2026/{}", Uuid::now_v7()),
            kind: app::domain::document::FileKind::Pdf,
            size: 1000,
            sha256: format!("{id}{i}"),
            file_name: format!("{kind}.pdf"),
        };
        commands::attach(&app.ctx(), user, id, kind, None, &[file])
            .await
            .unwrap();
    }
}

/// Fills every step of the draft through the commands, as the forms would, and
/// attaches the required documents.
pub(crate) async fn fill(app: &TestApp, user: Uuid, id: Uuid) {
    attach_required(app, user, id).await;
    let ctx = app.ctx();
    for (slug, pairs) in seed_steps() {
        let row = application::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let form: HashMap<String, String> = pairs.into_iter().collect();
        commands::save_step(
            &ctx,
            user,
            id,
            row.revision,
            step(slug).unwrap(),
            &form,
            commands::Action::Save,
        )
        .await
        .unwrap_or_else(|e| panic!("{slug}: {e}"));
    }
}

fn form_body(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_seed_application_is_written_step_by_step_submitted_once_and_gets_a_dnr() {
    let app = spawn_app().await;
    let (association, _) = registered(&app, "802534-3750", "sara@example.se").await;
    let member = create_user(
        &app.db,
        "applicant",
        "nils@example.se",
        "ett långt lösenord",
    )
    .await;
    fixtures::add_member(&app.db, association, member, "member").await;
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;

    let list = app
        .get_as(&cookie, &format!("/foreningar/{association}/ansokningar"))
        .await;
    assert_eq!(list.status(), 200);
    let started = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{association}/ansokningar"),
            &format!("programme={TIME_LIMITED}"),
        )
        .await;
    assert_eq!(started.status(), 303);
    let case = location(&started);
    let id = Uuid::parse_str(case.trim_start_matches("/ansokningar/")).unwrap();

    for (index, (slug, pairs)) in seed_steps().into_iter().enumerate() {
        let revision = application::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .revision;
        let mut body = pairs.clone();
        body.push(("revision".into(), revision.to_string()));
        body.push(("action".into(), "spara".into()));
        // A field no form has is ignored, never applied.
        body.push(("status".into(), "beviljad".into()));
        let saved = app
            .post_form_as(
                Some(&cookie),
                &format!("/ansokningar/{id}/steg/{slug}"),
                &form_body(&body),
            )
            .await;
        assert_eq!(saved.status(), 303, "{slug}");
        let next = STEPS
            .get(index + 1)
            .map(|s| format!("/ansokningar/{id}/steg/{}", s.slug))
            .unwrap_or(format!("/ansokningar/{id}/bilagor"));
        assert_eq!(location(&saved), next);
    }
    let missing = app
        .get_as(&cookie, &format!("/ansokningar/{id}/skicka-in"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        missing.contains(&format!("/ansokningar/{id}/bilagor#falt-bilaga_stadgar")),
        "a missing document links to the attachments"
    );
    for (kind, name) in [
        ("stadgar", "Stadgar.pdf"),
        ("verksamhetsberattelse", "Verksamhetsberättelse 2025.pdf"),
        ("budget", "Budget.pdf"),
    ] {
        let content = format!("%PDF-1.4\n{kind}\n");
        let uploaded = app
            .post_multipart_as(
                &cookie,
                &format!("/ansokningar/{id}/bilagor"),
                &[
                    ("document_type", None, kind.as_bytes()),
                    ("document", Some(name), content.as_bytes()),
                ],
            )
            .await;
        assert_eq!(uploaded.status(), 303, "{kind}");
    }
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, Status::Draft);
    assert_eq!(row.requested_ore, 50_000_000);

    let review = app
        .get_as(&cookie, &format!("/ansokningar/{id}/skicka-in"))
        .await;
    assert_eq!(review.status(), 200);
    let html = review.text().await.unwrap();
    assert!(
        html.contains("Summa intäkter"),
        "the review shows the budget"
    );
    assert!(
        html.contains("1\u{a0}600\u{a0}000"),
        "both totals are 1 600 000"
    );
    let key = html
        .split("name=\"submit_key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    for _ in 0..2 {
        let sent = app
            .post_form_as(
                Some(&cookie),
                &format!("/ansokningar/{id}/skicka-in"),
                &format!("submit_key={key}"),
            )
            .await;
        assert_eq!(sent.status(), 303);
        assert_eq!(location(&sent), format!("/ansokningar/{id}/kvitto"));
    }
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(row.dnr.as_deref(), Some(format!("SOF {year}/1").as_str()));
    assert_eq!(row.status, Status::Submitted);
    assert!(!row.unbalanced);
    let versions = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(versions, 1, "a double submit makes one submission");
    let receipts = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("email"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.payload.to_string().contains("application_received"))
        .count();
    assert_eq!(
        receipts, 2,
        "every member of the association gets the receipt"
    );

    let receipt = app
        .get_as(&cookie, &format!("/ansokningar/{id}/kvitto"))
        .await
        .text()
        .await
        .unwrap();
    assert!(receipt.contains(&format!("SOF {year}/1")));
    let case_page = app
        .get_as(&cookie, &format!("/ansokningar/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(case_page.contains("Ansökan skickades in"), "the timeline");
    assert!(
        !case_page.contains("sara@example.se"),
        "names, not addresses"
    );

    // Withdrawn after a confirmation; then it stays withdrawn.
    let withdrawn = app
        .post_form_as(Some(&cookie), &format!("/ansokningar/{id}/aterkalla"), "")
        .await;
    assert_eq!(withdrawn.status(), 303);
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, Status::Withdrawn);
}

#[tokio::test]
async fn a_refused_step_keeps_what_was_typed_and_says_why_by_the_field() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    let body = "revision=1&action=spara&activity_name=Sj%C3%A4lvhj%C3%A4lp&requested_ore=-5&period_from=1+januari";
    let refused = app
        .post_form_as(
            Some(&cookie),
            &format!("/ansokningar/{id}/steg/aktuell-ansokan"),
            body,
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Beloppet kan inte vara negativt."));
    assert!(html.contains(app::features::applications::BAD_DATE));
    assert!(
        html.contains("value=\"Självhjälp\""),
        "what was typed stays"
    );
    assert!(html.contains("value=\"-5\""));
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.revision, row.activity_name.as_str()),
        (1, ""),
        "nothing was saved"
    );

    // A save based on an older revision is refused with 409 and keeps the text.
    let ok = app
        .post_form_as(
            Some(&cookie),
            &format!("/ansokningar/{id}/steg/malgrupp"),
            "revision=1&action=spara&target_group=Alla",
        )
        .await;
    assert_eq!(ok.status(), 303);
    let stale = app
        .post_form_as(
            Some(&cookie),
            &format!("/ansokningar/{id}/steg/malgrupp"),
            "revision=1&action=spara&target_group=Unga",
        )
        .await;
    assert_eq!(stale.status(), 409);
    let html = stale.text().await.unwrap();
    assert!(html.contains("Någon annan i föreningen sparade ansökan"));
    assert!(
        html.contains("Unga\n") || html.contains(">Unga<"),
        "the typed text stays in its field"
    );

    // Rows are added and removed by plain posts.
    let added = app
        .post_form_as(
            Some(&cookie),
            &format!("/ansokningar/{id}/steg/mal"),
            "revision=2&action=lagg-till-goals&goals_rows=1&goals_0_text=F%C3%B6rsta",
        )
        .await;
    assert_eq!(added.status(), 303);
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.content.contains("Första"));
    let content: app::features::applications::Content = serde_json::from_str(&row.content).unwrap();
    assert_eq!(content.goals.len(), 2);
}

#[tokio::test]
async fn another_association_and_a_member_who_is_not_a_representative_are_refused() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    fill(&app, owner, id).await;

    let _other = registered(&app, "556000-0001", "eva@example.se").await;
    let eva = app.sign_in("eva@example.se", "ett långt lösenord").await;
    assert_eq!(
        app.get_as(&eva, &format!("/ansokningar/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get_as(&eva, &format!("/foreningar/{association}/ansokningar"))
            .await
            .status(),
        404
    );
    let post = app
        .post_form_as(
            Some(&eva),
            &format!("/ansokningar/{id}/steg/lokal"),
            "revision=10&premises=Mitt",
        )
        .await;
    assert_eq!(post.status(), 404);
    let post = app
        .post_form_as(
            Some(&eva),
            &format!("/ansokningar/{id}/skicka-in"),
            "submit_key=abc",
        )
        .await;
    assert_eq!(post.status(), 404);

    let member = create_user(
        &app.db,
        "applicant",
        "nils@example.se",
        "ett långt lösenord",
    )
    .await;
    fixtures::add_member(&app.db, association, member, "member").await;
    let refused = commands::submit(&app.ctx(), member, id, "k1").await;
    assert!(matches!(
        refused,
        Err(app::backend::command::CommandError::Forbidden(_))
    ));
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.status, row.dnr),
        (Status::Draft, None),
        "no Dnr was used"
    );
}

#[tokio::test]
async fn a_closed_programme_says_when_it_opens_and_an_incomplete_draft_says_every_problem() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let mut ctx = app.ctx();
    ctx.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let closed = commands::start(&ctx, owner, association, OPERATING).await;
    match closed {
        Err(app::backend::command::CommandError::Conflict(message)) => {
            assert!(message.contains("1 april 2027"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    match commands::submit(&app.ctx(), owner, id, "k").await {
        Err(app::backend::command::CommandError::InvalidAnswers(problems)) => {
            assert!(problems.len() >= 10, "{problems:?}");
            assert!(problems[0].0.starts_with("aktuell-ansokan/"));
            assert!(
                problems
                    .iter()
                    .any(|(field, message)| field == "bilagor/bilaga_stadgar"
                        && message == "Bifoga stadgar."),
                "a missing required document is a problem too: {problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn concurrent_submits_get_distinct_consecutive_diarienummer() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let mut ids = vec![];
    for _ in 0..12 {
        let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
            .await
            .unwrap();
        fill(&app, owner, id).await;
        ids.push(id);
    }
    let submits = ids.iter().enumerate().map(|(i, id)| {
        let ctx = app.ctx();
        let id = *id;
        async move { commands::submit(&ctx, owner, id, &format!("key-{i}")).await }
    });
    let results = futures_util::future::join_all(submits).await;
    let mut numbers: Vec<i64> = results
        .into_iter()
        .map(|r| r.expect("every submit succeeds"))
        .map(|dnr| dnr.rsplit('/').next().unwrap().parse().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=12).collect::<Vec<i64>>());
}

/// The mails queued of `kind`, as their JSON payloads.
async fn queued(app: &TestApp, kind: &str) -> Vec<serde_json::Value> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("email"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.payload)
        .filter(|payload| payload["kind"] == kind)
        .collect()
}

#[tokio::test]
async fn a_copy_of_an_earlier_application_is_made_once_however_often_it_is_asked_for() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    fill(&app, owner, id).await;
    commands::submit(&app.ctx(), owner, id, "k").await.unwrap();
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;
    let list = app
        .get_as(&cookie, &format!("/foreningar/{association}/ansokningar"))
        .await
        .text()
        .await
        .unwrap();
    let key = list
        .split("name=\"copy_key\" value=\"")
        .nth(1)
        .expect("a copy button")
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    // A double click: two posts with the same key, at once.
    let path = format!("/ansokningar/{id}/kopiera");
    let body = format!("copy_key={key}");
    let (first, second) = tokio::join!(
        app.post_form_as(Some(&cookie), &path, &body),
        app.post_form_as(Some(&cookie), &path, &body)
    );
    assert_eq!(first.status(), 303);
    assert_eq!(second.status(), 303);
    assert_eq!(location(&first), location(&second), "one copy");
    let copies = application::Entity::find()
        .filter(application::Column::CopiedFrom.eq(id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(copies.len(), 1);
    let copy = &copies[0];
    assert_eq!(copy.status, Status::Draft);
    assert_eq!(copy.dnr, None);
    assert_eq!(copy.activity_name, "Etablering av ett självhjälpscenter");
    assert_eq!(copy.requested_ore, 50_000_000);
    assert_eq!(
        (copy.period_from, copy.period_to),
        (None, None),
        "the new period is asked anew"
    );
    assert!(
        copy.content.contains("Allmänna Arvsfonden"),
        "the budget comes along"
    );

    // Someone of another association cannot copy it, even with a key of their own.
    registered(&app, "556000-0001", "eva@example.se").await;
    let eva = app.sign_in("eva@example.se", "ett långt lösenord").await;
    let refused = app
        .post_form_as(Some(&eva), &path, "copy_key=evas-egen-nyckel")
        .await;
    assert_eq!(refused.status(), 404);
}

#[tokio::test]
async fn an_officer_opens_a_closed_programme_for_one_association_with_a_reason() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let (other, other_owner) = registered(&app, "556000-0001", "eva@example.se").await;
    create_user(&app.db, "officer", "emelie@stad.se", "ett långt lösenord").await;
    let officer = app.sign_in("emelie@stad.se", "ett långt lösenord").await;
    let page = app.get_as(&officer, "/handlaggning/sena-ansokningar").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Verksamhetsbidrag"));

    // Refused: a day in the past, no reason, a programme open all year; what was typed stays.
    let refused = app
        .post_form_as(
            Some(&officer),
            "/handlaggning/sena-ansokningar",
            &format!("association={association}&programme=&open_until=2020-01-01&reason="),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Välj bidragsformen."));
    assert!(html.contains("Sista dag kan inte vara före i dag."));
    assert!(html.contains("Skriv varför föreningen får söka efter sista dag."));
    assert!(html.contains("2020-01-01"), "the typed day stays");
    let always = app
        .post_form_as(
            Some(&officer),
            "/handlaggning/sena-ansokningar",
            &format!(
                "association={association}&programme={TIME_LIMITED}&open_until=2020-01-01&reason=x"
            ),
        )
        .await;
    assert!(always
        .text()
        .await
        .unwrap()
        .contains("går att söka året runt"));

    // An applicant may not open windows: the page and the post do not exist for them.
    let sara = app.sign_in("sara@example.se", "ett långt lösenord").await;
    assert_eq!(
        app.get_as(&sara, "/handlaggning/sena-ansokningar")
            .await
            .status(),
        404
    );
    let until = (chrono::Utc::now().date_naive() + chrono::Duration::days(14)).to_string();
    let form = format!(
        "association={association}&programme={OPERATING}&open_until={until}&reason={}",
        encode("Ordföranden var sjuk i maj.")
    );
    assert_eq!(
        app.post_form_as(Some(&sara), "/handlaggning/sena-ansokningar", &form)
            .await
            .status(),
        404
    );
    let opened = app
        .post_form_as(Some(&officer), "/handlaggning/sena-ansokningar", &form)
        .await;
    assert_eq!(opened.status(), 303);
    let again = app
        .post_form_as(Some(&officer), "/handlaggning/sena-ansokningar", &form)
        .await;
    assert_eq!(
        again.status(),
        422,
        "the same opening twice changes nothing"
    );
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("Välj en senare dag för att förlänga."));
    // The applicant's draft says the last day.
    let started = app
        .post_form_as(
            Some(&sara),
            &format!("/foreningar/{association}/ansokningar"),
            &format!("programme={OPERATING}"),
        )
        .await;
    assert_eq!(started.status(), 303);
    let draft = app
        .get_as(&sara, &location(&started))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        draft.contains("Skicka in ansökan senast"),
        "the deadline is on the draft"
    );
    assert!(app
        .get_as(&officer, "/handlaggning/sena-ansokningar")
        .await
        .text()
        .await
        .unwrap()
        .contains("Ordföranden var sjuk i maj."));
    let event = app::backend::entities::domain_event::Entity::find()
        .filter(
            app::backend::entities::domain_event::Column::EventType
                .eq("programme.late_window_opened"),
        )
        .one(&app.db)
        .await
        .unwrap()
        .expect("an event");
    assert_eq!(event.aggregate_id, association);
    let mails = queued(&app, "late_window_opened").await;
    assert_eq!(mails.len(), 1, "the owner is told");
    assert_eq!(mails[0]["to"], "sara@example.se");

    // On a day outside the window: open for this association only, until the day set.
    let mut ctx = app.ctx();
    let late = app::backend::entities::late_window::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    ctx.today = late.open_until - chrono::Duration::days(1);
    let closed_anyway = ctx.today.format("%m-%d").to_string();
    if !("04-01"..="05-31").contains(&closed_anyway.as_str()) {
        commands::start(&ctx, owner, association, OPERATING)
            .await
            .expect("open for the association");
        assert!(matches!(
            commands::start(&ctx, other_owner, other, OPERATING).await,
            Err(app::backend::command::CommandError::Conflict(_))
        ));
        ctx.today = late.open_until + chrono::Duration::days(1);
        if !("04-01"..="05-31").contains(&ctx.today.format("%m-%d").to_string().as_str()) {
            assert!(
                commands::start(&ctx, owner, association, OPERATING)
                    .await
                    .is_err(),
                "closed after the day"
            );
        }
    }
}

#[tokio::test]
async fn withdrawing_a_submitted_application_tells_the_officers() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    create_user(&app.db, "officer", "emelie@stad.se", "ett långt lösenord").await;
    let draft = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    commands::withdraw(&app.ctx(), owner, draft).await.unwrap();
    assert!(
        queued(&app, "application_withdrawn").await.is_empty(),
        "a draft concerns nobody"
    );

    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    fill(&app, owner, id).await;
    let dnr = commands::submit(&app.ctx(), owner, id, "k").await.unwrap();
    commands::withdraw(&app.ctx(), owner, id).await.unwrap();
    let mails = queued(&app, "application_withdrawn").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["to"], "emelie@stad.se");
    assert_eq!(mails[0]["data"]["dnr"], dnr.as_str());
}

#[tokio::test]
async fn autosave_answers_the_new_revision_a_conflict_or_a_problem_and_nothing_to_strangers() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;
    let path = format!("/ansokningar/{id}/steg/aktuell-ansokan/autospara");
    let saved = app
        .post_form_as(
            Some(&cookie),
            &path,
            "revision=1&activity_name=Sj%C3%A4lvhj%C3%A4lp&requested_ore=500+000+kr",
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(saved.text().await.unwrap(), r#"{"revision":2}"#);
    let stale = app
        .post_form_as(Some(&cookie), &path, "revision=1&activity_name=Annat")
        .await;
    assert_eq!(stale.status(), 409);
    let bad = app
        .post_form_as(Some(&cookie), &path, "revision=2&requested_ore=-5")
        .await;
    assert_eq!(bad.status(), 422);
    let row = application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.revision, row.activity_name.as_str(), row.requested_ore),
        (2, "Självhjälp", 50_000_000)
    );

    registered(&app, "556000-0001", "eva@example.se").await;
    let eva = app.sign_in("eva@example.se", "ett långt lösenord").await;
    assert_eq!(
        app.post_form_as(Some(&eva), &path, "revision=2&activity_name=Kapat")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn an_admin_edits_and_adds_programmes_and_nobody_else_can() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    create_user(&app.db, "admin", "admin@stad.se", "ett långt lösenord").await;
    create_user(&app.db, "officer", "emelie@stad.se", "ett långt lösenord").await;
    let admin = app.sign_in("admin@stad.se", "ett långt lösenord").await;
    let officer = app.sign_in("emelie@stad.se", "ett långt lösenord").await;
    let page = format!("/admin/bidragsformer/{OPERATING}");
    assert_eq!(app.get_as(&officer, &page).await.status(), 404);
    assert_eq!(
        app.get_as(&officer, "/admin/bidragsformer").await.status(),
        404
    );
    let form = app.get_as(&admin, &page).await.text().await.unwrap();
    assert!(
        form.contains("value=\"04-01\""),
        "the stored window is in the form"
    );

    // Refused: every problem by its field, what was typed kept, nothing changed.
    let bad = "name=Verksamhetsbidrag&description=Bidrag&window_from=04-31&window_to=05-31&min_months=12&max_months=6&text_limit=4000&dnr_prefix=S0F&handling_weeks=8&required_attachments=stadgar&active=on";
    let refused = app.post_form_as(Some(&officer), &page, bad).await;
    assert_eq!(refused.status(), 404, "officers do not edit programmes");
    let refused = app.post_form_as(Some(&admin), &page, bad).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    for message in [
        "Skriv första dagen som MM-DD",
        "Längsta perioden kan inte vara kortare än den kortaste.",
        "Välj minst ett kriterium",
        "Ange prefixet för diarienumret",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("value=\"S0F\""), "the typed prefix stays");

    // Open all year from now on: a member can start a draft whatever the date.
    let always = "name=Verksamhetsbidrag&description=Bidrag+till+verksamheten&window_from=&window_to=&min_months=12&max_months=36&text_limit=3000&dnr_prefix=svb&handling_weeks=10&required_attachments=stadgar&criteria=kvalitet&criteria=kostnader&active=on";
    let saved = app.post_form_as(Some(&admin), &page, always).await;
    assert_eq!(saved.status(), 303);
    let stored = app::backend::entities::grant_programme::Entity::find_by_id(OPERATING)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.window_from, stored.window_to), (None, None));
    assert_eq!(stored.dnr_prefix, "SVB");
    assert_eq!(stored.criteria, r#"["kvalitet","kostnader"]"#);
    assert_eq!(stored.text_limit, 3000);
    let mut ctx = app.ctx();
    ctx.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    commands::start(&ctx, owner, association, OPERATING)
        .await
        .expect("open all year now");

    // A new programme, not yet open to apply for, is listed to admins.
    let added = app
        .post_form_as(
            Some(&admin),
            "/admin/bidragsformer/ny",
            "name=Sommarbidrag&description=Aktiviteter+f%C3%B6r+barn+under+sommarlovet&window_from=02-01&window_to=03-15&min_months=1&max_months=3&text_limit=2000&dnr_prefix=SOM&handling_weeks=6&criteria=kvalitet",
        )
        .await;
    assert_eq!(added.status(), 303);
    let list = app
        .get_as(&admin, "/admin/bidragsformer")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Sommarbidrag"));
    let applicant = app.sign_in("sara@example.se", "ett långt lösenord").await;
    let offered = app
        .get_as(
            &applicant,
            &format!("/foreningar/{association}/ansokningar"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !offered.contains("Sommarbidrag"),
        "an inactive programme is not offered"
    );
    let events = app::backend::entities::domain_event::Entity::find()
        .filter(app::backend::entities::domain_event::Column::AggregateType.eq("programme"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(events, 2);
}
