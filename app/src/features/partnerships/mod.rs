//! **IOP partnerships** (idéburet offentligt partnerskap, the Bostad Först seed): an
//! agreement between equal parties that lives for years. An officer creates the
//! partnership from a decided IOP initiative (an application in the IOP programme) or
//! directly; the portal computes its current end date and next notice deadline
//! (`terms`), warns officers 60 days before a deadline, records a notice with its day and
//! party, keeps the steering and cooperation groups with their members and meeting
//! notes, and collects the partner's report per period (half-yearly in the seed) with
//! reminders as for a grant's follow-up. The officer approves a report or asks for
//! changes and writes the follow-up tjänsteutlåtande in the seed's structure, printed
//! and as PDF, for a committee meeting.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod terms;

pub use crate::features::follow_up::ReportStatus;

/// The officers' overview of every partnership.
pub const OVERVIEW: &str = "/handlaggning/partnerskap";
/// The officer's form for a new partnership.
pub const NEW: &str = "/handlaggning/partnerskap/nytt";
/// Officers are warned this many days before a notice deadline.
pub const WARN_DAYS: u64 = 60;
/// Reports are reminded of this many days before they are due.
pub const REMIND_DAYS_BEFORE: u64 = 30;
/// The longest free text.
pub const TEXT_LIMIT: usize = 4000;
/// The most rows of a repeatable list (activities, special events).
pub const MAX_ROWS: usize = 30;
/// Empty rows a form offers for new entries.
pub const SPARE_ROWS: usize = 3;

/// The officer's page of a partnership.
pub fn staff_href(id: Uuid) -> String {
    format!("{OVERVIEW}/{id}")
}

/// The partner's page of a partnership.
pub fn partner_href(id: Uuid) -> String {
    format!("/partnerskap/{id}")
}

/// The partner's report form.
pub fn report_href(id: Uuid, number: i32) -> String {
    format!("/partnerskap/{id}/rapport/{number}")
}

/// The officer's review of a report.
pub fn review_href(id: Uuid, number: i32) -> String {
    format!("{OVERVIEW}/{id}/rapport/{number}")
}

/// The tjänsteutlåtande of a report, printable; `.pdf` after it for the PDF.
pub fn statement_href(id: Uuid, number: i32) -> String {
    format!("{OVERVIEW}/{id}/rapport/{number}/tjansteutlatande")
}

/// The two governance groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Group {
    /// Styrgrupp: decides the partnership's strategic questions.
    Steering,
    /// Samverkansgrupp: the operative questions and the exchange of experience.
    Cooperation,
}

impl Group {
    pub const ALL: [Group; 2] = [Group::Steering, Group::Cooperation];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Steering => "styrgrupp",
            Group::Cooperation => "samverkansgrupp",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Steering => "Styrgrupp",
            Group::Cooperation => "Samverkansgrupp",
        }
    }
}

/// Who gave notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    /// Socialnämnden (the city).
    City,
    Partner,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::City => "stad",
            Party::Partner => "partner",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Party::City, Party::Partner]
            .into_iter()
            .find(|p| p.as_str() == value)
    }
}

/// The forms' field names.
pub mod field {
    // The agreement.
    pub const ASSOCIATION: &str = "forening";
    pub const CASE: &str = "arende";
    pub const DNR: &str = "dnr";
    pub const ACTIVITY: &str = "verksamhet";
    pub const TARGET_GROUP: &str = "malgrupp";
    pub const PURPOSE: &str = "syfte";
    pub const CITY_COMMITMENTS: &str = "stadens_ataganden";
    pub const PARTNER_COMMITMENTS: &str = "partnerns_ataganden";
    pub const YEARLY_AMOUNT: &str = "belopp_per_ar";
    pub const STARTS_ON: &str = "startdatum";
    pub const FIRST_END_ON: &str = "forsta_slutdatum";
    pub const EXTENSION_MONTHS: &str = "forlangning_manader";
    pub const LAST_END_ON: &str = "sista_slutdatum";
    pub const NOTICE_BY: &str = "uppsagning_senast";
    pub const REPORT_MONTHS: &str = "rapportperiod_manader";
    pub const REPORT_DUE_DAYS: &str = "rapport_dagar_efter";
    pub const STEERING_CADENCE: &str = "styrgrupp_motesrytm";
    pub const COOPERATION_CADENCE: &str = "samverkansgrupp_motesrytm";
    /// Every field of the agreement form, in its order.
    pub const AGREEMENT: [&str; 17] = [
        ASSOCIATION,
        DNR,
        ACTIVITY,
        TARGET_GROUP,
        PURPOSE,
        CITY_COMMITMENTS,
        PARTNER_COMMITMENTS,
        YEARLY_AMOUNT,
        STARTS_ON,
        FIRST_END_ON,
        EXTENSION_MONTHS,
        LAST_END_ON,
        NOTICE_BY,
        REPORT_MONTHS,
        REPORT_DUE_DAYS,
        STEERING_CADENCE,
        COOPERATION_CADENCE,
    ];
    // Notice.
    pub const NOTICE_ON: &str = "uppsagd_datum";
    pub const NOTICE_PARTY: &str = "uppsagd_av";
    pub const NOTICE_NOTE: &str = "uppsagning_kommentar";
    /// Both parties agree that the notice is withdrawn (`ja`).
    pub const AGREED: &str = "overens";
    // Groups and meetings.
    pub const GROUP: &str = "grupp";
    pub const NAME: &str = "namn";
    pub const ORGANISATION: &str = "organisation";
    pub const ROLE: &str = "roll";
    pub const MEMBER_PARTY: &str = "part";
    pub const MEETING_GROUP: &str = "motesgrupp";
    pub const HELD_ON: &str = "motesdatum";
    pub const NOTES: &str = "anteckningar";
    // The partner's report.
    pub const SUMMARY: &str = "sammanfattning";
    pub const ACTIVITY_NAME: &str = "aktivitet";
    pub const ACTIVITY_SCHEDULE: &str = "aktivitet_schema";
    pub const PER_DAY_MIN: &str = "deltagare_min";
    pub const PER_DAY_MAX: &str = "deltagare_max";
    pub const EVENT_NAME: &str = "tillfalle";
    pub const EVENT_ATTENDANCE: &str = "tillfalle_antal";
    pub const QUOTES: &str = "citat";
    pub const OBSTACLES: &str = "hinder";
    pub const DEVELOPMENT: &str = "utvecklingsomraden";
    pub const WOMEN: &str = "kvinnor";
    pub const MEN: &str = "man";
    pub const FUNDS: &str = "medel";
    pub const STAFF: &str = "personal";
    pub const HOURS: &str = "timmar";
    pub const RESEARCH: &str = "forskning";
    pub const REVISION: &str = "version";
    pub const ACTION: &str = "atgard";
    // The officer's review and statement.
    pub const DECISION: &str = "beslut";
    pub const NOTE: &str = "meddelande";
    pub const MEETING: &str = "sammantrade";
    pub const PROPOSAL: &str = "forslag";
    pub const ST_SUMMARY: &str = "ut_sammanfattning";
    pub const BACKGROUND: &str = "bakgrund";
    pub const MATTER: &str = "arendet";
    pub const VIEWS: &str = "synpunkter";
    pub const ST_DEVELOPMENT: &str = "ut_utvecklingsomraden";
    pub const GOVERNANCE: &str = "ledning";
    pub const EQUALITY: &str = "jamstalldhet";
    pub const PREPARATION: &str = "beredning";
    pub const CONCLUSION: &str = "forvaltningens_synpunkter";

    /// Field `name` of row `row` (from 1).
    pub fn of(name: &str, row: usize) -> String {
        format!("{name}_{row}")
    }
}

/// Problems by field name.
pub type Problems = Vec<(String, String)>;

/// One activity the partner held: "Sygrupp", "måndagar 13–15".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldActivity {
    pub name: String,
    pub schedule: String,
}

/// A special event with its attendance: "Framtidsverkstad", 15.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialEvent {
    pub name: String,
    pub attendance: Option<u32>,
}

/// The partner's report for one period, in the seed's parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerReport {
    pub summary: String,
    pub activities: Vec<HeldActivity>,
    pub per_day_min: Option<u32>,
    pub per_day_max: Option<u32>,
    pub events: Vec<SpecialEvent>,
    /// Participants' views, one quote each.
    pub quotes: Vec<String>,
    pub obstacles: String,
    pub development: String,
    pub women: Option<u8>,
    pub men: Option<u8>,
    /// How the money was used.
    pub funds: String,
    /// Staff: "en heltidsanställd koordinator, sex timavlönade".
    pub staff: String,
    /// Paid hours per week.
    pub hours: Option<u32>,
    pub research: String,
}

fn text(problems: &mut Problems, name: &str, value: String, limit: usize, label: &str) -> String {
    let value = value.trim().to_owned();
    if value.chars().count() > limit {
        problems.push((
            name.to_owned(),
            format!("{label} får vara högst {limit} tecken."),
        ));
    }
    value
}

impl PartnerReport {
    /// Reads the form into the report; every problem of format or length by its field.
    /// Empty rows are dropped.
    pub fn read_form(&mut self, get: impl Fn(&str) -> String) -> Problems {
        use crate::features::follow_up::{count, share};
        let mut problems = Problems::new();
        self.summary = text(
            &mut problems,
            field::SUMMARY,
            get(field::SUMMARY),
            TEXT_LIMIT,
            "Sammanfattningen",
        );
        self.activities.clear();
        for row in 1..=MAX_ROWS + SPARE_ROWS {
            let name_field = field::of(field::ACTIVITY_NAME, row);
            let schedule_field = field::of(field::ACTIVITY_SCHEDULE, row);
            let name = text(
                &mut problems,
                &name_field,
                get(&name_field),
                200,
                "Aktiviteten",
            );
            let schedule = text(
                &mut problems,
                &schedule_field,
                get(&schedule_field),
                200,
                "När aktiviteten hålls",
            );
            if name.is_empty() && !schedule.is_empty() {
                problems.push((name_field, "Skriv vad aktiviteten heter.".into()));
            }
            if !name.is_empty() || !schedule.is_empty() {
                self.activities.push(HeldActivity { name, schedule });
            }
        }
        if self.activities.len() > MAX_ROWS {
            problems.push((
                field::of(field::ACTIVITY_NAME, 1),
                format!("Högst {MAX_ROWS} aktiviteter."),
            ));
        }
        for (name, slot) in [
            (field::PER_DAY_MIN, &mut self.per_day_min),
            (field::PER_DAY_MAX, &mut self.per_day_max),
            (field::HOURS, &mut self.hours),
        ] {
            match count(&get(name)) {
                Ok(value) => *slot = value,
                Err(message) => problems.push((name.to_owned(), message.to_owned())),
            }
        }
        if let (Some(min), Some(max)) = (self.per_day_min, self.per_day_max) {
            if min > max {
                problems.push((
                    field::PER_DAY_MAX.into(),
                    "Det största antalet deltagare per dag kan inte vara mindre än det minsta."
                        .into(),
                ));
            }
        }
        self.events.clear();
        for row in 1..=MAX_ROWS + SPARE_ROWS {
            let name_field = field::of(field::EVENT_NAME, row);
            let count_field = field::of(field::EVENT_ATTENDANCE, row);
            let name = text(
                &mut problems,
                &name_field,
                get(&name_field),
                200,
                "Tillfället",
            );
            let attendance = match count(&get(&count_field)) {
                Ok(value) => value,
                Err(message) => {
                    problems.push((count_field.clone(), message.to_owned()));
                    None
                }
            };
            if name.is_empty() && attendance.is_some() {
                problems.push((name_field, "Skriv vilket tillfälle det var.".into()));
            }
            if !name.is_empty() || attendance.is_some() {
                self.events.push(SpecialEvent { name, attendance });
            }
        }
        let quotes = text(
            &mut problems,
            field::QUOTES,
            get(field::QUOTES),
            TEXT_LIMIT,
            "Deltagarnas synpunkter",
        );
        self.quotes = quotes
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty())
            .collect();
        for (name, slot, label) in [
            (field::OBSTACLES, &mut self.obstacles, "Hindren"),
            (
                field::DEVELOPMENT,
                &mut self.development,
                "Utvecklingsområdena",
            ),
            (field::FUNDS, &mut self.funds, "Medlens användning"),
            (field::STAFF, &mut self.staff, "Personalen"),
            (field::RESEARCH, &mut self.research, "Forskningssamverkan"),
        ] {
            *slot = text(&mut problems, name, get(name), TEXT_LIMIT, label);
        }
        for (name, slot) in [(field::WOMEN, &mut self.women), (field::MEN, &mut self.men)] {
            match share(&get(name)) {
                Ok(value) => *slot = value,
                Err(message) => problems.push((name.to_owned(), message.to_owned())),
            }
        }
        if let (Some(w), Some(m)) = (self.women, self.men) {
            if u32::from(w) + u32::from(m) > 100 {
                problems.push((
                    field::MEN.into(),
                    "Kvinnor och män kan tillsammans vara högst 100 procent.".into(),
                ));
            }
        }
        problems
    }

    /// What is still missing before the report can be sent in.
    pub fn problems(&self) -> Problems {
        let mut problems = Problems::new();
        let mut need = |name: &str, missing: bool, message: &str| {
            if missing {
                problems.push((name.to_owned(), message.to_owned()));
            }
        };
        need(
            field::SUMMARY,
            self.summary.is_empty(),
            "Sammanfatta perioden.",
        );
        need(
            &field::of(field::ACTIVITY_NAME, 1),
            self.activities.is_empty(),
            "Skriv minst en aktivitet som hölls under perioden.",
        );
        need(
            field::PER_DAY_MIN,
            self.per_day_min.is_none(),
            "Ange det minsta antalet deltagare per dag.",
        );
        need(
            field::PER_DAY_MAX,
            self.per_day_max.is_none(),
            "Ange det största antalet deltagare per dag.",
        );
        need(
            field::WOMEN,
            self.women.is_none(),
            "Ange andelen kvinnor bland deltagarna.",
        );
        need(
            field::MEN,
            self.men.is_none(),
            "Ange andelen män bland deltagarna.",
        );
        need(
            field::FUNDS,
            self.funds.is_empty(),
            "Beskriv hur medlen har använts.",
        );
        for (row, event) in self.events.iter().enumerate() {
            if event.attendance.is_none() {
                problems.push((
                    field::of(field::EVENT_ATTENDANCE, row + 1),
                    format!("Ange hur många som deltog i {}.", event.name),
                ));
            }
        }
        problems
    }

    /// The report as form values, rows from 1 (the page shows them again).
    pub fn values(&self) -> std::collections::HashMap<String, String> {
        let mut out = std::collections::HashMap::new();
        let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        out.insert(field::SUMMARY.into(), self.summary.clone());
        for (i, a) in self.activities.iter().enumerate() {
            out.insert(field::of(field::ACTIVITY_NAME, i + 1), a.name.clone());
            out.insert(
                field::of(field::ACTIVITY_SCHEDULE, i + 1),
                a.schedule.clone(),
            );
        }
        out.insert(field::PER_DAY_MIN.into(), n(self.per_day_min));
        out.insert(field::PER_DAY_MAX.into(), n(self.per_day_max));
        for (i, e) in self.events.iter().enumerate() {
            out.insert(field::of(field::EVENT_NAME, i + 1), e.name.clone());
            out.insert(field::of(field::EVENT_ATTENDANCE, i + 1), n(e.attendance));
        }
        out.insert(field::QUOTES.into(), self.quotes.join("\n\n"));
        out.insert(field::OBSTACLES.into(), self.obstacles.clone());
        out.insert(field::DEVELOPMENT.into(), self.development.clone());
        out.insert(field::WOMEN.into(), n(self.women.map(u32::from)));
        out.insert(field::MEN.into(), n(self.men.map(u32::from)));
        out.insert(field::FUNDS.into(), self.funds.clone());
        out.insert(field::STAFF.into(), self.staff.clone());
        out.insert(field::HOURS.into(), n(self.hours));
        out.insert(field::RESEARCH.into(), self.research.clone());
        out
    }
}

/// The follow-up tjänsteutlåtande's sections, in the seed's order; the officer edits
/// them, starting from a draft written from the agreement and the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// "Socialnämnden godkänner uppföljningen av IOP-samarbetet avseende …"
    pub proposal: String,
    pub summary: String,
    pub background: String,
    pub matter: String,
    pub views: String,
    pub development: String,
    pub governance: String,
    pub equality: String,
    pub preparation: String,
    pub conclusion: String,
}

impl Statement {
    /// The sections with their field names and headings, in the document's order.
    pub fn sections(&self) -> [(&'static str, &'static str, &String); 10] {
        [
            (
                field::PROPOSAL,
                "Förvaltningens förslag till beslut",
                &self.proposal,
            ),
            (field::ST_SUMMARY, "Sammanfattning", &self.summary),
            (field::BACKGROUND, "Bakgrund", &self.background),
            (field::MATTER, "Ärendet", &self.matter),
            (field::VIEWS, "Deltagares synpunkter", &self.views),
            (
                field::ST_DEVELOPMENT,
                "Utvecklingsområden",
                &self.development,
            ),
            (
                field::GOVERNANCE,
                "Ledning och samverkan inom partnerskapet",
                &self.governance,
            ),
            (field::EQUALITY, "Jämställdhetsanalys", &self.equality),
            (field::PREPARATION, "Ärendets beredning", &self.preparation),
            (
                field::CONCLUSION,
                "Förvaltningens synpunkter och förslag",
                &self.conclusion,
            ),
        ]
    }

    /// Reads the form; every section is required, none longer than the limit.
    pub fn read_form(get: impl Fn(&str) -> String) -> Result<Self, Problems> {
        let mut problems = Problems::new();
        let mut read = |name: &str, label: &str| {
            let value = text(&mut problems, name, get(name), 2 * TEXT_LIMIT, label);
            if value.is_empty() {
                problems.push((name.to_owned(), format!("Skriv avsnittet {label}.")));
            }
            value
        };
        let statement = Statement {
            proposal: read(field::PROPOSAL, "Förslag till beslut"),
            summary: read(field::ST_SUMMARY, "Sammanfattning"),
            background: read(field::BACKGROUND, "Bakgrund"),
            matter: read(field::MATTER, "Ärendet"),
            views: read(field::VIEWS, "Deltagares synpunkter"),
            development: read(field::ST_DEVELOPMENT, "Utvecklingsområden"),
            governance: read(field::GOVERNANCE, "Ledning och samverkan"),
            equality: read(field::EQUALITY, "Jämställdhetsanalys"),
            preparation: read(field::PREPARATION, "Ärendets beredning"),
            conclusion: read(field::CONCLUSION, "Förvaltningens synpunkter och förslag"),
        };
        if problems.is_empty() {
            Ok(statement)
        } else {
            Err(problems)
        }
    }
}

/// A partnership's line in the officers' overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub id: Uuid,
    pub dnr: String,
    pub partner: String,
    pub activity: String,
    pub status: String,
    pub ends_on: String,
    pub deadline: String,
    /// The deadline is within [`WARN_DAYS`].
    pub deadline_near: bool,
    pub next_report: String,
    pub overdue_reports: usize,
    pub waiting_reports: usize,
}

/// A member of a group as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    pub role: String,
}

/// A meeting's notes, rendered and sanitised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub held_on: String,
    pub html: String,
}

/// A governance group with its members and notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub group: Group,
    pub cadence: String,
    pub members: Vec<MemberView>,
    pub meetings: Vec<MeetingView>,
}

/// A report's line on the partnership's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub number: i32,
    pub period: String,
    pub due: String,
    pub status: ReportStatus,
    pub overdue: bool,
    /// Due before the partnership was entered in the portal: not late here, and the
    /// officer may mark it as handed in on paper.
    pub before_portal: bool,
    pub href: String,
}

/// A partnership as its pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnershipView {
    pub id: Uuid,
    pub dnr: String,
    pub partner: String,
    pub association_id: Uuid,
    pub activity: String,
    pub target_group: String,
    pub purpose: String,
    pub city_commitments: String,
    pub partner_commitments: String,
    pub yearly_amount: String,
    pub rules: String,
    pub status: String,
    pub ends_on: String,
    pub deadline: Option<String>,
    pub deadline_near: bool,
    /// "Uppsagt av föreningen den 1 februari 2024 …"
    pub notice: Option<String>,
    /// Notice given after a deadline: when it takes effect and why.
    pub notice_effect: Option<String>,
    /// Whether a recorded notice can be withdrawn (the agreement has not ended).
    pub notice_withdrawable: bool,
    pub officer: String,
    pub groups: Vec<GroupView>,
    pub reports: Vec<ReportLine>,
    /// The case it came from, for staff.
    pub case_id: Option<Uuid>,
}

/// A report with its partnership, for the partner's form and the officer's review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub partnership_id: Uuid,
    pub number: i32,
    pub dnr: String,
    pub partner: String,
    pub activity: String,
    pub period: String,
    pub due: String,
    pub status: ReportStatus,
    pub overdue: bool,
    pub editable: bool,
    pub may_submit: bool,
    pub revision: i32,
    pub report: PartnerReport,
    pub review_note: String,
    pub submitted: Option<String>,
    pub reviewed: Option<String>,
    /// The statement as saved, or the draft written from the report.
    pub statement: Statement,
    pub statement_saved: bool,
    /// The committee meeting chosen, and the meetings to choose from: (id, label).
    pub meeting: Option<Uuid>,
    pub meetings: Vec<(Uuid, String)>,
    /// The committee's decision once on an agenda: "Socialnämnden 20 januari 2027, § 4:
    /// godkänner uppföljningen. Justerat 22 januari 2027."
    pub committee: Option<String>,
    /// The meeting's minutes are justerade: the tjänsteutlåtande stands as it went.
    pub statement_locked: bool,
    /// Marked as handed in on paper before the portal.
    pub on_paper: bool,
    /// Before the period ends the report can be saved but not sent in: the first day it
    /// can be sent.
    pub opens: Option<String>,
}

/// What the committee decided on a follow-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpDecision {
    /// "Socialnämnden godkänner uppföljningen …", the administration's proposal.
    Approved,
    /// Sent back to the administration (återremiss).
    Returned,
}

impl FollowUpDecision {
    pub const ALL: [FollowUpDecision; 2] = [FollowUpDecision::Approved, FollowUpDecision::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpDecision::Approved => "godkand",
            FollowUpDecision::Returned => "aterremitterad",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == value)
    }

    /// As the minutes write it after the body's name.
    pub fn label(self) -> &'static str {
        match self {
            FollowUpDecision::Approved => "godkänner uppföljningen",
            FollowUpDecision::Returned => "återremitterar ärendet till förvaltningen",
        }
    }
}

/// A follow-up named for a committee meeting, as the meeting's page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpItem {
    pub partnership_id: Uuid,
    pub number: i32,
    /// "SOF 2023/202 – Street Minds: uppföljning av … perioden …".
    pub label: String,
    /// The tjänsteutlåtande.
    pub href: String,
    pub paragraph: Option<i32>,
    /// The decision as the minutes write it, once decided.
    pub decision: Option<String>,
    pub dissent: String,
    pub recused: String,
    /// Approved with its statement saved: it can go on the agenda.
    pub ready: bool,
}

/// The tjänsteutlåtande as print page and PDF show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementDocument {
    pub partnership_id: Uuid,
    pub number: i32,
    pub dnr: String,
    pub handler: (String, String),
    pub to: String,
    pub date: String,
    pub title: String,
    pub subtitle: String,
    /// (heading, paragraphs).
    pub sections: Vec<(String, Vec<String>)>,
    pub signers: Vec<(String, String)>,
}

/// Paragraphs of a text: split at blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned().unwrap_or_default()
    }

    #[test]
    fn a_full_report_reads_and_may_be_sent() {
        let mut report = PartnerReport::default();
        let problems = report.read_form(form(&[
            ("sammanfattning", "Aktiviteter måndag till fredag."),
            ("aktivitet_1", "Sygrupp"),
            ("aktivitet_schema_1", "måndagar"),
            ("aktivitet_3", "Yoga"),
            ("deltagare_min", "2"),
            ("deltagare_max", "6"),
            ("tillfalle_1", "Framtidsverkstad"),
            ("tillfalle_antal_1", "15"),
            ("citat", "Mallis är bra.\r\n\r\nMan ska inte ge upp på oss."),
            ("kvinnor", "26"),
            ("man", "74 %"),
            ("medel", "Löner"),
        ]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(report.activities.len(), 2, "empty rows are dropped");
        assert_eq!(report.quotes.len(), 2);
        assert_eq!(report.men, Some(74));
        assert!(report.problems().is_empty());
        // And back to the form, rows renumbered.
        assert_eq!(report.values()["aktivitet_2"], "Yoga");
    }

    #[test]
    fn bad_figures_are_named_by_their_fields() {
        let mut report = PartnerReport::default();
        let problems = report.read_form(form(&[
            ("deltagare_min", "7"),
            ("deltagare_max", "3"),
            ("kvinnor", "60"),
            ("man", "50"),
            ("tillfalle_antal_1", "många"),
            ("aktivitet_schema_2", "fredagar"),
        ]));
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert!(fields.contains(&"deltagare_max"));
        assert!(fields.contains(&"man"));
        assert!(fields.contains(&"tillfalle_antal_1"));
        assert!(fields.contains(&"aktivitet_2"));
    }

    #[test]
    fn an_empty_report_cannot_be_sent() {
        let fields: Vec<String> = PartnerReport::default()
            .problems()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        for needed in [
            "sammanfattning",
            "aktivitet_1",
            "deltagare_min",
            "kvinnor",
            "medel",
        ] {
            assert!(fields.iter().any(|f| f == needed), "{needed}");
        }
    }

    #[test]
    fn a_statement_needs_every_section() {
        let problems = Statement::read_form(form(&[("forslag", "Godkänn.")])).unwrap_err();
        assert_eq!(problems.len(), 9);
    }
}
