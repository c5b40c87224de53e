//! What the anslagstavla reads.
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use super::{NoticeBoard, NoticeRow};
use crate::backend::entities::board_notice;
use crate::i18n::Lang;

/// The notices up on `today` and the archive, newest first, dates written in `lang`.
pub async fn board(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    lang: Lang,
) -> Result<NoticeBoard, DbErr> {
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
            meeting: lang.long_date(n.meeting_on),
            justered: lang.long_date(n.justered_on),
            up: lang.long_date(n.up_on),
            down: lang.long_date(n.down_on),
            legal_force: lang.long_date(n.legal_force_on),
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
