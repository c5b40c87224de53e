//! Cross-site request forgery: a state-changing request that a browser says comes from
//! another site is refused with 403 before anything runs. Leptos server functions do no
//! such check themselves, so this guards them and every form handler alike.
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

/// Whether the browser's own headers say the request came from another origin.
/// `scheme` is the scheme users reach the portal by (`https` in production): an origin
/// is the scheme, host and port together, so `http://portal…` posting to
/// `https://portal…` is another origin too.
pub fn is_cross_origin(method: &Method, headers: &HeaderMap, scheme: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    // Every current browser sends Sec-Fetch-Site; "none" is a user typing the address.
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    // Older browsers: compare Origin with the Host the request was sent to.
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        return origin != format!("{scheme}://{host}");
    }
    // No browser headers at all: not a browser, so no ambient cookies to abuse.
    false
}

/// The scheme the portal is reached by, for [`guard`].
#[derive(Clone, Copy, Debug)]
pub struct Scheme(pub &'static str);

pub async fn guard(State(Scheme(scheme)): State<Scheme>, request: Request, next: Next) -> Response {
    if is_cross_origin(request.method(), request.headers(), scheme) {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            Html(
                "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Förfrågan stoppades</title></head>\
                 <body><main><h1>Förfrågan stoppades</h1><p>Formuläret skickades från en annan webbplats och har inte behandlats. \
                 Gå till <a href=\"/\">Föreningsportalen</a> och försök igen därifrån.</p></main></body></html>",
            ),
        )
            .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_are_never_refused() {
        assert!(!is_cross_origin(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            "https"
        ));
    }

    #[test]
    fn a_post_from_another_site_is_refused_and_one_from_this_site_is_not() {
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")]),
            "https"
        ));
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")]),
            "https"
        ));
        assert!(!is_cross_origin(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")]),
            "https"
        ));
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "portal.example.se")
            ]),
            "https"
        ));
        assert!(!is_cross_origin(
            &Method::POST,
            &headers(&[
                ("origin", "https://portal.example.se"),
                ("host", "portal.example.se")
            ]),
            "https"
        ));
        // The same host over plain http is another origin.
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[
                ("origin", "http://portal.example.se"),
                ("host", "portal.example.se")
            ]),
            "https"
        ));
    }
}
