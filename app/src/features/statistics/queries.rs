//! The figures, from the public records and the applications sent in.
use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::{ChildrenRow, GenderRow, ProgrammeRow, StatisticsView};
use crate::backend::entities::{application, grant_programme, public_decision};
use crate::features::applications::Content;
use crate::features::committee::Outcome;

fn granted(decision: &public_decision::Model) -> bool {
    matches!(
        Outcome::parse(&decision.outcome),
        Some(Outcome::Granted | Outcome::PartlyGranted)
    )
}

/// Every figure of the page; the programme table for `year` (the latest year with
/// figures when `None` or a year without any).
pub async fn figures(
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> Result<StatisticsView, DbErr> {
    let programmes: Vec<(Uuid, String)> = grant_programme::Entity::find()
        .order_by_asc(grant_programme::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let received: Vec<(Uuid, Option<chrono::DateTime<chrono::Utc>>)> = application::Entity::find()
        .select_only()
        .column(application::Column::ProgrammeId)
        .column(application::Column::SubmittedAt)
        .filter(application::Column::Dnr.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let decisions = public_decision::Entity::find().all(db).await?;

    let mut years: Vec<i32> = decisions
        .iter()
        .map(|d| d.year)
        .chain(
            received
                .iter()
                .filter_map(|(_, at)| at.map(|at| crate::backend::time::date_of(at).year())),
        )
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let year = match year {
        Some(y) if years.contains(&y) => y,
        _ => years
            .first()
            .copied()
            .unwrap_or_else(|| crate::backend::time::today().year()),
    };

    // The programme table of the year.
    let mut rows: Vec<ProgrammeRow> = programmes
        .iter()
        .map(|(_, name)| ProgrammeRow {
            programme: name.clone(),
            ..ProgrammeRow::default()
        })
        .collect();
    let index: HashMap<Uuid, usize> = programmes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    for (programme, at) in &received {
        let in_year = at.is_some_and(|at| crate::backend::time::date_of(at).year() == year);
        if let (true, Some(&i)) = (in_year, index.get(programme)) {
            rows[i].received += 1;
        }
    }
    for decision in decisions.iter().filter(|d| d.year == year) {
        let Some(&i) = index.get(&decision.programme_id) else {
            continue;
        };
        let row = &mut rows[i];
        row.decided += 1;
        row.requested_ore += decision.requested_ore;
        if granted(decision) {
            row.granted += 1;
            row.granted_ore += decision.amount_ore.unwrap_or(0);
        }
    }
    let mut total = ProgrammeRow {
        programme: "Totalt".to_owned(),
        ..ProgrammeRow::default()
    };
    for row in &rows {
        total.received += row.received;
        total.decided += row.decided;
        total.granted += row.granted;
        total.requested_ore += row.requested_ore;
        total.granted_ore += row.granted_ore;
    }

    // Children and youth, and the gender split, per year: from the granted
    // applications' own answers.
    let granted_ids: Vec<Uuid> = decisions
        .iter()
        .filter(|d| granted(d))
        .map(|d| d.application_id)
        .collect();
    let contents: HashMap<Uuid, Content> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .column(application::Column::Content)
        .filter(application::Column::Id.is_in(granted_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, json)| serde_json::from_str(&json).ok().map(|c| (id, c)))
        .collect();
    let mut children: BTreeMap<i32, ChildrenRow> = BTreeMap::new();
    let mut gender: BTreeMap<i32, (u64, u64, u64, u64)> = BTreeMap::new();
    for decision in decisions.iter().filter(|d| granted(d)) {
        let amount = decision.amount_ore.unwrap_or(0);
        let row = children
            .entry(decision.year)
            .or_insert_with(|| ChildrenRow {
                year: decision.year,
                ..ChildrenRow::default()
            });
        row.granted_ore += amount;
        let Some(content) = contents.get(&decision.application_id) else {
            continue;
        };
        if content.children || content.young_adults {
            row.children_ore += amount;
        }
        if let (Some(w), Some(m)) = (content.share_women, content.share_men) {
            let split = gender.entry(decision.year).or_default();
            split.0 += 1;
            split.1 += u64::from(w);
            split.2 += u64::from(m);
            split.3 += u64::from(content.share_other.unwrap_or(0));
        }
    }
    let children: Vec<ChildrenRow> = children.into_values().rev().collect();
    let gender: Vec<GenderRow> = gender
        .into_iter()
        .rev()
        .map(|(year, (n, w, m, o))| {
            let mean = |sum: u64| ((sum + n / 2) / n) as u32;
            GenderRow {
                year,
                applications: n,
                women: mean(w),
                men: mean(m),
                other: mean(o),
            }
        })
        .collect();

    Ok(StatisticsView {
        amounts_chart: super::charts::amounts(&rows),
        children_chart: super::charts::children(&children),
        gender_chart: super::charts::gender(&gender),
        year,
        years,
        programmes: rows,
        total,
        children,
        gender,
    })
}

/// A text cell that a spreadsheet will not read as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The table `table` (one of [`super::TABLES`]) of `view` as CSV for a Swedish
/// spreadsheet (semicolons, UTF-8 with a byte order mark, amounts in whole kronor,
/// shares in percent with a decimal comma); `None` for another name.
pub fn csv(view: &StatisticsView, table: &str) -> Option<Result<Vec<u8>, csv::Error>> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let written = (|| -> Result<(), csv::Error> {
        match table {
            "bidragsformer" => {
                out.write_record([
                    "År",
                    "Bidragsform",
                    "Inkomna",
                    "Beslutade",
                    "Beviljade",
                    "Andel beviljade (%)",
                    "Sökt belopp, beslutade (kr)",
                    "Beviljat belopp (kr)",
                ])?;
                for r in view.programmes.iter().chain(std::iter::once(&view.total)) {
                    out.write_record([
                        view.year.to_string(),
                        cell(&r.programme),
                        r.received.to_string(),
                        r.decided.to_string(),
                        r.granted.to_string(),
                        r.granted_percent()
                            .map(|p| p.to_string())
                            .unwrap_or_default(),
                        (r.requested_ore / 100).to_string(),
                        (r.granted_ore / 100).to_string(),
                    ])?;
                }
            }
            "barn-och-unga" => {
                out.write_record([
                    "År",
                    "Beviljat totalt (kr)",
                    "Varav barn och unga (kr)",
                    "Andel (%)",
                ])?;
                for r in &view.children {
                    out.write_record([
                        r.year.to_string(),
                        (r.granted_ore / 100).to_string(),
                        (r.children_ore / 100).to_string(),
                        r.permille()
                            .map(|p| format!("{},{}", p / 10, p % 10))
                            .unwrap_or_default(),
                    ])?;
                }
            }
            _ => {
                out.write_record([
                    "År",
                    "Kvinnor (%)",
                    "Män (%)",
                    "Annat eller vill inte ange (%)",
                    "Antal ansökningar",
                ])?;
                for r in &view.gender {
                    out.write_record([
                        r.year.to_string(),
                        r.women.to_string(),
                        r.men.to_string(),
                        r.other.to_string(),
                        r.applications.to_string(),
                    ])?;
                }
            }
        }
        Ok(())
    })();
    if !super::TABLES.contains(&table) {
        return None;
    }
    Some(written.and_then(|()| out.into_inner().map_err(|e| e.into_error().into())))
}
