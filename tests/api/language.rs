//! English as the second language: the switch keeps the page, the cookie chooses the
//! language of the public pages, sign-in and registration, `lang` follows, and dates and
//! amounts are written as each language writes them.
use portal_tests::{encode, spawn_app, spawn_app_with, TestApp};

const ENGLISH: &str = "sprak=en";

async fn english(app: &TestApp, path: &str) -> String {
    let response = app.get_as(ENGLISH, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_switch_remembers_the_language_and_brings_you_back() {
    let app = spawn_app().await;
    let response = app.get("/sprak/en?till=%2Fbeslut%3Far%3D2023").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/beslut?ar=2023");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("sprak=en;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("Max-Age="),
        "{cookie}"
    );

    let back = app.get("/sprak/sv?till=%2F").await;
    assert_eq!(back.status(), 303);
    assert!(back.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("sprak=sv;"));

    // Never to another site, and only the two languages.
    for till in [
        "%2F%2Fevil.example%2F",
        "https%3A%2F%2Fevil.example%2F",
        "%2F%5Cevil.example",
    ] {
        let response = app.get(&format!("/sprak/en?till={till}")).await;
        assert_eq!(response.headers()["location"], "/", "{till}");
    }
    assert_eq!(app.get("/sprak/de?till=%2F").await.status(), 404);
}

#[tokio::test]
async fn swedish_by_default_english_when_chosen() {
    let app = spawn_app().await;
    let swedish = app.get("/").await.text().await.unwrap();
    assert!(swedish.contains(r#"<html lang="sv""#));
    assert!(swedish.contains("Söka bidrag"));
    // The switch offers English, in English, and comes back to this page.
    assert!(
        swedish.contains(r#"href="/sprak/en?till=%2F" lang="en" hreflang="en">English</a>"#),
        "{swedish}"
    );

    let page = english(&app, "/").await;
    assert!(page.contains(r#"<html lang="en""#));
    assert!(page.contains("Apply for a grant"));
    assert!(page.contains("Skip to content"));
    assert!(
        page.contains("Here non-profit associations"),
        "the shipped English start text"
    );
    assert!(!page.contains("Hoppa till innehållet"));
    assert!(page.contains(r#"lang="sv" hreflang="sv">Svenska</a>"#));

    // Sign-in and registration, with their labels.
    let sign_in = english(&app, "/logga-in").await;
    assert!(
        sign_in.contains("<title>Sign in – Föreningsportalen</title>"),
        "{sign_in}"
    );
    assert!(sign_in.contains("E-mail address") && sign_in.contains("Forgot your password?"));
    let register = english(&app, "/registrera").await;
    assert!(register.contains("Organisation number (organisationsnummer)"));
    assert!(register.contains("Register the association"));

    // Unknown values are Swedish.
    let odd = app.get_as("sprak=xx", "/").await.text().await.unwrap();
    assert!(odd.contains(r#"<html lang="sv""#));
}

#[tokio::test]
async fn english_pages_write_dates_and_amounts_in_english() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let decisions = english(&app, "/beslut").await;
    assert!(decisions.contains("Grant decisions"));
    assert!(decisions.contains("SEK\u{a0}"), "amounts as SEK");
    assert!(decisions.contains("Rejected"), "the seed's rejection");
    assert!(!decisions.contains("\u{a0}kr<"), "no Swedish amounts");
    // The seed's decision: the meeting of 12 December 2023.
    assert!(decisions.contains("12 December 2023"), "English dates");

    let swedish = app.get("/beslut").await.text().await.unwrap();
    assert!(swedish.contains("12 december 2023") && swedish.contains("Avslagen"));

    let board = english(&app, "/anslagstavla").await;
    assert!(board.contains("Official notice board") && board.contains("December 2023"));

    let minutes = english(
        &app,
        "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27",
    )
    .await;
    assert!(minutes.contains("27 November 2017"));
    assert!(minutes.contains("Present (31)"));
    // The minutes themselves stay Swedish, and say so.
    assert!(
        minutes.contains(r#"<div lang="sv" class="prose">"#),
        "{minutes}"
    );

    let hits = english(
        &app,
        "/gemensam-utvecklingsgrupp/minnesanteckningar?sok=lokal",
    )
    .await;
    assert!(hits.contains("1 meeting contains “lokal”."), "{hits}");

    let statistics = english(&app, "/statistik").await;
    assert!(statistics.contains("Statistics on the grants") && statistics.contains("SEK\u{a0}"));

    let guide = english(&app, "/soka-bidrag").await;
    assert!(
        guide.contains("What you need to attach"),
        "the English guidance text"
    );
    assert!(
        guide.contains("every year") || guide.contains("all year"),
        "windows in English"
    );
}

#[tokio::test]
async fn an_admin_edits_the_english_text_apart_from_the_swedish() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let cookie = app
        .sign_in(
            "admin@socialforvaltningen.example",
            "Administrator-demo-2026",
        )
        .await;
    let list = app
        .get_as(&cookie, "/admin/texter")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("/admin/texter/startsida-en"),
        "the English texts are listed"
    );

    let response = app
        .post_form_as(
            Some(&cookie),
            "/admin/texter/startsida-en",
            &format!("text={}&atgard=spara", encode("Welcome, **associations**.")),
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = english(&app, "/").await;
    assert!(page.contains("Welcome, <strong>associations</strong>."));
    let swedish = app.get("/").await.text().await.unwrap();
    assert!(
        !swedish.contains("Welcome"),
        "the Swedish start page keeps its text"
    );
}
