//! The association's board (styrelse): its members add and remove board members.
use app::{
    auth::CurrentUser,
    backend::{entities::board_member, invitations},
    components::form::FormState,
    domain::board::{self, BoardRole},
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, SqlErr};
use serde_json::json;
use uuid::Uuid;

use super::{
    account::internal,
    members::{membership, not_found, record},
    registration::read_form,
    render,
};
use crate::startup::AppState;

/// Why a member who is neither an owner nor a verified representative cannot change
/// the board.
pub const BOARD_REFUSED: &str =
    "Bara föreningens ägare och verifierade företrädare kan ändra styrelsen.";

async fn may_manage(state: &AppState, id: Uuid, user: Uuid) -> Result<bool, DbErr> {
    app::features::representatives::queries::may_manage(
        &state.db,
        id,
        user,
        app::backend::time::today(),
    )
    .await
}

/// `POST /foreningar/{id}/styrelse`: an owner or a verified representative adds someone
/// to the board.
pub async fn add(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let user = match membership(&state, user, id).await {
        Ok((user, _)) => user,
        Err(response) => return response,
    };
    let (parts, form) = read_form(&state, request).await;
    let name = form.get(board::field::NAME).cloned().unwrap_or_default();
    let role = form.get(board::field::ROLE).cloned().unwrap_or_default();
    match may_manage(&state, id, user.id).await {
        Ok(true) => {}
        Ok(false) => {
            let mut problems = FormState::default();
            problems.values.insert(board::field::NAME.into(), name);
            problems.values.insert(board::field::ROLE.into(), role);
            problems.message = Some(BOARD_REFUSED.to_owned());
            return render::page_at_with_form(
                &state,
                parts,
                &format!("/foreningar/{id}"),
                problems,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
        Err(error) => return internal(error),
    }
    let added = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let taken: Vec<BoardRole> = board_member::Entity::find()
            .filter(board_member::Column::AssociationId.eq(id))
            .all(&txn)
            .await?
            .iter()
            .filter_map(|row| BoardRole::parse(&row.role))
            .collect();
        let (name, role) = match board::validate(&name, &role, &taken) {
            Ok(valid) => valid,
            Err(errors) => return Ok(Err(errors)),
        };
        let member_id = Uuid::now_v7();
        board_member::Entity::insert(board_member::ActiveModel {
            id: Set(member_id),
            association_id: Set(id),
            name: Set(name.clone()),
            role: Set(role.as_str().to_owned()),
            created_at: Set(Utc::now()),
        })
        .exec_without_returning(&txn)
        .await?;
        record(
            &txn,
            id,
            "association.board_member_added",
            user.id,
            // Ids and roles only: the event log is append-only, names would stay forever.
            json!({ "board_member": member_id, "role": role.as_str() }),
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Ok(()))
    }
    .await;
    // Two additions of one single role at the same moment: the database keeps one.
    let added = match added {
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Ok(Err(vec![(
                board::field::ROLE,
                "Någon annan lade just till en person med den rollen. Ladda om sidan och försök igen.".to_owned(),
            )]))
        }
        other => other,
    };
    match added {
        Ok(Ok(())) => Redirect::to(&format!("/foreningar/{id}?klart=styrelse")).into_response(),
        Ok(Err(errors)) => {
            let mut problems = FormState::default();
            problems.values.insert(board::field::NAME.into(), name);
            problems.values.insert(board::field::ROLE.into(), role);
            for (field, message) in errors {
                problems.add_error(field, message);
            }
            render::page_at_with_form(
                &state,
                parts,
                &format!("/foreningar/{id}"),
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(error) => internal(error),
    }
}

/// `POST /foreningar/{id}/styrelse/{member}/ta-bort`: a member removes a board member.
pub async fn remove(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, member_id)): Path<(Uuid, Uuid)>,
    request: Request,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    let removed = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        if invitations::role_in(&txn, id, user.id).await?.is_none() {
            return Ok(Some(false));
        }
        if !app::features::representatives::queries::may_manage(
            &txn,
            id,
            user.id,
            app::backend::time::today(),
        )
        .await?
        {
            return Ok(None);
        }
        let deleted = board_member::Entity::delete_many()
            .filter(board_member::Column::Id.eq(member_id))
            .filter(board_member::Column::AssociationId.eq(id))
            .exec(&txn)
            .await?;
        if deleted.rows_affected == 0 {
            return Ok(Some(false));
        }
        record(
            &txn,
            id,
            "association.board_member_removed",
            user.id,
            json!({ "board_member": member_id }),
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Some(true))
    }
    .await;
    match removed {
        Ok(Some(true)) => {
            Redirect::to(&format!("/foreningar/{id}?klart=borttagen-ur-styrelsen")).into_response()
        }
        Ok(Some(false)) => not_found(),
        Ok(None) => {
            let (parts, _) = request.into_parts();
            let problems = FormState {
                message: Some(BOARD_REFUSED.to_owned()),
                ..FormState::default()
            };
            render::page_at_with_form(
                &state,
                parts,
                &format!("/foreningar/{id}"),
                problems,
                StatusCode::FORBIDDEN,
            )
            .await
        }
        Err(error) => internal(error),
    }
}
