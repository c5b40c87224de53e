//! **The officers' queue**: every open case, filtered, searched, sorted and paged by
//! what the address says (so a view can be bookmarked and works without JavaScript),
//! with counts per status; and triage: taking a case, giving it to a colleague, setting
//! the day it is to be done by, for one case or for every case the view matches.
//!
//! Here: the view (`Filter`, read from and written to the query string), the rows and
//! the page's data (`QueueRow`, `QueueView`), the reads (`queries`, `api`), the state
//! changes (`commands`: assign, set the due date, the bulk change) and the page
//! (`pages`). The form posts are handled in `server/src/http/queue.rs`; the tests are
//! `tests/api/queue.rs`.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::features::applications::Status;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// Rows per page.
pub const PAGE_SIZE: u64 = 25;

/// The statuses of a case the queue holds (still open for the officers).
pub const OPEN: [Status; 5] = [
    Status::Submitted,
    Status::Completion,
    Status::Assessed,
    Status::Attested,
    Status::OnAgenda,
];

/// Whose cases the view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Assigned {
    #[default]
    Anyone,
    Me,
    Nobody,
    Officer(Uuid),
}

/// The order of the rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Oldest submission first: who has waited longest (the order of the Dnr too).
    #[default]
    Submitted,
    Amount,
    Association,
    Due,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Submitted, Sort::Amount, Sort::Association, Sort::Due];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Submitted => "inkommen",
            Sort::Amount => "belopp",
            Sort::Association => "forening",
            Sort::Due => "klar-senast",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Submitted => "Inkommen",
            Sort::Amount => "Sökt belopp",
            Sort::Association => "Förening",
            Sort::Due => "Klar senast",
        }
    }
}

/// A view of the queue, as the address holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// A programme's slug, or all.
    pub programme: Option<String>,
    /// One open status, or all open ones.
    pub status: Option<Status>,
    pub assigned: Assigned,
    pub submitted_from: Option<NaiveDate>,
    pub submitted_to: Option<NaiveDate>,
    /// Whole kronor.
    pub min_kr: Option<i64>,
    pub max_kr: Option<i64>,
    /// Only cases with a flag (unbalanced budget, past the due date, a document asked
    /// for and not sent, a completion past its reply date).
    pub flagged: bool,
    /// Free text: association, organisation number, Dnr, activity.
    pub search: String,
    pub sort: Sort,
    pub descending: bool,
    /// From 1.
    pub page: u64,
}

/// The query string's names.
pub mod param {
    pub const PROGRAMME: &str = "bidragsform";
    pub const STATUS: &str = "status";
    pub const ASSIGNED: &str = "handlaggare";
    pub const FROM: &str = "fran";
    pub const TO: &str = "till";
    pub const MIN: &str = "minst";
    pub const MAX: &str = "hogst";
    pub const FLAGGED: &str = "flaggade";
    pub const SEARCH: &str = "sok";
    pub const SORT: &str = "sortera";
    pub const ORDER: &str = "ordning";
    pub const PAGE: &str = "sida";
    pub const ALL: [&str; 12] = [
        PROGRAMME, STATUS, ASSIGNED, FROM, TO, MIN, MAX, FLAGGED, SEARCH, SORT, ORDER, PAGE,
    ];
}

/// The case page's form fields.
pub mod field {
    pub const OFFICER: &str = "handlaggare";
    pub const DUE: &str = "klar_senast";
    pub const NOTE: &str = "anteckning";
}

/// The names of a bulk change's own fields, beside the view's.
pub mod bulk_param {
    /// `tilldela` or `klar-senast`.
    pub const ACTION: &str = "atgard";
    pub const OFFICER: &str = "ny_handlaggare";
    pub const DUE: &str = "ny_klar_senast";
    /// The number of cases the officer confirmed.
    pub const COUNT: &str = "antal";
    pub const ALL: [&str; 4] = [ACTION, OFFICER, DUE, COUNT];
}

/// A status as the officers name it in the queue.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Draft => "Utkast",
        Status::Submitted => "Inkommen",
        Status::Completion => "Komplettering begärd",
        Status::Withdrawn => "Återkallad",
        Status::Assessed => "Bedömd, väntar på attest",
        Status::Attested => "Attesterad, klar för beslut",
        Status::OnAgenda => "På dagordningen",
        Status::Granted => "Beviljad",
        Status::PartlyGranted => "Delvis beviljad",
        Status::Rejected => "Avslagen",
    }
}

/// A status as the address names it.
pub fn status_param(status: Status) -> &'static str {
    match status {
        Status::Draft => "utkast",
        Status::Submitted => "inkommen",
        Status::Completion => "komplettering",
        Status::Withdrawn => "aterkallad",
        Status::Assessed => "bedomd",
        Status::Attested => "attesterad",
        Status::OnAgenda => "pa-dagordning",
        Status::Granted => "beviljad",
        Status::PartlyGranted => "delvis-beviljad",
        Status::Rejected => "avslagen",
    }
}

impl Filter {
    /// The view the address asks for, and a Swedish message for each value that could
    /// not be read (left out of the view, so the page still answers).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> (Self, Vec<(&'static str, String)>) {
        let mut problems = Vec::new();
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut filter = Filter {
            programme: text(param::PROGRAMME),
            search: text(param::SEARCH)
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect(),
            flagged: text(param::FLAGGED).is_some(),
            descending: text(param::ORDER).as_deref() == Some("fallande"),
            page: text(param::PAGE)
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            ..Filter::default()
        };
        if let Some(value) = text(param::STATUS) {
            match OPEN.into_iter().find(|s| status_param(*s) == value) {
                Some(status) => filter.status = Some(status),
                None => problems.push((param::STATUS, "Välj en status i listan.".to_owned())),
            }
        }
        filter.assigned = match text(param::ASSIGNED).as_deref() {
            None | Some("alla") => Assigned::Anyone,
            Some("mig") => Assigned::Me,
            Some("ingen") => Assigned::Nobody,
            Some(other) => match Uuid::parse_str(other) {
                Ok(id) => Assigned::Officer(id),
                Err(_) => {
                    problems.push((param::ASSIGNED, "Välj en handläggare i listan.".to_owned()));
                    Assigned::Anyone
                }
            },
        };
        let mut date = |name: &'static str| {
            let value = text(name)?;
            match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                Ok(day) => Some(day),
                Err(_) => {
                    problems.push((
                        name,
                        "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-31.".to_owned(),
                    ));
                    None
                }
            }
        };
        filter.submitted_from = date(param::FROM);
        filter.submitted_to = date(param::TO);
        let mut amount = |name: &'static str| {
            let value = text(name)?;
            match crate::domain::money::parse(&value) {
                Ok(ore) => Some(ore / 100),
                Err(message) => {
                    problems.push((name, message.to_owned()));
                    None
                }
            }
        };
        filter.min_kr = amount(param::MIN);
        filter.max_kr = amount(param::MAX);
        if let (Some(from), Some(to)) = (filter.submitted_from, filter.submitted_to) {
            if from > to {
                problems.push((
                    param::TO,
                    "Slutdatumet kan inte vara före startdatumet.".to_owned(),
                ));
                filter.submitted_to = None;
            }
        }
        if let Some(value) = text(param::SORT) {
            match Sort::ALL.into_iter().find(|s| s.as_str() == value) {
                Some(sort) => filter.sort = sort,
                None => problems.push((param::SORT, "Välj en sortering i listan.".to_owned())),
            }
        }
        (filter, problems)
    }

    /// The view as query pairs (defaults left out), for links and hidden fields.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(programme) = &self.programme {
            pairs.push((param::PROGRAMME, programme.clone()));
        }
        if let Some(status) = self.status {
            pairs.push((param::STATUS, status_param(status).to_owned()));
        }
        match self.assigned {
            Assigned::Anyone => {}
            Assigned::Me => pairs.push((param::ASSIGNED, "mig".to_owned())),
            Assigned::Nobody => pairs.push((param::ASSIGNED, "ingen".to_owned())),
            Assigned::Officer(id) => pairs.push((param::ASSIGNED, id.to_string())),
        }
        if let Some(day) = self.submitted_from {
            pairs.push((param::FROM, day.to_string()));
        }
        if let Some(day) = self.submitted_to {
            pairs.push((param::TO, day.to_string()));
        }
        if let Some(kr) = self.min_kr {
            pairs.push((param::MIN, kr.to_string()));
        }
        if let Some(kr) = self.max_kr {
            pairs.push((param::MAX, kr.to_string()));
        }
        if self.flagged {
            pairs.push((param::FLAGGED, "1".to_owned()));
        }
        if !self.search.is_empty() {
            pairs.push((param::SEARCH, self.search.clone()));
        }
        if self.sort != Sort::default() {
            pairs.push((param::SORT, self.sort.as_str().to_owned()));
        }
        if self.descending {
            pairs.push((param::ORDER, "fallande".to_owned()));
        }
        if self.page > 1 {
            pairs.push((param::PAGE, self.page.to_string()));
        }
        pairs
    }

    /// The address of this view: `/handlaggning?…`.
    pub fn href(&self) -> String {
        let query = self
            .pairs()
            .into_iter()
            .map(|(name, value)| format!("{name}={}", encode(&value)))
            .collect::<Vec<_>>()
            .join("&");
        if query.is_empty() {
            "/handlaggning".to_owned()
        } else {
            format!("/handlaggning?{query}")
        }
    }

    /// The same view on another page.
    pub fn on_page(&self, page: u64) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    /// The same view sorted by `sort` (again: the other way).
    pub fn sorted_by(&self, sort: Sort) -> Self {
        Self {
            descending: self.sort == sort && !self.descending,
            sort,
            page: 1,
            ..self.clone()
        }
    }
}

/// What a query value keeps as it is: letters, digits and `-._~` (RFC 3986 unreserved).
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `value` for a query string: the unreserved characters as they are, the rest as
/// UTF-8 percent escapes (`å` is `%C3%A5`).
pub fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// The queue's search text of a case: what the officers look it up by, in lower case.
pub fn search_text(dnr: &str, org_number: &str, association: &str, activity: &str) -> String {
    format!("{dnr} {org_number} {association} {activity}").to_lowercase()
}

/// One case in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: Uuid,
    pub dnr: String,
    pub association: String,
    pub org_number: String,
    pub programme: String,
    pub activity: String,
    /// "500 000 kr".
    pub requested: String,
    pub requested_ore: i64,
    pub status: Status,
    pub assigned: Option<String>,
    /// Days since it came in.
    pub days: i64,
    /// `2024-01-31`, the day it came in.
    pub submitted: String,
    /// `2024-01-31`.
    pub due: Option<String>,
    /// In Swedish: "Budgeten går inte ihop", "Klar-senast-dagen har passerat".
    pub flags: Vec<String>,
}

/// The queue as one view shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub filter: Filter,
    /// What in the address could not be read.
    pub problems: Vec<(String, String)>,
    pub rows: Vec<QueueRow>,
    /// How many cases the view matches, over every page.
    pub total: u64,
    pub pages: u64,
    /// Per open status, how many cases match the view's other choices.
    pub counts: Vec<(Status, u64)>,
    /// Slug and name of every programme.
    pub programmes: Vec<(String, String)>,
    /// Id and name of every active officer, for the choice of handläggare.
    pub officers: Vec<(Uuid, String)>,
    pub me: Uuid,
}

/// What a bulk change will do, for its confirmation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkPreview {
    /// How many cases the view matches now.
    pub count: u64,
    /// "Tilldela 37 ärenden till Anna Andersson?"
    pub question: String,
    /// "Ja, tilldela 37 ärenden".
    pub confirm: String,
    /// Why it cannot be done as asked (field, message).
    pub problems: Vec<(String, String)>,
    /// The view's address, to go back to.
    pub back: String,
    /// The fields the confirmation posts: the view and the change.
    pub hidden: Vec<(String, String)>,
}

/// One line of the overview: a programme or an officer, with a count per stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    /// The programme's slug or the officer's id (`ingen` for the unassigned), for the
    /// link to the queue filtered by it.
    pub key: String,
    pub name: String,
    /// In the order of [`Overview::stages`].
    pub counts: Vec<u64>,
}

/// How many cases stand at each stage, per programme and per officer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub stages: Vec<Status>,
    pub programmes: Vec<OverviewRow>,
    pub officers: Vec<OverviewRow>,
}

/// A staff note on a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRow {
    /// `2024-03-01 14:05:00`.
    pub when: String,
    pub by: String,
    pub body: String,
}

/// A case as the officers work on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseWork {
    pub application: crate::features::applications::api::ApplicationView,
    /// Id and name of who handles it.
    pub assigned: Option<(Uuid, String)>,
    /// `2024-01-31`.
    pub due: Option<String>,
    /// Internal notes, oldest first: staff only.
    pub notes: Vec<NoteRow>,
    /// The association's other cases.
    pub earlier: Vec<crate::features::applications::api::ApplicationRow>,
    /// "Namn (verifierad till och med 2027-05-31)".
    pub representatives: Vec<String>,
    pub officers: Vec<(Uuid, String)>,
    /// Completion requests and submitted versions.
    pub completion: crate::features::completion::CompletionWork,
    /// Which fields are kept out of the published decision.
    pub secrecy: crate::features::decisions::SecrecyView,
}

/// The longest note.
pub const NOTE_LIMIT: usize = 4000;

/// A live-queue message about a case.
#[cfg(feature = "ssr")]
pub fn live(
    event: &str,
    case_id: Uuid,
    dnr: Option<String>,
    state: Status,
) -> crate::backend::events::Effect {
    crate::backend::events::Effect::Live(crate::live::LiveEvent {
        event: event.to_owned(),
        case_id,
        dnr,
        state: status_param(state).to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &[(&str, &str)]) -> (Filter, Vec<(&'static str, String)>) {
        Filter::from_query(|name| {
            query
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn a_view_survives_the_round_trip_through_its_address() {
        let (filter, problems) = read(&[
            ("bidragsform", "tidsbegransat-bidrag"),
            ("status", "inkommen"),
            ("handlaggare", "mig"),
            ("fran", "2024-01-01"),
            ("till", "2024-12-31"),
            ("minst", "10 000"),
            ("hogst", "500000"),
            ("flaggade", "1"),
            ("sok", "Kindness & Compassion"),
            ("sortera", "belopp"),
            ("ordning", "fallande"),
            ("sida", "3"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(filter.min_kr, Some(10_000));
        assert_eq!(filter.assigned, Assigned::Me);
        let href = filter.href();
        assert!(href.contains("sok=Kindness%20%26%20Compassion"), "{href}");
        let pairs = filter.pairs();
        let (again, _) = Filter::from_query(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(again, filter);
    }

    #[test]
    fn unreadable_values_are_said_and_left_out() {
        let (filter, problems) = read(&[
            ("fran", "igår"),
            ("minst", "mycket"),
            ("status", "hemlig"),
            ("sortera", "'; drop table"),
            ("sida", "-4"),
        ]);
        assert_eq!(
            filter,
            Filter {
                page: 1,
                ..Filter::default()
            }
        );
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["status", "fran", "minst", "sortera"]);
    }

    #[test]
    fn sorting_by_the_same_column_again_turns_the_order() {
        let filter = Filter::default().sorted_by(Sort::Amount);
        assert!(!filter.descending);
        assert!(filter.sorted_by(Sort::Amount).descending);
        assert!(!filter.sorted_by(Sort::Due).descending);
    }

    #[test]
    fn the_search_text_finds_by_any_of_its_parts_in_lower_case() {
        let text = search_text(
            "SOF 2023/202",
            "802534-3750",
            "Kindness & Compassion",
            "Självhjälp",
        );
        assert!(text.contains("sof 2023/202"));
        assert!(text.contains("självhjälp"));
    }
}
