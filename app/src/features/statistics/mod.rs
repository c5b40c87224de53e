//! **Statistics**: per year and programme, how many applications came in and were
//! decided, the granted share, the amounts applied for and granted; the share of the
//! granted money that goes to children and youth against the committee's goal (at least
//! 20 %); and the gender split of the participants the granted activities plan for.
//! Charts are SVG drawn on the server (`plotters`), with the numbers in a table beside
//! each; every table downloads as CSV.
//!
//! The figures come from public records only: a decision counts once its minutes are
//! justerade (`public_decision`), in the year of its meeting; applications that came in
//! count in the year they were sent in.
//!
//! Here: the types (this file), the figures (`queries`), the charts (`charts`), the
//! read (`api`) and the page (`pages`). The CSV downloads are in
//! `server/src/http/statistics.rs`; the tests are `tests/api/statistics.rs`.
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The committee's goal: at least this share of the granted money to children and youth.
pub const CHILDREN_GOAL_PERCENT: u32 = 20;

/// The tables, by the name their CSV has.
pub const TABLES: [&str; 3] = ["bidragsformer", "barn-och-unga", "kon"];

/// One programme in one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRow {
    pub programme: String,
    /// Sent in during the year.
    pub received: u64,
    /// Decided (justerade) during the year.
    pub decided: u64,
    /// Granted in whole or in part.
    pub granted: u64,
    pub requested_ore: i64,
    pub granted_ore: i64,
}

impl ProgrammeRow {
    /// Granted of decided, in whole percent; `None` when nothing was decided.
    pub fn granted_percent(&self) -> Option<u64> {
        (self.decided > 0).then(|| (self.granted * 100 + self.decided / 2) / self.decided)
    }
}

/// One year's granted money and how much of it goes to children and youth.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildrenRow {
    pub year: i32,
    pub granted_ore: i64,
    pub children_ore: i64,
}

impl ChildrenRow {
    /// The children's share, in tenths of a percent (for one decimal).
    pub fn permille(&self) -> Option<i64> {
        (self.granted_ore > 0)
            .then(|| (self.children_ore * 1000 + self.granted_ore / 2) / self.granted_ore)
    }
}

/// One year's gender split of the participants the granted activities plan for: the
/// mean of the applications' shares, over those that gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenderRow {
    pub year: i32,
    /// Applications that gave a split.
    pub applications: u64,
    pub women: u32,
    pub men: u32,
    pub other: u32,
}

/// The statistics page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsView {
    /// The year the programme table is for.
    pub year: i32,
    /// Every year with figures, newest first.
    pub years: Vec<i32>,
    pub programmes: Vec<ProgrammeRow>,
    /// The year's totals.
    pub total: ProgrammeRow,
    pub children: Vec<ChildrenRow>,
    pub gender: Vec<GenderRow>,
    /// The charts, as SVG (drawn on the server).
    pub amounts_chart: String,
    pub children_chart: String,
    pub gender_chart: String,
}

/// A share in tenths of a percent as Swedish text: `10,4 %`.
pub fn percent_text(permille: i64) -> String {
    format!("{},{} %", permille / 10, permille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up() {
        let row = ProgrammeRow {
            decided: 3,
            granted: 2,
            ..Default::default()
        };
        assert_eq!(row.granted_percent(), Some(67));
        assert_eq!(ProgrammeRow::default().granted_percent(), None);
        let children = ChildrenRow {
            year: 2023,
            granted_ore: 3_000,
            children_ore: 313,
        };
        assert_eq!(children.permille(), Some(104));
        assert_eq!(percent_text(104), "10,4 %");
    }
}
