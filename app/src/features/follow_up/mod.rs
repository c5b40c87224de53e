//! **Follow-up reports (återrapportering)** and **reclaims (återkrav)**. When the
//! minutes granting a case are justerade the case gets its report periods: the grant
//! period, or one a year for a grant over more than a year, each due three months after
//! it ends. The association reports against its own application: the activities planned
//! and held, the participants planned and reached, the gender split, the goals and how
//! far they were reached, and every income and cost line of the budget with its actual
//! amount (a line that differs by more than 10 % needs a comment), with the accounts
//! attached. Members are reminded 30 days before, on the day and when it is overdue
//! (once each per due date). A missing report blocks the association's next application
//! in the same programme. The officer approves the report, asks for changes, or
//! approves it with a reclaim of the unused money computed from the actual figures; the
//! reclaim letter is mailed and the finance unit follows it until it is paid.
//! Instalments waiting for the approved report fall due when it is approved.
//!
//! Here: the report's answers and rules (pure, tested below) and the pages' data; the
//! state changes (`commands`), the reads (`queries`, `api`) and the pages (`pages`). The
//! posts are handled in `server/src/http/follow_up.rs`; the tests are
//! `tests/api/follow_up.rs`.
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::money;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The association's report page.
pub fn report_href(case: Uuid, number: i32) -> String {
    format!("/ansokningar/{case}/aterrapport/{number}")
}

/// The officer's review page.
pub fn review_href(case: Uuid, number: i32) -> String {
    format!("/handlaggning/arenden/{case}/aterrapport/{number}")
}

/// The officers' list of reports due, overdue and waiting for review.
pub const OVERVIEW: &str = "/handlaggning/aterrapporter";

/// The finance unit's list of reclaims.
pub const RECLAIMS: &str = "/ekonomi/aterkrav";

/// Reminders go this many days before the due date (and on it, and after it).
pub const REMIND_DAYS_BEFORE: u64 = 30;

/// A report is due this many months after its period ends.
pub const MONTHS_AFTER_PERIOD: u32 = 3;

/// A reclaim is to be paid back within this many days of the decision.
pub const RECLAIM_DAYS: u64 = 30;

/// A budget line whose actual amount differs from the budget by more than this many
/// per cent needs a comment.
pub const DEVIATION_PERCENT: i64 = 10;

/// The most documents a report can have.
pub const MAX_DOCUMENTS: usize = 10;

/// Where a report is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStatus {
    /// Not sent in yet (maybe a draft).
    Due,
    /// Sent in, waiting for the officer.
    Submitted,
    /// The officer asked for changes.
    Changes,
    Approved,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] = [
        ReportStatus::Due,
        ReportStatus::Submitted,
        ReportStatus::Changes,
        ReportStatus::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Due => "due",
            ReportStatus::Submitted => "submitted",
            ReportStatus::Changes => "changes",
            ReportStatus::Approved => "approved",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::Due => "Ska lämnas",
            ReportStatus::Submitted => "Inskickad, granskas",
            ReportStatus::Changes => "Behöver ändras",
            ReportStatus::Approved => "Godkänd",
        }
    }

    /// The association may still change it.
    pub fn editable(self) -> bool {
        matches!(self, ReportStatus::Due | ReportStatus::Changes)
    }
}

/// The kinds of document a report takes.
pub const DOCUMENT_TYPES: [(&str, &str); 3] = [
    (
        "ekonomisk-redovisning",
        "Ekonomisk redovisning eller årsredovisning",
    ),
    ("revisionsberattelse", "Revisionsberättelse"),
    ("ovrigt", "Övrigt"),
];

/// The document every report needs.
pub const ACCOUNTS: &str = "ekonomisk-redovisning";

/// The label of a document type.
pub fn document_label(slug: &str) -> &'static str {
    DOCUMENT_TYPES
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, label)| *label)
        .unwrap_or("Övrigt")
}

/// How far a goal was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reached {
    Yes,
    Partly,
    No,
}

impl Reached {
    pub const ALL: [Reached; 3] = [Reached::Yes, Reached::Partly, Reached::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Reached::Yes => "ja",
            Reached::Partly => "delvis",
            Reached::No => "nej",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Reached::Yes => "Uppnått",
            Reached::Partly => "Delvis uppnått",
            Reached::No => "Inte uppnått",
        }
    }
}

/// One activity of the application: what was planned and what was held.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityOutcome {
    pub kind: String,
    pub planned_occasions: Option<u32>,
    pub planned_participants: Option<u32>,
    pub held_occasions: Option<u32>,
    pub reached_participants: Option<u32>,
}

/// One goal of the application and how far it was reached.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalOutcome {
    pub text: String,
    pub reached: Option<Reached>,
    pub comment: String,
}

/// One budget line of the application with its actual amount.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineOutcome {
    pub label: String,
    pub budget_ore: i64,
    pub actual_ore: Option<i64>,
    pub comment: String,
}

impl LineOutcome {
    /// The actual amount differs from the budget by more than [`DEVIATION_PERCENT`].
    pub fn needs_comment(&self) -> bool {
        self.actual_ore
            .is_some_and(|actual| deviates(self.budget_ore, actual))
    }

    /// Actual minus budget.
    pub fn difference(&self) -> Option<i64> {
        self.actual_ore.map(|actual| actual - self.budget_ore)
    }
}

/// `actual` differs from `budget` by more than [`DEVIATION_PERCENT`] of the budget (any
/// amount on a line budgeted at zero does).
pub fn deviates(budget: i64, actual: i64) -> bool {
    let difference = (actual - budget).unsigned_abs() as u128;
    difference * 100 > budget.unsigned_abs() as u128 * DEVIATION_PERCENT as u128
}

/// An attached document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: Uuid,
    pub kind: String,
    pub file_name: String,
}

/// The report's answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// *Vad har ni gjort?*: the activity in the association's words.
    pub summary: String,
    pub activities: Vec<ActivityOutcome>,
    pub share_women: Option<u8>,
    pub share_men: Option<u8>,
    pub share_other: Option<u8>,
    pub goals: Vec<GoalOutcome>,
    /// The income lines other than the grant itself.
    pub income: Vec<LineOutcome>,
    pub costs: Vec<LineOutcome>,
    pub documents: Vec<Document>,
}

/// The forms' field names.
pub mod field {
    pub const SUMMARY: &str = "redogorelse";
    pub const HELD: &str = "genomfort";
    pub const REACHED: &str = "deltagare";
    pub const WOMEN: &str = "kvinnor";
    pub const MEN: &str = "man";
    pub const OTHER: &str = "annat";
    pub const GOAL: &str = "mal";
    pub const GOAL_COMMENT: &str = "mal_kommentar";
    pub const INCOME: &str = "intakt";
    pub const INCOME_COMMENT: &str = "intakt_kommentar";
    pub const COST: &str = "kostnad";
    pub const COST_COMMENT: &str = "kostnad_kommentar";
    pub const REVISION: &str = "version";
    pub const ACTION: &str = "atgard";
    pub const DOCUMENT: &str = "fil";
    pub const DOCUMENT_TYPE: &str = "dokumenttyp";
    // The officer's review.
    pub const DECISION: &str = "beslut";
    pub const NOTE: &str = "meddelande";
    pub const AMOUNT: &str = "belopp";
    pub const REASON: &str = "skal";
    pub const DUE_ON: &str = "sista_dag";
    pub const PAID_ON: &str = "betaldag";
    pub const MEETING_ON: &str = "sammantradesdag";
    pub const PARAGRAPH: &str = "paragraf";

    /// Field `name` of row `row` (from 1).
    pub fn of(name: &str, row: usize) -> String {
        format!("{name}_{row}")
    }
}

/// Problems by field name.
pub type Problems = Vec<(String, String)>;

const BAD_COUNT: &str = "Skriv ett heltal, till exempel 12.";
const BAD_SHARE: &str = "Ange en andel mellan 0 och 100 procent.";
/// The longest free text.
pub const TEXT_LIMIT: usize = 4000;
/// The longest comment on a line or goal.
pub const COMMENT_LIMIT: usize = 1000;

pub(crate) fn count(value: &str) -> Result<Option<u32>, &'static str> {
    let value = value.trim().replace([' ', '\u{a0}'], "");
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(n) if n <= crate::features::applications::MAX_COUNT => Ok(Some(n)),
        _ => Err(BAD_COUNT),
    }
}

pub(crate) fn share(value: &str) -> Result<Option<u8>, &'static str> {
    let value = value.trim().trim_end_matches('%').trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u8>() {
        Ok(n) if n <= 100 => Ok(Some(n)),
        _ => Err(BAD_SHARE),
    }
}

impl Report {
    /// The report's rows as the application planned them: its activities, goals and
    /// budget lines (the income line of the grant itself left out), nothing reported.
    pub fn from_application(content: &crate::features::applications::Content) -> Self {
        use crate::domain::budget::COMMITTEE_SOURCE;
        let line = |label: String, budget_ore: i64| LineOutcome {
            label,
            budget_ore,
            actual_ore: None,
            comment: String::new(),
        };
        Report {
            activities: content
                .activities
                .iter()
                .filter(|a| !a.kind.trim().is_empty())
                .map(|a| ActivityOutcome {
                    kind: a.kind.clone(),
                    planned_occasions: a.occasions,
                    planned_participants: a.participants,
                    ..Default::default()
                })
                .collect(),
            goals: content
                .goals
                .iter()
                .filter(|g| !g.text.trim().is_empty())
                .map(|g| GoalOutcome {
                    text: g.text.clone(),
                    ..Default::default()
                })
                .collect(),
            income: content
                .budget
                .income
                .iter()
                .filter(|row| row.source != COMMITTEE_SOURCE && !row.source.trim().is_empty())
                .map(|row| line(row.source.clone(), row.amount_ore))
                .collect(),
            costs: content
                .budget
                .costs
                .iter()
                .filter(|row| {
                    !(row.category.trim().is_empty() && row.description.trim().is_empty())
                })
                .map(|row| {
                    let label = match (row.category.trim(), row.description.trim()) {
                        (c, "") => c.to_owned(),
                        ("", d) => d.to_owned(),
                        (c, d) => format!("{c}: {d}"),
                    };
                    line(label, row.amount_ore)
                })
                .collect(),
            ..Default::default()
        }
    }

    /// Takes the form's answers (`get` answers a field's value): every answer that can be
    /// read is kept, so nothing typed is lost; the ones that cannot be read are
    /// answered as problems. Formats only: what is missing is checked at submit.
    pub fn read_form(&mut self, get: impl Fn(&str) -> String) -> Problems {
        let mut problems = Problems::new();
        let text = |name: &str, max: usize, problems: &mut Problems| -> String {
            let value = get(name);
            match crate::domain::text::free_text(&value, None, max) {
                Ok(v) => v,
                Err(message) => {
                    problems.push((name.to_owned(), message));
                    value.trim().to_owned()
                }
            }
        };
        self.summary = text(field::SUMMARY, TEXT_LIMIT, &mut problems);
        for (i, activity) in self.activities.iter_mut().enumerate() {
            for (name, slot) in [
                (field::HELD, &mut activity.held_occasions),
                (field::REACHED, &mut activity.reached_participants),
            ] {
                let name = field::of(name, i + 1);
                match count(&get(&name)) {
                    Ok(n) => *slot = n,
                    Err(message) => {
                        *slot = None;
                        problems.push((name, message.to_owned()));
                    }
                }
            }
        }
        for (name, slot) in [
            (field::WOMEN, &mut self.share_women),
            (field::MEN, &mut self.share_men),
            (field::OTHER, &mut self.share_other),
        ] {
            match share(&get(name)) {
                Ok(n) => *slot = n,
                Err(message) => {
                    *slot = None;
                    problems.push((name.to_owned(), message.to_owned()));
                }
            }
        }
        for (i, goal) in self.goals.iter_mut().enumerate() {
            goal.reached = Reached::parse(&get(&field::of(field::GOAL, i + 1)));
            goal.comment = text(
                &field::of(field::GOAL_COMMENT, i + 1),
                COMMENT_LIMIT,
                &mut problems,
            );
        }
        for (lines, amount, comment) in [
            (&mut self.income, field::INCOME, field::INCOME_COMMENT),
            (&mut self.costs, field::COST, field::COST_COMMENT),
        ] {
            for (i, line) in lines.iter_mut().enumerate() {
                let name = field::of(amount, i + 1);
                match money::parse_optional(&get(&name)) {
                    Ok(ore) => line.actual_ore = ore,
                    Err(message) => {
                        line.actual_ore = None;
                        problems.push((name, message.to_owned()));
                    }
                }
                line.comment = text(&field::of(comment, i + 1), COMMENT_LIMIT, &mut problems);
            }
        }
        problems
    }

    /// What stops the report from being sent in: missing answers, missing comments on
    /// lines that differ by more than 10 %, a gender split over 100 %, no accounts.
    pub fn problems(&self) -> Problems {
        let mut problems = Problems::new();
        if self.summary.trim().is_empty() {
            problems.push((
                field::SUMMARY.into(),
                "Beskriv kort vad ni har gjort under perioden.".into(),
            ));
        }
        for (i, activity) in self.activities.iter().enumerate() {
            let row = i + 1;
            if activity.held_occasions.is_none() {
                problems.push((
                    field::of(field::HELD, row),
                    format!(
                        "Ange hur många gånger ”{}” genomfördes (0 om den inte blev av).",
                        activity.kind
                    ),
                ));
            }
            if activity.reached_participants.is_none() {
                problems.push((
                    field::of(field::REACHED, row),
                    format!("Ange hur många som deltog i ”{}”.", activity.kind),
                ));
            }
        }
        let shares = [self.share_women, self.share_men, self.share_other];
        if shares.iter().all(Option::is_none) {
            problems.push((
                field::WOMEN.into(),
                "Ange hur stor andel av deltagarna som var kvinnor och män.".into(),
            ));
        } else if shares.iter().flatten().map(|s| *s as u32).sum::<u32>() > 100 {
            problems.push((
                field::WOMEN.into(),
                "Andelarna kan tillsammans vara högst 100 procent.".into(),
            ));
        }
        for (i, goal) in self.goals.iter().enumerate() {
            if goal.reached.is_none() {
                problems.push((
                    field::of(field::GOAL, i + 1),
                    format!("Ange hur långt ni nådde målet ”{}”.", goal.text),
                ));
            } else if goal.reached != Some(Reached::Yes) && goal.comment.trim().is_empty() {
                problems.push((
                    field::of(field::GOAL_COMMENT, i + 1),
                    format!("Förklara varför målet ”{}” inte nåddes helt.", goal.text),
                ));
            }
        }
        for (lines, amount, comment, what) in [
            (
                &self.income,
                field::INCOME,
                field::INCOME_COMMENT,
                "intäkten",
            ),
            (&self.costs, field::COST, field::COST_COMMENT, "kostnaden"),
        ] {
            for (i, line) in lines.iter().enumerate() {
                if line.actual_ore.is_none() {
                    problems.push((
                        field::of(amount, i + 1),
                        format!(
                            "Ange det faktiska beloppet för ”{}” (0 om {what} uteblev).",
                            line.label
                        ),
                    ));
                } else if line.needs_comment() && line.comment.trim().is_empty() {
                    problems.push((
                        field::of(comment, i + 1),
                        format!(
                            "”{}” skiljer sig mer än {DEVIATION_PERCENT} procent från budgeten. Förklara varför.",
                            line.label
                        ),
                    ));
                }
            }
        }
        if !self.documents.iter().any(|d| d.kind == ACCOUNTS) {
            problems.push((
                field::DOCUMENT.into(),
                "Bifoga den ekonomiska redovisningen (eller årsredovisningen) för perioden.".into(),
            ));
        }
        problems
    }

    /// The form's values, by field name, as the page puts them back.
    pub fn values(&self) -> std::collections::HashMap<String, String> {
        let mut values = std::collections::HashMap::new();
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        values.insert(field::SUMMARY.into(), self.summary.clone());
        for (i, a) in self.activities.iter().enumerate() {
            values.insert(field::of(field::HELD, i + 1), number(a.held_occasions));
            values.insert(
                field::of(field::REACHED, i + 1),
                number(a.reached_participants),
            );
        }
        for (name, share) in [
            (field::WOMEN, self.share_women),
            (field::MEN, self.share_men),
            (field::OTHER, self.share_other),
        ] {
            values.insert(
                name.into(),
                share.map(|s| s.to_string()).unwrap_or_default(),
            );
        }
        for (i, g) in self.goals.iter().enumerate() {
            values.insert(
                field::of(field::GOAL, i + 1),
                g.reached.map(|r| r.as_str().to_owned()).unwrap_or_default(),
            );
            values.insert(field::of(field::GOAL_COMMENT, i + 1), g.comment.clone());
        }
        for (lines, amount, comment) in [
            (&self.income, field::INCOME, field::INCOME_COMMENT),
            (&self.costs, field::COST, field::COST_COMMENT),
        ] {
            for (i, line) in lines.iter().enumerate() {
                values.insert(
                    field::of(amount, i + 1),
                    line.actual_ore.map(money::to_input).unwrap_or_default(),
                );
                values.insert(field::of(comment, i + 1), line.comment.clone());
            }
        }
        values
    }
}

/// The unused money by the report's actual figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reckoning {
    pub granted: i64,
    pub costs: i64,
    pub other_income: i64,
    /// What the grant had to cover: costs less other income, within 0 and the grant.
    pub used: i64,
    pub unused: i64,
}

impl Reckoning {
    /// Unused = granted − (actual costs − actual other income), never below zero or
    /// above the grant.
    pub fn of(report: &Report, granted: i64) -> Self {
        let sum = |lines: &[LineOutcome]| lines.iter().filter_map(|l| l.actual_ore).sum::<i64>();
        let costs = sum(&report.costs);
        let other_income = sum(&report.income);
        let used = (costs - other_income).clamp(0, granted.max(0));
        Reckoning {
            granted,
            costs,
            other_income,
            used,
            unused: granted - used,
        }
    }

    /// The calculation as the letter shows it.
    pub fn text(&self) -> String {
        format!(
            "Beviljat bidrag {} − (faktiska kostnader {} − andra faktiska intäkter {}) = {} som inte har använts.",
            money::format_kr(self.granted),
            money::format_kr(self.costs),
            money::format_kr(self.other_income),
            money::format_kr(self.unused)
        )
    }
}

/// Which reminder a report due on `due` gets on `today`, if any, given the due date each
/// stage was sent for (`[before, on the day, overdue]`): only the latest stage that
/// applies (a worker that was down does not send all three at once), once per due date.
pub fn reminder_stage_for(
    due: NaiveDate,
    sent_for: [Option<NaiveDate>; 3],
    today: NaiveDate,
    days_before: u64,
) -> Option<&'static str> {
    let sent = |slot: Option<NaiveDate>| slot == Some(due);
    let [before, on_day, overdue] = sent_for;
    if today > due {
        (!sent(overdue)).then_some("overdue")
    } else if today == due {
        (!sent(on_day)).then_some("due")
    } else if today + chrono::Days::new(days_before) >= due {
        (!sent(before)).then_some("before")
    } else {
        None
    }
}

/// One report period with its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due: NaiveDate,
}

/// The report periods of a grant for `from`–`to`: the whole period when it is at most
/// a year, otherwise one a year (the last one shorter); each due
/// [`MONTHS_AFTER_PERIOD`] months after it ends.
pub fn periods(from: NaiveDate, to: NaiveDate) -> Vec<Period> {
    let to = to.max(from);
    let mut out = Vec::new();
    let mut start = from;
    while start <= to && out.len() < 10 {
        let year_end = start
            .checked_add_months(Months::new(12))
            .and_then(|d| d.pred_opt())
            .unwrap_or(to);
        // A period a few days over a year is one period, not a year and a few days.
        let end = if to <= year_end || to.signed_duration_since(year_end).num_days() < 31 {
            to
        } else {
            year_end
        };
        out.push(Period {
            from: start,
            to: end,
            due: end
                .checked_add_months(Months::new(MONTHS_AFTER_PERIOD))
                .unwrap_or(end),
        });
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

/// "1 januari–31 december 2026" or "1 juli 2026–30 juni 2027".
pub fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    use crate::domain::programme_window::long_date;
    if from.year() == to.year() {
        let first = long_date(from);
        let first = first
            .rsplit_once(' ')
            .map(|(d, _)| d.to_owned())
            .unwrap_or(first);
        format!("{first}–{}", long_date(to))
    } else {
        format!("{}–{}", long_date(from), long_date(to))
    }
}

/// A report as its pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: Uuid,
    pub case_id: Uuid,
    pub number: i32,
    pub of: i32,
    pub dnr: String,
    pub association: String,
    pub programme: String,
    pub activity: String,
    pub period: String,
    pub due: String,
    pub due_input: String,
    pub overdue: bool,
    pub status: ReportStatus,
    pub granted: String,
    pub report: Report,
    pub revision: i32,
    /// The association may change it now.
    pub editable: bool,
    /// The viewer may send it in (a verified representative).
    pub may_submit: bool,
    pub submitted: Option<String>,
    pub review_note: String,
    pub reviewed: Option<String>,
    pub reckoning: Reckoning,
    pub reckoning_text: String,
    pub reclaim: Option<ReclaimView>,
    /// Instalments waiting for the approved report, as text.
    pub waiting_payments: Vec<String>,
}

/// A reclaim as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReclaimView {
    pub id: Uuid,
    pub case_id: Uuid,
    pub report_number: i32,
    pub dnr: String,
    pub association: String,
    pub programme: String,
    pub amount: String,
    pub computed: String,
    pub reason: String,
    pub calculation: String,
    pub decided: String,
    /// Who proposed it, then who decided it or recorded the committee's decision.
    pub decided_by: String,
    /// "av Emelie Steen på delegation", "av socialnämnden, § 14"; empty for a proposal.
    pub decided_how: String,
    /// Proposed to the committee, not decided yet.
    pub proposed: bool,
    pub due: String,
    pub overdue: bool,
    pub reference: String,
    pub paid: Option<String>,
    pub payee: String,
    pub bankgiro: String,
}

/// One row of the officers' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub case_id: Uuid,
    pub number: i32,
    pub of: i32,
    pub dnr: String,
    pub association: String,
    pub programme: String,
    pub activity: String,
    pub period: String,
    pub due: String,
    pub status: ReportStatus,
    /// Days past the due date (0 when not overdue).
    pub days_overdue: i64,
}

/// The officers' list: due (not yet overdue), overdue, waiting for review.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub waiting: Vec<OverviewRow>,
    pub overdue: Vec<OverviewRow>,
    pub due: Vec<OverviewRow>,
}

/// A report of a case, as its case pages link to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLink {
    pub href: String,
    pub label: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
}

/// The finance unit's list of reclaims.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReclaimsView {
    pub open: Vec<ReclaimView>,
    pub paid: Vec<ReclaimView>,
    pub open_total: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_year_long_grant_reports_once_three_months_after_it_ends() {
        let p = periods(day("2026-01-01"), day("2026-12-31"));
        assert_eq!(
            p,
            vec![Period {
                from: day("2026-01-01"),
                to: day("2026-12-31"),
                due: day("2027-03-31")
            }]
        );
    }

    #[test]
    fn a_multi_year_grant_reports_once_a_year() {
        let p = periods(day("2026-07-01"), day("2028-12-31"));
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].from, p[0].to), (day("2026-07-01"), day("2027-06-30")));
        assert_eq!(p[0].due, day("2027-09-30"));
        assert_eq!((p[1].from, p[1].to), (day("2027-07-01"), day("2028-06-30")));
        assert_eq!((p[2].from, p[2].to), (day("2028-07-01"), day("2028-12-31")));
        assert_eq!(p[2].due, day("2029-03-31"));
    }

    #[test]
    fn a_period_a_few_days_over_a_year_is_one_period() {
        let p = periods(day("2026-01-01"), day("2027-01-15"));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].due, day("2027-04-15"));
    }

    #[test]
    fn a_line_needs_a_comment_only_beyond_ten_per_cent() {
        assert!(!deviates(100_000, 110_000));
        assert!(deviates(100_000, 110_001));
        assert!(!deviates(100_000, 90_000));
        assert!(deviates(100_000, 89_999));
        assert!(!deviates(0, 0));
        assert!(deviates(0, 1));
    }

    fn report() -> Report {
        Report {
            summary: "Vi höll samtalsgrupper.".into(),
            activities: vec![ActivityOutcome {
                kind: "Samtalsgrupp".into(),
                planned_occasions: Some(40),
                planned_participants: Some(8),
                ..Default::default()
            }],
            goals: vec![GoalOutcome {
                text: "Minska ensamheten".into(),
                ..Default::default()
            }],
            income: vec![LineOutcome {
                label: "Medlemsavgifter".into(),
                budget_ore: 1_000_000,
                ..Default::default()
            }],
            costs: vec![
                LineOutcome {
                    label: "Lokal".into(),
                    budget_ore: 5_000_000,
                    ..Default::default()
                },
                LineOutcome {
                    label: "Material".into(),
                    budget_ore: 1_000_000,
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn form<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> String + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default()
        }
    }

    #[test]
    fn the_form_keeps_what_it_can_read_and_names_what_it_cannot() {
        let mut r = report();
        let problems = r.read_form(form(&[
            ("genomfort_1", "38"),
            ("deltagare_1", "många"),
            ("kvinnor", "120"),
            ("kostnad_1", "48 000"),
            ("kostnad_2", "-5"),
        ]));
        assert_eq!(r.activities[0].held_occasions, Some(38));
        assert_eq!(r.costs[0].actual_ore, Some(4_800_000));
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, vec!["deltagare_1", "kvinnor", "kostnad_2"]);
    }

    #[test]
    fn submit_needs_every_answer_a_comment_on_big_differences_and_the_accounts() {
        let mut r = report();
        r.read_form(form(&[
            ("redogorelse", "Vi höll samtalsgrupper varje vecka."),
            ("genomfort_1", "38"),
            ("deltagare_1", "7"),
            ("kvinnor", "60"),
            ("man", "40"),
            ("mal_1", "delvis"),
            ("intakt_1", "1 000"),
            ("kostnad_1", "50 000"),
            ("kostnad_2", "2 000"),
        ]));
        let fields: Vec<String> = r.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            vec![
                "mal_kommentar_1",
                "intakt_kommentar_1",
                "kostnad_kommentar_2",
                "fil"
            ]
        );
        r.goals[0].comment = "Färre kom än vi trodde.".into();
        r.income[0].comment = "Färre medlemmar.".into();
        r.costs[1].comment = "Vi fick material skänkt.".into();
        r.documents.push(Document {
            id: Uuid::nil(),
            kind: ACCOUNTS.into(),
            file_name: "redovisning.pdf".into(),
        });
        assert!(r.problems().is_empty(), "{:?}", r.problems());
    }

    #[test]
    fn the_unused_money_is_the_grant_less_what_the_costs_needed() {
        let mut r = report();
        r.income[0].actual_ore = Some(500_000);
        r.costs[0].actual_ore = Some(4_000_000);
        r.costs[1].actual_ore = Some(500_000);
        // 45 000 in costs less 5 000 in other income leaves 40 000 for the grant.
        let reckoning = Reckoning::of(&r, 5_000_000);
        assert_eq!(reckoning.used, 4_000_000);
        assert_eq!(reckoning.unused, 1_000_000);
        assert!(reckoning
            .text()
            .contains("10\u{a0}000\u{a0}kr som inte har använts"));
        // Costs beyond the grant leave nothing unused, and nothing negative.
        r.costs[0].actual_ore = Some(9_000_000);
        assert_eq!(Reckoning::of(&r, 5_000_000).unused, 0);
        // Other income covering everything leaves the whole grant unused.
        r.income[0].actual_ore = Some(20_000_000);
        assert_eq!(Reckoning::of(&r, 5_000_000).unused, 5_000_000);
    }

    #[test]
    fn the_form_values_round_trip() {
        let mut r = report();
        let pairs = [
            ("redogorelse", "Text"),
            ("genomfort_1", "3"),
            ("deltagare_1", "9"),
            ("kvinnor", "50"),
            ("mal_1", "ja"),
            ("kostnad_1", "1 500,50"),
        ];
        r.read_form(form(&pairs));
        let values = r.values();
        for (k, v) in pairs {
            assert_eq!(values.get(k).map(String::as_str), Some(v), "{k}");
        }
    }
}
