//! Jäv, assessment and attestation: every step and every forbidden one, through the
//! forms (status codes, Swedish messages) and through the commands.
use std::collections::HashMap;

use app::backend::command::CommandError;
use app::backend::entities::{application, case_attestation};
use app::features::applications::Status;
use app::features::assessment::commands;
use portal_tests::{create_user, spawn_app, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::applications::{fill, registered};

const PASSWORD: &str = "ett långt lösenord";

/// The OFU seed's verdicts (Kindness & Compassion, 2023): avslag.
pub(crate) fn seed_assessment(finish: bool) -> HashMap<String, String> {
    [
        ("bedomning_stadsovergripande", "delvis"),
        (
            "text_stadsovergripande",
            "Verksamheten är öppen för alla men når främst city.",
        ),
        ("bedomning_kompletterar", "uppfyller-inte"),
        (
            "text_kompletterar",
            "Verksamheten liknar stadens egna samtalsgrupper.",
        ),
        ("bedomning_kvalitet", "delvis"),
        (
            "text_kvalitet",
            "Föreningen har kort erfarenhet av verksamheten.",
        ),
        ("bedomning_kostnader", "uppfyller-inte"),
        (
            "text_kostnader",
            "Personalkostnaderna är höga i förhållande till verksamheten.",
        ),
        (
            "jamstalldhetsanalys",
            "80 procent av deltagarna är kvinnor.",
        ),
        ("forslag", "avsla"),
        (
            "motivering",
            "Ansökan uppfyller inte kriterierna för tidsbegränsat bidrag.",
        ),
        ("omedelbar", "1"),
        ("klar", if finish { "1" } else { "" }),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

pub(crate) struct Office {
    pub(crate) app: TestApp,
    pub(crate) case: Uuid,
    pub(crate) owner: Uuid,
    pub(crate) officer: Uuid,
    pub(crate) chief: Uuid,
    pub(crate) head: Uuid,
}

pub(crate) async fn office() -> Office {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let case = app::features::applications::commands::start(
        &app.ctx(),
        owner,
        association,
        crate::applications::TIME_LIMITED,
    )
    .await
    .unwrap();
    fill(&app, owner, case).await;
    app::features::applications::commands::submit(&app.ctx(), owner, case, "k")
        .await
        .unwrap();
    let officer = create_user(&app.db, "officer", "emelie@stad.se", PASSWORD).await;
    let chief = create_user(&app.db, "approver", "jorgen@stad.se", PASSWORD).await;
    let head = create_user(&app.db, "approver", "lina@stad.se", PASSWORD).await;
    Office {
        app,
        case,
        owner,
        officer,
        chief,
        head,
    }
}

pub(crate) fn body(pairs: &HashMap<String, String>) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", portal_tests::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub(crate) async fn status(app: &TestApp, id: Uuid) -> Status {
    application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn an_officer_declares_no_jav_assesses_and_two_approvers_attest() {
    let o = office().await;
    let cookie = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let base = format!("/handlaggning/arenden/{}", o.case);

    // No assessment before the jäv declaration.
    let early = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{base}/bedomning"),
            &body(&seed_assessment(true)),
        )
        .await;
    assert_eq!(early.status(), 409);
    assert!(early
        .text()
        .await
        .unwrap()
        .contains("Intyga först att du inte är jävig"));

    // A declaration needs a choice; a recusal needs a reason.
    let none = o
        .app
        .post_form_as(Some(&cookie), &format!("{base}/jav"), "jav=")
        .await;
    assert_eq!(none.status(), 422);
    let no_reason = o
        .app
        .post_form_as(Some(&cookie), &format!("{base}/jav"), "jav=ja&skal=")
        .await;
    assert_eq!(no_reason.status(), 422);
    assert!(no_reason
        .text()
        .await
        .unwrap()
        .contains("Skriv skälet till jävet"));
    let declared = o
        .app
        .post_form_as(Some(&cookie), &format!("{base}/jav"), "jav=nej")
        .await;
    assert_eq!(declared.status(), 303);

    // An incomplete assessment cannot go to attestation; what was typed comes back.
    let mut partial = seed_assessment(true);
    partial.remove("text_kostnader");
    partial.insert("forslag".into(), "bevilja_delvis".into());
    partial.insert("belopp".into(), "900 000".into());
    let refused = o
        .app
        .post_form_as(Some(&cookie), &format!("{base}/bedomning"), &body(&partial))
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Motivera bedömningen av rimliga kostnader."),
        "{html}"
    );
    assert!(html.contains("mindre än det sökta"), "{html}");
    assert!(
        html.contains("Personalkostnaderna") || html.contains("Verksamheten liknar"),
        "typed text is kept"
    );
    assert_eq!(status(&o.app, o.case).await, Status::Submitted);

    let done = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{base}/bedomning"),
            &body(&seed_assessment(true)),
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(status(&o.app, o.case).await, Status::Assessed);

    // The officer cannot attest; an approver must declare first; nobody attests twice.
    let by_officer = commands::attest(&o.app.ctx(), o.officer, o.case).await;
    assert!(
        matches!(by_officer, Err(CommandError::Forbidden(_))),
        "{by_officer:?}"
    );
    let undeclared = commands::attest(&o.app.ctx(), o.chief, o.case).await;
    assert!(
        matches!(undeclared, Err(CommandError::Conflict(_))),
        "{undeclared:?}"
    );
    commands::declare(&o.app.ctx(), o.chief, o.case, Some(false), "")
        .await
        .unwrap();
    assert!(
        !commands::attest(&o.app.ctx(), o.chief, o.case)
            .await
            .unwrap(),
        "one of two"
    );
    let twice = commands::attest(&o.app.ctx(), o.chief, o.case).await;
    assert!(matches!(twice, Err(CommandError::Conflict(_))), "{twice:?}");
    assert_eq!(status(&o.app, o.case).await, Status::Assessed);

    // The second approver attests through the form; the case is ready for the committee.
    let head = o.app.sign_in("lina@stad.se", PASSWORD).await;
    assert_eq!(
        o.app
            .post_form_as(Some(&head), &format!("{base}/jav"), "jav=nej")
            .await
            .status(),
        303
    );
    assert_eq!(
        o.app
            .post_form_as(Some(&head), &format!("{base}/attest"), "")
            .await
            .status(),
        303
    );
    assert_eq!(status(&o.app, o.case).await, Status::Attested);
    let page = o
        .app
        .get_as(&head, &format!("{base}/bedomning"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Attesterat av:") && page.contains("Test approver"),
        "{page}"
    );
    assert!(page.contains("Avslå"), "the proposal is shown");

    // A change to the attested proposal voids the attestations.
    let mut changed = seed_assessment(true);
    changed.insert("motivering".into(), "Ny motivering efter dialog.".into());
    commands::save(&o.app.ctx(), o.officer, o.case, &changed, true)
        .await
        .unwrap();
    let left = case_attestation::Entity::find()
        .filter(case_attestation::Column::ApplicationId.eq(o.case))
        .count(&o.app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    assert_eq!(status(&o.app, o.case).await, Status::Assessed);

    // The applicant sees none of the internal steps, and cannot reach the page.
    let applicant = o.app.sign_in("sara@example.se", PASSWORD).await;
    let theirs = o
        .app
        .get_as(&applicant, &format!("/ansokningar/{}", o.case))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !theirs.contains("jäv") && !theirs.contains("Bedömningen sparades"),
        "{theirs}"
    );
    assert_eq!(
        o.app
            .get_as(&applicant, &format!("{base}/bedomning"))
            .await
            .status(),
        404
    );
    let tried = o
        .app
        .post_form_as(Some(&applicant), &format!("{base}/attest"), "")
        .await;
    assert_eq!(tried.status(), 404);
    let _ = o.owner;
}

#[tokio::test]
async fn a_recused_person_cannot_act_and_a_proposal_sent_back_is_assessed_again() {
    let o = office().await;
    let ctx = o.app.ctx();
    // The officer recuses: no assessment.
    commands::declare(
        &ctx,
        o.officer,
        o.case,
        Some(true),
        "Min syster sitter i föreningens styrelse.",
    )
    .await
    .unwrap();
    let blocked = commands::save(&ctx, o.officer, o.case, &seed_assessment(false), false).await;
    match blocked {
        Err(CommandError::Conflict(message)) => {
            assert!(message.contains("anmält jäv"), "{message}")
        }
        other => panic!("{other:?}"),
    }

    // An admin assesses instead, and cannot attest (approvers attest).
    let admin = create_user(&o.app.db, "admin", "admin@stad.se", PASSWORD).await;
    commands::declare(&ctx, admin, o.case, Some(false), "")
        .await
        .unwrap();
    commands::save(&ctx, admin, o.case, &seed_assessment(true), true)
        .await
        .unwrap();
    assert!(matches!(
        commands::attest(&ctx, admin, o.case).await,
        Err(CommandError::Forbidden(_))
    ));

    // An approver who recuses cannot attest; one who sends back needs a comment, and
    // the case goes back to assessment.
    commands::declare(
        &ctx,
        o.head,
        o.case,
        Some(true),
        "Jävig: tidigare styrelseledamot.",
    )
    .await
    .unwrap();
    assert!(matches!(
        commands::attest(&ctx, o.head, o.case).await,
        Err(CommandError::Conflict(_))
    ));
    commands::declare(&ctx, o.chief, o.case, Some(false), "")
        .await
        .unwrap();
    assert!(matches!(
        commands::send_back(&ctx, o.chief, o.case, " ").await,
        Err(CommandError::Invalid(_))
    ));
    commands::send_back(&ctx, o.chief, o.case, "Utveckla bedömningen av kvalitet.")
        .await
        .unwrap();
    assert_eq!(status(&o.app, o.case).await, Status::Submitted);
    assert!(
        matches!(
            commands::attest(&ctx, o.chief, o.case).await,
            Err(CommandError::Conflict(_))
        ),
        "nothing to attest after it went back"
    );

    // The staff page shows the recusals with their reasons.
    let cookie = o.app.sign_in("jorgen@stad.se", PASSWORD).await;
    let page = o
        .app
        .get_as(
            &cookie,
            &format!("/handlaggning/arenden/{}/bedomning", o.case),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Min syster sitter i föreningens styrelse."),
        "{page}"
    );

    // A withdrawn case cannot be assessed.
    app::features::applications::commands::withdraw(&ctx, o.owner, o.case)
        .await
        .unwrap();
    let closed = commands::save(&ctx, admin, o.case, &seed_assessment(false), false).await;
    assert!(
        matches!(closed, Err(CommandError::Conflict(_))),
        "{closed:?}"
    );
}
