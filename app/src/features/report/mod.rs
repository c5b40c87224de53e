//! **Tjänsteutlåtande**: the officer's report to the committee, generated from the case
//! in the structure of the OFU seed (handläggare and phone, till, date, title, the
//! proposal's numbered points, sammanfattning, bakgrund, ärendet, the application's
//! content with its budget, förvaltningens bedömning per criterion, the
//! jämställdhetsanalys, synpunkter och förslag, signatures and "Attesterat av"), as a
//! print-ready page (`pages`). The data is read by `queries::report`.
use serde::{Deserialize, Serialize};

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod queries;

/// The report, section by section, in Swedish.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub case_id: uuid::Uuid,
    pub dnr: String,
    /// Name and phone of the handläggare.
    pub handler: (String, String),
    /// The body it goes to: "Organisations- och föreningsutskottet".
    pub to: String,
    /// The meeting's day, or the day it is printed.
    pub date: String,
    /// "Verksamheten ”Etablering av ett självhjälpscenter”".
    pub title: String,
    /// "Ansökan om tidsbegränsat bidrag från föreningen Kindness & Compassion".
    pub subtitle: String,
    pub proposal_points: Vec<String>,
    pub summary: Vec<String>,
    pub background: String,
    pub matter: String,
    pub preparation: String,
    pub applicant: Vec<String>,
    pub target_group: String,
    pub activity: Vec<String>,
    /// Kind, occasions, participants.
    pub activities: Vec<(String, String, String)>,
    pub goals: Vec<String>,
    pub competence: String,
    pub gender_equality: String,
    pub equal_treatment: String,
    pub premises: String,
    /// Text and amount.
    pub income: Vec<(String, String)>,
    pub costs: Vec<(String, String)>,
    pub income_total: String,
    pub cost_total: String,
    /// Label, verdict, text.
    pub criteria: Vec<(String, String, String)>,
    pub equality_analysis: String,
    pub views: Vec<String>,
    /// Name and title of those who sign: the approvers.
    pub signers: Vec<(String, String)>,
    /// Name with title, and date.
    pub attested: Vec<(String, String)>,
}

/// A case's full record (the akt) as one document: the tjänsteutlåtande's sections, the
/// application's answers and documents, every submitted version and what changed, the
/// completion requests, the attestations, the decision and the whole timeline (staff's
/// events included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub report: Report,
    pub association: String,
    pub programme: String,
    pub status: String,
    pub submitted: String,
    /// "Stadgar: Stadgar 2021.pdf (PDF, 120 kB)".
    pub attachments: Vec<String>,
    pub versions: Vec<crate::features::completion::VersionRow>,
    /// Per later version: its number and what changed from the one before.
    pub changes: Vec<(i32, Vec<crate::features::completion::Change>)>,
    pub requests: Vec<crate::features::completion::RequestRow>,
    /// "Organisations- och föreningsutskottet, 12 december 2023, § 1: Avslagen", the
    /// justering and the legal clock; empty before a decision.
    pub decision: Vec<String>,
    /// Date, what, by: oldest first.
    pub timeline: Vec<(String, String, String)>,
}
