//! The session cookie: resolved on every request into a `CurrentUser` extension that
//! pages, server functions and handlers read.
use app::backend::sessions::{self, SessionToken};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue},
    middleware::Next,
    response::Response,
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
    let name = cookie_name(https);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.is_empty())
        .map(|(_, value)| SessionToken::from_cookie(value))
}

/// Resolves the session cookie into `CurrentUser` (and keeps the token) in the request's
/// extensions. A database error is logged and the request goes on as anonymous.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let https = state.settings.uses_https();
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

#[cfg(test)]
mod tests {
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
