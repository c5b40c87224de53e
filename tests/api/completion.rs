//! Komplettering: the officer asks, the association answers with a new version, the
//! versions are kept and compared; every refusal through the forms and the commands.
use app::backend::command::CommandError;
use app::backend::entities::{application, application_version, completion_request, outbox};
use app::features::applications::{commands as applications, step, Status};
use app::features::completion::commands::{self, RequestForm};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::assessment::{office, status, Office};

const PASSWORD: &str = "ett långt lösenord";

async fn mails(o: &Office, kind: &str) -> Vec<serde_json::Value> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("email"))
        .all(&o.app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.payload)
        .filter(|p| p["kind"] == kind)
        .collect()
}

fn in_days(days: i64) -> String {
    (app::backend::time::today() + Duration::days(days)).to_string()
}

fn request_body(message: &str, reply_by: &str, documents: &[&str]) -> String {
    let mut body = format!(
        "meddelande={}&svara_senast={}",
        portal_tests::encode(message),
        portal_tests::encode(reply_by)
    );
    for d in documents {
        body.push_str(&format!("&bilagor={d}"));
    }
    body
}

async fn save_summary(o: &Office, summary: &str) {
    let row = application::Entity::find_by_id(o.case)
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    let form = [
        ("activity_name", "Etablering av ett självhjälpscenter"),
        ("period_from", "2024-01-01"),
        ("period_to", "2024-12-31"),
        ("requested_ore", "400 000 kr"),
        ("summary", summary),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    applications::save_step(
        &o.app.ctx(),
        o.owner,
        o.case,
        row.revision,
        step("aktuell-ansokan").unwrap(),
        &form,
        applications::Action::Save,
    )
    .await
    .unwrap();
}

async fn attach_other(o: &Office) {
    let file = applications::StoredDocument {
        key: format!("2026/{}", Uuid::now_v7()),
        kind: app::domain::document::FileKind::Pdf,
        size: 1000,
        sha256: format!("ny-budget-{}", o.case),
        file_name: "ny-budget.pdf".into(),
    };
    applications::attach(&o.app.ctx(), o.owner, o.case, "ovrigt", None, &[file])
        .await
        .unwrap();
}

#[tokio::test]
async fn an_officer_asks_for_a_completion_and_the_association_answers_with_a_new_version() {
    let o = office().await;
    let cookie = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let page = format!("/handlaggning/arenden/{}", o.case);
    let taken = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/handlaggare"),
            &format!("handlaggare={}", o.officer),
        )
        .await;
    assert_eq!(taken.status(), 303);

    // Refusals: each problem by its field, the typed message kept, nothing changed.
    let empty = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/komplettering"),
            &request_body("", "", &[]),
        )
        .await;
    assert_eq!(empty.status(), 422);
    let html = empty.text().await.unwrap();
    assert!(
        html.contains("Skriv vad föreningen ska komplettera."),
        "{html}"
    );
    assert!(html.contains("Ange när föreningen senast ska svara."));
    let past = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/komplettering"),
            &request_body("Skicka en ny budget.", &in_days(-1), &[]),
        )
        .await;
    assert_eq!(past.status(), 422);
    let html = past.text().await.unwrap();
    assert!(html.contains("Välj ett datum efter i dag"), "{html}");
    assert!(html.contains("Skicka en ny budget."), "the message is kept");
    let far = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/komplettering"),
            &request_body("Skicka en ny budget.", &in_days(91), &[]),
        )
        .await;
    assert_eq!(far.status(), 422);
    let odd = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/komplettering"),
            &request_body("Skicka en ny budget.", &in_days(14), &["<script>"]),
        )
        .await;
    assert_eq!(odd.status(), 422);
    assert!(odd.text().await.unwrap().contains("Välj bilagor i listan."));
    assert_eq!(status(&o.app, o.case).await, Status::Submitted);

    // The request: the case waits, the members get the mail, the queue flags it.
    let asked = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/komplettering"),
            &request_body(
                "Budgeten går inte ihop. Skicka en ny budget för hela föreningen.",
                &in_days(14),
                &["ovrigt"],
            ),
        )
        .await;
    assert_eq!(asked.status(), 303);
    assert_eq!(status(&o.app, o.case).await, Status::Completion);
    let letters = mails(&o, "completion_requested").await;
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["to"], "sara@example.se");
    assert!(letters[0]["data"]["message"]
        .as_str()
        .unwrap()
        .contains("Skicka en ny budget"));
    assert_eq!(letters[0]["data"]["documents"][0], "Övrigt");
    let queue = o
        .app
        .get_as(&cookie, "/handlaggning?status=komplettering&flaggade=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains("Bilaga saknas"), "{queue}");
    let case_page = o.app.get_as(&cookie, &page).await.text().await.unwrap();
    assert!(case_page.contains("Väntar på svar senast"));

    // Asking again while one waits, or assessing meanwhile, is refused.
    let again = commands::request(
        &o.app.ctx(),
        o.officer,
        o.case,
        &RequestForm {
            message: "Mer".into(),
            reply_by: in_days(5),
            documents: vec![],
        },
    )
    .await;
    assert!(
        matches!(again, Err(CommandError::Conflict(m)) if m.contains("redan en komplettering"))
    );
    let declared = o
        .app
        .post_form_as(Some(&cookie), &format!("{page}/jav"), "jav=nej")
        .await;
    assert_eq!(declared.status(), 303);
    let assessed = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{page}/bedomning"),
            &crate::assessment::body(&crate::assessment::seed_assessment(false)),
        )
        .await;
    assert_eq!(assessed.status(), 409);
    assert!(assessed
        .text()
        .await
        .unwrap()
        .contains("Föreningen kompletterar ansökan"));

    // The applicant sees the request and edits; the requested document is needed.
    let applicant = o.app.sign_in("sara@example.se", PASSWORD).await;
    let theirs = o
        .app
        .get_as(&applicant, &format!("/ansokningar/{}", o.case))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        theirs.contains("Det här behöver ni komplettera"),
        "{theirs}"
    );
    assert!(theirs.contains("Skicka en ny budget för hela föreningen."));
    save_summary(
        &o,
        "Ett självhjälpscenter för personer i svåra situationer.",
    )
    .await;
    let early = applications::submit(&o.app.ctx(), o.owner, o.case, "andra").await;
    assert!(
        matches!(&early, Err(CommandError::InvalidAnswers(p)) if p.iter().any(|(f, _)| f == "bilagor/bilaga_ovrigt")),
        "{early:?}"
    );
    attach_other(&o).await;

    // The answer: same Dnr, version 2, back in the queue, the officer told.
    let dnr = applications::submit(&o.app.ctx(), o.owner, o.case, "andra")
        .await
        .unwrap();
    let row = application::Entity::find_by_id(o.case)
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.dnr.as_deref(), Some(dnr.as_str()));
    assert_eq!(row.status, Status::Submitted);
    assert_eq!(row.requested_ore, 40_000_000);
    assert_eq!(row.completion_due, None);
    assert!(!row.missing_attachment);
    let again = applications::submit(&o.app.ctx(), o.owner, o.case, "andra")
        .await
        .unwrap();
    assert_eq!(again, dnr, "the same key again changes nothing");
    let versions = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(o.case))
        .count(&o.app.db)
        .await
        .unwrap();
    assert_eq!(versions, 2);
    let answered = completion_request::Entity::find()
        .filter(completion_request::Column::ApplicationId.eq(o.case))
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(answered.answered_version, Some(2));
    let told = mails(&o, "completion_received").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["to"], "emelie@stad.se");

    // The diff: the changed words and the amount, nothing else.
    let diff = o.app.get_as(&cookie, &format!("{page}/versioner")).await;
    assert_eq!(diff.status(), 200);
    let html = diff.text().await.unwrap();
    assert!(
        html.contains("2 svar ändrades från version 1 till version 2"),
        "{html}"
    );
    assert!(html.contains("Sammanfattning av verksamheten"));
    assert!(html.contains("svåra"));
    assert!(html.contains("utsatta"));
    assert!(
        !html.contains("<h3>Mål</h3>"),
        "unchanged answers are left out"
    );
    // The full record as one PDF: versions, the change, the request, the timeline.
    let akt = o.app.get_as(&cookie, &format!("{page}/akt.pdf")).await;
    assert_eq!(akt.status(), 200);
    let text = portal_tests::pdf_text(&akt.bytes().await.unwrap());
    for part in [
        "Ärendets akt",
        dnr.as_str(),
        "Versioner",
        "Ändringar i version 2",
        "Sammanfattning av verksamheten",
        "svåra",
        "Kompletteringar",
        "Skicka en ny budget för hela föreningen.",
        "Händelser",
        "Kompletteringen kom in (version 2)",
        "Förvaltningens förslag till beslut",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert_eq!(
        o.app
            .get_as(&applicant, &format!("{page}/akt.pdf"))
            .await
            .status(),
        404
    );
    // Not for the applicant.
    let theirs = o.app.get_as(&applicant, &format!("{page}/versioner")).await;
    assert_ne!(theirs.status(), 200);
    // The applicant's timeline tells both steps.
    let theirs = o
        .app
        .get_as(&applicant, &format!("/ansokningar/{}", o.case))
        .await
        .text()
        .await
        .unwrap();
    assert!(theirs.contains("Handläggaren begärde komplettering"));
    assert!(theirs.contains("Kompletteringen kom in (version 2)"));
}

#[tokio::test]
async fn only_a_cleared_officer_asks_and_only_before_attestation() {
    let o = office().await;
    let form = RequestForm {
        message: "Skicka stadgarna igen.".into(),
        reply_by: in_days(10),
        documents: vec!["stadgar".into()],
    };
    // An approver, the applicant: not theirs to ask.
    for who in [o.chief, o.owner] {
        let refused = commands::request(&o.app.ctx(), who, o.case, &form).await;
        assert!(
            matches!(refused, Err(CommandError::Forbidden(_))),
            "{refused:?}"
        );
    }
    // Through the form, an applicant does not even learn the case exists.
    let applicant = o.app.sign_in("sara@example.se", PASSWORD).await;
    let hidden = o
        .app
        .post_form_as(
            Some(&applicant),
            &format!("/handlaggning/arenden/{}/komplettering", o.case),
            &request_body("x", &in_days(3), &[]),
        )
        .await;
    assert_eq!(hidden.status(), 404);
    // A recused officer cannot act.
    app::features::assessment::commands::declare(
        &o.app.ctx(),
        o.officer,
        o.case,
        Some(true),
        "Min syster sitter i styrelsen.",
    )
    .await
    .unwrap();
    let recused = commands::request(&o.app.ctx(), o.officer, o.case, &form).await;
    assert!(matches!(recused, Err(CommandError::Conflict(m)) if m.contains("jäv")));
    // Attested or decided: refused, nothing changed.
    for (state, why) in [
        (Status::Attested, "Skicka tillbaka"),
        (Status::Rejected, "beslutat"),
    ] {
        let other =
            portal_tests::create_user(&o.app.db, "officer", &format!("{why}@stad.se"), PASSWORD)
                .await;
        application::Entity::update_many()
            .col_expr(
                application::Column::Status,
                sea_orm::sea_query::Expr::value(state),
            )
            .filter(application::Column::Id.eq(o.case))
            .exec(&o.app.db)
            .await
            .unwrap();
        let refused = commands::request(&o.app.ctx(), other, o.case, &form).await;
        assert!(
            matches!(&refused, Err(CommandError::Conflict(m)) if m.contains(why)),
            "{refused:?}"
        );
        assert_eq!(status(&o.app, o.case).await, state);
    }
    let none = completion_request::Entity::find()
        .count(&o.app.db)
        .await
        .unwrap();
    assert_eq!(none, 0);
}
