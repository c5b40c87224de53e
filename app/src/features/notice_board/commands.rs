//! Posting a notice: in the justering's transaction, so minutes are never justerade
//! without their notice.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::backend::command::CommandError;
use crate::backend::entities::{board_notice, committee_meeting};
use crate::domain::legal_clock::Clock;

/// Posts the notice that `meeting`'s minutes (with § `paragraphs`) are justerade, with
/// the dates of `clock`.
pub async fn post(
    txn: &impl ConnectionTrait,
    meeting: &committee_meeting::Model,
    paragraphs: &[i32],
    clock: Clock,
) -> Result<(), CommandError> {
    let body = crate::features::committee::queries::body_label(&meeting.body);
    board_notice::Entity::insert(board_notice::ActiveModel {
        id: Set(Uuid::now_v7()),
        meeting_id: Set(meeting.id),
        body: Set(body),
        meeting_on: Set(meeting.meeting_on),
        justered_on: Set(clock.notice_up),
        up_on: Set(clock.notice_up),
        down_on: Set(clock.appeal_until),
        legal_force_on: Set(clock.legal_force),
        paragraphs: Set(super::paragraphs(paragraphs)),
        kept_at: Set(crate::features::committee::MINUTES_KEPT.to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}
