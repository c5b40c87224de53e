//! Registering an association, confirming the address by the mailed link, and resetting
//! a forgotten password.
use std::time::Duration;

use app::backend::{
    entities::{app_user, association, association_member, user_session},
    events,
};
use portal_tests::{kept_mails, link_in, spawn_app, wait_until, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "en lång och ovanlig fras";

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", portal_tests::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn seed_registration(org_number: &str, email: &str) -> String {
    form(&[
        ("name", "Kindness & Compassion"),
        ("org_number", org_number),
        ("founded_year", "2021"),
        ("members_in_city", "13"),
        (
            "target_group",
            "Individer i utanförskap och social isolering.",
        ),
        ("postal_address", "Drottninggatan 1, 111 51 Stockholm"),
        ("contact_person", "Sara Lind"),
        ("email", email),
        ("phone", "070-123 45 67"),
        ("password", PASSWORD),
    ])
}

/// Waits for the worker to keep `count` mails and returns the newest.
async fn nth_mail(app: &TestApp, count: usize) -> String {
    wait_until(Duration::from_secs(10), "the mail", || async {
        kept_mails(&app.data_dir()).len() >= count
    })
    .await;
    kept_mails(&app.data_dir())[count - 1].clone()
}

#[tokio::test]
async fn registering_creates_the_association_and_its_unconfirmed_owner_and_mails_a_link() {
    let app = spawn_app().await;
    let response = app
        .post_form_as(
            None,
            "/registrera",
            &seed_registration("8025343750", "Sara.Lind@Kindness.example"),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/registrera/tack");

    let associations = association::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(associations.len(), 1);
    assert_eq!(
        associations[0].org_number, "802534-3750",
        "stored normalised"
    );
    let user = app_user::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.email, "sara.lind@kindness.example");
    assert!(user.email_verified_at.is_none());
    let member = association_member::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((member.user_id, member.role.as_str()), (user.id, "owner"));
    let history = events::history(&app.db, "association", associations[0].id)
        .await
        .unwrap();
    assert_eq!(history[0].event_type, "association.registered");

    let mail = nth_mail(&app, 1).await;
    assert!(
        mail.contains("Subject: =?utf-8?") || mail.contains("Bekräfta din e-postadress"),
        "{mail}"
    );
    assert!(
        link_in(
            &mail,
            &format!(
                "{}/bekrafta-epost?token=",
                app.settings.public_url.as_str().trim_end_matches('/')
            )
        )
        .is_some(),
        "{mail}"
    );
}

#[tokio::test]
async fn the_link_confirms_the_address_once_and_then_signing_in_works() {
    let app = spawn_app().await;
    app.post_form_as(
        None,
        "/registrera",
        &seed_registration("802534-3750", "sara@example.se"),
    )
    .await;

    // Before confirming: the right password gets 403 and a fresh link, never a session.
    let early = app
        .post_form_as(
            None,
            "/logga-in",
            &form(&[("email", "sara@example.se"), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(early.status(), 403);
    assert!(early.headers().get("set-cookie").is_none());
    assert!(early
        .text()
        .await
        .unwrap()
        .contains("Du behöver bekräfta din e-postadress"));
    let mail = nth_mail(&app, 2).await;

    let base = app
        .settings
        .public_url
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    let link = link_in(&mail, &format!("{base}/bekrafta-epost?token=")).unwrap();
    let token = link.split("token=").nth(1).unwrap().to_owned();
    // Opening the link changes nothing; the button on the page does.
    let page = app.get(&link.replace(&base, "")).await;
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains(&format!(r#"value="{token}""#)));

    let confirmed = app
        .post_form_as(None, "/bekrafta-epost", &form(&[("token", &token)]))
        .await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(confirmed.headers()["location"], "/logga-in?bekraftad=1");
    let again = app
        .post_form_as(None, "/bekrafta-epost", &form(&[("token", &token)]))
        .await;
    assert_eq!(again.status(), 400, "a link works once");
    assert!(again.text().await.unwrap().contains("Länken fungerar inte"));

    app.sign_in("sara@example.se", PASSWORD).await;
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    use app::backend::entities::email_token;
    use sea_orm::sea_query::Expr;
    let app = spawn_app().await;
    app.post_form_as(
        None,
        "/registrera",
        &seed_registration("802534-3750", "sara@example.se"),
    )
    .await;
    let mail = nth_mail(&app, 1).await;
    let token = link_in(&mail, "token=")
        .unwrap()
        .trim_start_matches("token=")
        .to_owned();
    email_token::Entity::update_many()
        .col_expr(
            email_token::Column::ExpiresAtMs,
            Expr::value(chrono::Utc::now().timestamp_millis() - 1),
        )
        .filter(email_token::Column::UsedAtMs.is_null())
        .exec(&app.db)
        .await
        .unwrap();
    let response = app
        .post_form_as(None, "/bekrafta-epost", &form(&[("token", &token)]))
        .await;
    assert_eq!(response.status(), 400);
    let user = app_user::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(user.email_verified_at.is_none());
}

#[tokio::test]
async fn a_second_registration_of_the_same_number_is_refused_with_a_clear_message() {
    let app = spawn_app().await;
    app.post_form_as(
        None,
        "/registrera",
        &seed_registration("802534-3750", "sara@example.se"),
    )
    .await;
    let second = app
        .post_form_as(
            None,
            "/registrera",
            &seed_registration("8025343750", "kim@example.se"),
        )
        .await;
    assert_eq!(second.status(), 409);
    let html = second.text().await.unwrap();
    assert!(
        html.contains("Föreningen med organisationsnummer 802534-3750 är redan registrerad."),
        "{html}"
    );
    assert!(
        html.contains(r#"value="kim@example.se""#),
        "what was typed stays"
    );
    assert_eq!(
        association::Entity::find().count(&app.db).await.unwrap(),
        1,
        "never a second association"
    );
    assert_eq!(app_user::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn bad_input_gets_a_message_by_each_field_422_and_nothing_is_written() {
    let app = spawn_app().await;
    let body = form(&[
        ("name", "Kindness & Compassion"),
        ("org_number", "802534-3751"),
        ("founded_year", "tjugo"),
        ("members_in_city", "13"),
        ("target_group", "Alla"),
        ("postal_address", "Drottninggatan 1"),
        ("contact_person", "Sara Lind"),
        ("email", "sara"),
        ("phone", "070-123 45 67"),
        ("password", "password1"),
    ]);
    let response = app.post_form_as(None, "/registrera", &body).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for message in [
        "Organisationsnumret stämmer inte. Kontrollera siffrorna.",
        "Ange året med fyra siffror, till exempel 2021.",
        "Ange en giltig e-postadress, till exempel namn@forening.se.",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(
        html.contains(r#"value="802534-3751""#),
        "the typed number stays"
    );
    assert!(
        !html.contains("password1"),
        "a password is never written back"
    );
    assert_eq!(association::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(app_user::Entity::find().count(&app.db).await.unwrap(), 0);

    // A guessable password is refused once the rest is right.
    let weak = seed_registration("802534-3750", "sara@example.se")
        .replace(&portal_tests::encode(PASSWORD), "password1");
    let response = app.post_form_as(None, "/registrera", &weak).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Lösenordet är för lätt att gissa"));
    assert_eq!(association::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_the_mailed_link_and_old_sessions_end() {
    let app = spawn_app().await;
    portal_tests::create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let old_session = app.sign_in("sara@example.se", PASSWORD).await;

    // Unknown and known addresses get the same answer; only the known one gets mail.
    let unknown = app
        .post_form_as(None, "/glomt-losenord", "email=okand%40example.se")
        .await;
    assert_eq!(unknown.status(), 303);
    let known = app
        .post_form_as(None, "/glomt-losenord", "email=sara%40example.se")
        .await;
    assert_eq!(known.headers()["location"], unknown.headers()["location"]);
    let mail = nth_mail(&app, 2).await; // the sign-in notice, then the reset link
    let token = link_in(&mail, "nytt-losenord?token=")
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned();

    let weak = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &form(&[("token", &token), ("password", "kort")]),
        )
        .await;
    assert_eq!(weak.status(), 422);
    let new = "ett helt annat långt lösenord";
    let reset = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &form(&[("token", &token), ("password", new)]),
        )
        .await;
    assert_eq!(reset.status(), 303);
    assert_eq!(reset.headers()["location"], "/logga-in?nytt-losenord=1");

    assert_eq!(
        user_session::Entity::find().count(&app.db).await.unwrap(),
        0,
        "every session ended"
    );
    assert_eq!(app.get_as(&old_session, "/mina-sidor").await.status(), 303);
    let old = app
        .post_form_as(
            None,
            "/logga-in",
            &form(&[("email", "sara@example.se"), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(old.status(), 401);
    app.sign_in("sara@example.se", new).await;
    let reused = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &form(&[
                ("token", &token),
                ("password", "ännu ett långt lösenord här"),
            ]),
        )
        .await;
    assert_eq!(reused.status(), 400, "a reset link works once");
}

/// The token of the newest reset link mailed so far.
async fn newest_reset_token(app: &TestApp, mails: usize) -> String {
    let mail = nth_mail(app, mails).await;
    link_in(&mail, "nytt-losenord?token=")
        .expect("a reset link")
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn setting_a_password_kills_every_other_reset_link() {
    let app = spawn_app().await;
    portal_tests::create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    for _ in 0..2 {
        app.post_form_as(None, "/glomt-losenord", "email=sara%40example.se")
            .await;
    }
    let older = {
        let mail = nth_mail(&app, 1).await;
        link_in(&mail, "nytt-losenord?token=")
            .unwrap()
            .split("token=")
            .nth(1)
            .unwrap()
            .to_owned()
    };
    let newer = newest_reset_token(&app, 2).await;
    assert_ne!(older, newer);
    let reset = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &form(&[
                ("token", &newer),
                ("password", "ett helt annat långt lösenord"),
            ]),
        )
        .await;
    assert_eq!(reset.status(), 303);
    let stale = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &form(&[
                ("token", &older),
                ("password", "angriparens långa lösenord"),
            ]),
        )
        .await;
    assert_eq!(
        stale.status(),
        400,
        "the older link died with the newer one"
    );

    // Changing the password while signed in kills an outstanding link too.
    app.post_form_as(None, "/glomt-losenord", "email=sara%40example.se")
        .await;
    let outstanding = newest_reset_token(&app, 3).await;
    let session = app
        .sign_in("sara@example.se", "ett helt annat långt lösenord")
        .await;
    let changed = app
        .post_form_as(
            Some(&session),
            "/mina-sidor/byt-losenord",
            &form(&[
                ("current_password", "ett helt annat långt lösenord"),
                ("new_password", "ännu ett nytt och långt lösenord"),
            ]),
        )
        .await;
    assert_eq!(changed.status(), 303);
    let stale = app
        .post_form_as(
            None,
            "/nytt-losenord",
            &form(&[
                ("token", &outstanding),
                ("password", "angriparens långa lösenord"),
            ]),
        )
        .await;
    assert_eq!(stale.status(), 400);
}

#[tokio::test]
async fn reset_requests_are_throttled_per_address() {
    let app = spawn_app().await;
    portal_tests::create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let response = app
            .post_form_as(None, "/glomt-losenord", "email=sara%40example.se")
            .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [303, 303, 303, 429, 429, 429, 429, 429]);
    // Unknown addresses are throttled alike, so the answer says nothing about accounts.
    let mut unknown = Vec::new();
    for _ in 0..4 {
        let response = app
            .post_form_as(None, "/glomt-losenord", "email=okand%40example.se")
            .await;
        unknown.push(response.status().as_u16());
    }
    assert_eq!(unknown, [303, 303, 303, 429]);
    wait_until(Duration::from_secs(10), "three reset mails", || async {
        kept_mails(&app.data_dir()).len() >= 3
    })
    .await;
    // Time for any further (wrong) mail to arrive before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        kept_mails(&app.data_dir()).len(),
        3,
        "three mails, not eight"
    );
}

#[tokio::test]
async fn registering_with_an_address_that_has_an_account_answers_as_usual_and_tells_its_owner() {
    let app = spawn_app().await;
    portal_tests::create_user(&app.db, "applicant", "sara.lind@kindness.example", PASSWORD).await;
    let response = app
        .post_form_as(
            None,
            "/registrera",
            &seed_registration("802534-3750", "Sara.Lind@Kindness.example"),
        )
        .await;
    assert_eq!(
        response.status(),
        303,
        "the same answer as for a new address"
    );
    assert_eq!(response.headers()["location"], "/registrera/tack");
    assert_eq!(
        association::Entity::find().count(&app.db).await.unwrap(),
        0,
        "nothing registered"
    );
    let mail = nth_mail(&app, 1).await;
    assert!(
        mail.contains("Det finns redan ett konto med adressen"),
        "{mail}"
    );
    assert!(mail.contains("sara.lind@kindness.example"));
    assert!(link_in(&mail, "http")
        .is_some_and(|link| link.contains("/glomt-losenord") || link.contains("/logga-in")));
}

/// Registration's commands, without HTTP: their rules hold whoever calls them.
mod commands_without_http {
    use app::backend::command::CommandError;
    use app::features::registration::{already_registered, commands, LINK_REFUSED};
    use portal_tests::spawn_app;
    use sea_orm::{EntityTrait, PaginatorTrait};

    #[tokio::test]
    async fn a_number_registers_once_and_a_used_link_is_refused() {
        let app = spawn_app().await;
        let ctx = app.ctx();
        let form = |email: &str| {
            url::form_urlencoded::parse(super::seed_registration("802534-3750", email).as_bytes())
                .into_owned()
                .collect::<std::collections::HashMap<String, String>>()
        };
        let registration =
            app::domain::registration::validate(&form("sara@example.se"), 2026).unwrap();
        let hash = app::backend::password::hash("en lång och ovanlig fras");
        commands::register(&ctx, &registration, &hash)
            .await
            .unwrap();
        let again = app::domain::registration::validate(&form("nils@example.se"), 2026).unwrap();
        let second = commands::register(&ctx, &again, &hash).await;
        assert!(
            matches!(&second, Err(CommandError::Conflict(message)) if *message == already_registered("802534-3750")),
            "{second:?}"
        );
        assert_eq!(
            app::backend::entities::association::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        let used = commands::verify_email(&ctx, "en-länk-som-inte-finns").await;
        assert!(matches!(&used, Err(CommandError::Conflict(message)) if message == LINK_REFUSED));
    }
}
