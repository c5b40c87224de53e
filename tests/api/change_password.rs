//! Changing the password while signed in ends the account's other sessions.
use portal_tests::{create_user, spawn_app};

const PASSWORD: &str = "en lång och ovanlig fras";
const NEW_PASSWORD: &str = "helt annan mening om hösten";

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_keeps_this_one() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let here = app.sign_in("sara@example.se", PASSWORD).await;
    let elsewhere = app.sign_in("sara@example.se", PASSWORD).await;

    let changed = app
        .post_form_as(
            Some(&here),
            "/mina-sidor/byt-losenord",
            &format!(
                "current_password={}&new_password={}",
                PASSWORD.replace(' ', "+"),
                NEW_PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(
        changed.headers()["location"],
        "/mina-sidor/byt-losenord?bytt=1"
    );
    assert_eq!(app.get_as(&here, "/mina-sidor").await.status(), 200);
    assert_eq!(
        app.get_as(&elsewhere, "/mina-sidor").await.status(),
        303,
        "the other session has ended: back to sign-in"
    );
    app.sign_in("sara@example.se", NEW_PASSWORD).await;
    let old = app
        .post_form_as(
            None,
            "/logga-in",
            &format!(
                "email=sara%40example.se&password={}",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(old.status(), 401, "the old password no longer works");
}

#[tokio::test]
async fn a_wrong_current_password_or_a_weak_new_one_changes_nothing() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let here = app.sign_in("sara@example.se", PASSWORD).await;
    let elsewhere = app.sign_in("sara@example.se", PASSWORD).await;

    let wrong = app
        .post_form_as(
            Some(&here),
            "/mina-sidor/byt-losenord",
            &format!(
                "current_password=fel+fel+fel&new_password={}",
                NEW_PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let page = wrong.text().await.unwrap();
    assert!(page.contains("Lösenordet stämmer inte."), "{page}");
    assert!(page.contains(r##"href="#falt-current_password""##));

    let weak = app
        .post_form_as(
            Some(&here),
            "/mina-sidor/byt-losenord",
            &format!(
                "current_password={}&new_password=password1",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(weak.status(), 422);
    assert_eq!(app.get_as(&elsewhere, "/mina-sidor").await.status(), 200);
    app.sign_in("sara@example.se", PASSWORD).await;
}

#[tokio::test]
async fn only_a_signed_in_person_can_change_a_password() {
    let app = spawn_app().await;
    let response = app
        .post_form_as(
            None,
            "/mina-sidor/byt-losenord",
            "current_password=x&new_password=y",
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/logga-in");
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_sign_in() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let here = app.sign_in("sara@example.se", PASSWORD).await;
    let attempt = format!(
        "current_password=gissning&new_password={}",
        NEW_PASSWORD.replace(' ', "+")
    );
    for _ in 0..5 {
        let wrong = app
            .post_form_as(Some(&here), "/mina-sidor/byt-losenord", &attempt)
            .await;
        assert_eq!(wrong.status(), 422);
    }
    let throttled = app
        .post_form_as(Some(&here), "/mina-sidor/byt-losenord", &attempt)
        .await;
    assert_eq!(throttled.status(), 429);
    assert!(throttled.text().await.unwrap().contains("Försök igen om"));
}
