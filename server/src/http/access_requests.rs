//! Asking for access to an association's account that someone else registered, and the
//! owners' answer: an invitation or a refusal.
use app::{
    auth::CurrentUser,
    backend::{
        entities::{access_request, app_user, association, association_member},
        events::Effect,
        invitations,
        mail::EmailJob,
    },
    components::form::FormState,
    domain::{email, org_number::OrgNumber},
    notifications::MailKind,
    pages::public::access_request::field,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    account::internal,
    members::{not_found, queue_invitation, record},
    registration::read_form,
    render,
};
use crate::startup::AppState;

/// More unanswered requests than this and new ones wait: owners are not to be flooded.
const MAX_OPEN_REQUESTS: u64 = 10;

/// `POST /registrera/be-om-atkomst`: anyone may ask; the owners get a mail. A second
/// request from the same address while the first is open sends nothing new.
pub async fn request_access(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let text = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems = FormState::default();
    for name in [field::ORG_NUMBER, field::NAME, field::EMAIL, field::MESSAGE] {
        problems.values.insert(name.into(), text(name));
    }
    let org_number = OrgNumber::parse(&text(field::ORG_NUMBER))
        .map_err(|error| problems.add_error(field::ORG_NUMBER, error.to_string()))
        .ok();
    let name = text(field::NAME);
    if name.is_empty() {
        problems.add_error(field::NAME, "Ange ditt namn.");
    } else if name.chars().count() > 200 {
        problems.add_error(field::NAME, "Namnet får vara högst 200 tecken.");
    }
    let address = email::parse(&text(field::EMAIL))
        .map_err(|message| problems.add_error(field::EMAIL, message))
        .ok();
    let message = text(field::MESSAGE);
    if message.chars().count() > 1000 {
        problems.add_error(field::MESSAGE, "Meddelandet får vara högst 1000 tecken.");
    }
    let (Some(org_number), Some(address)) = (org_number, address) else {
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };
    if problems.has_problems() {
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }

    let asked = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let Some(association) = association::Entity::find()
            .filter(association::Column::OrgNumber.eq(org_number.as_str()))
            .one(&txn)
            .await?
        else {
            return Ok(Err(StatusCode::NOT_FOUND));
        };
        let open = access_request::Entity::find()
            .filter(access_request::Column::AssociationId.eq(association.id))
            .filter(access_request::Column::Outcome.is_null());
        if open
            .clone()
            .filter(access_request::Column::Email.eq(&address))
            .count(&txn)
            .await?
            > 0
        {
            return Ok(Ok(false));
        }
        if open.count(&txn).await? >= MAX_OPEN_REQUESTS {
            return Ok(Err(StatusCode::TOO_MANY_REQUESTS));
        }
        let request_id = Uuid::now_v7();
        access_request::Entity::insert(access_request::ActiveModel {
            id: Set(request_id),
            association_id: Set(association.id),
            name: Set(name.clone()),
            email: Set(address.clone()),
            message: Set(message.clone()),
            created_at: Set(Utc::now()),
            outcome: Set(None),
            answered_at: Set(None),
        })
        .exec_without_returning(&txn)
        .await?;
        let owners = association_member::Entity::find()
            .filter(association_member::Column::AssociationId.eq(association.id))
            .filter(association_member::Column::Role.eq("owner"))
            .find_also_related(app_user::Entity)
            .all(&txn)
            .await?;
        let link = state
            .settings
            .public_url
            .join(&format!("/foreningar/{}", association.id))
            .map(|url| url.to_string())
            .unwrap_or_default();
        let mails = owners
            .into_iter()
            .filter_map(|(_, owner)| owner)
            .map(|owner| {
                Effect::Email(EmailJob {
                    kind: MailKind::AccessRequest,
                    to: owner.email,
                    to_name: owner.display_name,
                    user_id: Some(owner.id),
                    data: json!({
                        "association": association.name,
                        "requester": name,
                        "requester_email": address,
                        "message": message,
                        "link": link,
                    }),
                })
            })
            .collect();
        app::backend::events::record(
            &txn,
            app::backend::events::NewEvent {
                aggregate_type: "association",
                aggregate_id: association.id,
                event_type: "association.access_requested",
                actor_id: None,
                payload: json!({ "request": request_id }),
                schema_version: 1,
            },
            mails,
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Ok(true))
    }
    .await;
    match asked {
        Ok(Ok(sent)) => {
            if sent {
                state.outbox_signal.notify();
            }
            Redirect::to("/registrera/be-om-atkomst/skickad").into_response()
        }
        Ok(Err(StatusCode::NOT_FOUND)) => {
            problems.add_error(
                field::ORG_NUMBER,
                "Ingen förening med det organisationsnumret är registrerad. Du kan registrera föreningen i stället.",
            );
            render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Ok(Err(status)) => {
            problems.message = Some(
                "Föreningen har redan många obesvarade förfrågningar. Kontakta föreningen direkt, eller försök igen om några dagar.".into(),
            );
            render::page_with_form(&state, parts, problems, status).await
        }
        Err(error) => internal(error),
    }
}

/// `POST /foreningar/{id}/forfragningar/{request}/{action}`: an owner answers, with
/// `bjud-in` (an invitation by mail) or `avsla`.
pub async fn answer(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, request_id, action)): Path<(Uuid, Uuid, String)>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    let answered = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        if invitations::role_in(&txn, id, user.id).await?.as_deref() != Some("owner") {
            return Ok(None);
        }
        let Some(association) = association::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(None);
        };
        let Some(request) = access_request::Entity::find_by_id(request_id)
            .one(&txn)
            .await?
            .filter(|r| r.association_id == id && r.outcome.is_none())
        else {
            return Ok(None);
        };
        let outcome = match action.as_str() {
            "bjud-in" => {
                queue_invitation(
                    &state,
                    &txn,
                    &association,
                    &request.email,
                    &user,
                    json!({ "request": request_id }),
                )
                .await?;
                "invited"
            }
            "avsla" => {
                record(
                    &txn,
                    id,
                    "association.access_declined",
                    user.id,
                    json!({ "request": request_id }),
                    Vec::new(),
                )
                .await?;
                "declined"
            }
            _ => return Ok(None),
        };
        access_request::Entity::update_many()
            .col_expr(access_request::Column::Outcome, Expr::value(outcome))
            .col_expr(access_request::Column::AnsweredAt, Expr::value(Utc::now()))
            .filter(access_request::Column::Id.eq(request_id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Some(outcome))
    }
    .await;
    match answered {
        Ok(Some(outcome)) => {
            state.outbox_signal.notify();
            let done = if outcome == "invited" {
                "inbjuden"
            } else {
                "avslagen"
            };
            Redirect::to(&format!("/foreningar/{id}?klart={done}")).into_response()
        }
        Ok(None) => not_found(),
        Err(error) => internal(error),
    }
}
