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
use sea_orm::TransactionTrait;
use serde_json::json;
use uuid::Uuid;

use super::account::{internal, swedish_time};
use crate::{mailer, startup::AppState};

/// Admins only; anyone else is told the address does not exist.
fn admin(user: Option<Extension<CurrentUser>>) -> Result<CurrentUser, Response> {
    match user {
        Some(Extension(user)) if user.role == Role::Admin => Ok(user),
        Some(_) => Err((StatusCode::NOT_FOUND, "Sidan finns inte").into_response()),
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
        let txn = state.db.begin().await?;
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
        let txn = state.db.begin().await?;
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
        return (StatusCode::NOT_FOUND, "Sidan finns inte").into_response();
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
        Err(_) => (StatusCode::NOT_FOUND, "Mejlet finns inte som fil.").into_response(),
    }
}
