//! The applications' reads, for their pages.
use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Content, Status};
use crate::error::AppError;
use crate::features::programmes::Programme;

/// One application in the association's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub dnr: Option<String>,
    pub programme: String,
    pub activity: String,
    pub requested: String,
    pub status: Status,
    pub created: String,
    pub submitted: Option<String>,
}

/// The association's applications and the programmes it can apply for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationsOverview {
    pub association_id: Uuid,
    pub association: String,
    pub applications: Vec<ApplicationRow>,
    pub programmes: Vec<Programme>,
    /// The key the page's copy buttons send: a double click makes one copy.
    pub copy_key: String,
}

/// One thing that happened to a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub date: String,
    pub what: String,
    pub by: String,
}

/// One attached document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRow {
    pub id: Uuid,
    pub document_type: String,
    pub type_label: String,
    /// The file's name, shortened for display.
    pub name: String,
    /// "PDF", "Word" …
    pub kind: String,
    /// "1,2 MB".
    pub size: String,
}

/// An application with everything its pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: Uuid,
    pub association_id: Uuid,
    pub association: String,
    pub programme: String,
    pub handling_weeks: i32,
    pub text_limit: usize,
    pub status: Status,
    pub dnr: Option<String>,
    pub revision: i32,
    /// The answers as form values, for the steps' fields.
    pub values: HashMap<String, String>,
    pub content: Content,
    pub income_total: i64,
    pub cost_total: i64,
    pub submitted: Option<String>,
    pub expected_decision: Option<String>,
    /// Whether the signed-in person is a verified representative, who may submit.
    pub may_submit: bool,
    /// What still stops a submit: `(step, field, message)`.
    pub problems: Vec<(String, String, String)>,
    pub timeline: Vec<TimelineRow>,
    /// A fresh idempotency key for the submit form.
    pub submit_key: String,
    pub attachments: Vec<AttachmentRow>,
    /// The programme's required documents: `(type, name, attached)`.
    pub required_documents: Vec<(String, String, bool)>,
    /// For a draft: the last day to submit ("Skicka in senast 31 maj 2027."), or why it
    /// cannot be submitted now; `None` for a programme open all year.
    pub deadline: Option<String>,
    /// Who handles the case: name and phone, once an officer has taken it.
    pub handler: Option<(String, String)>,
    /// The committee's meeting, §, decision and legal clock, once on an agenda.
    pub decision: Option<crate::features::committee::DecisionNotice>,
    /// The officer's open completion request, while the association completes.
    pub completion: Option<crate::features::completion::RequestRow>,
}

#[server(prefix = "/api", endpoint = "applications/for-association")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn association_applications(
    association_id: Uuid,
) -> Result<ApplicationsOverview, AppError> {
    use crate::backend::{
        entities::{association, association_member},
        server_fns,
    };
    use sea_orm::EntityTrait;
    let user = server_fns::signed_in()?;
    let db = server_fns::db()?;
    if association_member::Entity::find_by_id((association_id, user.id))
        .one(&db)
        .await?
        .is_none()
    {
        return Err(server_fns::refuse(AppError::NotFound));
    }
    let Some(association) = association::Entity::find_by_id(association_id)
        .one(&db)
        .await?
    else {
        return Err(server_fns::refuse(AppError::NotFound));
    };
    let today = crate::backend::time::today();
    Ok(ApplicationsOverview {
        association_id,
        association: association.name,
        applications: super::queries::for_association(&db, association_id).await?,
        programmes: crate::features::programmes::list(
            &db,
            today,
            Some(association_id),
            crate::i18n::Lang::Sv,
        )
        .await?,
        copy_key: Uuid::now_v7().to_string(),
    })
}

/// The application, for a member of its association; 404 for everyone else.
#[server(prefix = "/api", endpoint = "applications/one")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn application(id: Uuid) -> Result<ApplicationView, AppError> {
    use crate::backend::{command::CommandError, server_fns};
    let user = server_fns::signed_in()?;
    let db = server_fns::db()?;
    let row = match super::commands::mine(&db, id, user.id).await {
        Ok(row) => row,
        Err(CommandError::Db(error)) => return Err(error.into()),
        Err(_) => return Err(server_fns::refuse(AppError::NotFound)),
    };
    let today = crate::backend::time::today();
    let may_submit = crate::features::representatives::queries::is_verified(
        &db,
        row.association_id,
        user.id,
        today,
    )
    .await?;
    Ok(super::queries::view(&db, row, may_submit, false).await?)
}
