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
