//! What the minutes' pages read.
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::{
    search, Attendee, Hit, MeetingDraft, MeetingRow, MeetingView, MinutesList, HITS_PER_PAGE,
};
use crate::backend::entities::forum_meeting;
use crate::domain::programme_window::long_date;

/// The meeting's attendees.
pub fn attendees(meeting: &forum_meeting::Model) -> Vec<Attendee> {
    serde_json::from_str(&meeting.attendees).unwrap_or_default()
}

/// The meeting as the lists show it.
pub fn row(meeting: &forum_meeting::Model) -> MeetingRow {
    MeetingRow {
        date: meeting.held_on.to_string(),
        long_date: long_date(meeting.held_on),
        title: meeting.title.clone(),
        attendees: attendees(meeting).len(),
    }
}

/// Every meeting, newest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<forum_meeting::Model>, DbErr> {
    forum_meeting::Entity::find()
        .order_by_desc(forum_meeting::Column::HeldOn)
        .all(db)
        .await
}

/// The meetings whose text holds every word of `search` (as Swedish stems): FTS5 over
/// the stored stems on SQLite, the stored `swedish` text-search vector on PostgreSQL.
/// `None` when the search has no word to look for.
fn matching(backend: DbBackend, search: &str) -> Option<sea_orm::Select<forum_meeting::Entity>> {
    let stems = search::query_stems(search);
    if stems.is_empty() {
        return None;
    }
    let select = forum_meeting::Entity::find();
    Some(match backend {
        DbBackend::Sqlite => select.filter(Expr::cust_with_values(
            "forum_meeting.rowid IN (SELECT rowid FROM forum_meeting_search WHERE forum_meeting_search MATCH ?)",
            [search::fts_query(&stems)],
        )),
        // PostgreSQL reads `?` as an operator: its placeholders are numbered.
        _ => {
            let words: Vec<String> = search::words(search).take(8).collect();
            select.filter(Expr::cust_with_values(
                "forum_meeting.search_vector @@ plainto_tsquery('swedish', $1)",
                [words.join(" ")],
            ))
        }
    })
}

/// The list page: by year, or one page of the hits of `search` (newest first) with
/// their context.
pub async fn list(
    db: &impl ConnectionTrait,
    search: &str,
    page: u64,
    can_edit: bool,
) -> Result<MinutesList, DbErr> {
    let search = search.trim().chars().take(200).collect::<String>();
    if search.is_empty() {
        let mut years: Vec<(i32, Vec<MeetingRow>)> = Vec::new();
        for meeting in all(db).await? {
            let year = meeting.held_on.year();
            match years.last_mut() {
                Some((y, rows)) if *y == year => rows.push(row(&meeting)),
                _ => years.push((year, vec![row(&meeting)])),
            }
        }
        return Ok(MinutesList {
            search,
            hits: None,
            total: 0,
            page: 1,
            pages: 1,
            years,
            can_edit,
        });
    }
    let (hits, total, page, pages) = match matching(db.get_database_backend(), &search) {
        None => (vec![], 0, 1, 1),
        Some(select) => {
            let total = select.clone().count(db).await?;
            let pages = total.div_ceil(HITS_PER_PAGE).max(1);
            let page = page.clamp(1, pages);
            let stems = search::query_stems(&search);
            let hits = select
                .order_by_desc(forum_meeting::Column::HeldOn)
                .offset((page - 1) * HITS_PER_PAGE)
                .limit(HITS_PER_PAGE)
                .all(db)
                .await?
                .iter()
                .map(|meeting| Hit {
                    meeting: row(meeting),
                    context: search::context(&meeting.plain_text, &stems),
                })
                .collect();
            (hits, total, page, pages)
        }
    };
    Ok(MinutesList {
        search,
        hits: Some(hits),
        total,
        page,
        pages,
        years: vec![],
        can_edit,
    })
}

/// The minutes of the meeting held on `date`.
pub async fn one(
    db: &impl ConnectionTrait,
    date: NaiveDate,
    can_edit: bool,
) -> Result<Option<MeetingView>, DbErr> {
    let Some(meeting) = forum_meeting::Entity::find()
        .filter(forum_meeting::Column::HeldOn.eq(date))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let attendees = attendees(&meeting);
    let organisations: Vec<String> = attendees
        .iter()
        .flat_map(Attendee::organisations)
        .map(str::to_owned)
        .collect();
    Ok(Some(MeetingView {
        meeting: row(&meeting),
        links: crate::features::directory::queries::links(db, &organisations)
            .await?
            .into_iter()
            .collect(),
        attendees,
        html: meeting.html,
        can_edit,
    }))
}

/// The edit form's start: the saved minutes of `date`.
pub async fn draft(
    db: &impl ConnectionTrait,
    date: NaiveDate,
) -> Result<Option<MeetingDraft>, DbErr> {
    Ok(forum_meeting::Entity::find()
        .filter(forum_meeting::Column::HeldOn.eq(date))
        .one(db)
        .await?
        .map(|meeting| MeetingDraft {
            original: Some(meeting.held_on.to_string()),
            date: meeting.held_on.to_string(),
            title: meeting.title.clone(),
            attendees: Attendee::to_lines(&attendees(&meeting)),
            text: meeting.markdown,
        }))
}
