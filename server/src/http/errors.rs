//! The Swedish error page for failures inside the server: status 500 and a reference id
//! that is also in the log, never a stack trace.
use std::panic::AssertUnwindSafe;

use app::error::AppError;
use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use futures_util::FutureExt;

/// Turns a panic anywhere below into the error page. The reference is the request id,
/// so the line in the log and the page the user reports carry the same id.
pub async fn catch_panics(request: Request, next: Next) -> Response {
    let reference = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => {
            let message = crate::telemetry::panic_text(&panic);
            tracing::error!(reference = %reference, panic = %message, "request handler panicked");
            internal_error_page(&reference)
        }
    }
}

/// How long a client is asked to wait when passwords are queued ([`busy`]).
pub const BUSY_RETRY_AFTER_SECONDS: &str = "5";

/// Marks `response` (a page saying that many are signing in) as 503 with `Retry-After`.
pub fn busy(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(BUSY_RETRY_AFTER_SECONDS),
    );
    response
}

/// The largest error answer of a server function that is read to find its status.
const SERVER_FN_ERROR_LIMIT: usize = 64 * 1024;

/// Server functions answer every error with 500 (Leptos's default). This gives each its
/// own status from the typed [`AppError`] in the body: arguments that cannot be read are
/// the caller's mistake (400), as are *not signed in* (401) and *not found* (404); only
/// an internal failure stays 500. The body stays the encoded error the islands decode,
/// and never carries serde's text ([`AppError`]'s conversion drops it).
pub async fn server_function_status(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, SERVER_FN_ERROR_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return bad_server_function_call(),
    };
    parts.status = match serde_json::from_slice::<AppError>(&bytes) {
        Ok(AppError::Request(_)) => StatusCode::BAD_REQUEST,
        Ok(AppError::NotSignedIn) => StatusCode::UNAUTHORIZED,
        Ok(AppError::NotFound) => StatusCode::NOT_FOUND,
        Ok(AppError::Internal(_)) => StatusCode::INTERNAL_SERVER_ERROR,
        // Not ours: whatever it says stays in the log, the caller learns nothing of it.
        Err(_) => {
            tracing::warn!(body = %String::from_utf8_lossy(&bytes), "server function failed");
            return bad_server_function_call();
        }
    };
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A call to a server function that cannot be read, as the typed error islands decode.
fn bad_server_function_call() -> Response {
    let body = serde_json::to_string(&AppError::bad_request()).unwrap_or_default();
    let mut response = (StatusCode::BAD_REQUEST, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A failure inside the server in a form handler: logged under a fresh reference, which
/// the 500 page shows (the cause is never shown).
pub fn failure(cause: &dyn std::fmt::Display) -> Response {
    let reference = uuid::Uuid::new_v4().to_string();
    tracing::error!(%reference, error = %cause, "a form handler failed");
    internal_error_page(&reference)
}

/// The 500 page, self-contained so it renders even when the application cannot.
pub fn internal_error_page(reference: &str) -> Response {
    let reference = html_escape(reference);
    error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Något gick fel",
        &format!(
            r##"<p class="lead">Ett fel uppstod hos oss när sidan skulle visas. Det är inte ditt fel, och det du skickat in tidigare finns kvar.</p>
<p>Försök igen om en stund. Om felet finns kvar, kontakta oss och ange referensen nedan så att vi kan hitta felet.</p>
<p class="reference">Referens: <code>{reference}</code></p>
<p><a href="/">Gå till startsidan</a></p>"##
        ),
    )
}

/// How long a client is asked to wait while the database does not answer.
pub const UNAVAILABLE_RETRY_AFTER_SECONDS: &str = "30";

/// The 503 page while the database does not answer: nothing typed before is lost, try
/// again in a while.
pub fn unavailable_page() -> Response {
    let mut response = error_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Tjänsten är tillfälligt otillgänglig",
        r##"<p class="lead">Föreningsportalen kan inte nå sina uppgifter just nu. Det är inte ditt fel, och det du skickat in tidigare finns kvar.</p>
<p>Försök igen om en stund. Har du fyllt i ett formulär, gå tillbaka och skicka det igen när sidan fungerar; det som inte sparades behöver skickas på nytt.</p>
<p><a href="/">Gå till startsidan</a></p>"##,
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(UNAVAILABLE_RETRY_AFTER_SECONDS),
    );
    response
}

/// The Swedish 404 page for a form handler or download that finds nothing (or nothing
/// that is the caller's), self-contained like the 500 page and saying the same as the
/// site's own "Sidan finns inte".
pub fn not_found_page() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "Sidan finns inte",
        r##"<p class="lead">Vi kunde inte hitta sidan du sökte. Den kan ha flyttats eller tagits bort, eller så är adressen felskriven.</p>
<ul>
<li><a href="/">Gå till startsidan</a></li>
<li><a href="/soka-bidrag">Läs om hur du söker bidrag</a></li>
<li><a href="/kontakt">Kontakta oss</a></li>
</ul>"##,
    )
}

/// The site's shell around an error page's `title` and (trusted) `body`, never cached.
fn error_page(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        r##"<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Föreningsportalen</title>
<link rel="stylesheet" href="/pkg/portal.css">
</head>
<body>
<a class="skip-link" href="#innehall">Hoppa till innehållet</a>
<header class="site-header"><div class="site-header__inner"><a class="site-name" href="/"><span class="site-name__title">Föreningsportalen</span></a></div></header>
<main id="innehall" class="site-main" tabindex="-1">
<div class="page">
<h1>{title}</h1>
{body}
</div>
</main>
</body>
</html>
"##
    );
    let mut response = (status, Html(page)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html_escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, middleware, routing::get, Router};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("database row 42 had password hash $argon2id$secret")
    }

    #[tokio::test]
    async fn a_panic_becomes_a_swedish_500_page_with_the_request_id_and_no_details() {
        let router = Router::new()
            .route("/boom", get(boom))
            .layer(middleware::from_fn(catch_panics));
        let response = router
            .oneshot(
                Request::builder()
                    .uri("/boom")
                    .header("x-request-id", "ref-1234")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains(r#"<html lang="sv">"#));
        assert!(html.contains("Något gick fel"));
        assert!(html.contains("ref-1234"));
        assert!(
            !html.contains("argon2id"),
            "the panic message must not reach the user"
        );
        assert!(!html.contains("panicked"));
    }

    #[tokio::test]
    async fn the_reference_is_escaped() {
        let response = internal_error_page("<script>alert(1)</script>");
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"));
    }

    #[tokio::test]
    async fn a_handler_that_finds_nothing_answers_with_the_swedish_404_page() {
        let response = not_found_page();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains(r#"<html lang="sv">"#));
        assert!(html.contains("<h1>Sidan finns inte</h1>"));
    }
}
