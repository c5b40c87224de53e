//! Swedish stemming for the minutes' search (the Snowball algorithm of `rust-stemmers`,
//! the same that PostgreSQL's `swedish` configuration uses) and the context a hit is
//! shown in.
use rust_stemmers::{Algorithm, Stemmer};

/// The words of `text`, lowercased: runs of letters and digits (å, ä and ö are letters
/// and are kept as they are).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::Swedish)
}

/// The stems of `text`'s words, space-separated: what SQLite's FTS5 table indexes.
pub fn stems(text: &str) -> String {
    let stemmer = stemmer();
    words(text)
        .map(|w| stemmer.stem(&w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stems of a search (at most eight words), without repeats.
pub fn query_stems(search: &str) -> Vec<String> {
    let stemmer = stemmer();
    let mut stems: Vec<String> = Vec::new();
    for word in words(search).take(8) {
        let stem = stemmer.stem(&word).into_owned();
        if !stems.contains(&stem) {
            stems.push(stem);
        }
    }
    stems
}

/// The FTS5 query for `stems`: every stem, each quoted (so none is read as an operator).
pub fn fts_query(stems: &[String]) -> String {
    stems
        .iter()
        .map(|s| format!("\"{}\"", s.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// How many words are shown either side of the first match.
const AROUND: usize = 12;

/// The words around the first word of `text` whose stem is one of `stems`, in pieces:
/// plain text, and each matching word marked `true`. Starts at the beginning when no
/// word matches.
pub fn context(text: &str, stems: &[String]) -> Vec<(String, bool)> {
    let stemmer = stemmer();
    // Every word with where it starts and ends, so the text between is kept as written.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = text[s..i].to_lowercase();
                let hit = stems.iter().any(|stem| *stem == stemmer.stem(&word));
                spans.push((s, i, hit));
                start = None;
            }
            _ => {}
        }
    }
    if spans.is_empty() {
        return vec![];
    }
    let first = spans.iter().position(|(_, _, hit)| *hit).unwrap_or(0);
    let from = first.saturating_sub(AROUND);
    let to = (first + AROUND).min(spans.len() - 1);
    let mut pieces: Vec<(String, bool)> = Vec::new();
    if from > 0 {
        pieces.push(("… ".to_owned(), false));
    }
    let mut at = spans[from].0;
    for &(s, e, hit) in &spans[from..=to] {
        if hit {
            push(&mut pieces, flat(&text[at..s]), false);
            pieces.push((text[s..e].to_owned(), true));
            at = e;
        }
    }
    push(&mut pieces, flat(&text[at..spans[to].1]), false);
    if to < spans.len() - 1 {
        push(&mut pieces, " …".to_owned(), false);
    }
    pieces
}

/// Line breaks as spaces: the context is one line.
fn flat(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn push(pieces: &mut Vec<(String, bool)>, text: String, hit: bool) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some((last, false)) if !hit => last.push_str(&text),
        _ => pieces.push((text, hit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lokal_and_lokaler_share_a_stem() {
        assert_eq!(query_stems("lokal"), query_stems("Lokaler"));
        assert!(stems("hitta lokaler för möten").contains(&query_stems("lokal")[0]));
    }

    #[test]
    fn a_ring_and_dots_stay_distinct() {
        // "bär" (carries) and "bar" (bare) are different words; so are "för" and "for".
        assert_ne!(query_stems("bär"), query_stems("bar"));
        assert_ne!(query_stems("för"), query_stems("for"));
        assert_eq!(
            stems("Föreningar ÅT"),
            format!("{} åt", query_stems("föreningar")[0])
        );
    }

    #[test]
    fn the_hit_is_shown_in_its_context_and_marked() {
        let text = "Går det att samverka om lokaler?\nEtt problem för många organisationer är att hitta lokaler för möten.";
        let pieces = context(text, &query_stems("lokal"));
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, ["lokaler", "lokaler"]);
        let whole: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            whole.starts_with("Går det att samverka om lokaler? Ett problem"),
            "{whole}"
        );
        assert!(
            whole.ends_with("för möten"),
            "the text ends within reach: {whole}"
        );
        let long = format!("{} lokaler {}", "ord ".repeat(30), "ord ".repeat(30));
        let whole: String = context(&long, &query_stems("lokal"))
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert!(whole.starts_with("… ") && whole.ends_with(" …"), "{whole}");
        assert_eq!(whole.matches("ord").count(), 24, "twelve words either side");
    }

    #[test]
    fn operators_in_a_search_are_quoted() {
        assert_eq!(
            fts_query(&query_stems("lokal OR NEAR")),
            "\"lokal\" AND \"or\" AND \"near\""
        );
    }
}
