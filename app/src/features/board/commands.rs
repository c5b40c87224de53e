//! Adding and removing board members. Events carry ids and roles, never names: the
//! event log is append-only, and a name in it would stay forever.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::{field, BoardRole, REFUSED};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{association_member, board_member},
    events::{self, NewEvent},
};
use crate::features::representatives::queries::may_manage;

/// Whether `user` is on the association's account (`NotFound` if not: the association
/// is not theirs to learn of) and may change the board (`Forbidden` if not).
async fn allowed(
    db: &impl sea_orm::ConnectionTrait,
    today: chrono::NaiveDate,
    association_id: Uuid,
    user: Uuid,
) -> Result<(), CommandError> {
    if association_member::Entity::find_by_id((association_id, user))
        .one(db)
        .await?
        .is_none()
    {
        return Err(CommandError::NotFound);
    }
    if !may_manage(db, association_id, user, today).await? {
        return Err(CommandError::Forbidden(REFUSED.to_owned()));
    }
    Ok(())
}

/// Adds `name` with `role` (as the form sends it) to the board. A second chair (vice
/// chair, treasurer, secretary) is refused, also when two arrive at the same moment (a
/// partial unique index decides). Returns the new board member's id.
#[tracing::instrument(skip_all, fields(association = %association_id))]
pub async fn add_member(
    ctx: &Ctx,
    association_id: Uuid,
    by: Uuid,
    name: &str,
    role: &str,
) -> Result<Uuid, CommandError> {
    // Checked in the write transaction, so a change of who may manage cannot slip in
    // between the check and the write.
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    allowed(&txn, ctx.today, association_id, by).await?;
    let taken: Vec<BoardRole> = board_member::Entity::find()
        .filter(board_member::Column::AssociationId.eq(association_id))
        .all(&txn)
        .await?
        .iter()
        .map(|row| row.role)
        .collect();
    let (name, role) =
        crate::domain::board::validate(name, role, &taken).map_err(CommandError::Invalid)?;
    let member_id = Uuid::now_v7();
    let inserted = board_member::Entity::insert(board_member::ActiveModel {
        id: Set(member_id),
        association_id: Set(association_id),
        name: Set(name),
        role: Set(role),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await;
    // Two additions of one single role at the same moment: the database keeps one.
    if let Err(error) = inserted {
        return Err(match CommandError::from_unique_violation(error, "") {
            CommandError::Conflict(_) => CommandError::Invalid(vec![(
                field::ROLE,
                "Någon annan lade just till en person med den rollen. Ladda om sidan och försök igen."
                    .to_owned(),
            )]),
            other => other,
        });
    }
    events::record(
        &txn,
        NewEvent::by_member(
            association_id,
            "association.board_member_added",
            by,
            json!({ "board_member": member_id, "role": role.as_str() }),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(member_id)
}

/// Takes board member `member_id` off the association's board.
#[tracing::instrument(skip_all, fields(association = %association_id))]
pub async fn remove_member(
    ctx: &Ctx,
    association_id: Uuid,
    by: Uuid,
    member_id: Uuid,
) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    allowed(&txn, ctx.today, association_id, by).await?;
    let deleted = board_member::Entity::delete_many()
        .filter(board_member::Column::Id.eq(member_id))
        .filter(board_member::Column::AssociationId.eq(association_id))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(CommandError::NotFound);
    }
    events::record(
        &txn,
        NewEvent::by_member(
            association_id,
            "association.board_member_removed",
            by,
            json!({ "board_member": member_id }),
        ),
        Vec::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
