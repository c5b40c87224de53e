//! The session cookie: resolved on every request into a `CurrentUser` extension that
//! pages, server functions and handlers read.
use app::backend::sessions::{self, SessionToken};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

use crate::startup::AppState;

/// The cookie's name: `__Host-` prefixed when served over https (the browser then
/// insists on Secure, Path=/ and no Domain), plain over http where that prefix would be
/// refused.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-portal_session"
    } else {
        "portal_session"
    }
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, the whole site, 12 hours.
pub fn session_cookie(token: &SessionToken, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    let max_age = sessions::ABSOLUTE_TIMEOUT.num_seconds();
    HeaderValue::from_str(&format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        cookie_name(https),
        token.expose_for_cookie()
    ))
    .expect("a base64url token is a valid header value")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        cookie_name(https)
    ))
    .expect("a constant header value")
}

/// The session token the browser sent, if any.
pub fn token_from(headers: &HeaderMap, https: bool) -> Option<SessionToken> {
    app::backend::security::cookie(headers, cookie_name(https)).map(SessionToken::from_cookie)
}

/// The visitor's IP address, as throttles count it: the peer's, or behind a trusted
/// proxy the last untrusted address of `X-Forwarded-For`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// The visitor's address for a request from `peer` with these headers.
pub fn client_ip_of(
    peer: std::net::IpAddr,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; read from the right, skipping
    // our own proxies, and stop at the first that is not one of them.
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|item| item.trim().parse().ok())
        .collect();
    forwarded
        .iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .copied()
        .unwrap_or(peer)
}

/// Resolves the session cookie into `CurrentUser` (and keeps the token) in the request's
/// extensions. A database error is logged and the request goes on as anonymous.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let https = state.settings.uses_https();
    if let Some(peer) = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())
    {
        let ip = client_ip_of(peer, request.headers(), &state.settings.trusted_proxies);
        request.extensions_mut().insert(ClientIp(ip));
    }
    if let Some(token) = token_from(request.headers(), https) {
        match sessions::resolve(&state.db, &token).await {
            Ok(Some(user)) => {
                request.extensions_mut().insert(user);
                request.extensions_mut().insert(token);
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "could not resolve the session"),
        }
    }
    next.run(request).await
}

/// Paths that only a signed-in person may see: their answers are never cached, and an
/// anonymous `GET` of a page among them is sent to *Logga in* with 303.
pub fn is_private(path: &str) -> bool {
    const PREFIXES: [&str; 9] = [
        "/mina-sidor",
        "/ansokningar",
        "/foreningar/",
        "/admin",
        "/handlaggning",
        "/ekonomi",
        "/partnerskap",
        "/api/",
        "/dokument/",
    ];
    PREFIXES.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| prefix.ends_with('/') || rest.is_empty() || rest.starts_with('/'))
    })
}

/// Runs after [`resolve`]. Every answer to a signed-in person, and every answer on a
/// private path, carries `Cache-Control: no-store` (no shared or browser cache keeps a
/// page with someone's data); an anonymous `GET` of a private page, which would only
/// ask to sign in, is answered with 303 to *Logga in* before anything renders.
pub async fn private_pages(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let signed_in = request
        .extensions()
        .get::<app::auth::CurrentUser>()
        .is_some();
    let private = is_private(&path);
    let is_page = matches!(*request.method(), Method::GET | Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/handlaggning/live");
    if private && is_page && !signed_in {
        let mut response = Redirect::to("/logga-in").into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let mut response = next.run(request).await;
    // The site's own files (CSS, wasm, icons) are the same for everyone and stay cacheable.
    let static_file =
        path.starts_with("/pkg/") || matches!(path.as_str(), "/favicon.svg" | "/robots.txt");
    if private || (signed_in && !static_file) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_visitor_behind_a_trusted_proxy_is_the_last_untrusted_forwarded_address() {
        let proxy: std::net::IpAddr = "10.0.0.5".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 203.0.113.7, 10.0.0.5"),
        );
        // A visitor may write anything on the left; only the proxies' own entries count.
        assert_eq!(
            client_ip_of(proxy, &headers, &[proxy]),
            "203.0.113.7".parse::<std::net::IpAddr>().unwrap()
        );
        let stranger: std::net::IpAddr = "198.51.100.1".parse().unwrap();
        assert_eq!(
            client_ip_of(stranger, &headers, &[proxy]),
            stranger,
            "header ignored"
        );
        assert_eq!(client_ip_of(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }

    #[test]
    fn private_paths_are_told_from_public_ones() {
        for path in [
            "/mina-sidor",
            "/mina-sidor/installningar",
            "/foreningar/0190",
            "/admin",
            "/admin/utskick",
            "/api/admin/outbox",
            "/dokument/x",
            "/handlaggning/foretradare",
            "/ansokningar/0190/aterrapport/1",
        ] {
            assert!(is_private(path), "{path}");
        }
        for path in [
            "/",
            "/logga-in",
            "/administrera-inte",
            "/mina-sidorna",
            "/ansokningarna",
            "/registrera",
        ] {
            assert!(!is_private(path), "{path}");
        }
    }

    use super::*;

    #[test]
    fn the_cookie_is_http_only_lax_and_host_prefixed_over_https() {
        let token = SessionToken::from_cookie("abc");
        let over_https = session_cookie(&token, true);
        let text = over_https.to_str().unwrap();
        assert!(
            text.starts_with("__Host-portal_session=abc; Path=/; HttpOnly; SameSite=Lax"),
            "{text}"
        );
        assert!(text.ends_with("; Secure"));
        let over_http = session_cookie(&token, false);
        assert!(over_http
            .to_str()
            .unwrap()
            .starts_with("portal_session=abc;"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; portal_session=xyz; b=2"),
        );
        assert_eq!(
            token_from(&headers, false),
            Some(SessionToken::from_cookie("xyz"))
        );
        assert_eq!(token_from(&headers, true), None);
    }
}
