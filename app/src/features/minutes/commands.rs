//! Saving a meeting's minutes: the checks, the Markdown rendered and sanitised once, the
//! search text stemmed, and the event, in one transaction.
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::{field, search, Attendee};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{app_user, forum_meeting},
    events::{self, NewEvent},
    markdown,
};
use crate::domain::{text, validation};

/// At most this many attendees, and this long a text.
pub const MAX_ATTENDEES: usize = 300;
pub const MAX_TEXT: usize = 100_000;

/// What staff typed.
#[derive(Clone, Debug, Default)]
pub struct MinutesInput {
    pub date: String,
    pub title: String,
    pub attendees: String,
    pub text: String,
}

/// The checked minutes.
struct Checked {
    held_on: NaiveDate,
    title: String,
    attendees: Vec<Attendee>,
    text: String,
}

fn check(input: &MinutesInput) -> Result<Checked, CommandError> {
    let mut problems = Vec::new();
    let held_on = match validation::date_typed(field::DATE, &input.date) {
        Ok(day) if (1990..=2100).contains(&day.year()) => Some(day),
        Ok(_) => {
            problems.push((
                field::DATE,
                "Ange ett datum mellan 1990 och 2100.".to_owned(),
            ));
            None
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let title = text::name(
        &input.title,
        "Skriv en rubrik, till exempel mötets huvudtema.",
        200,
    )
    .map_err(|m| problems.push((field::TITLE, m)))
    .ok();
    let attendees = match text::free_text(&input.attendees, None, 20_000) {
        Ok(lines) => {
            let attendees = Attendee::parse_lines(&lines);
            if attendees.len() > MAX_ATTENDEES {
                problems.push((
                    field::ATTENDEES,
                    format!("Högst {MAX_ATTENDEES} närvarande, en per rad."),
                ));
                None
            } else if let Some(long) = attendees
                .iter()
                .find(|a| a.name.chars().count() > 100 || a.organisation.chars().count() > 200)
            {
                problems.push((
                    field::ATTENDEES,
                    format!(
                        "Raden som börjar med ”{}” är för lång: högst 100 tecken för namnet och 200 för organisationen.",
                        long.name.chars().take(30).collect::<String>()
                    ),
                ));
                None
            } else {
                Some(attendees)
            }
        }
        Err(m) => {
            problems.push((field::ATTENDEES, m));
            None
        }
    };
    let body = text::free_text(
        &input.text,
        Some("Skriv minnesanteckningarna: vad som togs upp, under rubriker."),
        MAX_TEXT,
    )
    .map_err(|m| problems.push((field::TEXT, m)))
    .ok();
    match (held_on, title, attendees, body) {
        (Some(held_on), Some(title), Some(attendees), Some(text)) if problems.is_empty() => {
            Ok(Checked {
                held_on,
                title,
                attendees,
                text,
            })
        }
        _ => Err(CommandError::Invalid(problems)),
    }
}

/// Saves minutes: new ones (`original` is `None`) or the meeting held on `original`
/// (which may move to another date). Staff only. Returns the meeting's date.
pub async fn save(
    ctx: &Ctx,
    actor: Uuid,
    original: Option<NaiveDate>,
    input: &MinutesInput,
) -> Result<NaiveDate, CommandError> {
    let user = app_user::Entity::find_by_id(actor)
        .one(&ctx.db)
        .await?
        .filter(|u| u.active && u.role.is_staff())
        .ok_or_else(|| {
            CommandError::Forbidden("Bara personal kan skriva minnesanteckningar.".into())
        })?;
    let checked = check(input)?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let existing = match original {
        Some(day) => Some(
            forum_meeting::Entity::find()
                .filter(forum_meeting::Column::HeldOn.eq(day))
                .one(&txn)
                .await?
                .ok_or(CommandError::NotFound)?,
        ),
        None => None,
    };
    let clash = forum_meeting::Entity::find()
        .filter(forum_meeting::Column::HeldOn.eq(checked.held_on))
        .one(&txn)
        .await?;
    if clash.is_some_and(|c| existing.as_ref().is_none_or(|e| e.id != c.id)) {
        return Err(CommandError::Taken {
            field: field::DATE,
            message: "Det finns redan minnesanteckningar från det datumet. Öppna dem och redigera i stället.".into(),
        });
    }
    let plain = format!(
        "{}\n{}\n{}",
        checked.title,
        checked
            .attendees
            .iter()
            .map(|a| format!("{} {}", a.name, a.organisation))
            .collect::<Vec<_>>()
            .join("\n"),
        markdown::to_plain_text(&checked.text)
    );
    let now = events::recorded_at();
    let mut row = forum_meeting::ActiveModel {
        held_on: Set(checked.held_on),
        title: Set(checked.title.clone()),
        attendees: Set(serde_json::to_string(&checked.attendees).expect("attendees serialise")),
        html: Set(markdown::to_html(&checked.text)),
        markdown: Set(checked.text),
        stems: Set(search::stems(&plain)),
        plain_text: Set(plain),
        updated_by: Set(Some(user.id)),
        updated_at: Set(now),
        ..Default::default()
    };
    let (id, event_type) = match &existing {
        Some(meeting) => {
            row.id = sea_orm::ActiveValue::Unchanged(meeting.id);
            row.update(&txn).await?;
            (meeting.id, "minutes.updated")
        }
        None => {
            let id = Uuid::now_v7();
            row.id = Set(id);
            row.created_at = Set(now);
            row.insert(&txn).await?;
            (id, "minutes.published")
        }
    };
    events::record(
        &txn,
        NewEvent::about(
            "minutes",
            id,
            event_type,
            Some(user.id),
            json!({ "held_on": checked.held_on, "title": checked.title }),
        ),
        vec![],
    )
    .await?;
    txn.commit().await?;
    Ok(checked.held_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(input: MinutesInput) -> Vec<(&'static str, String)> {
        match check(&input) {
            Err(CommandError::Invalid(problems)) => problems,
            other => panic!("expected problems, got {:?}", other.map(|c| c.title)),
        }
    }

    #[test]
    fn every_field_is_checked_by_name() {
        let found = problems(MinutesInput {
            date: "27/11".into(),
            title: " ".into(),
            attendees: String::new(),
            text: String::new(),
        });
        let fields: Vec<&str> = found.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [field::DATE, field::TITLE, field::TEXT]);
    }

    #[test]
    fn too_many_attendees_are_refused() {
        let found = problems(MinutesInput {
            date: "2017-11-27".into(),
            title: "Gemensam utvecklingsgrupp".into(),
            attendees: "Namn, Org\n".repeat(MAX_ATTENDEES + 1),
            text: "Text".into(),
        });
        assert_eq!(found[0].0, field::ATTENDEES);
    }
}
