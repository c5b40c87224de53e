use app::backend::entities::user_session;
use portal_tests::{create_user, spawn_app};
use sea_orm::{EntityTrait, PaginatorTrait};

const PASSWORD: &str = "en lång och ovanlig fras";

#[tokio::test]
async fn signing_in_starts_a_session_that_opens_my_pages() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;

    let anonymous = app.get("/mina-sidor").await;
    assert_eq!(anonymous.status(), 303, "my pages need a session");
    assert_eq!(anonymous.headers()["location"], "/logga-in");

    let response = app
        .post_form_as(
            None,
            "/logga-in",
            "email=sara%40example.se&password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/mina-sidor");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();
    assert!(token.len() >= 22, "at least 128 random bits: {token}");

    let page = app
        .get_as(cookie.split(';').next().unwrap(), "/mina-sidor")
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("sara@example.se"));
    assert!(html.contains("Logga ut"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_401_and_keep_the_address() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let mut bodies = Vec::new();
    for body in [
        "email=sara%40example.se&password=fel",
        "email=okand%40example.se&password=fel",
    ] {
        let response = app.post_form_as(None, "/logga-in", body).await;
        assert_eq!(response.status(), 401);
        assert!(response.headers().get("set-cookie").is_none());
        let html = response.text().await.unwrap();
        assert!(html.contains("Fel e-postadress eller lösenord"));
        assert!(html.contains(r#"class="error-summary""#));
        bodies.push(html);
    }
    assert!(
        bodies[0].contains(r#"value="sara@example.se""#),
        "what the user typed stays"
    );
    assert!(
        !bodies[0].contains(r#"value="fel""#),
        "a password is never written back"
    );
    assert_eq!(
        user_session::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn empty_fields_get_422_and_a_message_next_to_each_field() {
    let app = spawn_app().await;
    let response = app
        .post_form_as(None, "/logga-in", "email=&password=")
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Ange din e-postadress."));
    assert!(html.contains("Ange ditt lösenord."));
    assert!(
        html.contains(r##"href="#falt-email""##),
        "the summary links to the field"
    );
    assert!(html.contains(r#"aria-invalid="true""#));
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let cookie = app.sign_in("emelie@example.se", PASSWORD).await;
    let response = app.post_form_as(Some(&cookie), "/logga-ut", "").await;
    assert_eq!(response.status(), 303);
    assert!(response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        user_session::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(
        app.get_as(&cookie, "/mina-sidor").await.status(),
        303,
        "the old cookie is worthless"
    );
}

#[tokio::test]
async fn a_session_idle_for_two_hours_is_over() {
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    let app = spawn_app().await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let cookie = app.sign_in("emelie@example.se", PASSWORD).await;
    assert_eq!(app.get_as(&cookie, "/mina-sidor").await.status(), 200);
    user_session::Entity::update_many()
        .col_expr(
            user_session::Column::LastSeenAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(121)),
        )
        .filter(user_session::Column::UserId.is_not_null())
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get_as(&cookie, "/mina-sidor").await.status(), 303);
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_with_403_and_signs_nobody_in() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let response = app
        .client
        .post(format!("{}/logga-in", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .body("email=sara%40example.se&password=en+l%C3%A5ng+och+ovanlig+fras")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.headers().get("set-cookie").is_none());
    assert_eq!(
        user_session::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn admin_pages_are_hidden_from_everyone_but_admins() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    for path in ["/admin/utskick", "/admin/skickad-e-post"] {
        let anonymous = app.get(path).await;
        assert_eq!(
            anonymous.status(),
            303,
            "{path}: anonymous is sent to sign in"
        );
        assert_eq!(anonymous.headers()["location"], "/logga-in");
        for email in ["sara@example.se", "emelie@example.se"] {
            let cookie = app.sign_in(email, PASSWORD).await;
            assert_eq!(
                app.get_as(&cookie, path).await.status(),
                404,
                "{path} for {email}"
            );
        }
        let admin = app.sign_in("admin@example.se", PASSWORD).await;
        assert_eq!(
            app.get_as(&admin, path).await.status(),
            200,
            "{path} for the admin"
        );
    }
    // The server functions behind the pages check too, whatever the page does.
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;
    let response = app
        .client
        .post(format!("{}/api/admin/outbox", app.address))
        .header("cookie", &officer)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(!response.text().await.unwrap().contains("\"pending\""));
    let anonymous = app
        .client
        .post(format!("{}/api/admin/outbox", app.address))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn five_failures_from_one_address_answer_429_with_when_to_try_again() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    for _ in 0..5 {
        let response = app
            .post_form_as(None, "/logga-in", "email=sara%40example.se&password=fel")
            .await;
        assert_eq!(response.status(), 401);
    }
    // Now even the right password waits: the throttle does not say whether it was right.
    let response = app
        .post_form_as(
            None,
            "/logga-in",
            "email=sara%40example.se&password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(response.status(), 429);
    let retry_after: i64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let html = response.text().await.unwrap();
    assert!(
        html.contains("För många misslyckade inloggningsförsök. Försök igen om 15 minuter."),
        "{html}"
    );

    // An unknown address is throttled just the same.
    for _ in 0..5 {
        app.post_form_as(None, "/logga-in", "email=okand%40example.se&password=fel")
            .await;
    }
    let unknown = app
        .post_form_as(None, "/logga-in", "email=okand%40example.se&password=fel")
        .await;
    assert_eq!(unknown.status(), 429);

    // Once the failures are older than 15 minutes, signing in works again.
    use app::backend::entities::sign_in_failure;
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    sign_in_failure::Entity::update_many()
        .col_expr(
            sign_in_failure::Column::AtMs,
            Expr::value(chrono::Utc::now().timestamp_millis() - 16 * 60 * 1000),
        )
        .filter(sign_in_failure::Column::Email.eq("sara@example.se"))
        .exec(&app.db)
        .await
        .unwrap();
    app.sign_in("sara@example.se", PASSWORD).await;
}

#[tokio::test]
async fn the_sweep_deletes_expired_sessions_and_keeps_live_ones() {
    use app::backend::{entities::user_session, sessions};
    use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};
    let app = spawn_app().await;
    let user = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    app.sign_in("sara@example.se", PASSWORD).await;
    let now = chrono::Utc::now();
    for (hash, created, seen) in [
        (
            "idle",
            now - chrono::Duration::hours(3),
            now - chrono::Duration::hours(3),
        ),
        (
            "old",
            now - chrono::Duration::hours(13),
            now - chrono::Duration::minutes(5),
        ),
    ] {
        user_session::Entity::insert(user_session::ActiveModel {
            id_hash: Set(hash.into()),
            user_id: Set(user),
            created_at: Set(created),
            last_seen_at: Set(seen),
            expires_at: Set(created + sessions::ABSOLUTE_TIMEOUT),
        })
        .exec_without_returning(&app.db)
        .await
        .unwrap();
    }
    // The test server's worker sweeps too (its housekeeping), so between the two of
    // them the two expired sessions go, and only they.
    let swept = sessions::sweep_expired(&app.db, now).await.unwrap();
    assert!(swept <= 2, "{swept}");
    assert_eq!(
        user_session::Entity::find().count(&app.db).await.unwrap(),
        1,
        "the live session stays"
    );
}

/// A burst of sign-ins with wrong passwords for unknown addresses (the cheapest way to
/// make a server hash): every attempt gets an answer, never an error, and the server
/// still serves pages. Hashing waits its turn (one per core) instead of taking 19 MiB
/// per request; the memory figures are in `make bench`.
#[tokio::test]
async fn two_hundred_parallel_sign_ins_all_get_an_answer_and_the_server_still_serves() {
    let app = spawn_app().await;
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for (status, retry_after) in portal_tests::sign_in_burst(&app.client, &app.address, 200).await {
        assert!(
            matches!(status, 401 | 429 | 503),
            "a sign-in attempt got {status}"
        );
        if status == 503 {
            assert!(retry_after, "503 says when to come back");
        }
        *statuses.entry(status).or_default() += 1;
    }
    assert_eq!(statuses.values().sum::<usize>(), 200, "{statuses:?}");
    assert_eq!(
        app.get("/").await.status(),
        200,
        "and the server still serves"
    );
}
