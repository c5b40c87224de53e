//! **Grant programmes** (bidragsformer): verksamhetsbidrag, utvecklingsbidrag,
//! tidsbegränsat bidrag and IOP, seeded by the migration, each with its window, the
//! period it allows, its attachments and criteria, its Dnr prefix and handling time.
//!
//! Here: the programme as pages show it (`Programme`) and its window's state; the
//! applications feature uses them to refuse a closed programme.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A programme as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// "1 april–31 maj varje år" or "året runt".
    pub window: String,
    pub open: bool,
    /// Why it cannot be applied for now, with the next window; empty when open.
    pub closed_because: String,
    pub handling_weeks: i32,
}

/// The programme's window.
#[cfg(feature = "ssr")]
pub fn window(
    programme: &crate::backend::entities::grant_programme::Model,
) -> crate::domain::programme_window::Window {
    use crate::domain::programme_window::Window;
    Window::from_days(
        programme.window_from.as_deref(),
        programme.window_to.as_deref(),
    )
    .unwrap_or(Window::Always)
}

/// Where the programme's window stands on `today`.
#[cfg(feature = "ssr")]
pub fn window_state(
    programme: &crate::backend::entities::grant_programme::Model,
    today: chrono::NaiveDate,
) -> crate::domain::programme_window::WindowState {
    window(programme).state(today)
}

/// The active programmes in their order, as pages show them on `today`.
#[cfg(feature = "ssr")]
pub async fn list(
    db: &impl sea_orm::ConnectionTrait,
    today: chrono::NaiveDate,
) -> Result<Vec<Programme>, sea_orm::DbErr> {
    use crate::backend::entities::grant_programme;
    use crate::domain::programme_window::WindowState;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Ok(grant_programme::Entity::find()
        .filter(grant_programme::Column::Active.eq(true))
        .order_by_asc(grant_programme::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            let state = window_state(&p, today);
            Programme {
                id: p.id,
                window: window(&p).describe(),
                open: matches!(state, WindowState::Open { .. }),
                closed_because: crate::features::applications::commands::closed_message(&p, state),
                name: p.name,
                description: p.description,
                handling_weeks: p.handling_weeks,
            }
        })
        .collect())
}
