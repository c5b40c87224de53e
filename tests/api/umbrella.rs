//! Membership of Helsam: a verified representative applies with the board's decision and
//! its minutes; staff approve or reject and the members are mailed; the public sees the
//! members; fees per year are for staff only.
use app::backend::entities::{outbox, umbrella_application};
use portal_tests::{create_user, fixtures, spawn_app_with, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const PASSWORD: &str = "ett långt lösenord";
const EMELIE: (&str, &str) = (
    "emelie.steen@socialforvaltningen.example",
    "Handlaggare-demo-2026",
);

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

async fn apply(
    app: &TestApp,
    cookie: &str,
    association: Uuid,
    day: &str,
    file: &[u8],
) -> reqwest::Response {
    app.post_multipart_as(
        cookie,
        &format!("/foreningar/{association}/helsam"),
        &[
            ("styrelsebeslut_datum", None, day.as_bytes()),
            ("protokoll", Some("styrelseprotokoll.pdf"), file),
        ],
    )
    .await
}

#[tokio::test]
async fn a_representative_applies_staff_approve_and_the_public_sees_the_member() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    // The demo's members are listed; fees are not shown to the public.
    let info = app.get("/medlemskap").await.text().await.unwrap();
    assert!(info.contains("Mötesplats Hägersten"), "{info}");
    assert!(info.contains("(medlem sedan 2018)"), "{info}");
    assert!(!info.contains("Betald") && !info.contains("Inte betald"));

    let owner = create_user(
        &app.db,
        "applicant",
        "ordforande@gemenskap.example",
        PASSWORD,
    )
    .await;
    let association = fixtures::association_with_owner(&app.db, "802555-0001", owner).await;
    let member = create_user(&app.db, "applicant", "ledamot@gemenskap.example", PASSWORD).await;
    fixtures::add_member(&app.db, association, member, "member").await;
    let cookie = app.sign_in("ordforande@gemenskap.example", PASSWORD).await;
    let yesterday = (app::backend::time::today() - chrono::Duration::days(1)).to_string();

    // Not yet a verified representative: refused, nothing kept.
    let response = apply(&app, &cookie, association, &yesterday, PDF).await;
    assert_eq!(response.status(), 403);
    fixtures::verified_representative(&app.db, association, owner).await;

    // Each field's problem by the field, with 422.
    let tomorrow = (app::backend::time::today() + chrono::Duration::days(1)).to_string();
    let response = apply(&app, &cookie, association, &tomorrow, PDF).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Styrelsebeslutet kan inte ha ett datum efter i dag."),
        "{body}"
    );
    assert!(body.contains(&tomorrow), "what was typed is kept");
    // A file that is not a PDF, JPEG or PNG: 415, by the field.
    let response = apply(&app, &cookie, association, &yesterday, b"not a pdf").await;
    assert_eq!(response.status(), 415);
    let none = umbrella_application::Entity::find()
        .filter(umbrella_application::Column::AssociationId.eq(association))
        .all(&app.db)
        .await
        .unwrap();
    assert!(none.is_empty(), "nothing half-written");

    let response = apply(&app, &cookie, association, &yesterday, PDF).await;
    assert_eq!(response.status(), 303);
    let page = app
        .get_as(&cookie, &format!("/foreningar/{association}/helsam"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ansökan väntar på beslut"), "{page}");
    assert!(page.contains("styrelseprotokoll.pdf"), "{page}");
    // A second application while one waits: 409.
    let again = apply(&app, &cookie, association, &yesterday, PDF).await;
    assert_eq!(again.status(), 409);
    // Another association's members cannot see it.
    let stranger = create_user(&app.db, "applicant", "annan@example.se", PASSWORD).await;
    let _ = fixtures::association_with_owner(&app.db, "802555-0002", stranger).await;
    let other = app.sign_in("annan@example.se", PASSWORD).await;
    let response = app
        .get_as(&other, &format!("/foreningar/{association}/helsam"))
        .await;
    assert_eq!(response.status(), 404);

    // The officer sees it with the minutes, and approves it.
    let officer = app.sign_in(EMELIE.0, EMELIE.1).await;
    let staff = app
        .get_as(&officer, "/handlaggning/helsam")
        .await
        .text()
        .await
        .unwrap();
    assert!(staff.contains("802555-0001"), "{staff}");
    assert!(staff.contains("Ansökningar som väntar (1)"), "{staff}");
    assert!(
        staff.contains("Inte betald"),
        "the demo member that has not paid this year"
    );
    let id = umbrella_application::Entity::find()
        .filter(umbrella_application::Column::AssociationId.eq(association))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let minutes = app
        .get_as(
            &officer,
            &format!(
                "/dokument/{}",
                umbrella_application::Entity::find_by_id(id)
                    .one(&app.db)
                    .await
                    .unwrap()
                    .unwrap()
                    .attachment_id
            ),
        )
        .await;
    assert_eq!(minutes.status(), 200);
    assert_eq!(minutes.bytes().await.unwrap().as_ref(), PDF);
    // Rejecting without a note is refused by the field.
    let response = app
        .post_form_as(
            Some(&officer),
            &format!("/handlaggning/helsam/{id}"),
            "beslut=avsla&meddelande=",
        )
        .await;
    assert_eq!(response.status(), 422);
    let response = app
        .post_form_as(
            Some(&officer),
            &format!("/handlaggning/helsam/{id}"),
            "beslut=godkann&meddelande=V%C3%A4lkomna%21",
        )
        .await;
    assert_eq!(response.status(), 303);
    let decided = mails(&app, "umbrella_decided").await;
    assert_eq!(decided.len(), 2, "each member of the account: {decided:?}");
    assert_eq!(decided[0]["data"]["approved"], true);
    // Deciding twice: 409.
    let response = app
        .post_form_as(
            Some(&officer),
            &format!("/handlaggning/helsam/{id}"),
            "beslut=avsla&meddelande=Nej",
        )
        .await;
    assert_eq!(response.status(), 409);

    // Public now; the fee is recorded by staff and seen by staff only.
    let name = app::backend::entities::association::Entity::find_by_id(association)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .name;
    let info = app.get("/medlemskap").await.text().await.unwrap();
    assert!(info.contains(&name), "{name} in {info}");
    let year = chrono::Datelike::year(&app::backend::time::today());
    let response = app
        .post_form_as(
            Some(&officer),
            &format!("/handlaggning/helsam/avgift/{association}"),
            &format!("ar={year}&betald=1"),
        )
        .await;
    assert_eq!(response.status(), 303);
    let staff = app
        .get_as(&officer, "/handlaggning/helsam")
        .await
        .text()
        .await
        .unwrap();
    let today = app::backend::time::today().to_string();
    assert!(staff.contains(&format!("Betald {today}")), "{staff}");
    let response = app
        .post_form_as(
            Some(&officer),
            &format!("/handlaggning/helsam/avgift/{association}"),
            "ar=1850&betald=1",
        )
        .await;
    assert_eq!(response.status(), 422);
    // Applicants cannot reach the staff's page or posts.
    assert_eq!(
        app.get_as(&cookie, "/handlaggning/helsam").await.status(),
        404
    );
    let response = app
        .post_form_as(
            Some(&cookie),
            &format!("/handlaggning/helsam/avgift/{association}"),
            &format!("ar={year}&betald=0"),
        )
        .await;
    assert_eq!(response.status(), 404);
}
