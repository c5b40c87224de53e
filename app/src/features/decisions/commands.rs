//! Publishing a decision (in the justering's transaction) and the officers' secrecy
//! marks, which publish the decision again without the secret values.
use chrono::{NaiveDate, Utc};
use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{field, slug, SECRET, SECRET_FIELDS};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{
        agenda_item, application, association, case_assessment, case_secrecy, committee_meeting,
        grant_programme, public_decision,
    },
    events::{self, NewEvent},
};
use crate::domain::money;
use crate::features::committee::Outcome;

/// The fields of case `id` marked secret.
pub async fn secret_fields(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<String>, sea_orm::DbErr> {
    Ok(case_secrecy::Entity::find()
        .filter(case_secrecy::Column::ApplicationId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.field)
        .collect())
}

/// Writes (or writes again) the public record of `case`, decided in `item` at `meeting`,
/// with every field marked secret left out. Called with the justering's transaction.
pub async fn publish(
    txn: &impl ConnectionTrait,
    case: &application::Model,
    item: &agenda_item::Model,
    meeting: &committee_meeting::Model,
    justered: NaiveDate,
) -> Result<(), CommandError> {
    let Some(dnr) = case.dnr.clone() else {
        return Ok(());
    };
    let Some(outcome) = Outcome::parse(&item.decision) else {
        return Ok(());
    };
    let secret = secret_fields(txn, case.id).await?;
    let shown = |field: &str, value: String| {
        if secret.iter().any(|s| s == field) {
            SECRET.to_owned()
        } else {
            value
        }
    };
    let association = association::Entity::find_by_id(case.association_id)
        .one(txn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let programme = grant_programme::Entity::find_by_id(case.programme_id)
        .one(txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let motivation = case_assessment::Entity::find_by_id(case.id)
        .one(txn)
        .await?
        .and_then(|a| serde_json::from_str::<crate::features::assessment::Content>(&a.content).ok())
        .map(|c| c.motivation)
        .unwrap_or_default();
    let body = crate::features::committee::queries::body_label(&meeting.body);
    let association = shown("association", association);
    let activity = shown("activity", case.activity_name.clone());
    let programme_name = programme.name.to_lowercase();
    let decision_text = match (outcome, item.amount_ore) {
        (Outcome::Rejected, _) => format!(
            "{body} avslår ansökan om {programme_name} från {association} för verksamheten ”{activity}”."
        ),
        (Outcome::Granted, amount) => format!(
            "{body} beviljar {association} {programme_name} med {} kronor för verksamheten ”{activity}”.",
            money::format(amount.unwrap_or(case.requested_ore))
        ),
        (Outcome::PartlyGranted, amount) => format!(
            "{body} beviljar {association} {programme_name} med {} kronor för verksamheten ”{activity}” (sökt belopp {} kronor).",
            money::format(amount.unwrap_or(0)),
            money::format(case.requested_ore)
        ),
    };
    let amount = match outcome {
        Outcome::Rejected => None,
        Outcome::Granted => Some(item.amount_ore.unwrap_or(case.requested_ore)),
        Outcome::PartlyGranted => item.amount_ore,
    };
    let model = public_decision::ActiveModel {
        application_id: Set(case.id),
        slug: Set(slug(&dnr)),
        dnr: Set(dnr),
        association: Set(association),
        programme_id: Set(programme.id),
        programme: Set(programme.name.clone()),
        programme_slug: Set(programme.slug.clone()),
        activity: Set(activity),
        requested_ore: Set(case.requested_ore),
        outcome: Set(outcome.as_str().to_owned()),
        amount_ore: Set(amount),
        body: Set(body),
        meeting_id: Set(meeting.id),
        meeting_on: Set(meeting.meeting_on),
        paragraph: Set(item.paragraph),
        justered_on: Set(justered),
        year: Set(chrono::Datelike::year(&meeting.meeting_on)),
        decision_text: Set(decision_text),
        motivation: Set(shown("motivation", motivation)),
        published_at: Set(Utc::now()),
    };
    public_decision::Entity::insert(model)
        .on_conflict(
            OnConflict::column(public_decision::Column::ApplicationId)
                .update_columns([
                    public_decision::Column::Association,
                    public_decision::Column::Activity,
                    public_decision::Column::DecisionText,
                    public_decision::Column::Motivation,
                    public_decision::Column::PublishedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// The officer `actor` sets which fields of case `id` are secret (`fields`, each one of
/// [`SECRET_FIELDS`]) and on what ground; a published decision is published again
/// without them at once.
#[tracing::instrument(skip_all, fields(case = %id))]
pub async fn mark_secret(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    fields: &[String],
    reason: &str,
) -> Result<(), CommandError> {
    crate::backend::users::officer(
        &ctx.db,
        actor,
        "Bara handläggare kan sekretessmarkera uppgifter.",
    )
    .await?;
    let case = application::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .filter(|c| c.dnr.is_some())
        .ok_or(CommandError::NotFound)?;
    crate::features::assessment::commands::refuse_if_recused(&ctx.db, id, actor).await?;
    let mut chosen: Vec<&str> = Vec::new();
    for typed in fields {
        let Some((key, _)) = SECRET_FIELDS.iter().find(|(key, _)| key == typed) else {
            return Err(CommandError::Invalid(vec![(
                field::SECRET,
                "Välj uppgifter i listan.".into(),
            )]));
        };
        if !chosen.contains(key) {
            chosen.push(key);
        }
    }
    let reason = crate::domain::text::optional_line(reason, 200)
        .map_err(|m| CommandError::Invalid(vec![(field::REASON, m)]))?;
    if !chosen.is_empty() && reason.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::REASON,
            "Ange grunden för sekretessen, till exempel OSL 26 kap. 1 §.".into(),
        )]));
    }
    let now = Utc::now();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    case_secrecy::Entity::delete_many()
        .filter(case_secrecy::Column::ApplicationId.eq(id))
        .exec(&txn)
        .await?;
    for key in &chosen {
        case_secrecy::Entity::insert(case_secrecy::ActiveModel {
            application_id: Set(id),
            field: Set((*key).to_owned()),
            reason: Set(reason.clone()),
            marked_by: Set(actor),
            marked_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    let published = public_decision::Entity::find_by_id(id).one(&txn).await?;
    if let Some(published) = published {
        let item = agenda_item::Entity::find()
            .filter(agenda_item::Column::ApplicationId.eq(id))
            .one(&txn)
            .await?;
        let meeting = committee_meeting::Entity::find_by_id(published.meeting_id)
            .one(&txn)
            .await?;
        if let (Some(item), Some(meeting)) = (item, meeting) {
            publish(&txn, &case, &item, &meeting, published.justered_on).await?;
        }
    }
    events::record(
        &txn,
        NewEvent::about(
            "application",
            id,
            "case.secrecy_marked",
            Some(actor),
            json!({ "dnr": case.dnr, "fields": chosen, "reason": reason }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await
}
