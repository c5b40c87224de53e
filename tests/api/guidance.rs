//! The guidance texts: shipped wording until an admin saves another, Markdown with a
//! preview, sanitised, shown to the public at once, and the shipped wording back.
use portal_tests::{encode, spawn_app_with, TestApp};

const ADMIN: (&str, &str) = (
    "admin@socialforvaltningen.example",
    "Administrator-demo-2026",
);

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn every_guidance_page_shows_its_shipped_text() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    for (path, part) in [
        (
            "/",
            "Här ansöker ideella föreningar med social verksamhet om bidrag",
        ),
        ("/soka-bidrag", "<h2>Det här behöver du bifoga</h2>"),
        (
            "/soka-bidrag",
            "<strong>vara stadsövergripande och öppen</strong>",
        ),
        (
            "/gemensam-utvecklingsgrupp",
            "Du behöver inte anmäla dig i förväg",
        ),
        (
            "/medlemskap",
            "Medlemsavgiften är 100 kronor per år och förening.",
        ),
        (
            "/kontakt",
            r#"<a href="mailto:foreningsstod@socialforvaltningen.example""#,
        ),
        ("/tillganglighet", "<h2>Rapportera brister</h2>"),
        ("/personuppgifter", "<h2>Dina rättigheter</h2>"),
    ] {
        let html = page(&app, path).await;
        assert!(html.contains(part), "{part} on {path}: {html}");
    }
}

#[tokio::test]
async fn an_admin_edits_a_text_with_a_preview_and_the_public_sees_it_at_once() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let admin = app.sign_in(ADMIN.0, ADMIN.1).await;
    let list = app
        .get_as(&admin, "/admin/texter")
        .await
        .text()
        .await
        .unwrap();
    for name in [
        "Kontakta oss",
        "Medlemskap i Helsam",
        "Tillgänglighetsredogörelse",
    ] {
        assert!(list.contains(name), "{name} in {list}");
    }
    assert!(list.contains("Ursprunglig text"));
    let form = app
        .get_as(&admin, "/admin/texter/kontakt")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("Kontakta enheten för föreningsstöd."),
        "the shipped Markdown to edit"
    );

    let text = "Ring **08-508 25 158**.\n\n<script>alert(1)</script>[x](javascript:alert(2))";
    // The preview: sanitised, nothing saved, what was typed kept.
    let response = app
        .post_form_as(
            Some(&admin),
            "/admin/texter/kontakt",
            &format!("text={}&atgard=forhandsgranska", encode(text)),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    let preview = crate::minutes::preview_of(&body);
    assert!(
        preview.contains("Ring <strong>08-508 25 158</strong>."),
        "{preview}"
    );
    assert!(
        !preview.contains("<script") && !preview.contains("=\"javascript:"),
        "{preview}"
    );
    assert!(page(&app, "/kontakt")
        .await
        .contains("Kontakta enheten för föreningsstöd."));

    // Empty is refused by the field, with 422.
    let response = app
        .post_form_as(Some(&admin), "/admin/texter/kontakt", "text=+&atgard=spara")
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Skriv texten."));

    // Saved: the public page shows it at once, sanitised.
    let response = app
        .post_form_as(
            Some(&admin),
            "/admin/texter/kontakt",
            &format!("text={}&atgard=spara", encode(text)),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/admin/texter?sparat=kontakt"
    );
    let contact = page(&app, "/kontakt").await;
    assert!(
        contact.contains("Ring <strong>08-508 25 158</strong>."),
        "{contact}"
    );
    assert!(!contact.contains("Kontakta enheten för föreningsstöd."));
    assert!(!contact.contains("<script>alert") && !contact.contains("=\"javascript:"));
    let list = app
        .get_as(&admin, "/admin/texter")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("av Administratör") || list.contains("Ändrad "),
        "{list}"
    );

    // The shipped wording back.
    let response = app
        .post_form_as(Some(&admin), "/admin/texter/kontakt/aterstall", "")
        .await;
    assert_eq!(response.status(), 303);
    assert!(page(&app, "/kontakt")
        .await
        .contains("Kontakta enheten för föreningsstöd."));
    assert_eq!(
        app.get_as(&admin, "/admin/texter/finns-inte")
            .await
            .status(),
        404
    );
}
