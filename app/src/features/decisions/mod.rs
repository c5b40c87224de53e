//! **Decisions (public records)**: every decided grant once its minutes are justerade, with
//! the association, programme, activity, amount applied for, the decision and amount, the
//! meeting and §, and the decision text; filtered by year, programme and outcome, each at
//! a stable address (`/beslut/sof-2023-7`). Officers can mark a case's fields secret
//! (offentlighets- och sekretesslagen): the published record (`public_decision`, written
//! at justering and again when the marks change) never holds a secret value, so no public
//! page or feed can show one.
//!
//! Here: the filter, rows and secrecy choices (this file), the publishing and marking
//! (`commands`), the reads (`queries`, `api`) and the pages (`pages`). The officers' post
//! is handled in `server/src/http/decisions.rs`; the tests are `tests/api/public_records.rs`.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::features::committee::Outcome;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The fields an officer can mark secret, with their names.
pub const SECRET_FIELDS: [(&str, &str); 3] = [
    ("association", "Föreningens namn"),
    ("activity", "Verksamhetens namn"),
    ("motivation", "Motiveringen till beslutet"),
];

/// What a public page shows in the place of a secret value.
pub const SECRET: &str = "[uppgift som omfattas av sekretess]";

/// Rows per page of the list.
pub const PAGE_SIZE: u64 = 25;

/// The forms' and the address's field names.
pub mod field {
    /// One value per field marked secret.
    pub const SECRET: &str = "sekretess";
    pub const REASON: &str = "sekretess_grund";
    pub const YEAR: &str = "ar";
    pub const PROGRAMME: &str = "bidragsform";
    pub const OUTCOME: &str = "beslut";
    pub const MEETING: &str = "mote";
    pub const PAGE: &str = "sida";
}

/// The stable address of a decision: `SOF 2023/7` → `sof-2023-7`.
pub fn slug(dnr: &str) -> String {
    let mut slug = String::new();
    for c in dnr.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// The view of the list, from the address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionFilter {
    pub year: Option<i32>,
    /// A programme's slug.
    pub programme: Option<String>,
    /// `beviljad`, `delvis_beviljad` or `avslagen`.
    pub outcome: Option<String>,
    /// One meeting's decisions (from the anslagstavla).
    pub meeting: Option<Uuid>,
    /// From 1.
    pub page: u64,
}

impl DecisionFilter {
    /// Reads the address's values; what cannot be read is left out.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Self {
            year: text(field::YEAR).and_then(|v| v.parse().ok()),
            programme: text(field::PROGRAMME),
            outcome: text(field::OUTCOME).filter(|v| Outcome::parse(v).is_some()),
            meeting: text(field::MEETING).and_then(|v| Uuid::parse_str(&v).ok()),
            page: text(field::PAGE)
                .and_then(|v| v.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The address's pairs for this view on `page`.
    pub fn pairs(&self, page: u64) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(year) = self.year {
            pairs.push((field::YEAR, year.to_string()));
        }
        if let Some(programme) = &self.programme {
            pairs.push((field::PROGRAMME, programme.clone()));
        }
        if let Some(outcome) = &self.outcome {
            pairs.push((field::OUTCOME, outcome.clone()));
        }
        if let Some(meeting) = self.meeting {
            pairs.push((field::MEETING, meeting.to_string()));
        }
        if page > 1 {
            pairs.push((field::PAGE, page.to_string()));
        }
        pairs
    }

    /// `/beslut?…` for this view on `page`.
    pub fn href(&self, page: u64) -> String {
        let query: Vec<String> = self
            .pairs(page)
            .into_iter()
            .map(|(k, v)| format!("{k}={}", crate::features::queue::encode(&v)))
            .collect();
        if query.is_empty() {
            "/beslut".to_owned()
        } else {
            format!("/beslut?{}", query.join("&"))
        }
    }
}

/// One decision as the public reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub slug: String,
    pub dnr: String,
    pub association: String,
    pub programme: String,
    pub activity: String,
    /// "500 000 kr".
    pub requested: String,
    /// "Avslagen".
    pub outcome: String,
    /// "300 000 kr", or empty.
    pub amount: String,
    /// "Organisations- och föreningsutskottet, 12 december 2023".
    pub meeting: String,
    pub paragraph: i32,
}

/// A page of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionList {
    pub filter: DecisionFilter,
    pub rows: Vec<DecisionRow>,
    pub total: u64,
    pub pages: u64,
    /// The years with decisions, newest first.
    pub years: Vec<i32>,
    /// Slug and name of every programme.
    pub programmes: Vec<(String, String)>,
}

/// One decision at its address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub row: DecisionRow,
    pub decision_text: String,
    pub motivation: String,
    /// Long dates.
    pub justered: String,
    pub appeal_until: String,
    pub legal_force: String,
}

/// The secrecy marks of a case, for the officers' case page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecrecyView {
    /// Field, label, marked.
    pub fields: Vec<(String, String, bool)>,
    pub reason: String,
    /// The decision is published (its public address).
    pub published: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dnr_becomes_a_stable_address() {
        assert_eq!(slug("SOF 2023/7"), "sof-2023-7");
        assert_eq!(slug(" SOF  2026/123 "), "sof-2026-123");
    }

    #[test]
    fn the_address_is_read_and_written_back() {
        let pairs = [
            ("ar", "2023"),
            ("beslut", "avslagen"),
            ("bidragsform", "iop"),
            ("sida", "0"),
        ];
        let filter = DecisionFilter::from_query(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        });
        assert_eq!(filter.year, Some(2023));
        assert_eq!(filter.outcome.as_deref(), Some("avslagen"));
        assert_eq!(filter.page, 1, "a page below 1 is the first");
        assert_eq!(
            filter.href(2),
            "/beslut?ar=2023&bidragsform=iop&beslut=avslagen&sida=2"
        );
        let odd = DecisionFilter::from_query(|name| (name == "beslut").then(|| "<x>".to_owned()));
        assert_eq!(odd.outcome, None);
    }
}
