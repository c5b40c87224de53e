//! "Dina uppgifter": the download of everything stored about me, and deleting my account.
use std::time::Duration;

use app::backend::entities::{
    app_user, association, association_member, domain_event, outbox, user_session,
};
use portal_tests::{create_user, kept_mails, spawn_app, wait_until};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};
use serde_json::Value;

const PASSWORD: &str = "en lång och ovanlig fras";

#[tokio::test]
async fn the_download_holds_my_data_and_nobody_elses_and_no_secrets() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    app.sign_in("kim@example.se", PASSWORD).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;

    assert_eq!(
        app.get("/mina-sidor/mina-uppgifter.json").await.status(),
        303
    );
    let response = app.get_as(&cookie, "/mina-sidor/mina-uppgifter.json").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let text = response.text().await.unwrap();
    let data: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["account"]["email"], "sara@example.se");
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert!(data["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["event"] == "account.signed_in"));
    assert!(
        !text.contains("kim@example.se"),
        "nothing about anyone else"
    );
    assert!(!text.contains("$argon2id$"), "no password hash");
}

#[tokio::test]
async fn deleting_my_account_needs_my_password_and_removes_my_personal_data() {
    let app = spawn_app().await;
    let user = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    wait_until(Duration::from_secs(10), "the sign-in notice", || async {
        kept_mails(&app.data_dir()).len() == 1
    })
    .await;

    let wrong = app
        .post_form_as(Some(&cookie), "/mina-sidor/radera-konto", "password=fel")
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("Lösenordet stämmer inte."));
    assert!(app_user::Entity::find_by_id(user)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());

    let deleted = app
        .post_form_as(
            Some(&cookie),
            "/mina-sidor/radera-konto",
            "password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(deleted.status(), 303);
    assert_eq!(deleted.headers()["location"], "/?raderat=1");
    assert!(app_user::Entity::find_by_id(user)
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        user_session::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    let mails = outbox::Entity::find().all(&app.db).await.unwrap();
    assert!(
        mails
            .iter()
            .all(|row| !row.payload.to_string().contains("sara@example.se")),
        "mails forget the address"
    );
    assert!(
        kept_mails(&app.data_dir()).is_empty(),
        "kept copies are removed"
    );
    let events = domain_event::Entity::find().all(&app.db).await.unwrap();
    assert!(
        events.iter().any(|e| e.event_type == "account.deleted"),
        "the deletion is in the audit trail"
    );
    assert_eq!(app.get_as(&cookie, "/mina-sidor").await.status(), 303);
}

#[tokio::test]
async fn the_only_owner_of_an_association_others_use_cannot_delete_the_account() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let member = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    let association_id = uuid::Uuid::now_v7();
    association::Entity::insert(association::ActiveModel {
        id: Set(association_id),
        name: Set("Kindness & Compassion".into()),
        org_number: Set("802534-3750".into()),
        contact_person: Set("Sara".into()),
        email: Set("sara@example.se".into()),
        phone: Set("070-1234567".into()),
        postal_address: Set("Stockholm".into()),
        founded_year: Set(Some(2021)),
        members_in_city: Set(Some(13)),
        target_group: Set("Alla".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap();
    for (user_id, role) in [
        (owner, app::domain::role::MemberRole::Owner),
        (member, app::domain::role::MemberRole::Member),
    ] {
        association_member::Entity::insert(association_member::ActiveModel {
            association_id: Set(association_id),
            user_id: Set(user_id),
            role: Set(role),
            created_at: Set(chrono::Utc::now()),
        })
        .exec_without_returning(&app.db)
        .await
        .unwrap();
    }
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    let refused = app
        .post_form_as(
            Some(&cookie),
            "/mina-sidor/radera-konto",
            "password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert!(refused.text().await.unwrap().contains("Överlåt ägarskapet"));
    assert!(app_user::Entity::find_by_id(owner)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());

    // A plain member may leave; the association keeps its owner.
    let member_cookie = app.sign_in("kim@example.se", PASSWORD).await;
    let left = app
        .post_form_as(
            Some(&member_cookie),
            "/mina-sidor/radera-konto",
            "password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(left.status(), 303);
    assert_eq!(
        association_member::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
}
