//! **The digital anslagstavla** (kommunallagen 8 kap. 9–12 §§): when a committee's minutes
//! are justerade a notice goes up at once, in the justering's transaction: which body,
//! the meeting's date, the day of justering, the days the notice goes up and comes down
//! (after the three weeks for laglighetsprövning), where the minutes are kept and how to
//! appeal. Notices are listed while up and archived after, with their dates, so anyone
//! can see when a decision won laga kraft.
//!
//! Here: the notice as pages show it (this file), posting it (`commands`), the reads
//! (`queries`, `api`) and the page (`pages`).
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// One notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRow {
    pub meeting_id: Uuid,
    /// "Organisations- och föreningsutskottet".
    pub body: String,
    /// Long dates: "12 december 2023".
    pub meeting: String,
    pub justered: String,
    pub up: String,
    pub down: String,
    pub legal_force: String,
    /// "§ 1–3".
    pub paragraphs: String,
    pub kept_at: String,
}

/// The anslagstavla: notices up now and the archive, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeBoard {
    pub current: Vec<NoticeRow>,
    pub archived: Vec<NoticeRow>,
}

/// How to appeal, with the last day, in the page's language.
pub fn how_to_appeal(down: &str) -> String {
    crate::i18n::Lang::current().format("notice-appeal", &[("down", down.to_owned().into())])
}

/// The § numbers as a range where they run on: `[1, 2, 3, 5]` → "§ 1–3, 5".
pub fn paragraphs(numbers: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        let mut end = start;
        while i + 1 < numbers.len() && numbers[i + 1] == end + 1 {
            i += 1;
            end = numbers[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    format!("§ {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_run_as_ranges() {
        assert_eq!(paragraphs(&[1]), "§ 1");
        assert_eq!(paragraphs(&[1, 2, 3, 5]), "§ 1–3, 5");
        assert_eq!(paragraphs(&[4, 6, 7]), "§ 4, 6–7");
    }
}
