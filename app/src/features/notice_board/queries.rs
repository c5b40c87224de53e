//! What the anslagstavla reads.
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use super::{NoticeBoard, NoticeRow};
use crate::backend::entities::board_notice;
use crate::domain::programme_window::long_date;

/// The notices up on `today` and the archive, newest first.
pub async fn board(db: &impl ConnectionTrait, today: NaiveDate) -> Result<NoticeBoard, DbErr> {
    let notices = board_notice::Entity::find()
        .order_by_desc(board_notice::Column::UpOn)
        .order_by_desc(board_notice::Column::MeetingOn)
        .all(db)
        .await?;
    let mut board = NoticeBoard::default();
    for n in notices {
        let row = NoticeRow {
            meeting_id: n.meeting_id,
            body: n.body,
            meeting: long_date(n.meeting_on),
            justered: long_date(n.justered_on),
            up: long_date(n.up_on),
            down: long_date(n.down_on),
            legal_force: long_date(n.legal_force_on),
            paragraphs: n.paragraphs,
            kept_at: n.kept_at,
        };
        if n.up_on <= today && today <= n.down_on {
            board.current.push(row);
        } else if n.down_on < today {
            board.archived.push(row);
        }
    }
    Ok(board)
}
