//! The queue's server functions, for officers and admins (404 for everyone else).
use leptos::prelude::*;
use uuid::Uuid;

use super::QueueView;
use crate::error::AppError;

/// Officers, approvers and admins read cases; everyone else gets 404.
#[cfg(feature = "ssr")]
pub(crate) fn case_reader() -> Result<crate::auth::CurrentUser, AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    if user.role.is_staff() {
        Ok(user)
    } else {
        Err(crate::backend::server_fns::refuse(AppError::NotFound))
    }
}

/// The queue as the address's query pairs ask for it. The live island calls this again
/// when a case changes.
#[server(prefix = "/api", endpoint = "officer/queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn queue(#[server(default)] query: Vec<(String, String)>) -> Result<QueueView, AppError> {
    let user = case_reader()?;
    let db = crate::backend::server_fns::db()?;
    let (filter, problems) = super::Filter::from_query(|name| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    });
    let problems = problems
        .into_iter()
        .map(|(field, message)| (field.to_owned(), message))
        .collect();
    let viewer = super::queries::Viewer {
        me: user.id,
        today: crate::backend::time::today(),
    };
    Ok(super::queries::view(&db, filter, problems, viewer).await?)
}

/// One case as the officers work on it.
#[server(prefix = "/api", endpoint = "officer/case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn officer_case(id: Uuid) -> Result<super::CaseWork, AppError> {
    case_reader()?;
    let db = crate::backend::server_fns::db()?;
    super::queries::case(&db, id, crate::backend::time::today())
        .await?
        .ok_or_else(|| crate::backend::server_fns::refuse(AppError::NotFound))
}

/// What the bulk change the address asks for would do: how many cases, to whom or to
/// which day; the problems when it cannot be done as asked.
#[server(prefix = "/api", endpoint = "officer/queue/bulk-preview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn bulk_preview(
    #[server(default)] query: Vec<(String, String)>,
) -> Result<super::BulkPreview, AppError> {
    use super::{bulk_param, commands, param};
    use crate::backend::command::CommandError;
    let user = case_reader()?;
    let db = crate::backend::server_fns::db()?;
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let (filter, read) = super::Filter::from_query(get);
    let mut problems: Vec<(String, String)> = read
        .into_iter()
        .map(|(field, message)| (field.to_owned(), message))
        .collect();
    let today = crate::backend::time::today();
    let viewer = super::queries::Viewer { me: user.id, today };
    let (ids, view_problems) = super::queries::matching_ids(&db, &filter, viewer).await?;
    problems.extend(view_problems);
    let count = ids.len() as u64;
    let cases = if count == 1 {
        "ärende".to_owned()
    } else {
        "ärenden".to_owned()
    };
    let action = get(bulk_param::ACTION).unwrap_or_default();
    let mut hidden: Vec<(String, String)> = filter
        .pairs()
        .into_iter()
        .filter(|(name, _)| *name != param::PAGE)
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    hidden.push((bulk_param::ACTION.to_owned(), action.clone()));
    hidden.push((bulk_param::COUNT.to_owned(), count.to_string()));
    let refused = |error: CommandError| match error {
        CommandError::Invalid(found) => Ok(found
            .into_iter()
            .map(|(_, message)| (String::new(), message))
            .collect::<Vec<_>>()),
        CommandError::Db(error) => Err(AppError::from(error)),
        other => Ok(vec![(String::new(), other.to_string())]),
    };
    let (question, confirm) = match action.as_str() {
        "tilldela" => {
            let typed = get(bulk_param::OFFICER).unwrap_or_default();
            hidden.push((bulk_param::OFFICER.to_owned(), typed.clone()));
            match commands::officer_chosen(&db, &typed).await {
                Ok(Some(officer)) => (
                    format!("Tilldela {count} {cases} till {}?", officer.display_name),
                    format!("Ja, tilldela {count} {cases}"),
                ),
                Ok(None) => (
                    format!("Ta bort handläggaren från {count} {cases}?"),
                    format!("Ja, ändra {count} {cases}"),
                ),
                Err(error) => {
                    problems.extend(refused(error)?);
                    (String::new(), String::new())
                }
            }
        }
        "klar-senast" => {
            let typed = get(bulk_param::DUE).unwrap_or_default();
            hidden.push((bulk_param::DUE.to_owned(), typed.clone()));
            match commands::due_date_typed(&typed, today) {
                Ok(Some(day)) => (
                    format!("Sätt klar senast till {day} för {count} {cases}?"),
                    format!("Ja, ändra {count} {cases}"),
                ),
                Ok(None) => (
                    format!("Ta bort klar senast från {count} {cases}?"),
                    format!("Ja, ändra {count} {cases}"),
                ),
                Err(error) => {
                    problems.extend(refused(error)?);
                    (String::new(), String::new())
                }
            }
        }
        _ => {
            problems.push((String::new(), "Välj vad som ska ändras.".to_owned()));
            (String::new(), String::new())
        }
    };
    if count == 0 {
        problems.push((String::new(), "Inga ärenden matchar urvalet.".to_owned()));
    }
    Ok(super::BulkPreview {
        count,
        question,
        confirm,
        problems,
        back: filter.href(),
        hidden,
    })
}

/// The unit head's overview.
#[server(prefix = "/api", endpoint = "officer/overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn overview() -> Result<super::Overview, AppError> {
    case_reader()?;
    let db = crate::backend::server_fns::db()?;
    Ok(super::queries::overview(&db).await?)
}
