use app::backend::entities::{app_user, association, association_member};
use portal_tests::{spawn_app, spawn_app_with};
use sea_orm::{EntityTrait, PaginatorTrait};
use server::startup::Application;

#[tokio::test]
async fn a_fresh_database_is_migrated_and_holds_no_accounts() {
    let app = spawn_app().await;
    assert_eq!(app_user::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(association::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn demo_mode_loads_the_seed_association_and_five_accounts_once() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let users = app_user::Entity::find().all(&app.db).await.unwrap();
    let mut roles: Vec<_> = users.iter().map(|u| u.role.as_str()).collect();
    roles.sort();
    assert_eq!(
        roles,
        ["admin", "applicant", "approver", "approver", "officer"]
    );
    assert!(users
        .iter()
        .all(|u| u.password_hash.starts_with("$argon2id$")));

    let associations = association::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(associations.len(), 1);
    assert_eq!(associations[0].org_number, "802534-3750");
    assert_eq!(associations[0].name, "Kindness & Compassion");
    let owners = association_member::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].role.as_str(), "owner");

    // A second start on the same database loads nothing more.
    let again = Application::build(app.settings.clone()).await.unwrap();
    drop(again);
    assert_eq!(app_user::Entity::find().count(&app.db).await.unwrap(), 5);
    assert_eq!(association::Entity::find().count(&app.db).await.unwrap(), 1);
}
