//! Admin actions on the outbox: send a test mail, retry a dead row, download a kept mail.
use app::{
    auth::CurrentUser,
    backend::{
        events::{self, Effect, NewEvent},
        mail::EmailJob,
        outbox,
    },
    domain::role::Role,
    notifications::MailKind,
};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use serde_json::json;
use uuid::Uuid;

use super::account::{internal, swedish_time};
use crate::{mailer, startup::AppState};

/// Admins only; anyone else is told the address does not exist.
#[expect(
    clippy::result_large_err,
    reason = "the response is the handler's answer; it is built once and returned at once"
)]
fn admin(user: Option<Extension<CurrentUser>>) -> Result<CurrentUser, Response> {
    match user {
        Some(Extension(user)) if user.role == Role::Admin => Ok(user),
        Some(_) => Err(super::errors::not_found_page()),
        None => Err(Redirect::to("/logga-in").into_response()),
    }
}

/// `POST /admin/utskick/testmejl`: queues a test mail to the admin, through the outbox.
pub async fn send_test_mail(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let user = match admin(user) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let queued = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let job = EmailJob {
            kind: MailKind::TestMail,
            to: user.email.clone(),
            to_name: user.display_name.clone(),
            user_id: Some(user.id),
            data: json!({
                "name": user.display_name,
                "sent_by": user.display_name,
                "time": swedish_time(chrono::Utc::now()),
                "portal_url": state.settings.public_url.to_string(),
            }),
        };
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "user",
                aggregate_id: user.id,
                event_type: "mail.test_requested",
                actor_id: Some(user.id),
                payload: json!({ "to": user.email }),
                schema_version: 1,
            },
            vec![Effect::Email(job)],
        )
        .await?;
        txn.commit().await
    }
    .await;
    match queued {
        Ok(()) => {
            state.outbox_signal.notify();
            Redirect::to("/admin/utskick?skickat=1").into_response()
        }
        Err(error) => internal(error),
    }
}

/// `POST /admin/utskick/{id}/forsok-igen`: a dead row back into the queue, recorded as
/// an event in the audit trail.
pub async fn retry(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<Uuid>,
) -> Response {
    let user = match admin(user) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let retried = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        if !outbox::retry_dead(&txn, id).await? {
            return Ok(false);
        }
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "outbox",
                aggregate_id: id,
                event_type: "outbox.retry_requested",
                actor_id: Some(user.id),
                payload: json!({}),
                schema_version: 1,
            },
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(true)
    }
    .await;
    match retried {
        Ok(true) => {
            state.outbox_signal.notify();
            Redirect::to("/admin/utskick?igen=1").into_response()
        }
        Ok(false) => (
            StatusCode::NOT_FOUND,
            "Det finns inget misslyckat utskick med det id:t.",
        )
            .into_response(),
        Err(error) => internal(error),
    }
}

/// `GET /admin/skickad-e-post/{id}.eml`: a kept mail, when mail goes to files.
pub async fn download_mail(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(file): Path<String>,
) -> Response {
    if let Err(response) = admin(user) {
        return response;
    }
    let Some(id) = file
        .strip_suffix(".eml")
        .and_then(|id| Uuid::parse_str(id).ok())
    else {
        return super::errors::not_found_page();
    };
    // The id is a parsed UUID, so the path cannot leave the mail folder.
    let path = mailer::mail_folder(&state.settings.data_dir).join(format!("{id}.eml"));
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "message/rfc822".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{id}.eml\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => super::errors::not_found_page(),
    }
}

/// `POST /admin/anvandare/bjud-in`: a staff account and a 7-day link to choose a password.
pub async fn invite_staff(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    request: axum::extract::Request,
) -> Response {
    use app::{
        backend::{email_tokens, entities::app_user, password},
        components::form::FormState,
        domain::{email, text},
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let admin = match admin(user) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let (parts, form) = super::registration::read_form(&state, request).await;
    let mut problems = FormState::default();
    for key in ["name", "email", "role"] {
        problems
            .values
            .insert(key.into(), form.get(key).cloned().unwrap_or_default());
    }
    let name = form
        .get("name")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let name = text::name(&name, "Ange personens namn.", 200)
        .map_err(|message| problems.add_error("name", message))
        .unwrap_or_default();
    let address = email::parse(form.get("email").map(String::as_str).unwrap_or(""));
    if let Err(message) = address {
        problems.add_error("email", message);
    }
    let role = form
        .get("role")
        .and_then(|r| Role::parse(r))
        .filter(|role| role.is_staff());
    if role.is_none() {
        problems.add_error(
            "role",
            "Välj en roll: handläggare, attestant eller administratör.",
        );
    }
    let (Ok(address), Some(role), false) = (address, role, name.is_empty()) else {
        return super::render::page_at_with_form(
            &state,
            parts,
            "/admin/anvandare",
            problems,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&address))
        .one(&state.db)
        .await
    {
        Ok(Some(_)) => {
            problems.add_error(
                "email",
                "Det finns redan ett konto med den här e-postadressen.",
            );
            return super::render::page_at_with_form(
                &state,
                parts,
                "/admin/anvandare",
                problems,
                StatusCode::CONFLICT,
            )
            .await;
        }
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    // A password nobody knows, until the invited person chooses one through the link.
    let Ok(unusable) = password::hash_pooled(Uuid::new_v4().to_string()).await else {
        problems.message = Some(password::Busy.to_string());
        return super::errors::busy(
            super::render::page_at_with_form(
                &state,
                parts,
                "/admin/anvandare",
                problems,
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await,
        );
    };
    let invited = async {
        let now = chrono::Utc::now();
        let txn = app::backend::db::begin_write(&state.db).await?;
        let id = app::backend::users::create(
            &txn,
            app::backend::users::NewUser {
                email: &address,
                display_name: &name,
                title: "",
                phone: "",
                role: role.as_str(),
                password_hash: &unusable,
                email_verified_at: None,
            },
        )
        .await?;
        let token = email_tokens::issue(
            &txn,
            id,
            email_tokens::Purpose::Invite,
            now.timestamp_millis(),
        )
        .await?;
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "user",
                aggregate_id: id,
                event_type: "account.invited",
                actor_id: Some(admin.id),
                payload: json!({ "role": role.as_str() }),
                schema_version: 1,
            },
            vec![Effect::Email(EmailJob {
                kind: MailKind::StaffInvitation,
                to: address.clone(),
                to_name: name.clone(),
                user_id: Some(id),
                data: json!({
                    "name": name,
                    "role": role.label(),
                    "invited_by": admin.display_name,
                    "link": super::registration::link(&state, "/nytt-losenord", &token),
                }),
            })],
        )
        .await?;
        txn.commit().await
    }
    .await;
    match invited {
        Ok(()) => {
            state.outbox_signal.notify();
            Redirect::to("/admin/anvandare?inbjuden=1").into_response()
        }
        Err(error) => internal(error),
    }
}

/// `POST /admin/anvandare/{id}/inaktivera` and `…/aktivera`: an inactive account cannot
/// sign in, and its sessions end at once. Admins cannot deactivate themselves.
pub async fn set_active(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, action)): Path<(Uuid, String)>,
) -> Response {
    use app::backend::entities::{app_user, user_session};
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
    let admin = match admin(user) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let active = match action.as_str() {
        "aktivera" => true,
        "inaktivera" => false,
        _ => return super::errors::not_found_page(),
    };
    if id == admin.id && !active {
        return (
            StatusCode::CONFLICT,
            "Du kan inte inaktivera ditt eget konto.",
        )
            .into_response();
    }
    let changed = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let updated = app_user::Entity::update_many()
            .col_expr(app_user::Column::Active, Expr::value(active))
            .filter(app_user::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            return Ok(false);
        }
        if !active {
            user_session::Entity::delete_many()
                .filter(user_session::Column::UserId.eq(id))
                .exec(&txn)
                .await?;
            // No link mailed earlier may let the account in again.
            let now_ms = chrono::Utc::now().timestamp_millis();
            for purpose in [
                app::backend::email_tokens::Purpose::Reset,
                app::backend::email_tokens::Purpose::Invite,
            ] {
                app::backend::email_tokens::revoke_all(&txn, id, purpose, now_ms).await?;
            }
        }
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "user",
                aggregate_id: id,
                event_type: if active {
                    "account.reactivated"
                } else {
                    "account.deactivated"
                },
                actor_id: Some(admin.id),
                payload: json!({}),
                schema_version: 1,
            },
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(true)
    }
    .await;
    match changed {
        Ok(true) if active => Redirect::to("/admin/anvandare?klart=aktiverat").into_response(),
        Ok(true) => Redirect::to("/admin/anvandare?klart=inaktiverat").into_response(),
        Ok(false) => super::errors::not_found_page(),
        Err(error) => internal(error),
    }
}
