use portal_tests::{spawn_app, spawn_app_with};

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/healthz", "/finns-inte", "/pkg/finns-inte.js"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(!csp.contains("'unsafe-eval'"), "{path}: {csp}");
        assert!(!csp.contains("'unsafe-inline'"), "{path}: {csp}");
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {directive} in {csp}");
        }
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "{path}: no HSTS over http"
        );
        assert!(headers.get("x-request-id").is_some(), "{path}: request id");
    }
}

#[tokio::test]
async fn a_page_allows_exactly_its_own_inline_script_by_nonce() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page policy carries a nonce")
        .to_owned();
    assert!(nonce.len() >= 16, "{nonce}");
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)),
        "{html}"
    );

    let second = app.get("/").await;
    let second_csp = second.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(!second_csp.contains(&nonce), "a nonce is never reused");
}

#[tokio::test]
async fn hsts_is_sent_when_the_public_address_is_https() {
    let app = spawn_app_with(|settings| {
        settings.public_url = "https://foreningsportalen.example.se".parse().unwrap();
        settings.public_url_is_default = false;
    })
    .await;
    let response = app.get("/").await;
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

#[tokio::test]
async fn a_request_id_sent_by_a_proxy_is_kept() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "proxy-abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "proxy-abc-123");
}

#[tokio::test]
async fn an_oversized_request_body_is_refused_with_413() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("{}/", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 3 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_ask() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/soka-bidrag", app.address))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
}
