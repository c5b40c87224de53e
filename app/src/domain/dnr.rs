//! The diarienummer a case gets when it is submitted: `PREFIX YEAR/SEQ`, e.g.
//! `SOF 2026/17`. The sequence runs per prefix and year, from 1, without gaps; it is
//! handed out inside the submitting transaction (see the applications feature).
use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dnr {
    pub prefix: String,
    pub year: i32,
    pub seq: i64,
}

impl fmt::Display for Dnr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/{}", self.prefix, self.year, self.seq)
    }
}

impl Dnr {
    /// Reads `SOF 2026/17` (as typed in a search box: spaces around the slash allowed).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (prefix, rest) = text.rsplit_once(' ').map(|(p, r)| (p.trim(), r))?;
        let rest = rest.replace(' ', "");
        let (year, seq) = rest.split_once('/')?;
        let prefix_ok =
            !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_uppercase() || c == '-');
        if !prefix_ok {
            return None;
        }
        Some(Self {
            prefix: prefix.to_owned(),
            year: year.parse().ok().filter(|y| (1900..=9999).contains(y))?,
            seq: seq.parse().ok().filter(|s| *s > 0)?,
        })
    }
}

/// Whether `prefix` may be a programme's Dnr prefix: 2–10 capital letters A–Z.
pub fn valid_prefix(prefix: &str) -> bool {
    (2..=10).contains(&prefix.len()) && prefix.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dnr_is_written_and_read_back() {
        let dnr = Dnr {
            prefix: "SOF".into(),
            year: 2026,
            seq: 17,
        };
        assert_eq!(dnr.to_string(), "SOF 2026/17");
        assert_eq!(Dnr::parse("SOF 2026/17"), Some(dnr));
        assert_eq!(Dnr::parse("sof 2026/17"), None);
        assert_eq!(Dnr::parse("SOF 2026/0"), None);
        assert_eq!(Dnr::parse("SOF 26"), None);
        assert!(valid_prefix("SOF"));
        assert!(!valid_prefix("S"));
        assert!(!valid_prefix("SÖF"));
    }
}
