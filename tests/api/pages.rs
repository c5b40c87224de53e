use portal_tests::{spawn_app, spawn_app_with};

const NAVIGATION: [(&str, &str); 6] = [
    ("/", "Föreningsbidrag från socialnämnden"),
    ("/soka-bidrag", "Söka bidrag"),
    ("/beslut", "Beslut om bidrag"),
    ("/gemensam-utvecklingsgrupp", "Gemensam utvecklingsgrupp"),
    ("/medlemskap", "Medlemskap i Helsam"),
    ("/logga-in", "Logga in"),
];

#[tokio::test]
async fn every_page_in_the_navigation_is_swedish_with_landmarks_and_a_skip_link() {
    let app = spawn_app().await;
    for (path, heading) in NAVIGATION {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(r#"<html lang="sv""#), "{path}: lang");
        assert!(
            html.contains(r##"<a href="#innehall" class="skip-link">Hoppa till innehållet</a>"##),
            "{path}: skip link"
        );
        assert!(
            html.contains(r#"<main id="innehall""#),
            "{path}: main landmark"
        );
        assert!(
            html.contains(r#"<nav id="huvudmeny" aria-label="Huvudmeny""#),
            "{path}: nav"
        );
        assert!(html.contains("<footer"), "{path}: footer");
        assert!(
            html.contains(&format!("<h1>{heading}</h1>")),
            "{path}: heading {heading}"
        );
        for link in [
            "/anslagstavla",
            "/kontakt",
            "/tillganglighet",
            "/personuppgifter",
        ] {
            assert!(
                html.contains(&format!(r#"href="{link}""#)),
                "{path}: footer link {link}"
            );
        }
        // The current page is marked for screen readers.
        assert!(
            html.contains(&format!(r#"href="{path}" aria-current="page""#)),
            "{path}: aria-current"
        );
    }
}

#[tokio::test]
async fn the_footer_pages_exist() {
    let app = spawn_app().await;
    for (path, heading) in [
        ("/anslagstavla", "Anslagstavla"),
        ("/kontakt", "Kontakta oss"),
        ("/tillganglighet", "Tillgänglighetsredogörelse"),
        ("/personuppgifter", "Så behandlar vi personuppgifter"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains(&format!("<h1>{heading}</h1>")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_unknown_path_is_a_swedish_404_page_inside_the_layout() {
    let app = spawn_app().await;
    let response = app.get("/finns/inte").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("<h1>Sidan finns inte</h1>"));
    assert!(html.contains(r#"<html lang="sv""#));
    assert!(html.contains(r#"aria-label="Huvudmeny""#));
}

#[tokio::test]
async fn pages_have_a_title_naming_the_page_and_the_portal() {
    let app = spawn_app().await;
    let html = app.get("/soka-bidrag").await.text().await.unwrap();
    assert!(
        html.contains("<title>Söka bidrag – Föreningsportalen</title>"),
        "{html}"
    );
}

#[tokio::test]
async fn the_demo_banner_and_accounts_show_only_in_demo_mode() {
    let production = spawn_app().await;
    let html = production.get("/logga-in").await.text().await.unwrap();
    assert!(!html.contains("Demoläge"));
    assert!(!html.contains("Sokande-demo-2026"));

    let demo = spawn_app_with(|settings| settings.demo = true).await;
    let html = demo.get("/").await.text().await.unwrap();
    assert!(html.contains("Demoläge"));
    let html = demo.get("/logga-in").await.text().await.unwrap();
    assert!(html.contains("sara.lind@kindness-compassion.example"));
    assert!(html.contains("Sokande-demo-2026"));
}

#[tokio::test]
async fn only_the_menu_and_inline_validation_hydrate() {
    let app = spawn_app().await;
    let html = app.get("/").await.text().await.unwrap();
    assert_eq!(html.matches("<leptos-island").count(), 2, "{html}");
    assert!(html.contains(r#"data-component="MenuToggle"#));
    assert!(html.contains(r#"data-component="InlineValidation"#));
    // Without JavaScript the menu button is hidden and the menu is open.
    assert!(html.contains("hidden"));
}

/// Leptos suppresses every resource in the process while it generates a route list
/// (leptos #4773); a page rendered meanwhile waited forever. Applications now generate
/// their routes once per process, so building more of them (another thread, as parallel
/// tests do) never stalls a page being rendered.
#[tokio::test]
async fn building_other_applications_never_stalls_a_page_being_rendered() {
    let app = spawn_app().await;
    portal_tests::create_user(
        &app.db,
        "applicant",
        "sara@example.se",
        "en lång och ovanlig fras",
    )
    .await;
    let cookie = app
        .sign_in("sara@example.se", "en lång och ovanlig fras")
        .await;
    let (done, stop) = std::sync::mpsc::channel::<()>();
    let builder = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut built = 0;
        while stop.try_recv().is_err() && built < 40 {
            drop(runtime.block_on(spawn_app()));
            built += 1;
        }
        built
    });
    for attempt in 0..60 {
        let answered = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            app.get_as(&cookie, "/mina-sidor"),
        )
        .await
        .unwrap_or_else(|_| {
            panic!("request {attempt} stalled while other applications were built")
        });
        assert_eq!(answered.status(), 200);
    }
    let _ = done.send(());
    assert!(
        builder.join().unwrap() > 0,
        "other applications were built meanwhile"
    );
}

#[tokio::test]
async fn the_guide_shows_each_programme_with_its_window_documents_and_criteria() {
    let app = spawn_app().await;
    let html = app.get("/soka-bidrag").await.text().await.unwrap();
    // From the programmes' own data, as of today.
    assert!(html.contains("Tidsbegränsat bidrag"), "{html}");
    assert!(html.contains("Går att söka nu (året runt)."), "{html}");
    assert!(html.contains("Bifoga: stadgar"), "{html}");
    assert!(html.contains("Bedöms efter: stadsövergripande"), "{html}");
    let today = app::backend::time::today();
    let window = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 4, 1).unwrap();
    let verksamhetsbidrag_open = today >= window
        && today <= chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 5, 31).unwrap();
    assert_eq!(
        html.contains("Går att söka nu (1 april–31 maj varje år)."),
        verksamhetsbidrag_open,
        "{html}"
    );
}
