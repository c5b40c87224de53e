//! What the completion pages read: the requests, the versions and their diff.
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{CompletionWork, RequestRow, VersionDiff, VersionRow};
use crate::backend::entities::{
    application, application_version, association, completion_request, grant_programme,
};
use crate::backend::time;
use crate::features::applications::{document_label, Content, Status};
use crate::features::queue::queries::names;

/// The case's open request, if one waits for an answer.
pub async fn open_request(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<completion_request::Model>, DbErr> {
    completion_request::Entity::find()
        .filter(completion_request::Column::ApplicationId.eq(id))
        .filter(completion_request::Column::AnsweredAt.is_null())
        .order_by_desc(completion_request::Column::RequestedAt)
        .one(db)
        .await
}

/// The document types stored with a request.
pub fn documents_of(request: &completion_request::Model) -> Vec<String> {
    serde_json::from_str(&request.documents).unwrap_or_default()
}

/// The case's requests, oldest first.
pub async fn requests(
    db: &impl ConnectionTrait,
    id: Uuid,
    today: NaiveDate,
) -> Result<Vec<RequestRow>, DbErr> {
    let requests = completion_request::Entity::find()
        .filter(completion_request::Column::ApplicationId.eq(id))
        .order_by_asc(completion_request::Column::RequestedAt)
        .all(db)
        .await?;
    let names = names(db, requests.iter().map(|r| r.requested_by)).await?;
    Ok(requests
        .into_iter()
        .map(|r| RequestRow {
            requested: time::date(r.requested_at),
            by: names.get(&r.requested_by).cloned().unwrap_or_default(),
            documents: documents_of(&r)
                .iter()
                .map(|slug| document_label(slug).to_owned())
                .collect(),
            message: r.message,
            reply_by: r.reply_by.to_string(),
            reply_by_long: crate::domain::programme_window::long_date(r.reply_by),
            answered: r.answered_at.map(time::date),
            answered_version: r.answered_version,
            overdue: r.answered_at.is_none() && r.reply_by < today,
        })
        .collect())
}

/// The case's submitted versions, oldest first.
pub async fn versions(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<VersionRow>, DbErr> {
    let versions = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .order_by_asc(application_version::Column::Number)
        .all(db)
        .await?;
    let names = names(db, versions.iter().map(|v| v.submitted_by)).await?;
    Ok(versions
        .into_iter()
        .map(|v| VersionRow {
            number: v.number,
            submitted: time::date_time(v.submitted_at),
            by: names
                .get(&v.submitted_by)
                .cloned()
                .unwrap_or_else(|| "föreningen".into()),
        })
        .collect())
}

/// The requests, versions and choices of the officers' case page.
pub async fn work(
    db: &impl ConnectionTrait,
    case: &application::Model,
    today: NaiveDate,
) -> Result<CompletionWork, DbErr> {
    let documents = match grant_programme::Entity::find_by_id(case.programme_id)
        .one(db)
        .await?
    {
        Some(programme) => super::commands::requestable(&programme)
            .into_iter()
            .map(|slug| {
                let label = document_label(&slug).to_owned();
                (slug, label)
            })
            .collect(),
        None => vec![],
    };
    Ok(CompletionWork {
        requests: requests(db, case.id, today).await?,
        versions: versions(db, case.id).await?,
        documents,
        may_request: matches!(case.status, Status::Submitted | Status::Assessed),
    })
}

/// What changed from version `from` to version `to` of case `id` (by default the last
/// two); `None` when the case or a version does not exist.
pub async fn version_diff(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<Option<VersionDiff>, DbErr> {
    let Some(case) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(dnr) = case.dnr.clone() else {
        return Ok(None);
    };
    let versions = versions(db, id).await?;
    let last = versions.last().map(|v| v.number).unwrap_or(0);
    let to = to.unwrap_or(last);
    let from = from.unwrap_or((to - 1).max(1));
    let content = |number: i32| async move {
        Ok::<_, DbErr>(
            application_version::Entity::find_by_id((id, number))
                .one(db)
                .await?
                .map(|v| serde_json::from_str::<Content>(&v.content).unwrap_or_default()),
        )
    };
    let (Some(before), Some(after)) = (content(from).await?, content(to).await?) else {
        return Ok(None);
    };
    let association = association::Entity::find_by_id(case.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(Some(VersionDiff {
        id,
        dnr,
        association,
        from,
        to,
        versions,
        changes: super::diff::changes(&before, &after),
    }))
}

/// The document types the open request asked for that have no file added since the
/// request (each needs a new file: an updated budget, the missing minutes).
pub async fn missing_requested(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<String>, DbErr> {
    use crate::backend::entities::attachment;
    let Some(open) = open_request(db, id).await? else {
        return Ok(vec![]);
    };
    let added: Vec<Option<String>> = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(id))
        .filter(attachment::Column::CreatedAt.gte(open.requested_at))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.document_type)
        .collect();
    Ok(documents_of(&open)
        .into_iter()
        .filter(|slug| !added.contains(&Some(slug.clone())))
        .collect())
}

/// The problem a missing requested document is reported as: `(step, field, message)`.
pub fn requested_problem(slug: &str) -> (&'static str, String, String) {
    (
        crate::features::applications::ATTACHMENTS,
        crate::features::applications::document_field(slug),
        format!(
            "Handläggaren har bett om en ny fil: {}. Bifoga den.",
            document_label(slug).to_lowercase()
        ),
    )
}
