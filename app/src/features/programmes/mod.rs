//! **Grant programmes** (bidragsformer): verksamhetsbidrag, utvecklingsbidrag,
//! tidsbegränsat bidrag and IOP, seeded by the migration, each with its window, the
//! period it allows, its attachments and criteria, its Dnr prefix and handling time.
//!
//! Here: the programme as pages show it (`Programme`) and its window's state; the
//! applications feature uses them to refuse a closed programme. An officer can open a
//! closed programme for one association with a reason (`late windows`), because real
//! windows are missed for good reasons.
pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The assessment criteria a programme can be assessed by (the committee's guidelines,
/// as the OFU seed's "Förvaltningens bedömning" reads them): key and label.
pub const CRITERIA: [(&str, &str); 5] = [
    (
        "stadsovergripande",
        "Stadsövergripande och öppen verksamhet",
    ),
    ("kompletterar", "Kompletterar socialtjänstens verksamheter"),
    ("kvalitet", "God kvalitet"),
    ("kostnader", "Rimliga kostnader"),
    ("jamstalldhet", "Jämställdhet och likabehandling"),
];

/// The programme form's fields.
pub mod programme_field {
    pub const NAME: &str = "name";
    pub const DESCRIPTION: &str = "description";
    pub const WINDOW_FROM: &str = "window_from";
    pub const WINDOW_TO: &str = "window_to";
    pub const MIN_MONTHS: &str = "min_months";
    pub const MAX_MONTHS: &str = "max_months";
    pub const ATTACHMENTS: &str = "required_attachments";
    pub const CRITERIA: &str = "criteria";
    pub const TEXT_LIMIT: &str = "text_limit";
    pub const DNR_PREFIX: &str = "dnr_prefix";
    pub const HANDLING_WEEKS: &str = "handling_weeks";
    pub const ACTIVE: &str = "active";
    pub const RECLAIM_BY_COMMITTEE: &str = "reclaim_by_committee";
    /// Every field of the form.
    pub const ALL: [&str; 13] = [
        NAME,
        DESCRIPTION,
        WINDOW_FROM,
        WINDOW_TO,
        MIN_MONTHS,
        MAX_MONTHS,
        ATTACHMENTS,
        CRITERIA,
        TEXT_LIMIT,
        DNR_PREFIX,
        HANDLING_WEEKS,
        ACTIVE,
        RECLAIM_BY_COMMITTEE,
    ];
}

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
    /// "Öppen för er till och med 15 juni 2027": a late window an officer opened.
    pub late_until: Option<String>,
    /// The names of the documents to attach.
    pub documents: Vec<String>,
    /// The names of the criteria applications are assessed by.
    pub criteria: Vec<String>,
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

/// The last day of the latest late window an officer opened for the association that
/// is still open on `today`.
#[cfg(feature = "ssr")]
pub async fn late_until(
    db: &impl sea_orm::ConnectionTrait,
    programme_id: Uuid,
    association_id: Uuid,
    today: chrono::NaiveDate,
) -> Result<Option<chrono::NaiveDate>, sea_orm::DbErr> {
    use crate::backend::entities::late_window;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    late_window::Entity::find()
        .select_only()
        .column(late_window::Column::OpenUntil)
        .filter(late_window::Column::ProgrammeId.eq(programme_id))
        .filter(late_window::Column::AssociationId.eq(association_id))
        .filter(late_window::Column::OpenUntil.gte(today))
        .order_by_desc(late_window::Column::OpenUntil)
        .into_tuple()
        .one(db)
        .await
}

/// Where the programme's window stands on `today` for one association: its own window,
/// or a late window an officer opened for it.
#[cfg(feature = "ssr")]
pub async fn window_state_for(
    db: &impl sea_orm::ConnectionTrait,
    programme: &crate::backend::entities::grant_programme::Model,
    association_id: Uuid,
    today: chrono::NaiveDate,
) -> Result<crate::domain::programme_window::WindowState, sea_orm::DbErr> {
    use crate::domain::programme_window::WindowState;
    let state = window_state(programme, today);
    if matches!(state, WindowState::Open { .. }) {
        return Ok(state);
    }
    Ok(
        match late_until(db, programme.id, association_id, today).await? {
            Some(until) => WindowState::Open {
                closes: Some(until),
            },
            None => state,
        },
    )
}

/// The window as a sentence's end in `lang`: "1 april–31 maj varje år" /
/// "1 April–31 May every year", or "året runt" / "all year".
pub fn window_text(
    window: crate::domain::programme_window::Window,
    lang: crate::i18n::Lang,
) -> String {
    use crate::domain::programme_window::Window;
    match window {
        Window::Always => lang.text("window-always").to_owned(),
        Window::Yearly { from, to } => lang.format(
            "window-yearly",
            &[
                (
                    "from",
                    format!("{} {}", from.day, lang.month(from.month)).into(),
                ),
                ("to", format!("{} {}", to.day, lang.month(to.month)).into()),
            ],
        ),
    }
}

/// The active programmes in their order, as pages show them on `today` (to
/// `association`, with the late windows opened for it), the windows written in `lang`.
#[cfg(feature = "ssr")]
pub async fn list(
    db: &impl sea_orm::ConnectionTrait,
    today: chrono::NaiveDate,
    association: Option<Uuid>,
    lang: crate::i18n::Lang,
) -> Result<Vec<Programme>, sea_orm::DbErr> {
    use crate::backend::entities::grant_programme;
    use crate::domain::programme_window::{long_date, WindowState};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let rows = grant_programme::Entity::find()
        .filter(grant_programme::Column::Active.eq(true))
        .order_by_asc(grant_programme::Column::Position)
        .all(db)
        .await?;
    let mut programmes = Vec::with_capacity(rows.len());
    for p in rows {
        let mut state = window_state(&p, today);
        let mut late = None;
        if let (WindowState::Closed { .. }, Some(association)) = (state, association) {
            if let Some(until) = late_until(db, p.id, association, today).await? {
                state = WindowState::Open {
                    closes: Some(until),
                };
                late = Some(format!(
                    "Handläggaren har öppnat ansökan för er till och med {}.",
                    long_date(until)
                ));
            }
        }
        let mut blocked = None;
        if let (WindowState::Open { .. }, Some(association)) = (state, association) {
            blocked =
                crate::features::follow_up::queries::blocking(db, association, p.id, today).await?;
        }
        let documents = crate::features::applications::commands::required_documents(&p)
            .iter()
            .map(|slug| crate::features::applications::document_label(slug).to_owned())
            .collect();
        let keys: Vec<String> = serde_json::from_str(&p.criteria).unwrap_or_default();
        let criteria = CRITERIA
            .iter()
            .filter(|(key, _)| keys.iter().any(|k| k == key))
            .map(|(_, label)| (*label).to_owned())
            .collect();
        programmes.push(Programme {
            id: p.id,
            documents,
            criteria,
            window: window_text(window(&p), lang),
            open: matches!(state, WindowState::Open { .. }) && blocked.is_none(),
            closed_because: match state {
                _ if blocked.is_some() => blocked.unwrap_or_default(),
                WindowState::Closed { opens, closes } => lang.format(
                    "apply-closed",
                    &[
                        ("name", p.name.clone().into()),
                        ("opens", lang.long_date(opens).into()),
                        ("closes", lang.long_date(closes).into()),
                    ],
                ),
                WindowState::Open { .. } => String::new(),
            },
            name: p.name,
            description: p.description,
            handling_weeks: p.handling_weeks,
            late_until: late,
        });
    }
    Ok(programmes)
}
