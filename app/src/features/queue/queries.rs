//! What the queue and the case view read. One function, [`matching`], turns a view into
//! the cases it matches; the page, the counts, the export and the bulk changes all use
//! it, so they can never disagree about which cases a view holds.
use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use sea_orm::{
    sea_query::{Expr, Order},
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait, Select,
};
use uuid::Uuid;

use super::{Assigned, CaseWork, Filter, NoteRow, QueueRow, QueueView, Sort, OPEN, PAGE_SIZE};
use crate::backend::entities::{app_user, application, association, case_note, grant_programme};
use crate::backend::time;
use crate::domain::role::Role;
use crate::features::applications::Status;

/// From how many matching cases a page is read in order rather than from the search
/// index (on SQLite). At 500 of 100 000 open cases a page of 25 reads about 5 000.
const DENSE: u64 = 500;

/// Who is looking, and when: "mine" and "past its due date" depend on them.
#[derive(Clone, Copy, Debug)]
pub struct Viewer {
    pub me: Uuid,
    pub today: NaiveDate,
}

/// The programmes by slug, for the filter's choice.
pub async fn programmes(db: &impl ConnectionTrait) -> Result<Vec<grant_programme::Model>, DbErr> {
    grant_programme::Entity::find()
        .order_by_asc(grant_programme::Column::Name)
        .all(db)
        .await
}

/// Every active officer and admin, by name: who a case can be given to.
pub async fn officers(db: &impl ConnectionTrait) -> Result<Vec<(Uuid, String)>, DbErr> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Role.is_in([Role::Officer, Role::Admin]))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The open cases `filter` matches (every page), unordered. `programme` is the id of
/// the filter's programme (`None`: all); `with_status` leaves out the filter's status
/// (for the counts per status).
pub fn matching(
    filter: &Filter,
    programme: Option<Uuid>,
    viewer: Viewer,
    with_status: bool,
    backend: DbBackend,
) -> Select<application::Entity> {
    matching_by(
        filter,
        programme,
        viewer,
        with_status,
        backend,
        SearchBy::Index,
    )
}

/// How SQLite finds the cases whose search text holds the search words. PostgreSQL's
/// planner chooses for itself from its statistics; both ways give the same cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SearchBy {
    /// From the trigram index: quick when few cases hold the words.
    Index,
    /// By reading the cases in the view's order and checking each (`LIKE`): quick when
    /// many hold them, because a page stops at its 25th case, whereas the index must
    /// first list every case that holds each word (for *förening*, nearly all).
    Scan,
}

fn matching_by(
    filter: &Filter,
    programme: Option<Uuid>,
    viewer: Viewer,
    with_status: bool,
    backend: DbBackend,
    by: SearchBy,
) -> Select<application::Entity> {
    let statuses: Vec<Status> = match (with_status, filter.status) {
        (true, Some(status)) => vec![status],
        _ => OPEN.to_vec(),
    };
    let mut select = application::Entity::find()
        .filter(application::Column::Status.is_in(statuses))
        .filter(application::Column::Dnr.is_not_null());
    if let Some(id) = programme {
        select = select.filter(application::Column::ProgrammeId.eq(id));
    }
    select = match filter.assigned {
        Assigned::Anyone => select,
        Assigned::Me => select.filter(application::Column::AssignedTo.eq(viewer.me)),
        Assigned::Nobody => select.filter(application::Column::AssignedTo.is_null()),
        Assigned::Officer(id) => select.filter(application::Column::AssignedTo.eq(id)),
    };
    if let Some(day) = filter.submitted_from {
        select = select.filter(application::Column::SubmittedAt.gte(time::start_of(day)));
    }
    if let Some(day) = filter.submitted_to {
        let next = day + Duration::days(1);
        select = select.filter(application::Column::SubmittedAt.lt(time::start_of(next)));
    }
    if let Some(kr) = filter.min_kr {
        select = select.filter(application::Column::RequestedOre.gte(kr.saturating_mul(100)));
    }
    if let Some(kr) = filter.max_kr {
        select = select.filter(application::Column::RequestedOre.lte(kr.saturating_mul(100)));
    }
    if filter.flagged {
        select = select.filter(
            Condition::any()
                .add(application::Column::Unbalanced.eq(true))
                .add(application::Column::DueOn.lt(viewer.today))
                .add(application::Column::MissingAttachment.eq(true))
                .add(application::Column::CompletionDue.lt(viewer.today)),
        );
    }
    searched(select, &filter.search, backend, by)
}

/// The cases whose search text holds every search word (at most eight), from an index:
/// on SQLite the FTS5 trigram table `application_search` (`MATCH` with every word of
/// three letters or more), on PostgreSQL the `pg_trgm` GIN index on `search_text`
/// (`LIKE '%word%'`; see the migration `create_search_indexes`). `%`, `_` and `\\` are
/// not searched for (they would be wildcards).
fn searched(
    mut select: Select<application::Entity>,
    search: &str,
    backend: DbBackend,
    by: SearchBy,
) -> Select<application::Entity> {
    let words: Vec<String> = search
        .to_lowercase()
        .split_whitespace()
        .take(8)
        .map(|w| w.replace(['%', '_', '\\'], ""))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return select;
    }
    if backend == DbBackend::Sqlite && by == SearchBy::Index {
        // FTS5 intersects the trigram lists of the words of three letters or more
        // (quoted, so no word is read as a query operator); shorter words are checked on
        // the rows that remain.
        let (long, short): (Vec<&String>, Vec<&String>) =
            words.iter().partition(|w| w.chars().count() >= 3);
        if !long.is_empty() {
            let query = long
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" AND ");
            select = select.filter(Expr::cust_with_values(
                "application.rowid IN (SELECT rowid FROM application_search WHERE application_search MATCH ?)",
                [query],
            ));
        }
        for word in short {
            select = select.filter(application::Column::SearchText.like(format!("%{word}%")));
        }
        return select;
    }
    for word in words {
        select = select.filter(application::Column::SearchText.like(format!("%{word}%")));
    }
    select
}

/// `select` in the view's order; the id last, so equal values keep one order.
fn ordered(select: Select<application::Entity>, filter: &Filter) -> Select<application::Entity> {
    let order = if filter.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let select = match filter.sort {
        Sort::Submitted => select.order_by(application::Column::SubmittedAt, order.clone()),
        Sort::Amount => select.order_by(application::Column::RequestedOre, order.clone()),
        Sort::Association => select
            .join(
                JoinType::InnerJoin,
                application::Relation::Association.def(),
            )
            .order_by(association::Column::Name, order.clone()),
        // Cases without a due date last, whichever way.
        Sort::Due => select
            .order_by(application::Column::DueOn.is_null(), Order::Asc)
            .order_by(application::Column::DueOn, order.clone()),
    };
    select.order_by(application::Column::Id, order)
}

/// The programme's id for the filter's slug; a problem when there is no such programme.
fn programme_of(
    filter: &Filter,
    programmes: &[grant_programme::Model],
) -> Result<Option<Uuid>, (String, String)> {
    match &filter.programme {
        None => Ok(None),
        Some(slug) => programmes
            .iter()
            .find(|p| &p.slug == slug)
            .map(|p| Some(p.id))
            .ok_or_else(|| {
                (
                    super::param::PROGRAMME.to_owned(),
                    "Välj en bidragsform i listan.".to_owned(),
                )
            }),
    }
}

/// The ids of every case the view matches, in its order (for the bulk changes and the
/// export), and the problems of the view.
pub async fn matching_ids(
    db: &impl ConnectionTrait,
    filter: &Filter,
    viewer: Viewer,
) -> Result<(Vec<Uuid>, Vec<(String, String)>), DbErr> {
    let programmes = programmes(db).await?;
    let (programme, problems) = match programme_of(filter, &programmes) {
        Ok(id) => (id, vec![]),
        Err(problem) => (None, vec![problem]),
    };
    let ids = ordered(
        matching(filter, programme, viewer, true, db.get_database_backend()),
        filter,
    )
    .select_only()
    .column(application::Column::Id)
    .into_tuple()
    .all(db)
    .await?;
    Ok((ids, problems))
}

/// The rows for `cases`, in their order.
pub async fn rows(
    db: &impl ConnectionTrait,
    cases: Vec<application::Model>,
    today: NaiveDate,
) -> Result<Vec<QueueRow>, DbErr> {
    let associations: HashMap<Uuid, association::Model> = association::Entity::find()
        .filter(association::Column::Id.is_in(cases.iter().map(|c| c.association_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let programmes: HashMap<Uuid, String> = grant_programme::Entity::find()
        .filter(grant_programme::Column::Id.is_in(cases.iter().map(|c| c.programme_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let names = names(db, cases.iter().filter_map(|c| c.assigned_to)).await?;
    Ok(cases
        .into_iter()
        .map(|case| {
            let association = associations.get(&case.association_id);
            let submitted = case.submitted_at.map(time::date_of).unwrap_or(today);
            let mut flags = Vec::new();
            if case.unbalanced {
                flags.push("Budgeten går inte ihop".to_owned());
            }
            if case.due_on.is_some_and(|due| due < today) {
                flags.push("Klar senast har passerat".to_owned());
            }
            if case.missing_attachment {
                flags.push("Bilaga saknas".to_owned());
            }
            if case.completion_due.is_some_and(|due| due < today) {
                flags.push("Kompletteringen är försenad".to_owned());
            }
            QueueRow {
                id: case.id,
                dnr: case.dnr.unwrap_or_default(),
                association: association.map(|a| a.name.clone()).unwrap_or_default(),
                org_number: association
                    .map(|a| a.org_number.clone())
                    .unwrap_or_default(),
                programme: programmes
                    .get(&case.programme_id)
                    .cloned()
                    .unwrap_or_default(),
                activity: case.activity_name,
                requested: crate::domain::money::format_kr(case.requested_ore),
                requested_ore: case.requested_ore,
                status: case.status,
                assigned: case.assigned_to.and_then(|id| names.get(&id).cloned()),
                days: (today - submitted).num_days(),
                submitted: submitted.to_string(),
                due: case.due_on.map(|d| d.to_string()),
                flags,
            }
        })
        .collect())
}

/// The display names of `ids`.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, DbErr> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// One page of the queue as `filter` asks for it, with its counts and choices.
pub async fn view(
    db: &impl ConnectionTrait,
    mut filter: Filter,
    mut problems: Vec<(String, String)>,
    viewer: Viewer,
) -> Result<QueueView, DbErr> {
    let programmes = programmes(db).await?;
    let programme = match programme_of(&filter, &programmes) {
        Ok(id) => id,
        Err(problem) => {
            problems.push(problem);
            filter.programme = None;
            None
        }
    };
    // One pass counts every open status; the total is read from it (the view's status,
    // or all of them), so the search runs twice per page, not three times.
    let counted: Vec<(Status, i64)> =
        matching(&filter, programme, viewer, false, db.get_database_backend())
            .select_only()
            .column(application::Column::Status)
            .column_as(application::Column::Id.count(), "n")
            .group_by(application::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
    let counts: Vec<(Status, u64)> = OPEN
        .into_iter()
        .map(|status| {
            let n = counted
                .iter()
                .find(|(s, _)| *s == status)
                .map(|(_, n)| *n as u64)
                .unwrap_or(0);
            (status, n)
        })
        .collect();
    let total = counts
        .iter()
        .filter(|(status, _)| filter.status.is_none_or(|wanted| wanted == *status))
        .map(|(_, n)| n)
        .sum::<u64>();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    filter.page = filter.page.clamp(1, pages);
    // A view that matches many cases, in an order an index gives, reads its page in
    // that order and stops at the page's last case (see `SearchBy`).
    let by = if total >= DENSE && matches!(filter.sort, Sort::Submitted | Sort::Amount) {
        SearchBy::Scan
    } else {
        SearchBy::Index
    };
    let cases = ordered(
        matching_by(
            &filter,
            programme,
            viewer,
            true,
            db.get_database_backend(),
            by,
        ),
        &filter,
    )
    .offset((filter.page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE)
    .all(db)
    .await?;
    Ok(QueueView {
        rows: rows(db, cases, viewer.today).await?,
        filter,
        problems,
        total,
        pages,
        counts,
        programmes: programmes.into_iter().map(|p| (p.slug, p.name)).collect(),
        officers: officers(db).await?,
        me: viewer.me,
    })
}

/// An open or decided case for the officers' case view; `None` for a draft (not yet
/// a case) or an id that does not exist.
pub async fn case(
    db: &impl ConnectionTrait,
    id: Uuid,
    today: NaiveDate,
) -> Result<Option<CaseWork>, DbErr> {
    let Some(row) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if row.dnr.is_none() {
        return Ok(None);
    }
    let association_id = row.association_id;
    let assigned_to = row.assigned_to;
    let due = row.due_on.map(|d| d.to_string());
    let completion = crate::features::completion::queries::work(db, &row, today).await?;
    let application = crate::features::applications::queries::view(db, row, false, true).await?;
    let notes = case_note::Entity::find()
        .filter(case_note::Column::ApplicationId.eq(id))
        .order_by_asc(case_note::Column::CreatedAt)
        .all(db)
        .await?;
    let names = names(db, notes.iter().map(|n| n.author_id).chain(assigned_to)).await?;
    let notes = notes
        .into_iter()
        .map(|note| NoteRow {
            when: time::date_time(note.created_at),
            by: names.get(&note.author_id).cloned().unwrap_or_default(),
            body: note.body,
        })
        .collect();
    let earlier = crate::features::applications::queries::for_association(db, association_id)
        .await?
        .into_iter()
        .filter(|a| a.id != id && a.dnr.is_some())
        .collect();
    let representatives =
        crate::features::representatives::queries::current(db, association_id, today).await?;
    let people = self::names(db, representatives.iter().map(|r| r.user_id)).await?;
    let representatives = representatives
        .into_iter()
        .map(|r| {
            format!(
                "{} (verifierad till och med {})",
                people.get(&r.user_id).cloned().unwrap_or_default(),
                r.valid_until
            )
        })
        .collect();
    Ok(Some(CaseWork {
        application,
        assigned: assigned_to.map(|id| (id, names.get(&id).cloned().unwrap_or_default())),
        due,
        notes,
        earlier,
        representatives,
        officers: officers(db).await?,
        completion,
        secrecy: crate::features::decisions::queries::secrecy(db, id).await?,
    }))
}

/// Who handles the case, for the applicant: name and phone; `None` before anyone does.
pub async fn handler(
    db: &impl ConnectionTrait,
    assigned_to: Option<Uuid>,
) -> Result<Option<(String, String)>, DbErr> {
    let Some(id) = assigned_to else {
        return Ok(None);
    };
    Ok(app_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|u| (u.display_name, u.phone)))
}

/// A spreadsheet cell: text that a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@` first) is kept as text with a leading apostrophe.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The export's column names.
const EXPORT_COLUMNS: [&str; 11] = [
    "Diarienummer",
    "Förening",
    "Organisationsnummer",
    "Bidragsform",
    "Verksamhet",
    "Sökt belopp (kr)",
    "Status",
    "Handläggare",
    "Inkommen",
    "Klar senast",
    "Flaggor",
];

/// Every case the view matches, in its order (read 500 at a time).
async fn every_row(
    db: &impl ConnectionTrait,
    filter: &Filter,
    viewer: Viewer,
) -> Result<Vec<QueueRow>, DbErr> {
    let (ids, _) = matching_ids(db, filter, viewer).await?;
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut cases = application::Entity::find()
            .filter(application::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let order: HashMap<Uuid, usize> =
            chunk.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        cases.sort_by_key(|c| order.get(&c.id).copied().unwrap_or(usize::MAX));
        out.extend(rows(db, cases, viewer.today).await?);
    }
    Ok(out)
}

/// Every case the view matches, in its order, as CSV for a Swedish spreadsheet
/// (semicolons, UTF-8 with a byte order mark, amounts in whole kronor).
pub async fn export_csv(
    db: &impl ConnectionTrait,
    filter: &Filter,
    viewer: Viewer,
) -> Result<Vec<u8>, crate::backend::command::CommandError> {
    use crate::backend::command::CommandError;
    let failed = |error: csv::Error| CommandError::Internal(format!("writing the export: {error}"));
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    out.write_record(EXPORT_COLUMNS).map_err(failed)?;
    for row in every_row(db, filter, viewer).await? {
        out.write_record([
            cell(&row.dnr),
            cell(&row.association),
            cell(&row.org_number),
            cell(&row.programme),
            cell(&row.activity),
            (row.requested_ore / 100).to_string(),
            super::status_label(row.status).to_owned(),
            cell(&row.assigned.unwrap_or_default()),
            row.submitted,
            row.due.unwrap_or_default(),
            row.flags.join(", "),
        ])
        .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|error| CommandError::Internal(format!("writing the export: {error}")))
}

/// The same as an Excel workbook: amounts as numbers, dates as dates, the header row
/// frozen.
pub async fn export_xlsx(
    db: &impl ConnectionTrait,
    filter: &Filter,
    viewer: Viewer,
) -> Result<Vec<u8>, crate::backend::command::CommandError> {
    use crate::backend::command::CommandError;
    use chrono::Datelike;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
    let failed =
        |error: XlsxError| CommandError::Internal(format!("writing the workbook: {error}"));
    let rows = every_row(db, filter, viewer).await?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ärenden").map_err(failed)?;
    let bold = Format::new().set_bold();
    let kronor = Format::new().set_num_format("# ##0 \"kr\"");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (column, name) in EXPORT_COLUMNS.iter().enumerate() {
        sheet
            .write_with_format(0, column as u16, *name, &bold)
            .map_err(failed)?;
    }
    let date = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| {
                ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
            })
    };
    for (i, row) in rows.into_iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write(r, 0, row.dnr).map_err(failed)?;
        sheet.write(r, 1, row.association).map_err(failed)?;
        sheet.write(r, 2, row.org_number).map_err(failed)?;
        sheet.write(r, 3, row.programme).map_err(failed)?;
        sheet.write(r, 4, row.activity).map_err(failed)?;
        sheet
            .write_number_with_format(r, 5, row.requested_ore as f64 / 100.0, &kronor)
            .map_err(failed)?;
        sheet
            .write(r, 6, super::status_label(row.status))
            .map_err(failed)?;
        sheet
            .write(r, 7, row.assigned.unwrap_or_default())
            .map_err(failed)?;
        if let Some(submitted) = date(&row.submitted) {
            sheet
                .write_datetime_with_format(r, 8, &submitted, &day)
                .map_err(failed)?;
        }
        if let Some(due) = row.due.as_deref().and_then(date) {
            sheet
                .write_datetime_with_format(r, 9, &due, &day)
                .map_err(failed)?;
        }
        sheet.write(r, 10, row.flags.join(", ")).map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    sheet.autofit();
    book.save_to_buffer().map_err(failed)
}

/// The unit head's overview: per programme and per officer, how many cases stand at
/// each stage (drafts are the associations' own and not counted).
pub async fn overview(db: &impl ConnectionTrait) -> Result<super::Overview, DbErr> {
    let stages = [Status::Submitted, Status::Withdrawn];
    let by_programme: Vec<(Uuid, Status, i64)> = application::Entity::find()
        .filter(application::Column::Status.is_in(stages))
        .select_only()
        .column(application::Column::ProgrammeId)
        .column(application::Column::Status)
        .column_as(application::Column::Id.count(), "n")
        .group_by(application::Column::ProgrammeId)
        .group_by(application::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let by_officer: Vec<(Option<Uuid>, Status, i64)> = application::Entity::find()
        .filter(application::Column::Status.is_in(stages))
        .select_only()
        .column(application::Column::AssignedTo)
        .column(application::Column::Status)
        .column_as(application::Column::Id.count(), "n")
        .group_by(application::Column::AssignedTo)
        .group_by(application::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let count = |found: &[(Status, i64)], stage: Status| {
        found
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, n)| *n as u64)
            .sum::<u64>()
    };
    let programmes = programmes(db).await?;
    let programme_rows = programmes
        .iter()
        .map(|p| {
            let found: Vec<(Status, i64)> = by_programme
                .iter()
                .filter(|(id, _, _)| *id == p.id)
                .map(|(_, s, n)| (*s, *n))
                .collect();
            super::OverviewRow {
                key: p.slug.clone(),
                name: p.name.clone(),
                counts: stages.iter().map(|s| count(&found, *s)).collect(),
            }
        })
        .collect();
    let officers = officers(db).await?;
    let mut officer_rows: Vec<super::OverviewRow> = officers
        .iter()
        .map(|(id, name)| {
            let found: Vec<(Status, i64)> = by_officer
                .iter()
                .filter(|(who, _, _)| *who == Some(*id))
                .map(|(_, s, n)| (*s, *n))
                .collect();
            super::OverviewRow {
                key: id.to_string(),
                name: name.clone(),
                counts: stages.iter().map(|s| count(&found, *s)).collect(),
            }
        })
        .collect();
    let nobody: Vec<(Status, i64)> = by_officer
        .iter()
        .filter(|(who, _, _)| who.is_none())
        .map(|(_, s, n)| (*s, *n))
        .collect();
    officer_rows.push(super::OverviewRow {
        key: "ingen".to_owned(),
        name: "Utan handläggare".to_owned(),
        counts: stages.iter().map(|s| count(&nobody, *s)).collect(),
    });
    Ok(super::Overview {
        stages: stages.to_vec(),
        programmes: programme_rows,
        officers: officer_rows,
    })
}
