//! The public page cache: a public page is rendered once and served from memory, with
//! its inline script allowed by hash instead of a nonce, until its content changes; a
//! signed-in visitor never gets a cached page.
use base64::Engine;
use portal_tests::{encode, spawn_app_with};
use sha2::{Digest, Sha256};

const ADMIN: (&str, &str) = (
    "admin@socialforvaltningen.example",
    "Administrator-demo-2026",
);

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// The text of every inline `<script>` of `html`.
fn inline_scripts(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|part| {
            let (tag, rest) = part.split_once('>')?;
            let (text, _) = rest.split_once("</script>")?;
            (!tag.contains(" src=")).then(|| text.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn a_public_page_is_kept_until_its_content_changes() {
    let app = spawn_app_with(|settings| settings.demo = true).await;

    let first = app.get("/").await;
    assert_eq!(first.status(), 200);
    assert_eq!(header(&first, "x-cache"), "miss");
    let first_body = first.text().await.unwrap();

    // The count of public changes is one per process, and the other tests of this
    // binary change public content too: a page may miss again, never forever.
    let mut second = app.get("/").await;
    for _ in 0..20 {
        if header(&second, "x-cache") == "hit" {
            break;
        }
        second = app.get("/").await;
    }
    assert_eq!(header(&second, "x-cache"), "hit");
    let policy = header(&second, "content-security-policy");
    let request_id = header(&second, "x-request-id");
    let body = second.text().await.unwrap();
    assert_eq!(body, first_body, "the same bytes for everyone");
    // No nonce handed to everyone: the hydration script is allowed by its hash.
    assert!(!body.contains("nonce="), "{body}");
    assert!(!request_id.is_empty(), "a request id all the same");
    assert!(!policy.contains("nonce-"), "{policy}");
    let scripts = inline_scripts(&body);
    assert!(!scripts.is_empty(), "the islands' hydration script");
    for script in scripts {
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&script));
        assert!(
            policy.contains(&format!("'sha256-{hash}'")),
            "{script} allowed by {policy}"
        );
    }
    assert!(policy.contains("object-src 'none'") && !policy.contains("'unsafe-"));

    // Each language is kept apart.
    let english = app.get_as("sprak=en", "/").await.text().await.unwrap();
    assert!(english.contains(r#"<html lang="en""#));
    assert!(app
        .get("/")
        .await
        .text()
        .await
        .unwrap()
        .contains(r#"<html lang="sv""#));

    // Signed in, a page is always rendered for the person and never stored anywhere.
    let cookie = app.sign_in(ADMIN.0, ADMIN.1).await;
    let mine = app.get_as(&cookie, "/").await;
    assert_eq!(header(&mine, "x-cache"), "");
    assert_eq!(header(&mine, "cache-control"), "no-store");
    assert!(mine.text().await.unwrap().contains("Logga ut"));

    // An admin saves the start page's text: the next visitor sees it at once.
    let saved = app
        .post_form_as(
            Some(&cookie),
            "/admin/texter/startsida",
            &format!("text={}&atgard=spara", encode("Nu kan **alla** söka.")),
        )
        .await;
    assert_eq!(saved.status(), 303);
    let after = app.get("/").await;
    assert_eq!(header(&after, "x-cache"), "miss");
    assert!(after
        .text()
        .await
        .unwrap()
        .contains("Nu kan <strong>alla</strong> söka."));
}

#[tokio::test]
async fn a_kept_page_is_sent_compressed_as_the_browser_takes_it() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let url = format!("{}/beslut", app.address);
    let client = reqwest::Client::new();
    let plain = app.get("/beslut").await.bytes().await.unwrap();
    for (accepts, coding) in [
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("identity", ""),
    ] {
        let response = client
            .get(&url)
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "content-encoding"), coding, "{accepts}");
        assert!(header(&response, "vary").contains("accept-encoding"));
        let body = response.bytes().await.unwrap();
        if coding.is_empty() {
            assert_eq!(body, plain);
        } else {
            assert!(
                body.len() * 2 < plain.len(),
                "{accepts}: {} of {}",
                body.len(),
                plain.len()
            );
        }
    }
}
