//! The officers' server function for late windows: what the form offers and the
//! windows opened so far. Officers and admins only; everyone else gets 404.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// One late window, as the officers' list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateWindowRow {
    pub association_id: Uuid,
    pub association: String,
    pub programme: String,
    pub open_until: String,
    pub open_now: bool,
    pub reason: String,
    pub granted_by: String,
    pub granted: String,
}

/// The page's data: the choices of the form and the windows, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateWindowsView {
    /// `(id, "Name (org number)")`, by name.
    pub associations: Vec<(Uuid, String)>,
    /// The programmes with a window, `(id, name)`.
    pub programmes: Vec<(Uuid, String)>,
    pub windows: Vec<LateWindowRow>,
}

#[server(prefix = "/api", endpoint = "officer/late-windows")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn late_windows() -> Result<LateWindowsView, AppError> {
    use crate::backend::entities::{app_user, association, grant_programme, late_window};
    use crate::domain::programme_window::{long_date, Window};
    use sea_orm::{EntityTrait, QueryOrder};
    use std::collections::HashMap;
    crate::features::representatives::api::verifier()?;
    let db = crate::backend::server_fns::db()?;
    let today = crate::backend::time::today();
    let associations: Vec<(Uuid, String)> = association::Entity::find()
        .order_by_asc(association::Column::Name)
        .all(&db)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} ({})", a.name, a.org_number)))
        .collect();
    let all_programmes = grant_programme::Entity::find()
        .order_by_asc(grant_programme::Column::Position)
        .all(&db)
        .await?;
    let names: HashMap<Uuid, String> = all_programmes
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let programmes = all_programmes
        .iter()
        .filter(|p| p.active && !matches!(super::window(p), Window::Always))
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let rows = late_window::Entity::find()
        .find_also_related(app_user::Entity)
        .order_by_desc(late_window::Column::CreatedAt)
        .all(&db)
        .await?;
    let association_names: HashMap<Uuid, String> = associations.iter().cloned().collect();
    let windows = rows
        .into_iter()
        .map(|(w, officer)| LateWindowRow {
            association_id: w.association_id,
            association: association_names
                .get(&w.association_id)
                .cloned()
                .unwrap_or_default(),
            programme: names.get(&w.programme_id).cloned().unwrap_or_default(),
            open_until: long_date(w.open_until),
            open_now: w.open_until >= today,
            reason: w.reason,
            granted_by: officer.map(|o| o.display_name).unwrap_or_default(),
            granted: crate::backend::time::date(w.created_at),
        })
        .collect();
    Ok(LateWindowsView {
        associations,
        programmes,
        windows,
    })
}

/// One programme in the admins' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub name: String,
    pub window: String,
    pub months: String,
    pub dnr_prefix: String,
    pub handling_weeks: i32,
    pub active: bool,
}

/// Every programme, active or not, in their order. Admins only.
#[server(prefix = "/api", endpoint = "admin/programmes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn admin_programmes() -> Result<Vec<ProgrammeRow>, AppError> {
    use crate::backend::entities::grant_programme;
    use sea_orm::{EntityTrait, QueryOrder};
    crate::backend::server_fns::with_role(crate::domain::role::Role::Admin)?;
    let db = crate::backend::server_fns::db()?;
    Ok(grant_programme::Entity::find()
        .order_by_asc(grant_programme::Column::Position)
        .all(&db)
        .await?
        .into_iter()
        .map(|p| ProgrammeRow {
            id: p.id,
            window: super::window(&p).describe(),
            months: format!("{}–{} månader", p.min_months, p.max_months),
            name: p.name,
            dnr_prefix: p.dnr_prefix,
            handling_weeks: p.handling_weeks,
            active: p.active,
        })
        .collect())
}

/// A programme's stored rules as the form's values (lists comma-separated, `active` as
/// `on` or empty); empty values for a new one. Admins only; an unknown id is 404.
#[server(prefix = "/api", endpoint = "admin/programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn admin_programme(
    id: Option<Uuid>,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    use super::commands::programme_field as f;
    use crate::backend::entities::grant_programme;
    use sea_orm::EntityTrait;
    crate::backend::server_fns::with_role(crate::domain::role::Role::Admin)?;
    let db = crate::backend::server_fns::db()?;
    let Some(id) = id else {
        return Ok([
            (f::MIN_MONTHS, "1"),
            (f::MAX_MONTHS, "12"),
            (f::TEXT_LIMIT, "4000"),
            (f::HANDLING_WEEKS, "8"),
            (
                f::CRITERIA,
                "stadsovergripande,kompletterar,kvalitet,kostnader,jamstalldhet",
            ),
            (f::ATTACHMENTS, "stadgar,budget"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect());
    };
    let Some(p) = grant_programme::Entity::find_by_id(id).one(&db).await? else {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    };
    let list = |json: &str| {
        serde_json::from_str::<Vec<String>>(json)
            .unwrap_or_default()
            .join(",")
    };
    Ok([
        (f::NAME, p.name.clone()),
        (f::DESCRIPTION, p.description.clone()),
        (f::WINDOW_FROM, p.window_from.clone().unwrap_or_default()),
        (f::WINDOW_TO, p.window_to.clone().unwrap_or_default()),
        (f::MIN_MONTHS, p.min_months.to_string()),
        (f::MAX_MONTHS, p.max_months.to_string()),
        (f::ATTACHMENTS, list(&p.required_attachments)),
        (f::CRITERIA, list(&p.criteria)),
        (f::TEXT_LIMIT, p.text_limit.to_string()),
        (f::DNR_PREFIX, p.dnr_prefix.clone()),
        (f::HANDLING_WEEKS, p.handling_weeks.to_string()),
        (
            f::ACTIVE,
            if p.active { "on".into() } else { String::new() },
        ),
        (
            f::RECLAIM_BY_COMMITTEE,
            if p.reclaim_by_committee {
                "on".into()
            } else {
                String::new()
            },
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect())
}

/// The programmes anyone can read about: their windows as of today, the documents to
/// attach and the criteria.
#[server(prefix = "/api", endpoint = "public/programmes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn public_programmes() -> Result<Vec<super::Programme>, AppError> {
    let db = crate::backend::server_fns::db()?;
    Ok(super::list(
        &db,
        crate::backend::time::today(),
        None,
        crate::i18n::Lang::current(),
    )
    .await?)
}
