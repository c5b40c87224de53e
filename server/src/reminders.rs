//! Reminders that no request triggers, queued by the worker's housekeeping.
use app::{
    backend::{
        entities::{app_user, association, association_member, representative},
        events::Effect,
        mail::EmailJob,
    },
    notifications::MailKind,
};
use chrono::{Days, NaiveDate, Utc};
use sea_orm::{sea_query::Expr, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde_json::json;

use crate::http::{members::record, registration::page_url};

/// How long before a verification ends its representatives are reminded.
pub const VERIFICATION_REMINDER_DAYS: u64 = 30;

/// Queues "Verifieringen går ut" for each representative still on the account whose
/// verification ends within [`VERIFICATION_REMINDER_DAYS`] of `today` and who has not
/// been reminded of it; each in its own transaction with its event. Returns how many.
pub async fn verification_ending(
    db: &DatabaseConnection,
    public_url: &url::Url,
    today: NaiveDate,
) -> Result<usize, DbErr> {
    let horizon = today
        .checked_add_days(Days::new(VERIFICATION_REMINDER_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let due = representative::Entity::find()
        .filter(representative::Column::ValidUntil.gte(today))
        .filter(representative::Column::ValidUntil.lte(horizon))
        .filter(representative::Column::RemindedAt.is_null())
        .all(db)
        .await?;
    let mut queued = 0;
    for row in due {
        let txn = app::backend::db::begin_write(db).await?;
        // Claimed here, so two workers never remind twice.
        let claimed = representative::Entity::update_many()
            .col_expr(representative::Column::RemindedAt, Expr::value(Utc::now()))
            .filter(representative::Column::AssociationId.eq(row.association_id))
            .filter(representative::Column::UserId.eq(row.user_id))
            // A verification renewed meanwhile is a new one, with its own reminder.
            .filter(representative::Column::ValidUntil.eq(row.valid_until))
            .filter(representative::Column::RemindedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let member = association_member::Entity::find_by_id((row.association_id, row.user_id))
            .one(&txn)
            .await?;
        let person = app_user::Entity::find_by_id(row.user_id).one(&txn).await?;
        let association = association::Entity::find_by_id(row.association_id)
            .one(&txn)
            .await?;
        let (Some(_), Some(person), Some(association)) = (member, person, association) else {
            txn.commit().await?;
            continue;
        };
        let link = page_url(public_url, &format!("/foreningar/{}", association.id));
        record(
            &txn,
            association.id,
            "association.verification_ending_reminded",
            None,
            json!({ "representative": person.id, "valid_until": row.valid_until.to_string() }),
            vec![Effect::Email(EmailJob {
                kind: MailKind::VerificationEnding,
                to: person.email,
                to_name: person.display_name.clone(),
                user_id: Some(person.id),
                data: json!({
                    "name": person.display_name,
                    "association": association.name,
                    "valid_until": row.valid_until.to_string(),
                    "link": link,
                }),
            })],
        )
        .await?;
        txn.commit().await?;
        queued += 1;
    }
    Ok(queued)
}
