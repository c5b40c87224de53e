//! What changed between two versions of an application: each answer of the form in
//! its step's order, texts compared word by word and lists (activities, goals, budget
//! lines) line by line, with `similar`'s Myers diff. Unchanged answers are left out.
use similar::{ChangeTag, TextDiff};

use super::{Change, Piece};
use crate::domain::money::format_kr;
use crate::features::applications::{Content, Part, Rows, STEPS};

/// The changes from `before` to `after`, in the form's order.
pub fn changes(before: &Content, after: &Content) -> Vec<Change> {
    let (old, new) = (before.values(), after.values());
    let mut changes = Vec::new();
    for step in &STEPS {
        for part in step.parts {
            let change = match *part {
                Part::Line { name, label, .. } | Part::Free { name, label, .. } => {
                    let (a, b) = (value(&old, name), value(&new, name));
                    (a != b).then(|| Change {
                        label: label.to_owned(),
                        lines: false,
                        pieces: words(&a, &b),
                    })
                }
                Part::Date { name, label } | Part::Percent { name, label } => {
                    replaced(label, value(&old, name), value(&new, name))
                }
                Part::Money { label, .. } => replaced(
                    label,
                    before.requested_ore.map(format_kr).unwrap_or_default(),
                    after.requested_ore.map(format_kr).unwrap_or_default(),
                ),
                Part::Check { name, label } => {
                    let yes = |values: &std::collections::HashMap<String, String>| {
                        if values.contains_key(name) {
                            "Ja"
                        } else {
                            "Nej"
                        }
                        .to_owned()
                    };
                    replaced(label, yes(&old), yes(&new))
                }
                Part::Rows(rows) => {
                    let (a, b) = (lines(before, rows), lines(after, rows));
                    (a != b).then(|| Change {
                        label: rows_label(rows).to_owned(),
                        lines: true,
                        pieces: line_pieces(&a, &b),
                    })
                }
            };
            changes.extend(change);
        }
    }
    changes
}

fn value(values: &std::collections::HashMap<String, String>, name: &str) -> String {
    values.get(name).cloned().unwrap_or_default()
}

/// A short answer that changed: the old value removed, the new one added.
fn replaced(label: &str, before: String, after: String) -> Option<Change> {
    (before != after).then(|| Change {
        label: label.to_owned(),
        lines: false,
        pieces: [(Piece::Removed, before), (Piece::Added, after)]
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .collect(),
    })
}

fn piece(tag: ChangeTag) -> Piece {
    match tag {
        ChangeTag::Equal => Piece::Same,
        ChangeTag::Insert => Piece::Added,
        ChangeTag::Delete => Piece::Removed,
    }
}

/// A text compared word by word; runs of the same kind joined into one piece.
fn words(before: &str, after: &str) -> Vec<(Piece, String)> {
    let diff = TextDiff::from_words(before, after);
    let mut pieces: Vec<(Piece, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = piece(change.tag());
        match pieces.last_mut() {
            Some((last, text)) if *last == kind => text.push_str(change.value()),
            _ => pieces.push((kind, change.value().to_owned())),
        }
    }
    pieces
}

/// Two lists compared line by line.
fn line_pieces(before: &[String], after: &[String]) -> Vec<(Piece, String)> {
    let (a, b) = (before.join("\n"), after.join("\n"));
    TextDiff::from_lines(&a, &b)
        .iter_all_changes()
        .map(|change| {
            (
                piece(change.tag()),
                change.value().trim_end_matches('\n').to_owned(),
            )
        })
        .collect()
}

fn rows_label(rows: Rows) -> &'static str {
    match rows {
        Rows::Activities => "Aktiviteter",
        Rows::Goals => "Mål",
        Rows::Income => "Budget: intäkter",
        Rows::Costs => "Budget: kostnader",
    }
}

/// A list of the form as lines: "Samtalsgrupp – 40 tillfällen, 8 deltagare".
fn lines(content: &Content, rows: Rows) -> Vec<String> {
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
    match rows {
        Rows::Activities => content
            .activities
            .iter()
            .map(|a| {
                format!(
                    "{} – {} tillfällen, {} deltagare",
                    a.kind,
                    count(a.occasions),
                    count(a.participants)
                )
            })
            .collect(),
        Rows::Goals => content.goals.iter().map(|g| g.text.clone()).collect(),
        Rows::Income => content
            .budget
            .income
            .iter()
            .map(|r| {
                format!(
                    "{} ({}): {}",
                    r.source,
                    r.status.label().to_lowercase(),
                    format_kr(r.amount_ore)
                )
            })
            .collect(),
        Rows::Costs => content
            .budget
            .costs
            .iter()
            .map(|r| {
                format!(
                    "{} – {}: {}",
                    r.category,
                    r.description,
                    format_kr(r.amount_ore)
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::applications::{CostRow, Goal};

    fn content() -> Content {
        Content {
            activity_name: "Samtalsgrupper".into(),
            summary: "Vi träffas varje vecka i våra lokaler.".into(),
            requested_ore: Some(50_000_000),
            goals: vec![Goal {
                text: "Minskad ensamhet".into(),
            }],
            ..Content::default()
        }
    }

    #[test]
    fn the_same_content_has_no_changes() {
        assert!(changes(&content(), &content()).is_empty());
    }

    #[test]
    fn a_changed_text_shows_the_words_removed_and_added() {
        let mut after = content();
        after.summary = "Vi träffas varannan vecka i våra lokaler.".into();
        let found = changes(&content(), &after);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "Sammanfattning av verksamheten");
        assert!(found[0].pieces.contains(&(Piece::Removed, "varje".into())));
        assert!(found[0].pieces.contains(&(Piece::Added, "varannan".into())));
        assert!(found[0]
            .pieces
            .iter()
            .any(|(p, t)| *p == Piece::Same && t.contains("lokaler")));
    }

    #[test]
    fn amounts_and_budget_lines_show_before_and_after() {
        let mut after = content();
        after.requested_ore = Some(40_000_000);
        after.budget.costs.push(CostRow {
            category: "Lokal".into(),
            description: "Hyra".into(),
            amount_ore: 12_000_000,
        });
        let found = changes(&content(), &after);
        let amount = found
            .iter()
            .find(|c| c.label.starts_with("Belopp"))
            .unwrap();
        assert_eq!(
            amount.pieces,
            vec![
                (Piece::Removed, format_kr(50_000_000)),
                (Piece::Added, format_kr(40_000_000))
            ]
        );
        let costs = found
            .iter()
            .find(|c| c.label == "Budget: kostnader")
            .unwrap();
        assert!(costs.lines);
        assert_eq!(
            costs.pieces,
            vec![(
                Piece::Added,
                format!("Lokal – Hyra: {}", format_kr(12_000_000))
            )]
        );
    }
}
