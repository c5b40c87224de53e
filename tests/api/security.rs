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
    // A page rendered for each visitor (a cached public page allows its scripts by hash:
    // see public_cache.rs).
    let app = spawn_app().await;
    let response = app.get("/logga-in").await;
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

    let second = app.get("/logga-in").await;
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

/// Every server function, called anonymously and signed in with arguments that cannot be
/// read (bad UUIDs, repeated keys, invalid UTF-8, a JSON body, binary): always a 4xx, a
/// Swedish message, and nothing of serde's words or the argument's type.
#[tokio::test]
async fn malformed_server_function_calls_never_get_5xx_and_say_nothing_internal() {
    use portal_tests::create_user;
    let app = spawn_app().await;
    create_user(
        &app.db,
        "admin",
        "admin@example.se",
        "en lång och ovanlig fras",
    )
    .await;
    let admin = app
        .sign_in("admin@example.se", "en lång och ovanlig fras")
        .await;
    let endpoints = [
        "/api/officer/verifications",
        "/api/officer/verification",
        "/api/account/notifications",
        "/api/associations/profile",
        "/api/associations/mine",
        "/api/associations/invitation",
        "/api/associations/access-request",
        "/api/admin/outbox",
        "/api/admin/sent-mail",
        "/api/admin/accounts",
    ];
    let bodies: [(&str, Vec<u8>); 7] = [
        (
            "application/x-www-form-urlencoded",
            b"id=inte-ett-uuid".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"id=1&id=2&token=a&token=b".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"id=%FF%FE&token=%C3%28".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, 0x00, 0x3d, 0x80],
        ),
        (
            "application/json",
            br#"{"id": [1, 2, {"x": null}]}"#.to_vec(),
        ),
        ("text/plain", b"\0\0\0".to_vec()),
        (
            "application/x-www-form-urlencoded",
            b"page=-1&page=99999999999999999999".to_vec(),
        ),
    ];
    let mut wrong = Vec::new();
    for endpoint in endpoints {
        for cookie in [None, Some(admin.as_str())] {
            for (content_type, body) in &bodies {
                let mut request = app
                    .client
                    .post(format!("{}{endpoint}", app.address))
                    .header("content-type", *content_type)
                    .header("accept", "application/json")
                    .header("sec-fetch-site", "same-origin")
                    .body(body.clone());
                if let Some(cookie) = cookie {
                    request = request.header("cookie", cookie);
                }
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let text = response.text().await.unwrap();
                let leaks = ["deserializ", "UUID", "utf-8", "Multiple values", "serde"]
                    .iter()
                    .any(|word| text.to_lowercase().contains(&word.to_lowercase()));
                if status >= 500 || leaks {
                    wrong.push(format!(
                        "{endpoint} ({content_type}, signed in: {}): {status} {text}",
                        cookie.is_some()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // An argument that cannot be read is the caller's mistake: 400, in Swedish.
    let response = app
        .client
        .post(format!("{}/api/associations/profile", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body("id=inte-ett-uuid")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("uppgifterna i förfrågan kunde inte läsas"));
}

/// Pages with someone's data are never kept by a cache, and an anonymous visit to one is
/// sent to *Logga in* with 303 before anything renders.
#[tokio::test]
async fn signed_in_pages_are_never_cached_and_anonymous_visitors_are_sent_to_sign_in() {
    use portal_tests::{create_user, fixtures::association_with_owner};
    let app = spawn_app().await;
    let owner = create_user(
        &app.db,
        "applicant",
        "a@example.se",
        "en lång och ovanlig fras",
    )
    .await;
    create_user(
        &app.db,
        "admin",
        "admin@example.se",
        "en lång och ovanlig fras",
    )
    .await;
    let id = association_with_owner(&app.db, "802534-3750", owner).await;
    let member = app
        .sign_in("a@example.se", "en lång och ovanlig fras")
        .await;
    let admin = app
        .sign_in("admin@example.se", "en lång och ovanlig fras")
        .await;

    for (cookie, path) in [
        (&member, "/mina-sidor".to_owned()),
        (&member, format!("/foreningar/{id}")),
        (&member, "/mina-sidor/mina-uppgifter.json".to_owned()),
        (&member, "/".to_owned()),
        (&admin, "/admin/utskick".to_owned()),
        (&admin, "/admin/anvandare".to_owned()),
    ] {
        let response = app.get_as(cookie, &path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let api = app
        .client
        .post(format!("{}/api/associations/mine", app.address))
        .header("cookie", &member)
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 200);
    assert_eq!(api.headers()["cache-control"], "no-store");

    for path in ["/mina-sidor", "/mina-sidor/installningar", "/admin/utskick"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/logga-in", "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let anonymous = app.get(&format!("/foreningar/{id}")).await;
    assert_eq!(anonymous.status(), 303);
}
