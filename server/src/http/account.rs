//! The HTTP side of accounts (`app::features::accounts`) and of the association's
//! profile (`app::features::profile`): sign-in and sign-out, e-mail settings, password
//! change, the person's data and the deletion of the account, and the profile's form.
//! Each handler reads the form, checks what only HTTP knows (throttles, the session),
//! calls one command and maps the outcome.
use std::collections::HashMap;

use app::{
    auth::CurrentUser,
    backend::{
        command::CommandError,
        sessions::{self, SessionToken},
    },
    components::form::FormState,
    notifications::MailKind,
};
use axum::{
    extract::{Form, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

use crate::{http::render, startup::AppState};

/// `POST /logga-in`. Missing fields: 422 with messages by the fields. Wrong e-mail or
/// password (the same answer for both): 401. Too many failures: 429 with `Retry-After`.
/// Success: a new session (any earlier one of the browser ends) and 303 to Mina sidor.
pub async fn sign_in(State(state): State<AppState>, request: Request) -> Response {
    use app::features::accounts::commands::{self, SignInAttempt};
    let (parts, mut form) = super::registration::read_form(&state, request).await;
    let mut take = |name: &str| form.remove(name).unwrap_or_default();
    let attempt = SignInAttempt {
        email: take("email"),
        password: take("password"),
        ip: client_ip(&parts),
    };
    let mut kept = FormState::default();
    kept.values
        .insert("email".into(), attempt.email.trim().to_owned());
    match commands::sign_in(&state.ctx(), attempt).await {
        Ok(token) => {
            if let Some(old) = parts.extensions.get::<SessionToken>() {
                let _ = sessions::destroy(&state.db, old).await;
            }
            let cookie = super::session::session_cookie(&token, state.settings.uses_https());
            ([(header::SET_COOKIE, cookie)], Redirect::to("/mina-sidor")).into_response()
        }
        Err(refused) => sign_in_refused(&state, parts, kept, refused).await,
    }
}

/// The sign-in form again with why it was refused, and the status that says it (422
/// for the fields, 401 for a wrong address or password, 403 for an unconfirmed address,
/// 429 with `Retry-After`, 503 while hashing is busy).
async fn sign_in_refused(
    state: &AppState,
    parts: axum::http::request::Parts,
    mut kept: FormState,
    refused: app::features::accounts::commands::SignInRefused,
) -> Response {
    use app::features::accounts::commands::SignInRefused;
    if let SignInRefused::Failed(error) = &refused {
        return super::errors::failure(error);
    }
    kept.message = refused.message();
    let status = match &refused {
        SignInRefused::Invalid(problems) => {
            problems
                .iter()
                .for_each(|(field, message)| kept.add_error(field, message.clone()));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        SignInRefused::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        SignInRefused::Unverified => StatusCode::FORBIDDEN,
        SignInRefused::Busy => StatusCode::SERVICE_UNAVAILABLE,
        SignInRefused::Refused | SignInRefused::Failed(_) => StatusCode::UNAUTHORIZED,
    };
    let mut response = render::page_with_form(state, parts, kept, status).await;
    match refused {
        SignInRefused::Throttled { retry_after_s, .. } => {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
        }
        SignInRefused::Busy => response = super::errors::busy(response),
        _ => {}
    }
    response
}

/// The address the request came from, as the TCP connection says. (Behind a reverse
/// proxy every request would share the proxy's address; trusting a forwarded-for header
/// needs a setting naming the proxy, which comes with the deployment issue.)
pub(crate) fn client_ip(parts: &axum::http::request::Parts) -> String {
    parts
        .extensions
        .get::<super::session::ClientIp>()
        .map(|ip| ip.0.to_string())
        .or_else(|| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// `POST /logga-ut`: ends the session and removes the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    token: Option<Extension<SessionToken>>,
) -> Response {
    if let Some(Extension(token)) = token {
        if let Err(error) = sessions::destroy(&state.db, &token).await {
            return internal(error);
        }
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        super::session::clear_cookie(state.settings.uses_https()),
    );
    response
}

/// `POST /mina-sidor/installningar`: a ticked box turns a notification on, an
/// unticked one (absent from the form) turns it off.
pub async fn save_notification_settings(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    let wanted = |kind: MailKind| form.contains_key(kind.as_str());
    match app::features::accounts::commands::save_notification_settings(&state.ctx(), &user, wanted)
        .await
    {
        Ok(()) => Redirect::to("/mina-sidor/installningar?sparat=1").into_response(),
        Err(CommandError::Db(error)) => internal(error),
        Err(other) => super::errors::failure(&other),
    }
}

pub use app::backend::time::swedish_time;

/// A database failure in a form handler: logged with a reference, shown as the 500 page.
pub fn internal(error: sea_orm::DbErr) -> Response {
    let reference = uuid::Uuid::new_v4().to_string();
    tracing::error!(%reference, %error, "database error in a form handler");
    let mut response = super::errors::internal_error_page(&reference);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /mina-sidor/mina-uppgifter.json`: everything stored about the signed-in person.
pub async fn download_my_data(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    match app::backend::my_data::export(&state.db, user.id).await {
        Ok(Some(data)) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"mina-uppgifter.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Ok(None) => Redirect::to("/logga-in").into_response(),
        Err(error) => internal(error),
    }
}

/// `POST /mina-sidor/radera-konto`: with the password; not while the person is the only
/// owner of an association account others use.
pub async fn delete_account(
    State(state): State<AppState>,
    super::toolkit::SignedIn(user): super::toolkit::SignedIn,
    request: Request,
) -> Response {
    let (parts, mut form) = super::registration::read_form(&state, request).await;
    let attempt = form.remove("password").unwrap_or_default();
    let ctx = state.ctx();
    match app::features::accounts::commands::delete_own_account(
        &ctx,
        &user,
        &attempt,
        &client_ip(&parts),
    )
    .await
    {
        Ok(mail_ids) => {
            let folder = crate::mailer::mail_folder(&state.settings.data_dir);
            for id in mail_ids {
                let _ = tokio::fs::remove_file(folder.join(format!("{id}.eml"))).await;
            }
            let cookie = super::session::clear_cookie(state.settings.uses_https());
            ([(header::SET_COOKIE, cookie)], Redirect::to("/?raderat=1")).into_response()
        }
        Err(error) => {
            let page = parts.uri.path().to_owned();
            let invalid = StatusCode::UNPROCESSABLE_ENTITY;
            super::toolkit::refused(&state, parts, &page, FormState::default(), error, invalid)
                .await
        }
    }
}

/// `POST /foreningar/{id}`: a member saves the association's profile.
pub async fn save_association(
    State(state): State<AppState>,
    super::toolkit::SignedIn(user): super::toolkit::SignedIn,
    axum::extract::Path(id): axum::extract::Path<uuid::Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = super::registration::read_form(&state, request).await;
    let kept = FormState {
        values: form.clone(),
        ..FormState::default()
    };
    match app::features::profile::commands::save(&state.ctx(), id, &user, form).await {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?sparat=1")).into_response(),
        Err(error) => {
            let page = parts.uri.path().to_owned();
            let invalid = StatusCode::UNPROCESSABLE_ENTITY;
            super::toolkit::refused(&state, parts, &page, kept, error, invalid).await
        }
    }
}

pub use app::features::profile::PAYMENT_DETAILS_REFUSED;

/// `POST /mina-sidor/byt-losenord`: the current password, then a new one that passes
/// the strength check. Every other session of the account ends; this one goes on.
pub async fn change_password(
    State(state): State<AppState>,
    super::toolkit::SignedIn(user): super::toolkit::SignedIn,
    token: Option<Extension<SessionToken>>,
    request: Request,
) -> Response {
    use app::features::accounts::{commands, pages::change_password::field};
    let Some(Extension(token)) = token else {
        return Redirect::to("/logga-in").into_response();
    };
    let (parts, mut form) = super::registration::read_form(&state, request).await;
    let input = commands::NewPassword {
        current: form.remove(field::CURRENT).unwrap_or_default(),
        new: form.remove(field::NEW).unwrap_or_default(),
        ip: client_ip(&parts),
    };
    match commands::set_new_password(&state.ctx(), &user, &token, input).await {
        Ok(()) => Redirect::to("/mina-sidor/byt-losenord?bytt=1").into_response(),
        Err(error) => {
            let page = parts.uri.path().to_owned();
            let invalid = StatusCode::UNPROCESSABLE_ENTITY;
            super::toolkit::refused(&state, parts, &page, FormState::default(), error, invalid)
                .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::swedish_time;
    use chrono::TimeZone;

    #[test]
    fn times_in_mails_are_swedish_time_in_swedish() {
        let winter = chrono::Utc
            .with_ymd_and_hms(2026, 11, 22, 17, 5, 0)
            .unwrap();
        assert_eq!(swedish_time(winter), "22 november 2026 kl. 18.05");
        let summer = chrono::Utc.with_ymd_and_hms(2026, 6, 1, 10, 0, 0).unwrap();
        assert_eq!(swedish_time(summer), "1 juni 2026 kl. 12.00");
    }
}
