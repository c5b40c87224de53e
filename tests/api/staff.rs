//! Admins invite staff by e-mail and deactivate accounts.
use std::time::Duration;

use app::backend::entities::{app_user, user_session};
use portal_tests::{create_user, kept_mails, link_in, spawn_app, wait_until};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "en lång och ovanlig fras";

#[tokio::test]
async fn an_admin_invites_an_officer_who_chooses_a_password_and_signs_in() {
    let app = spawn_app().await;
    create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let admin = app.sign_in("admin@example.se", PASSWORD).await;
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;

    let body = "name=Jonas+Berg&email=jonas%40stad.example&role=officer";
    let refused = app
        .post_form_as(Some(&officer), "/admin/anvandare/bjud-in", body)
        .await;
    assert_eq!(refused.status(), 404, "only admins invite");
    let bad = app
        .post_form_as(
            Some(&admin),
            "/admin/anvandare/bjud-in",
            "name=&email=jonas&role=applicant",
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(html.contains("Ange personens namn."));
    assert!(
        html.contains("Välj en roll"),
        "applicants register themselves"
    );

    let invited = app
        .post_form_as(Some(&admin), "/admin/anvandare/bjud-in", body)
        .await;
    assert_eq!(invited.status(), 303);
    let jonas = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("jonas@stad.example"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(jonas.role.as_str(), "officer");
    assert!(jonas.email_verified_at.is_none());

    wait_until(Duration::from_secs(10), "the invitation", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains("jonas@stad.example") && m.contains("inbjuden"))
    })
    .await;
    let mail = kept_mails(&app.data_dir())
        .into_iter()
        .find(|m| m.contains("jonas@stad.example"))
        .unwrap();
    let token = link_in(&mail, "nytt-losenord?token=")
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned();
    let chosen = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &format!("token={token}&password=mitt+eget+l%C3%A5nga+l%C3%B6senord"),
        )
        .await;
    assert_eq!(chosen.status(), 303);
    let cookie = app
        .sign_in("jonas@stad.example", "mitt eget långa lösenord")
        .await;
    let page = app
        .get_as(&cookie, "/mina-sidor")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("handläggare"));

    let list = app
        .get_as(&admin, "/admin/anvandare")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("jonas@stad.example"));
}

#[tokio::test]
async fn a_deactivated_account_is_signed_out_at_once_and_cannot_sign_in() {
    let app = spawn_app().await;
    let admin_id = create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    let sara = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let admin = app.sign_in("admin@example.se", PASSWORD).await;
    let session = app.sign_in("sara@example.se", PASSWORD).await;

    let asked = app
        .get_as(&admin, &format!("/admin/anvandare/{sara}"))
        .await;
    assert_eq!(asked.status(), 200);
    let question = asked.text().await.unwrap();
    assert!(
        question.contains("Vill du inaktivera kontot för"),
        "{question}"
    );
    assert!(question.contains(&format!(r#"action="/admin/anvandare/{sara}/inaktivera""#)));
    let response = app
        .post_form_as(
            Some(&admin),
            &format!("/admin/anvandare/{sara}/inaktivera"),
            "",
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/admin/anvandare?klart=inaktiverat"
    );
    assert_eq!(
        user_session::Entity::find()
            .filter(user_session::Column::UserId.eq(sara))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.get_as(&session, "/mina-sidor").await.status(), 303);
    let again = app
        .post_form_as(
            None,
            "/logga-in",
            "email=sara%40example.se&password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(again.status(), 401);

    let own = app
        .post_form_as(
            Some(&admin),
            &format!("/admin/anvandare/{admin_id}/inaktivera"),
            "",
        )
        .await;
    assert_eq!(own.status(), 409, "an admin cannot lock themselves out");

    app.post_form_as(
        Some(&admin),
        &format!("/admin/anvandare/{sara}/aktivera"),
        "",
    )
    .await;
    app.sign_in("sara@example.se", PASSWORD).await;
}

/// The admins' commands, without HTTP: their rules hold whoever calls them.
mod commands_without_http {
    use app::backend::command::CommandError;
    use app::features::admin::{commands, NOT_YOURSELF};
    use portal_tests::{create_user, spawn_app};

    #[tokio::test]
    async fn an_admin_cannot_lock_themselves_out_and_a_staff_invitation_is_checked_whole() {
        let app = spawn_app().await;
        let ctx = app.ctx();
        let id = create_user(
            &app.db,
            "admin",
            "admin@example.se",
            "en lång och ovanlig fras",
        )
        .await;
        let admin = app::auth::CurrentUser {
            id,
            email: "admin@example.se".into(),
            display_name: "Anna Admin".into(),
            role: app::domain::role::Role::Admin,
        };
        let own = commands::set_active(&ctx, &admin, id, false).await;
        assert!(matches!(&own, Err(CommandError::Conflict(message)) if message == NOT_YOURSELF));
        let missing = commands::set_active(&ctx, &admin, uuid::Uuid::now_v7(), false).await;
        assert!(matches!(missing, Err(CommandError::NotFound)));

        let problems = commands::check(&commands::InviteStaff {
            name: "Evil\r\nBcc: x@example.se".into(),
            email: "inte-en-adress".into(),
            role: "applicant".into(),
        })
        .err()
        .expect("refused");
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["name", "email", "role"], "every problem at once");
    }
}
