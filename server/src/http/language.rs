//! The language switch (`app::i18n`): `GET /sprak/{sv|en}?till=/sidan` remembers the
//! choice in a cookie and brings the visitor back to the page they were on. A plain link,
//! so it works without JavaScript.
use app::i18n::Lang;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use serde::Deserialize;

use super::members::not_found;
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/sprak/{code}", get(switch))
}

#[derive(Deserialize)]
struct Back {
    till: Option<String>,
}

/// A year, as long as a choice of language is worth keeping.
const MAX_AGE: u32 = 365 * 24 * 60 * 60;

/// Where to go back to: a path on this site, else the start page (never another site:
/// `//evil.example` and `/\evil.example` are addresses of other sites to a browser).
fn back_to(till: Option<&str>) -> &str {
    match till {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control()) =>
        {
            path
        }
        _ => "/",
    }
}

/// `GET /sprak/{code}?till=…`: sets the language and answers 303 back to `till`.
async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return not_found();
    };
    let secure = if state.settings.uses_https() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age={MAX_AGE}{secure}",
        Lang::COOKIE,
        lang.code()
    );
    let location = back_to(back.till.as_deref());
    match (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(location),
    ) {
        (Ok(cookie), Ok(location)) => (
            StatusCode::SEE_OTHER,
            [
                (header::SET_COOKIE, cookie),
                (header::LOCATION, location),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response(),
        _ => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, HeaderValue::from_static("/"))],
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::back_to;

    #[test]
    fn only_a_path_on_this_site_is_a_way_back() {
        assert_eq!(back_to(Some("/beslut?ar=2023")), "/beslut?ar=2023");
        assert_eq!(back_to(Some("//evil.example/")), "/");
        assert_eq!(back_to(Some("/\\evil.example/")), "/");
        assert_eq!(back_to(Some("https://evil.example/")), "/");
        assert_eq!(back_to(Some("/a\r\nSet-Cookie: x=y")), "/");
        assert_eq!(back_to(None), "/");
    }
}
