//! **Applications**: an association writes an application for a grant programme, step
//! by step (the sections of the OFU seed's "Aktuell ansökan"), saves a draft at every
//! step, and a verified representative submits it; the case gets its diarienummer, the
//! frozen version is kept, and every member gets a receipt. The association follows
//! the case and may withdraw it before a decision.
//!
//! Here: the answers (`Content`, declared with `#[derive(Validate)]`, the same rules on
//! every step and at submit), the steps of the form (`STEPS`), the state changes
//! (`commands`: start, save a step, submit, withdraw), the reads (`queries`, `api`),
//! and the pages (`pages/`). The form posts are handled in
//! `server/src/http/applications.rs`; the tests are `tests/api/applications.rs`.
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidateArgs, ValidationError};

use crate::domain::{
    budget::{Budget, CostLine, IncomeLine, IncomeStatus},
    money, text,
};

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
    /// The officer has asked for a completion: the association edits and sends it in again.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "completion"))]
    Completion,
    /// The officer's assessment and proposal are done: waiting for two attestations.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assessed"))]
    Assessed,
    /// Attested: ready for the committee.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "attested"))]
    Attested,
    /// On a committee meeting's agenda.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "on_agenda"))]
    OnAgenda,
    /// Decided: the whole amount.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "granted"))]
    Granted,
    /// Decided: a lower amount.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "partly_granted"))]
    PartlyGranted,
    /// Decided: no grant.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl Status {
    /// Where the case stands, in plain Swedish for the applicant.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Utkast, inte inskickad",
            Status::Submitted => "Inskickad, väntar på handläggning",
            Status::Withdrawn => "Återkallad",
            Status::Completion => "Komplettering begärd",
            Status::Assessed | Status::Attested => "Under handläggning",
            Status::OnAgenda => "Ska beslutas på nämndens sammanträde",
            Status::Granted => "Beviljad",
            Status::PartlyGranted => "Delvis beviljad",
            Status::Rejected => "Avslagen",
        }
    }

    /// Whether the association can change the answers: a draft, or a case the officer
    /// asked to complete.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Completion)
    }

    /// Whether the committee has decided the case.
    pub fn decided(self) -> bool {
        matches!(
            self,
            Status::Granted | Status::PartlyGranted | Status::Rejected
        )
    }
}

/// The longest answer of a short text (an activity's kind, a goal, a budget line).
pub const ROW_TEXT_LIMIT: usize = 300;
/// The most rows of one kind a form holds.
pub const MAX_ROWS: usize = 50;
/// The most occasions or participants a row can state.
pub const MAX_COUNT: u32 = 1_000_000;

/// The programme's character limit for the free-text answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextLimit(pub usize);

/// One planned activity (*Verksamhet*): what, how many times, how many each time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct Activity {
    #[validate(custom(function = "row_text"))]
    pub kind: String,
    #[validate(range(max = 1_000_000, message = "Ange högst 1 000 000."))]
    pub occasions: Option<u32>,
    #[validate(range(max = 1_000_000, message = "Ange högst 1 000 000."))]
    pub participants: Option<u32>,
}

/// One goal (*Mål*).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct Goal {
    #[validate(custom(function = "row_text"))]
    pub text: String,
}

/// The budget's lines as the form checks them (the domain type holds the sums).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct BudgetForm {
    #[validate(nested)]
    pub income: Vec<IncomeRow>,
    #[validate(nested)]
    pub costs: Vec<CostRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct IncomeRow {
    #[validate(custom(function = "row_text"))]
    pub source: String,
    pub amount_ore: i64,
    pub status: IncomeStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct CostRow {
    #[validate(custom(function = "row_text"))]
    pub category: String,
    #[validate(custom(function = "row_text"))]
    pub description: String,
    pub amount_ore: i64,
}

impl BudgetForm {
    pub fn budget(&self) -> Budget {
        Budget {
            income: self
                .income
                .iter()
                .map(|row| IncomeLine {
                    source: row.source.clone(),
                    amount_ore: row.amount_ore,
                    status: row.status,
                })
                .collect(),
            costs: self
                .costs
                .iter()
                .map(|row| CostLine {
                    category: row.category.clone(),
                    description: row.description.clone(),
                    amount_ore: row.amount_ore,
                })
                .collect(),
        }
    }
}

/// Every answer of an application, as a draft holds it: each step's answers are
/// checked when the step is saved (formats and lengths); that nothing required is
/// missing is checked at submit ([`Content::problems`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[validate(context = TextLimit)]
pub struct Content {
    // Aktuell ansökan
    #[validate(custom(function = "line", use_context))]
    pub activity_name: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub requested_ore: Option<i64>,
    #[validate(custom(function = "free", use_context))]
    pub summary: String,
    // Målgrupp
    #[validate(custom(function = "free", use_context))]
    pub target_group: String,
    /// The target group is children and youth, 0–17 years.
    pub children: bool,
    /// The target group is young adults, 18–25 years.
    pub young_adults: bool,
    // Verksamhet
    #[validate(custom(function = "free", use_context))]
    pub activity_description: String,
    #[validate(nested)]
    pub activities: Vec<Activity>,
    // Mål
    #[validate(nested)]
    pub goals: Vec<Goal>,
    // Kompetens
    #[validate(custom(function = "free", use_context))]
    pub competence: String,
    // Jämställdhet
    #[validate(custom(function = "free", use_context))]
    pub gender_equality: String,
    #[validate(range(max = 100, message = "Ange en andel mellan 0 och 100 procent."))]
    pub share_women: Option<u8>,
    #[validate(range(max = 100, message = "Ange en andel mellan 0 och 100 procent."))]
    pub share_men: Option<u8>,
    #[validate(range(max = 100, message = "Ange en andel mellan 0 och 100 procent."))]
    pub share_other: Option<u8>,
    // Likabehandling
    #[validate(custom(function = "free", use_context))]
    pub equal_treatment: String,
    // Lokal
    #[validate(custom(function = "free", use_context))]
    pub premises: String,
    // Budget
    #[validate(nested)]
    pub budget: BudgetForm,
}

fn problem(message: String) -> ValidationError {
    crate::domain::validation::problem(message)
}

/// A one-line answer: no hidden characters, at most the programme's limit.
fn line(value: &str, limit: &TextLimit) -> Result<(), ValidationError> {
    text::optional_line(value, limit.0.min(200))
        .map(drop)
        .map_err(problem)
}

/// A free-text answer: line breaks allowed, at most the programme's limit.
fn free(value: &str, limit: &TextLimit) -> Result<(), ValidationError> {
    text::free_text(value, None, limit.0)
        .map(drop)
        .map_err(problem)
}

/// A row's short text.
fn row_text(value: &str) -> Result<(), ValidationError> {
    text::optional_line(value, ROW_TEXT_LIMIT)
        .map(drop)
        .map_err(problem)
}

/// The rows of a repeatable part of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    Activities,
    Goals,
    Income,
    Costs,
}

impl Rows {
    /// The prefix of the rows' field names, and the add/remove buttons' value.
    pub fn prefix(self) -> &'static str {
        match self {
            Rows::Activities => "activities",
            Rows::Goals => "goals",
            Rows::Income => "budget_income",
            Rows::Costs => "budget_costs",
        }
    }

    /// What the "add a row" button says.
    pub fn add_label(self) -> &'static str {
        match self {
            Rows::Activities => "Lägg till en aktivitet",
            Rows::Goals => "Lägg till ett mål",
            Rows::Income => "Lägg till en intäkt",
            Rows::Costs => "Lägg till en kostnad",
        }
    }
}

/// One question on a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A one-line text.
    Line {
        name: &'static str,
        label: &'static str,
        hint: Option<&'static str>,
    },
    /// A free text (several lines), with the programme's limit.
    Free {
        name: &'static str,
        label: &'static str,
        hint: Option<&'static str>,
    },
    Date {
        name: &'static str,
        label: &'static str,
    },
    Money {
        name: &'static str,
        label: &'static str,
        hint: Option<&'static str>,
    },
    Percent {
        name: &'static str,
        label: &'static str,
    },
    Check {
        name: &'static str,
        label: &'static str,
    },
    Rows(Rows),
}

/// One step of the form (a task on the task list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub slug: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub parts: &'static [Part],
}

/// The steps, in the order of the seed's "Aktuell ansökan".
pub const STEPS: [Step; 9] = [
    Step {
        slug: "aktuell-ansokan",
        title: "Aktuell ansökan",
        intro: "Vilken verksamhet söker ni bidrag för, för vilken period och hur mycket?",
        parts: &[
            Part::Line { name: "activity_name", label: "Verksamhetens namn", hint: Some("Till exempel ”Etablering av ett självhjälpscenter”.") },
            Part::Date { name: "period_from", label: "Perioden börjar" },
            Part::Date { name: "period_to", label: "Perioden slutar" },
            Part::Money { name: "requested_ore", label: "Belopp som söks från nämnden (kronor)", hint: Some("Till exempel 500 000.") },
            Part::Free { name: "summary", label: "Sammanfattning av verksamheten", hint: None },
        ],
    },
    Step {
        slug: "malgrupp",
        title: "Målgrupp",
        intro: "Vilka vänder sig verksamheten till?",
        parts: &[
            Part::Free { name: "target_group", label: "Beskriv målgruppen", hint: None },
            // Not "children": a form's named fields shadow its DOM properties, and
            // `form.children` must stay the element list the islands' loader walks.
            Part::Check { name: "children_0_17", label: "Målgruppen är barn och unga, 0–17 år" },
            Part::Check { name: "young_adults", label: "Målgruppen är unga vuxna, 18–25 år" },
        ],
    },
    Step {
        slug: "verksamhet",
        title: "Verksamhet",
        intro: "Vad ska ni göra? Ange varje slags aktivitet med antal tillfällen och deltagare per tillfälle.",
        parts: &[
            Part::Free { name: "activity_description", label: "Beskriv verksamheten", hint: None },
            Part::Rows(Rows::Activities),
        ],
    },
    Step {
        slug: "mal",
        title: "Mål",
        intro: "Vad vill ni uppnå med verksamheten? Ett mål per rad.",
        parts: &[Part::Rows(Rows::Goals)],
    },
    Step {
        slug: "kompetens",
        title: "Kompetens",
        intro: "Vilken kompetens finns hos dem som leder verksamheten?",
        parts: &[Part::Free { name: "competence", label: "Kompetens", hint: None }],
    },
    Step {
        slug: "jamstalldhet",
        title: "Jämställdhet",
        intro: "Hur arbetar ni för att verksamheten ska nå och passa alla kön?",
        parts: &[
            Part::Free { name: "gender_equality", label: "Jämställdhetsarbete", hint: None },
            Part::Percent { name: "share_women", label: "Andel kvinnor bland deltagarna (procent)" },
            Part::Percent { name: "share_men", label: "Andel män bland deltagarna (procent)" },
            Part::Percent { name: "share_other", label: "Andel annan könstillhörighet (procent)" },
        ],
    },
    Step {
        slug: "likabehandling",
        title: "Likabehandling",
        intro: "Hur ser ni till att alla behandlas lika och känner sig välkomna?",
        parts: &[Part::Free { name: "equal_treatment", label: "Likabehandling", hint: None }],
    },
    Step {
        slug: "lokal",
        title: "Lokal",
        intro: "Var bedrivs verksamheten?",
        parts: &[Part::Free { name: "premises", label: "Lokal", hint: None }],
    },
    Step {
        slug: "budget",
        title: "Budget",
        intro: "Budget för den sökta verksamheten. Beloppet ni söker från nämnden räknas som en intäkt.",
        parts: &[Part::Rows(Rows::Income), Part::Rows(Rows::Costs)],
    },
];

/// The slug of the attachments' page, the task after the steps.
pub const ATTACHMENTS: &str = "bilagor";
/// The document type of an attachment the programme does not ask for.
pub const OTHER_DOCUMENT: &str = "ovrigt";

/// The documents a programme can ask for, with their names.
pub const DOCUMENT_TYPES: [(&str, &str); 6] = [
    ("stadgar", "Stadgar"),
    ("verksamhetsberattelse", "Verksamhetsberättelse"),
    ("arsredovisning", "Årsredovisning eller årsbokslut"),
    ("revisionsberattelse", "Revisionsberättelse"),
    ("budget", "Budget för hela föreningen"),
    (OTHER_DOCUMENT, "Övrigt"),
];

/// The name of a document type; the slug itself if it is unknown.
pub fn document_label(slug: &str) -> &str {
    DOCUMENT_TYPES
        .iter()
        .find(|(key, _)| *key == slug)
        .map_or(slug, |(_, label)| label)
}

/// The field a missing required document is reported on (`bilaga_stadgar`).
pub fn document_field(slug: &str) -> String {
    format!("bilaga_{slug}")
}

/// The required documents not yet attached, as problems `(step, field, message)`.
pub fn missing_documents(
    required: &[String],
    attached: &[String],
) -> Vec<(&'static str, String, String)> {
    required
        .iter()
        .filter(|slug| !attached.contains(slug))
        .map(|slug| {
            (
                ATTACHMENTS,
                document_field(slug),
                format!("Bifoga {}.", document_label(slug).to_lowercase()),
            )
        })
        .collect()
}

/// The page a problem's step is answered on.
pub fn step_href(application: uuid::Uuid, slug: &str) -> String {
    if slug == ATTACHMENTS {
        format!("/ansokningar/{application}/{ATTACHMENTS}")
    } else {
        format!("/ansokningar/{application}/steg/{slug}")
    }
}

/// The title of a step, or of the attachments' page.
pub fn step_title(slug: &str) -> &'static str {
    if slug == ATTACHMENTS {
        "Bilagor"
    } else {
        step(slug).map(|s| s.title).unwrap_or_default()
    }
}

/// The step with `slug`.
pub fn step(slug: &str) -> Option<&'static Step> {
    STEPS.iter().find(|step| step.slug == slug)
}

/// The message for a date that cannot be read.
pub const BAD_DATE: &str = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-01-01.";
/// The message for a number of occasions or participants that cannot be read.
pub const BAD_COUNT: &str = "Skriv ett heltal, till exempel 12.";
/// The message for a share that cannot be read.
pub const BAD_SHARE: &str = "Ange en andel mellan 0 och 100 procent.";
/// The message when another save came first.
pub const SAVED_BY_SOMEONE_ELSE: &str = "Någon annan i föreningen sparade ansökan medan du skrev, så dina ändringar är inte sparade. Det du skrev står kvar nedan. Öppna steget igen i en ny flik för att se den sparade versionen, och för sedan över det som ska vara kvar.";

/// The number of rows of `prefix` the form sent (`{prefix}_rows`, else the highest
/// index seen), at most [`MAX_ROWS`].
fn row_count(form: &HashMap<String, String>, prefix: &str) -> usize {
    let stated = form
        .get(&format!("{prefix}_rows"))
        .and_then(|n| n.trim().parse::<usize>().ok());
    let seen = form
        .keys()
        .filter_map(|key| {
            let rest = key.strip_prefix(prefix)?.strip_prefix('_')?;
            rest.split('_').next()?.parse::<usize>().ok().map(|i| i + 1)
        })
        .max()
        .unwrap_or(0);
    stated.unwrap_or(0).max(seen).min(MAX_ROWS)
}

impl Content {
    /// Reads the fields of `step` from a posted form into these answers. Values that
    /// cannot be read keep the field's problem (and the typed text stays in the form).
    pub fn read_step(
        &mut self,
        step: &Step,
        form: &HashMap<String, String>,
    ) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let get = |name: &str| {
            form.get(name)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        for part in step.parts {
            match *part {
                Part::Line { name, .. } | Part::Free { name, .. } => {
                    let value = form.get(name).cloned().unwrap_or_default();
                    let value = value.trim().replace("\r\n", "\n");
                    *self.text_mut(name) = value;
                }
                Part::Date { name, .. } => {
                    let value = get(name);
                    let date = if value.is_empty() {
                        None
                    } else {
                        match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                            Ok(date) => Some(date),
                            Err(_) => {
                                problems.push((name.to_owned(), BAD_DATE.to_owned()));
                                continue;
                            }
                        }
                    };
                    match name {
                        "period_from" => self.period_from = date,
                        _ => self.period_to = date,
                    }
                }
                Part::Money { name, .. } => match money::parse_optional(&get(name)) {
                    Ok(amount) => self.requested_ore = amount,
                    Err(message) => problems.push((name.to_owned(), message.to_owned())),
                },
                Part::Percent { name, .. } => {
                    let value = get(name).trim_end_matches('%').trim().to_owned();
                    let share = if value.is_empty() {
                        None
                    } else {
                        match value.parse::<u8>() {
                            Ok(share) => Some(share),
                            Err(_) => {
                                problems.push((name.to_owned(), BAD_SHARE.to_owned()));
                                continue;
                            }
                        }
                    };
                    match name {
                        "share_women" => self.share_women = share,
                        "share_men" => self.share_men = share,
                        _ => self.share_other = share,
                    }
                }
                Part::Check { name, .. } => {
                    let ticked = form.contains_key(name);
                    match name {
                        "children_0_17" => self.children = ticked,
                        _ => self.young_adults = ticked,
                    }
                }
                Part::Rows(rows) => self.read_rows(rows, form, &mut problems),
            }
        }
        problems
    }

    fn text_mut(&mut self, name: &str) -> &mut String {
        match name {
            "activity_name" => &mut self.activity_name,
            "summary" => &mut self.summary,
            "target_group" => &mut self.target_group,
            "activity_description" => &mut self.activity_description,
            "competence" => &mut self.competence,
            "gender_equality" => &mut self.gender_equality,
            "equal_treatment" => &mut self.equal_treatment,
            _ => &mut self.premises,
        }
    }

    fn text(&self, name: &str) -> &str {
        match name {
            "activity_name" => &self.activity_name,
            "summary" => &self.summary,
            "target_group" => &self.target_group,
            "activity_description" => &self.activity_description,
            "competence" => &self.competence,
            "gender_equality" => &self.gender_equality,
            "equal_treatment" => &self.equal_treatment,
            _ => &self.premises,
        }
    }

    fn read_rows(
        &mut self,
        rows: Rows,
        form: &HashMap<String, String>,
        problems: &mut Vec<(String, String)>,
    ) {
        let prefix = rows.prefix();
        let count = row_count(form, prefix);
        let get = |index: usize, field: &str| {
            form.get(&format!("{prefix}_{index}_{field}"))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let count_of = |index: usize, field: &str, problems: &mut Vec<(String, String)>| {
            let value = get(index, field);
            if value.is_empty() {
                return None;
            }
            match value.replace(' ', "").parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push((format!("{prefix}_{index}_{field}"), BAD_COUNT.to_owned()));
                    None
                }
            }
        };
        let amount_of =
            |index: usize, problems: &mut Vec<(String, String)>| match money::parse_optional(&get(
                index,
                "amount_ore",
            )) {
                Ok(amount) => amount.unwrap_or(0),
                Err(message) => {
                    problems.push((format!("{prefix}_{index}_amount_ore"), message.to_owned()));
                    0
                }
            };
        match rows {
            Rows::Activities => {
                self.activities = (0..count)
                    .map(|i| Activity {
                        kind: get(i, "kind"),
                        occasions: count_of(i, "occasions", problems),
                        participants: count_of(i, "participants", problems),
                    })
                    .collect()
            }
            Rows::Goals => {
                self.goals = (0..count)
                    .map(|i| Goal {
                        text: get(i, "text"),
                    })
                    .collect()
            }
            Rows::Income => {
                self.budget.income = (0..count)
                    .map(|i| IncomeRow {
                        source: get(i, "source"),
                        amount_ore: amount_of(i, problems),
                        status: IncomeStatus::parse(&get(i, "status")).unwrap_or_default(),
                    })
                    .collect()
            }
            Rows::Costs => {
                self.budget.costs = (0..count)
                    .map(|i| CostRow {
                        category: get(i, "category"),
                        description: get(i, "description"),
                        amount_ore: amount_of(i, problems),
                    })
                    .collect()
            }
        }
    }

    /// Adds an empty row of `rows` (the form's "Lägg till" button without JavaScript).
    pub fn add_row(&mut self, rows: Rows) {
        match rows {
            Rows::Activities if self.activities.len() < MAX_ROWS => {
                self.activities.push(Activity::default())
            }
            Rows::Goals if self.goals.len() < MAX_ROWS => self.goals.push(Goal::default()),
            Rows::Income if self.budget.income.len() < MAX_ROWS => {
                self.budget.income.push(IncomeRow::default())
            }
            Rows::Costs if self.budget.costs.len() < MAX_ROWS => {
                self.budget.costs.push(CostRow::default())
            }
            _ => {}
        }
    }

    /// Removes row `index` of `rows` (the row's "Ta bort" button).
    pub fn remove_row(&mut self, rows: Rows, index: usize) {
        fn drop_at<T>(list: &mut Vec<T>, index: usize) {
            if index < list.len() {
                list.remove(index);
            }
        }
        match rows {
            Rows::Activities => drop_at(&mut self.activities, index),
            Rows::Goals => drop_at(&mut self.goals, index),
            Rows::Income => drop_at(&mut self.budget.income, index),
            Rows::Costs => drop_at(&mut self.budget.costs, index),
        }
    }

    /// The format and length problems of every answer, as form field names.
    pub fn check(&self, limit: TextLimit) -> Vec<(String, String)> {
        match self.validate_with_args(&limit) {
            Ok(()) => Vec::new(),
            Err(errors) => crate::domain::validation::field_problems(&errors),
        }
    }

    /// The answers as form values, for a step's fields.
    pub fn values(&self) -> HashMap<String, String> {
        let mut values = HashMap::new();
        for name in [
            "activity_name",
            "summary",
            "target_group",
            "activity_description",
            "competence",
            "gender_equality",
            "equal_treatment",
            "premises",
        ] {
            values.insert(name.to_owned(), self.text(name).to_owned());
        }
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        values.insert("period_from".into(), date(self.period_from));
        values.insert("period_to".into(), date(self.period_to));
        values.insert(
            "requested_ore".into(),
            self.requested_ore.map(money::to_input).unwrap_or_default(),
        );
        let share = |s: Option<u8>| s.map(|s| s.to_string()).unwrap_or_default();
        values.insert("share_women".into(), share(self.share_women));
        values.insert("share_men".into(), share(self.share_men));
        values.insert("share_other".into(), share(self.share_other));
        if self.children {
            values.insert("children_0_17".into(), "on".into());
        }
        if self.young_adults {
            values.insert("young_adults".into(), "on".into());
        }
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        for (i, row) in self.activities.iter().enumerate() {
            values.insert(format!("activities_{i}_kind"), row.kind.clone());
            values.insert(format!("activities_{i}_occasions"), count(row.occasions));
            values.insert(
                format!("activities_{i}_participants"),
                count(row.participants),
            );
        }
        values.insert("activities_rows".into(), self.activities.len().to_string());
        for (i, row) in self.goals.iter().enumerate() {
            values.insert(format!("goals_{i}_text"), row.text.clone());
        }
        values.insert("goals_rows".into(), self.goals.len().to_string());
        for (i, row) in self.budget.income.iter().enumerate() {
            values.insert(format!("budget_income_{i}_source"), row.source.clone());
            values.insert(
                format!("budget_income_{i}_amount_ore"),
                money::to_input(row.amount_ore),
            );
            values.insert(
                format!("budget_income_{i}_status"),
                row.status.as_str().to_owned(),
            );
        }
        values.insert(
            "budget_income_rows".into(),
            self.budget.income.len().to_string(),
        );
        for (i, row) in self.budget.costs.iter().enumerate() {
            values.insert(format!("budget_costs_{i}_category"), row.category.clone());
            values.insert(
                format!("budget_costs_{i}_description"),
                row.description.clone(),
            );
            values.insert(
                format!("budget_costs_{i}_amount_ore"),
                money::to_input(row.amount_ore),
            );
        }
        values.insert(
            "budget_costs_rows".into(),
            self.budget.costs.len().to_string(),
        );
        values
    }

    /// Drops the rows left empty, before the answers are frozen at submit.
    pub fn without_empty_rows(mut self) -> Self {
        self.activities
            .retain(|a| !a.kind.is_empty() || a.occasions.is_some() || a.participants.is_some());
        self.goals.retain(|g| !g.text.is_empty());
        self.budget
            .income
            .retain(|r| !r.source.is_empty() || r.amount_ore != 0);
        self.budget
            .costs
            .retain(|r| !r.category.is_empty() || !r.description.is_empty() || r.amount_ore != 0);
        self
    }

    /// The budget's totals, with the requested amount as an income.
    pub fn totals(&self) -> crate::domain::budget::Totals {
        self.budget.budget().totals(self.requested_ore.unwrap_or(0))
    }

    /// What stops a submit, as `(step, field, message)`, in the order of the form:
    /// missing answers, a period outside the programme's rules, and the format problems.
    pub fn problems(&self, rules: &Rules) -> Vec<(&'static str, String, String)> {
        let mut out: Vec<(&'static str, String, String)> = Vec::new();
        let mut need = |step: &'static str, field: &str, missing: bool, message: &str| {
            if missing {
                out.push((step, field.to_owned(), message.to_owned()));
            }
        };
        need(
            "aktuell-ansokan",
            "activity_name",
            self.activity_name.is_empty(),
            "Ange verksamhetens namn.",
        );
        need(
            "aktuell-ansokan",
            "period_from",
            self.period_from.is_none(),
            "Ange när perioden börjar.",
        );
        need(
            "aktuell-ansokan",
            "period_to",
            self.period_to.is_none(),
            "Ange när perioden slutar.",
        );
        need(
            "aktuell-ansokan",
            "requested_ore",
            self.requested_ore.unwrap_or(0) <= 0,
            "Ange hur mycket ni söker från nämnden.",
        );
        need(
            "aktuell-ansokan",
            "summary",
            self.summary.is_empty(),
            "Skriv en sammanfattning av verksamheten.",
        );
        need(
            "malgrupp",
            "target_group",
            self.target_group.is_empty(),
            "Beskriv målgruppen.",
        );
        need(
            "verksamhet",
            "activity_description",
            self.activity_description.is_empty(),
            "Beskriv verksamheten.",
        );
        need(
            "verksamhet",
            "activities_0_kind",
            !self.activities.iter().any(|a| !a.kind.is_empty()),
            "Ange minst en aktivitet.",
        );
        need(
            "mal",
            "goals_0_text",
            !self.goals.iter().any(|g| !g.text.is_empty()),
            "Ange minst ett mål.",
        );
        need(
            "kompetens",
            "competence",
            self.competence.is_empty(),
            "Beskriv kompetensen hos dem som leder verksamheten.",
        );
        need(
            "jamstalldhet",
            "gender_equality",
            self.gender_equality.is_empty(),
            "Beskriv hur ni arbetar med jämställdhet.",
        );
        need(
            "likabehandling",
            "equal_treatment",
            self.equal_treatment.is_empty(),
            "Beskriv hur ni arbetar med likabehandling.",
        );
        need(
            "lokal",
            "premises",
            self.premises.is_empty(),
            "Beskriv var verksamheten bedrivs.",
        );
        need(
            "budget",
            "budget_costs_0_category",
            !self.budget.costs.iter().any(|c| c.amount_ore > 0),
            "Ange minst en kostnad i budgeten.",
        );
        let shares = [self.share_women, self.share_men, self.share_other];
        if shares.iter().any(Option::is_some) {
            let sum: u32 = shares.iter().flatten().map(|s| u32::from(*s)).sum();
            if sum != 100 {
                out.push((
                    "jamstalldhet",
                    "share_women".into(),
                    format!("Andelarna ska tillsammans bli 100 procent (nu {sum})."),
                ));
            }
        }
        if let (Some(from), Some(to)) = (self.period_from, self.period_to) {
            if to < from {
                out.push((
                    "aktuell-ansokan",
                    "period_to".into(),
                    "Perioden kan inte sluta innan den börjar.".into(),
                ));
            } else {
                let months = months_between(from, to);
                if months < rules.min_months || months > rules.max_months {
                    out.push((
                        "aktuell-ansokan",
                        "period_to".into(),
                        format!(
                            "{} gäller för {}. Perioden är {months} månader.",
                            rules.name,
                            period_rule(rules.min_months, rules.max_months)
                        ),
                    ));
                }
            }
        }
        for (field, message) in self.check(TextLimit(rules.text_limit)) {
            out.push((step_of(&field), field, message));
        }
        let order = |step: &str| {
            STEPS
                .iter()
                .position(|s| s.slug == step)
                .unwrap_or(usize::MAX)
        };
        out.sort_by_key(|(step, _, _)| order(step));
        out
    }
}

/// The step a field is asked on.
pub fn step_of(field: &str) -> &'static str {
    for step in &STEPS {
        for part in step.parts {
            let hit = match *part {
                Part::Line { name, .. }
                | Part::Free { name, .. }
                | Part::Date { name, .. }
                | Part::Money { name, .. }
                | Part::Percent { name, .. }
                | Part::Check { name, .. } => field == name,
                Part::Rows(rows) => field.starts_with(rows.prefix()),
            };
            if hit {
                return step.slug;
            }
        }
    }
    "aktuell-ansokan"
}

/// The whole months from `from` to `to` (both days included): 1 January–31 December
/// is 12.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    use chrono::Datelike;
    let end = to.succ_opt().unwrap_or(to);
    let months = (end.year() - from.year()) * 12 + end.month() as i32 - from.month() as i32;
    if end.day() < from.day() {
        months - 1
    } else {
        months
    }
}

/// "perioder på 1–3 år", "perioder på 1–12 månader", "perioder på 1 månad".
pub fn period_rule(min: i32, max: i32) -> String {
    let months = |n: i32| if n == 1 { "månad" } else { "månader" };
    match (min, max) {
        (min, max) if min == max && min % 12 == 0 => {
            format!("perioder på {} år", min / 12)
        }
        (min, max) if min == max => format!("perioder på {min} {}", months(min)),
        (min, max) if min % 12 == 0 && max % 12 == 0 => {
            format!("perioder på {}–{} år", min / 12, max / 12)
        }
        (min, max) => format!("perioder på {min}–{max} {}", months(max)),
    }
}

/// What a programme requires of an application, for the checks at submit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub name: String,
    pub min_months: i32,
    pub max_months: i32,
    pub text_limit: usize,
}

/// The OFU seed's application as data: the demo content and the tests fill it in.
pub mod ofu_seed {
    /// The OFU seed's application (Kindness & Compassion, 2024) as the form's posts.
    pub fn seed_posts() -> Vec<(&'static str, Vec<(String, String)>)> {
        let p = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        let mut budget = vec![];
        let income = [
            ("Medlemsintäkter", "3 000", "beviljat"),
            ("Insamling och gåvor", "2 000", "beviljat"),
            ("Allmänna Arvsfonden", "500 000", "planerar"),
            ("ICA-stiftelsen", "400 000", "planerar"),
            (
                "CSA (Centralförbundet för socialt arbete)",
                "30 000",
                "beviljat",
            ),
            ("Maria Högalid Sjukvårdsförening", "40 000", "beviljat"),
            ("Timmermansorden", "50 000", "sokt"),
            ("Företagssamarbeten", "75 000", "beviljat"),
        ];
        for (i, (source, amount, status)) in income.iter().enumerate() {
            budget.push((format!("budget_income_{i}_source"), source.to_string()));
            budget.push((format!("budget_income_{i}_amount_ore"), amount.to_string()));
            budget.push((format!("budget_income_{i}_status"), status.to_string()));
        }
        let costs = [
            (
                "Personal",
                "1 tjänst generalsekreterare 100 procent, 1 tjänst administratör 50 procent",
                "1 500 000",
            ),
            (
                "Utbildning och aktiviteter",
                "Utbildning av volontärer, filmvisningar, konsertvisningar med mera",
                "70 000",
            ),
            ("Förbrukningsmaterial", "", "30 000"),
        ];
        for (i, (category, description, amount)) in costs.iter().enumerate() {
            budget.push((format!("budget_costs_{i}_category"), category.to_string()));
            budget.push((
                format!("budget_costs_{i}_description"),
                description.to_string(),
            ));
            budget.push((format!("budget_costs_{i}_amount_ore"), amount.to_string()));
        }
        let goals = [
            "Minska ensamhet och isolering genom att erbjuda olika samtalsgrupper och mötesplatser.",
            "Deltagarna finner trygghet och gemenskap genom att träffa andra som befinner sig i en liknande situation.",
            "Genom samtalsgrupper och erfarenhetsutbyte bättre förstå sig själv och andra.",
            "Bättre kunna hantera negativa känslor och livsutmaningar.",
            "Stärka människors motståndskraft mot psykisk ohälsa.",
            "Deltagarna tillsammans kan bearbeta trauman och svårigheter i livet.",
            "Ge hopp och förbättrad livskvalitet till utsatta och behövande målgrupper.",
        ];
        let goal_pairs = goals
            .iter()
            .enumerate()
            .map(|(i, g)| (format!("goals_{i}_text"), g.to_string()))
            .collect();
        vec![
            ("aktuell-ansokan", p(&[
                ("activity_name", "Etablering av ett självhjälpscenter"),
                ("period_from", "2024-01-01"),
                ("period_to", "2024-12-31"),
                ("requested_ore", "500 000 kr"),
                ("summary", "Ett självhjälpscenter som vänder sig till personer med behov av stöd och hjälp utifrån sin sociala, eller i övrigt utsatta situation."),
            ])),
            ("malgrupp", p(&[("target_group", "En bred målgrupp: människor som lever i utanförskap och social isolering, som har psykisk ohälsa, och kvinnor i svag socioekonomisk ställning.")])),
            ("verksamhet", p(&[
                ("activity_description", "20 till 30 samtalsgrupper med fem till åtta deltagare, filmvisning två söndagar i månaden och mötesplatser för fans av BTS."),
                ("activities_0_kind", "Samtalsgrupper"), ("activities_0_occasions", "30"), ("activities_0_participants", "8"),
                ("activities_1_kind", "Filmvisning med samtal"), ("activities_1_occasions", "22"), ("activities_1_participants", "20"),
                ("activities_2_kind", "BTS-träffar, fysiska och digitala"), ("activities_2_occasions", "22"), ("activities_2_participants", "8"),
            ])),
            ("mal", goal_pairs),
            ("kompetens", p(&[("competence", "Generalsekreteraren är socionom och diakon med lång erfarenhet av idéburen sektor.")])),
            ("jamstalldhet", p(&[
                ("gender_equality", "Deltagarna är i dag cirka 80 procent kvinnor och 20 procent män; samarbete med Citypolarna för att nå fler män."),
                ("share_women", "80"), ("share_men", "20"), ("share_other", "0"),
            ])),
            ("likabehandling", p(&[("equal_treatment", "Föreningen informerar om sin värdegrund och utbildar volontärer om mångfald, jämlikhet och inkludering.")])),
            ("lokal", p(&[("premises", "Inga egna lokaler; hotell i Stockholms city upplåter rum gratis.")])),
            ("budget", budget),
        ]
    }
}

#[cfg(test)]
pub mod tests {
    use super::ofu_seed::seed_posts;
    use super::*;

    #[test]
    fn a_period_rule_reads_as_swedish_for_every_range() {
        assert_eq!(period_rule(12, 36), "perioder på 1–3 år");
        assert_eq!(period_rule(1, 12), "perioder på 1–12 månader");
        assert_eq!(period_rule(13, 30), "perioder på 13–30 månader");
        assert_eq!(period_rule(1, 1), "perioder på 1 månad");
        assert_eq!(period_rule(12, 12), "perioder på 1 år");
    }

    /// A field named like a property of `HTMLFormElement` replaces that property in
    /// the browser (`form.children` became the checkbox and broke hydration).
    #[test]
    fn no_field_shadows_a_property_of_the_form_element() {
        const FORM_PROPERTIES: [&str; 16] = [
            "children",
            "action",
            "method",
            "target",
            "elements",
            "length",
            "name",
            "id",
            "submit",
            "reset",
            "style",
            "title",
            "encoding",
            "enctype",
            "nodeName",
            "parentNode",
        ];
        for step in &STEPS {
            for part in step.parts {
                if let Part::Line { name, .. }
                | Part::Free { name, .. }
                | Part::Date { name, .. }
                | Part::Money { name, .. }
                | Part::Percent { name, .. }
                | Part::Check { name, .. } = *part
                {
                    assert!(
                        !FORM_PROPERTIES.contains(&name),
                        "{name} shadows form.{name}"
                    );
                }
            }
        }
    }

    fn seed() -> Content {
        let mut content = Content::default();
        for (slug, pairs) in seed_posts() {
            let form: HashMap<String, String> = pairs.into_iter().collect();
            let problems = content.read_step(step(slug).unwrap(), &form);
            assert!(problems.is_empty(), "{slug}: {problems:?}");
        }
        content
    }

    fn rules() -> Rules {
        Rules {
            name: "Tidsbegränsat bidrag".into(),
            min_months: 1,
            max_months: 12,
            text_limit: 4000,
        }
    }

    #[test]
    fn the_seed_application_is_complete_and_its_budget_balances() {
        let content = seed();
        assert_eq!(content.requested_ore, Some(50_000_000));
        assert_eq!(content.goals.len(), 7);
        let totals = content.totals();
        assert_eq!((totals.income, totals.costs), (160_000_000, 160_000_000));
        assert_eq!(content.problems(&rules()), vec![]);
        assert_eq!(
            months_between(content.period_from.unwrap(), content.period_to.unwrap()),
            12
        );
    }

    #[test]
    fn bad_values_are_kept_as_problems_by_their_fields() {
        let mut content = Content::default();
        let form: HashMap<String, String> = [
            ("requested_ore", "-5"),
            ("period_from", "1 januari"),
            ("activity_name", "Evil\u{202e}exe.jpg"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let problems = content.read_step(&STEPS[0], &form);
        assert!(problems.contains(&("requested_ore".into(), money::NEGATIVE.into())));
        assert!(problems.contains(&("period_from".into(), BAD_DATE.into())));
        let checked = content.check(TextLimit(4000));
        assert_eq!(
            checked,
            vec![(
                "activity_name".to_owned(),
                text::HIDDEN_CHARACTERS.to_owned()
            )]
        );
    }

    #[test]
    fn limits_apply_to_free_text_and_rows_with_row_field_names() {
        let mut content = seed();
        content.summary = "x".repeat(101);
        content.goals[2].text = "y".repeat(ROW_TEXT_LIMIT + 1);
        content.budget.income[1].source = "a\u{0}b".into();
        let checked = content.check(TextLimit(100));
        let fields: Vec<&str> = checked.iter().map(|(f, _)| f.as_str()).collect();
        assert!(fields.contains(&"summary"), "{fields:?}");
        assert!(fields.contains(&"goals_2_text"), "{fields:?}");
        assert!(fields.contains(&"budget_income_1_source"), "{fields:?}");
        assert_eq!(step_of("budget_income_1_source"), "budget");
        assert_eq!(step_of("goals_2_text"), "mal");
    }

    #[test]
    fn a_missing_answer_and_a_long_period_are_said_at_submit() {
        let mut content = seed();
        content.premises.clear();
        content.period_to = NaiveDate::from_ymd_opt(2025, 6, 30);
        content.share_other = Some(5);
        let problems = content.problems(&rules());
        let fields: Vec<&str> = problems.iter().map(|(_, f, _)| f.as_str()).collect();
        assert_eq!(fields, vec!["period_to", "share_women", "premises"]);
    }

    #[test]
    fn rows_are_added_removed_and_their_count_is_bounded() {
        let mut content = seed();
        content.add_row(Rows::Goals);
        assert_eq!(content.goals.len(), 8);
        content.remove_row(Rows::Goals, 0);
        content.remove_row(Rows::Goals, 99);
        assert_eq!(content.goals.len(), 7);
        let form: HashMap<String, String> = [("goals_rows".to_owned(), "100000".to_owned())].into();
        content.read_step(step("mal").unwrap(), &form);
        assert_eq!(content.goals.len(), MAX_ROWS);
        assert_eq!(content.without_empty_rows().goals.len(), 0);
    }
}
