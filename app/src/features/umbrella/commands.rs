//! Membership's state changes: an association applies, staff decide, staff record fees.
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    sea_query::OnConflict, ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::{field, UmbrellaStatus};
use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    entities::{
        app_user, association, association_member, attachment, umbrella_application, umbrella_fee,
    },
    events::{self, NewEvent},
    mail,
};
use crate::domain::{document, validation};
use crate::features::representatives::commands::StoredDocument;
use crate::notifications::MailKind;

/// A verified representative applies for the association.
#[derive(Clone, Debug)]
pub struct Apply {
    pub association_id: Uuid,
    pub applied_by: Uuid,
    /// `ÅÅÅÅ-MM-DD`, as typed.
    pub board_decided_on: String,
    /// The stored minutes, or why there are none.
    pub minutes: Result<StoredDocument, String>,
}

/// The board's decision day: a real day, not in the future, at most two years ago.
fn board_day(typed: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let day = validation::date_typed(field::BOARD_DECIDED_ON, typed).map_err(|(_, m)| m)?;
    if day > today {
        Err("Styrelsebeslutet kan inte ha ett datum efter i dag.".into())
    } else if day < today - chrono::Duration::days(730) {
        Err("Styrelsebeslutet får vara högst två år gammalt. Ta ett nytt beslut.".into())
    } else {
        Ok(day)
    }
}

/// The association's latest application.
pub async fn latest(
    db: &impl sea_orm::ConnectionTrait,
    association_id: Uuid,
) -> Result<Option<umbrella_application::Model>, sea_orm::DbErr> {
    umbrella_application::Entity::find()
        .filter(umbrella_application::Column::AssociationId.eq(association_id))
        .order_by_desc(umbrella_application::Column::AppliedAt)
        .one(db)
        .await
}

/// Sends in the application; the staff see it at once. Returns its id.
pub async fn apply(ctx: &Ctx, input: Apply) -> Result<Uuid, CommandError> {
    let verified = crate::features::representatives::queries::is_verified(
        &ctx.db,
        input.association_id,
        input.applied_by,
        ctx.today,
    )
    .await?;
    if !verified {
        return Err(CommandError::Forbidden(
            "Bara en verifierad företrädare för föreningen kan ansöka om medlemskap.".into(),
        ));
    }
    if let Some(last) = latest(&ctx.db, input.association_id).await? {
        match UmbrellaStatus::parse(&last.status) {
            Some(UmbrellaStatus::Pending) => {
                return Err(CommandError::Conflict(
                    "Föreningen har redan en ansökan som väntar på beslut.".into(),
                ))
            }
            Some(UmbrellaStatus::Approved) => {
                return Err(CommandError::Conflict("Föreningen är redan medlem.".into()))
            }
            _ => {}
        }
    }
    let mut problems: Vec<FieldProblem> = Vec::new();
    let day = board_day(&input.board_decided_on, ctx.today)
        .map_err(|m| problems.push((field::BOARD_DECIDED_ON, m)))
        .ok();
    if let Err(message) = &input.minutes {
        problems.push((field::MINUTES, message.clone()));
    }
    let (Some(day), Ok(file), true) = (day, &input.minutes, problems.is_empty()) else {
        return Err(CommandError::Invalid(problems));
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let now = events::recorded_at();
    let attachment_id = Uuid::now_v7();
    attachment::Entity::insert(attachment::ActiveModel {
        id: Set(attachment_id),
        association_id: Set(input.association_id),
        purpose: Set("umbrella".into()),
        file_name: Set(document::clean_file_name(&file.file_name, file.kind)),
        content_type: Set(file.kind.content_type().into()),
        size_bytes: Set(file.size as i64),
        sha256: Set(file.sha256.clone()),
        storage_key: Set(file.key.clone()),
        uploaded_by: Set(Some(input.applied_by)),
        created_at: Set(now),
        application_id: Set(None),
        document_type: Set(None),
    })
    .exec_without_returning(&txn)
    .await?;
    let id = Uuid::now_v7();
    umbrella_application::Entity::insert(umbrella_application::ActiveModel {
        id: Set(id),
        association_id: Set(input.association_id),
        status: Set(UmbrellaStatus::Pending.as_str().into()),
        board_decided_on: Set(day),
        attachment_id: Set(attachment_id),
        applied_by: Set(input.applied_by),
        applied_at: Set(now),
        decided_by: Set(None),
        decided_at: Set(None),
        note: Set(String::new()),
    })
    .exec_without_returning(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about_association(
            input.association_id,
            "umbrella.applied",
            Some(input.applied_by),
            json!({ "application": id, "board_decided_on": day }),
        ),
        vec![],
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Staff approve or reject application `id`; rejecting needs a note. Every member of the
/// association's account is mailed.
pub async fn decide(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    decision: &str,
    note: &str,
) -> Result<(), CommandError> {
    crate::backend::users::officer(
        &ctx.db,
        actor,
        "Bara handläggare kan besluta om medlemskap.",
    )
    .await?;
    let approve = match decision {
        "godkann" => true,
        "avsla" => false,
        _ => {
            return Err(CommandError::Invalid(vec![(
                field::DECISION,
                "Välj om ansökan ska godkännas eller avslås.".into(),
            )]))
        }
    };
    let note = crate::domain::text::free_text(note, None, 2000)
        .map_err(|m| CommandError::Invalid(vec![(field::NOTE, m)]))?;
    if !approve && note.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::NOTE,
            "Skriv varför ansökan avslås. Föreningen får meddelandet.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let application = umbrella_application::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    if application.status != UmbrellaStatus::Pending.as_str() {
        return Err(CommandError::Conflict(
            "Ansökan är redan avgjord. Ladda om sidan.".into(),
        ));
    }
    let association = association::Entity::find_by_id(application.association_id)
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let status = if approve {
        UmbrellaStatus::Approved
    } else {
        UmbrellaStatus::Rejected
    };
    let now = events::recorded_at();
    let mut row: umbrella_application::ActiveModel = application.clone().into();
    row.status = Set(status.as_str().into());
    row.decided_by = Set(Some(actor));
    row.decided_at = Set(Some(now));
    row.note = Set(note.clone());
    row.update(&txn).await?;
    let link = ctx.link(&format!("/foreningar/{}/helsam", association.id))?;
    let members = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association.id))
        .find_also_related(app_user::Entity)
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|(_, person)| person);
    let data = json!({
        "association": association.name,
        "approved": approve,
        "note": note,
        "fee": super::FEE_KR,
        "link": link,
    });
    let effects = mail::to_each(MailKind::UmbrellaDecided, members, |person| {
        let mut data = data.clone();
        data["name"] = json!(person.display_name);
        data
    });
    events::record(
        &txn,
        NewEvent::about_association(
            association.id,
            if approve {
                "umbrella.approved"
            } else {
                "umbrella.rejected"
            },
            Some(actor),
            json!({ "application": id, "note": note }),
        ),
        effects,
    )
    .await?;
    ctx.commit_and_wake(txn).await
}

/// Staff record (or take back) a member's fee for `year`.
pub async fn record_fee(
    ctx: &Ctx,
    actor: Uuid,
    association_id: Uuid,
    year: &str,
    paid: bool,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, "Bara handläggare kan registrera avgifter.")
        .await?;
    let year: i32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=ctx.today.year() + 1).contains(y))
        .ok_or_else(|| {
            CommandError::Invalid(vec![(field::YEAR, "Välj ett år i listan.".into())])
        })?;
    let member = latest(&ctx.db, association_id)
        .await?
        .filter(|a| a.status == UmbrellaStatus::Approved.as_str());
    if member.is_none() {
        return Err(CommandError::NotFound);
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    if paid {
        umbrella_fee::Entity::insert(umbrella_fee::ActiveModel {
            association_id: Set(association_id),
            year: Set(year),
            paid_on: Set(ctx.today),
            recorded_by: Set(actor),
            recorded_at: Set(events::recorded_at()),
        })
        .on_conflict(
            OnConflict::columns([
                umbrella_fee::Column::AssociationId,
                umbrella_fee::Column::Year,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    } else {
        umbrella_fee::Entity::delete_by_id((association_id, year))
            .exec(&txn)
            .await?;
    }
    events::record(
        &txn,
        NewEvent::about_association(
            association_id,
            if paid {
                "umbrella.fee_paid"
            } else {
                "umbrella.fee_unpaid"
            },
            Some(actor),
            json!({ "year": year, "amount_kr": super::FEE_KR }),
        ),
        vec![],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_decision_is_a_recent_past_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert!(board_day("2026-11-20", today).is_ok());
        assert!(board_day("2026-12-03", today)
            .unwrap_err()
            .contains("efter i dag"));
        assert!(board_day("2024-01-01", today)
            .unwrap_err()
            .contains("två år"));
        assert!(board_day("20/11", today)
            .unwrap_err()
            .contains("ÅÅÅÅ-MM-DD"));
    }
}
