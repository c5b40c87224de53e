//! **Minutes of Gemensam utvecklingsgrupp**: the user-involvement forum's meetings, each
//! with its date, attendees (name, organisation), themed sections and links. Staff write
//! them in Markdown with a preview; the public reads them by year, searches them with
//! Swedish stemming ("lokal" finds "lokaler"; å, ä and ö stay distinct) and sees each hit
//! in its context, and follows them by an Atom feed.
//!
//! Here: the types and field names (this file), the stemming and hit context (`search`),
//! saving (`commands`), the reads (`queries`, `api`) and the pages (`pages`). The posts
//! and the feed are in `server/src/http/minutes.rs`; the tests are `tests/api/minutes.rs`.
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod search;

/// The forms' and the address's field names.
/// Hits per page of a search.
pub const HITS_PER_PAGE: u64 = 20;

pub mod field {
    pub const DATE: &str = "datum";
    pub const TITLE: &str = "rubrik";
    pub const ATTENDEES: &str = "narvarande";
    pub const TEXT: &str = "text";
    /// `forhandsgranska` shows the preview; anything else saves.
    pub const ACTION: &str = "atgard";
    pub const SEARCH: &str = "sok";
    pub const PAGE: &str = "sida";
    pub const YEAR: &str = "ar";
}

/// The action value that asks for a preview.
pub const PREVIEW: &str = "forhandsgranska";

/// Where the list of minutes is.
pub const LIST: &str = "/gemensam-utvecklingsgrupp/minnesanteckningar";

/// Where staff write minutes: `…/ny`, and `…/2017-11-27` to edit a meeting's.
pub const STAFF: &str = "/handlaggning/minnesanteckningar";

/// The address of the minutes of the meeting on `date` (`2017-11-27`).
pub fn href(date: &str) -> String {
    format!("{LIST}/{date}")
}

/// One person present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    /// "Verdandi, Fontänhuset"; empty when none was given.
    pub organisation: String,
}

impl Attendee {
    /// The organisations the attendee named: "Verdandi, Fontänhuset" names two.
    pub fn organisations(&self) -> impl Iterator<Item = &str> {
        self.organisation
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
    }

    /// The attendees from the form's lines, "Namn, organisation" (the name is what comes
    /// before the first comma); blank lines are skipped.
    pub fn parse_lines(text: &str) -> Vec<Attendee> {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| match line.split_once(',') {
                Some((name, organisation)) => Attendee {
                    name: name.trim().to_owned(),
                    organisation: organisation.trim().trim_end_matches(',').trim().to_owned(),
                },
                None => Attendee {
                    name: line.to_owned(),
                    organisation: String::new(),
                },
            })
            .collect()
    }

    /// The attendees as the form's lines.
    pub fn to_lines(attendees: &[Attendee]) -> String {
        attendees
            .iter()
            .map(|a| {
                if a.organisation.is_empty() {
                    a.name.clone()
                } else {
                    format!("{}, {}", a.name, a.organisation)
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A meeting in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRow {
    /// `2017-11-27`.
    pub date: String,
    /// "27 november 2017".
    pub long_date: String,
    pub title: String,
    pub attendees: usize,
}

/// A search hit: the meeting and the words around the first place it matched, the
/// matching words marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub meeting: MeetingRow,
    /// Pieces of the context; `true` for a word the search matched.
    pub context: Vec<(String, bool)>,
}

/// The list page: every meeting by year (newest first), or the hits of a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesList {
    pub search: String,
    /// One page of the hits; `None` when there is no search.
    pub hits: Option<Vec<Hit>>,
    /// Every hit of the search, on all pages.
    pub total: u64,
    /// The page shown (from 1) and how many there are.
    pub page: u64,
    pub pages: u64,
    /// Year, meetings.
    pub years: Vec<(i32, Vec<MeetingRow>)>,
    /// Staff may write minutes.
    pub can_edit: bool,
}

/// One meeting's minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub meeting: MeetingRow,
    pub attendees: Vec<Attendee>,
    /// Organisation (as written) → the public page of the registered association of
    /// that name.
    pub links: Vec<(String, String)>,
    /// Sanitised when saved.
    pub html: String,
    pub can_edit: bool,
}

/// What the edit form starts from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDraft {
    /// `None` for new minutes.
    pub original: Option<String>,
    pub date: String,
    pub title: String,
    pub attendees: String,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendee_lines_are_name_then_organisation() {
        let attendees = Attendee::parse_lines(
            "Aina Modig Lindell, Hela människan\n\nBirgitta Möller\n\
             Eva Ingers, Fontänhuset, Antidiskrimineringsbyrån,\n",
        );
        assert_eq!(attendees.len(), 3);
        assert_eq!(attendees[0].organisation, "Hela människan");
        assert_eq!(attendees[1].organisation, "");
        assert_eq!(attendees[2].name, "Eva Ingers");
        assert_eq!(
            attendees[2].organisation,
            "Fontänhuset, Antidiskrimineringsbyrån"
        );
        assert_eq!(
            Attendee::to_lines(&attendees),
            "Aina Modig Lindell, Hela människan\nBirgitta Möller\nEva Ingers, Fontänhuset, Antidiskrimineringsbyrån"
        );
    }
}
