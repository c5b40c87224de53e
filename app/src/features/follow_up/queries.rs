//! The follow-up's reads: one report as its pages show it, the reports of a case, what
//! blocks an association's next application, the officers' list and the reclaims.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{
    period_text, Overview, OverviewRow, Reckoning, ReclaimView, ReclaimsView, Report, ReportStatus,
    ReportView,
};
use crate::backend::entities::{
    app_user, application, association, follow_up, grant_programme, payment, reclaim,
};
use crate::domain::{money, programme_window::long_date};
use crate::features::payments::{pain001::Payer, PaymentStatus, AFTER_FOLLOW_UP};

/// Who looks at a report.
#[derive(Clone, Copy, Debug)]
pub enum Reader {
    /// A member of the association; `verified` when a verified representative.
    Member {
        verified: bool,
    },
    Staff,
}

async fn names(
    db: &impl ConnectionTrait,
    row: &follow_up::Model,
) -> Result<(application::Model, String, String), DbErr> {
    let case = application::Entity::find_by_id(row.application_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the report's case".into()))?;
    let association = association::Entity::find_by_id(row.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok((case, association, programme))
}

/// The report `number` of case `case`.
pub async fn view(
    db: &impl ConnectionTrait,
    case: Uuid,
    number: i32,
    reader: Reader,
    today: NaiveDate,
    payer: &Payer,
) -> Result<Option<ReportView>, DbErr> {
    let Some(row) = follow_up::Entity::find()
        .filter(follow_up::Column::ApplicationId.eq(case))
        .filter(follow_up::Column::Number.eq(number))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let (case_row, association, programme) = names(db, &row).await?;
    let report: Report = serde_json::from_str(&row.content).unwrap_or_default();
    let status = ReportStatus::parse(&row.status).unwrap_or(ReportStatus::Due);
    let reckoning = Reckoning::of(&report, row.granted_ore);
    let reclaim = reclaim::Entity::find()
        .filter(reclaim::Column::FollowUpId.eq(row.id))
        .one(db)
        .await?;
    let reclaim = match reclaim {
        Some(r) => Some(reclaim_view(db, r, today, payer).await?),
        None => None,
    };
    let waiting_payments = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(case))
        .filter(payment::Column::Condition.eq(AFTER_FOLLOW_UP))
        .filter(payment::Column::DueOn.is_null())
        .filter(payment::Column::Status.ne(PaymentStatus::Paid.as_str()))
        .order_by_asc(payment::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            format!(
                "Delbetalning {} av {}: {}",
                p.number,
                p.of,
                money::format_kr(p.amount_ore)
            )
        })
        .collect();
    let person = |id: Option<Uuid>| async move {
        match id {
            Some(id) => app_user::Entity::find_by_id(id)
                .one(db)
                .await
                .map(|u| u.map(|u| u.display_name)),
            None => Ok(None),
        }
    };
    let time = |at: chrono::DateTime<chrono::Utc>| crate::backend::time::date_of(at);
    let submitted = match row.submitted_at {
        Some(at) => Some(format!(
            "{} av {}",
            long_date(time(at)),
            person(row.submitted_by).await?.unwrap_or_default()
        )),
        None => None,
    };
    let reviewed = match row.reviewed_at {
        Some(at) => Some(format!(
            "{} av {}",
            long_date(time(at)),
            person(row.reviewed_by).await?.unwrap_or_default()
        )),
        None => None,
    };
    let (editable, may_submit) = match reader {
        Reader::Member { verified } => (status.editable(), status.editable() && verified),
        Reader::Staff => (false, false),
    };
    Ok(Some(ReportView {
        id: row.id,
        case_id: case,
        number: row.number,
        of: row.of,
        dnr: case_row.dnr.unwrap_or_default(),
        association,
        programme,
        activity: case_row.activity_name,
        period: period_text(row.period_from, row.period_to),
        due: long_date(row.due_on),
        due_input: row.due_on.to_string(),
        overdue: status.editable() && today > row.due_on,
        status,
        granted: money::format_kr(row.granted_ore),
        report,
        revision: row.revision,
        editable,
        may_submit,
        submitted,
        review_note: row.review_note,
        reviewed,
        reckoning,
        reckoning_text: reckoning.text(),
        reclaim,
        waiting_payments,
    }))
}

async fn reclaim_view(
    db: &impl ConnectionTrait,
    r: reclaim::Model,
    today: NaiveDate,
    payer: &Payer,
) -> Result<ReclaimView, DbErr> {
    let report = follow_up::Entity::find_by_id(r.follow_up_id)
        .one(db)
        .await?;
    let (number, programme_id) = report
        .as_ref()
        .map(|f| (f.number, f.programme_id))
        .unwrap_or((1, Uuid::nil()));
    let association = association::Entity::find_by_id(r.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let programme = grant_programme::Entity::find_by_id(programme_id)
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let decided_by = app_user::Entity::find_by_id(r.decided_by)
        .one(db)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let proposed = r.status == super::commands::RECLAIM_PROPOSED;
    Ok(ReclaimView {
        id: r.id,
        case_id: r.application_id,
        report_number: number,
        dnr: r.reference.clone(),
        association,
        programme,
        amount: money::format_kr(r.amount_ore),
        computed: money::format_kr(r.computed_ore),
        reason: r.reason,
        calculation: r.calculation,
        decided: long_date(r.decided_on),
        decided_by,
        decided_how: r.decided_how,
        proposed,
        due: long_date(r.due_on),
        overdue: !proposed && r.paid_on.is_none() && today > r.due_on,
        reference: r.reference,
        paid: r.paid_on.map(long_date),
        payee: payer.name.clone(),
        bankgiro: payer.bankgiro.clone(),
    })
}

/// The reports of a case: number, of, status, due date.
pub async fn of_case(
    db: &impl ConnectionTrait,
    case: Uuid,
) -> Result<Vec<(i32, i32, ReportStatus, NaiveDate)>, DbErr> {
    Ok(follow_up::Entity::find()
        .filter(follow_up::Column::ApplicationId.eq(case))
        .order_by_asc(follow_up::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.number,
                r.of,
                ReportStatus::parse(&r.status).unwrap_or(ReportStatus::Due),
                r.due_on,
            )
        })
        .collect())
}

/// Why the association cannot send in a new application in the programme on `today`:
/// a report in it is past its due date and not sent in. `None` when nothing blocks.
pub async fn blocking(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    programme_id: Uuid,
    today: NaiveDate,
) -> Result<Option<String>, DbErr> {
    let missing = follow_up::Entity::find()
        .filter(follow_up::Column::AssociationId.eq(association_id))
        .filter(follow_up::Column::ProgrammeId.eq(programme_id))
        .filter(
            follow_up::Column::Status
                .is_in([ReportStatus::Due.as_str(), ReportStatus::Changes.as_str()]),
        )
        .filter(follow_up::Column::DueOn.lt(today))
        .order_by_asc(follow_up::Column::DueOn)
        .one(db)
        .await?;
    let Some(missing) = missing else {
        return Ok(None);
    };
    let case = application::Entity::find_by_id(missing.application_id)
        .one(db)
        .await?;
    let (dnr, activity) = case
        .map(|c| (c.dnr.unwrap_or_default(), c.activity_name))
        .unwrap_or_default();
    Ok(Some(format!(
        "Föreningen kan inte skicka in en ny ansökan i den här bidragsformen förrän återrapporten för {dnr} ({activity}) har kommit in. Den skulle ha lämnats senast {}.",
        long_date(missing.due_on)
    )))
}

/// The officers' list: reports waiting for review, overdue, and due within 60 days.
pub async fn overview(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Overview, DbErr> {
    let horizon = today + chrono::Days::new(60);
    let rows =
        follow_up::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(follow_up::Column::Status.eq(ReportStatus::Submitted.as_str()))
                    .add(
                        sea_orm::Condition::all()
                            .add(follow_up::Column::Status.is_in([
                                ReportStatus::Due.as_str(),
                                ReportStatus::Changes.as_str(),
                            ]))
                            .add(follow_up::Column::DueOn.lte(horizon)),
                    ),
            )
            .order_by_asc(follow_up::Column::DueOn)
            .all(db)
            .await?;
    let cases: HashMap<Uuid, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(rows.iter().map(|r| r.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let associations: HashMap<Uuid, String> = association::Entity::find()
        .filter(association::Column::Id.is_in(rows.iter().map(|r| r.association_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let programmes: HashMap<Uuid, String> = grant_programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut overview = Overview::default();
    for r in rows {
        let status = ReportStatus::parse(&r.status).unwrap_or(ReportStatus::Due);
        let case = cases.get(&r.application_id);
        let row = OverviewRow {
            case_id: r.application_id,
            number: r.number,
            of: r.of,
            dnr: case.and_then(|c| c.dnr.clone()).unwrap_or_default(),
            association: associations
                .get(&r.association_id)
                .cloned()
                .unwrap_or_default(),
            programme: programmes.get(&r.programme_id).cloned().unwrap_or_default(),
            activity: case.map(|c| c.activity_name.clone()).unwrap_or_default(),
            period: period_text(r.period_from, r.period_to),
            due: long_date(r.due_on),
            status,
            days_overdue: (today - r.due_on).num_days().max(0),
        };
        if status == ReportStatus::Submitted {
            overview.waiting.push(row);
        } else if today > r.due_on {
            overview.overdue.push(row);
        } else {
            overview.due.push(row);
        }
    }
    Ok(overview)
}

/// The reclaims, open ones first (oldest due date first), then the paid ones (latest
/// first).
pub async fn reclaims(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    payer: &Payer,
) -> Result<ReclaimsView, DbErr> {
    let rows = reclaim::Entity::find()
        .order_by_asc(reclaim::Column::DueOn)
        .all(db)
        .await?;
    let mut view = ReclaimsView::default();
    let mut open_total = 0;
    for r in rows {
        if r.status == super::commands::RECLAIM_PROPOSED {
            // Not decided yet: nothing for the finance unit to follow.
            continue;
        }
        let open = r.status == "decided";
        if open {
            open_total += r.amount_ore;
        } else if r.amount_ore == 0 {
            // Kept back from an instalment: nothing to follow.
            continue;
        }
        let shown = reclaim_view(db, r, today, payer).await?;
        if open {
            view.open.push(shown);
        } else {
            view.paid.push(shown);
        }
    }
    view.paid.reverse();
    view.open_total = money::format_kr(open_total);
    Ok(view)
}

/// One row of the finance unit's overview: a programme's money in a year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub programme: String,
    pub year: i32,
    pub paid: i64,
    pub due: i64,
    pub held: i64,
    /// Planned for later: a date ahead, or waiting for the follow-up report.
    pub planned: i64,
    pub reclaimed: i64,
    pub repaid: i64,
}

/// The columns of the overview's exports.
pub const TOTALS_COLUMNS: [&str; 8] = [
    "Bidragsform",
    "År",
    "Utbetalt (kr)",
    "Förfallet, ej utbetalt (kr)",
    "Stoppat (kr)",
    "Planerat senare (kr)",
    "Återkrävt (kr)",
    "Återbetalt (kr)",
];

/// Paid, due, held, planned, reclaimed and repaid money per programme and year: a
/// payment counts in the year it was paid or falls due (waiting for a report: this
/// year), a reclaim in the year it was decided and its repayment in the year paid.
pub async fn totals(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Vec<Totals>, DbErr> {
    use chrono::Datelike;
    let programmes: HashMap<Uuid, String> = grant_programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let case_programme: HashMap<Uuid, Uuid> = {
        use sea_orm::QuerySelect;
        application::Entity::find()
            .select_only()
            .column(application::Column::Id)
            .column(application::Column::ProgrammeId)
            .filter(application::Column::Dnr.is_not_null())
            .into_tuple::<(Uuid, Uuid)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let mut rows: std::collections::BTreeMap<(String, i32), Totals> = Default::default();
    let key = |case: Uuid, year: i32| {
        let programme = case_programme
            .get(&case)
            .and_then(|p| programmes.get(p))
            .cloned()
            .unwrap_or_default();
        (programme, year)
    };
    fn slot(
        rows: &mut std::collections::BTreeMap<(String, i32), Totals>,
        key: (String, i32),
    ) -> &mut Totals {
        rows.entry(key.clone()).or_insert_with(|| Totals {
            programme: key.0,
            year: key.1,
            ..Default::default()
        })
    }
    for p in payment::Entity::find().all(db).await? {
        let status = PaymentStatus::parse(&p.status).unwrap_or(PaymentStatus::Planned);
        let year = p.paid_on.or(p.due_on).unwrap_or(today).year();
        let row = slot(&mut rows, key(p.application_id, year));
        match status {
            PaymentStatus::Paid => row.paid += p.amount_ore,
            PaymentStatus::Held => row.held += p.amount_ore,
            PaymentStatus::Batched => row.due += p.amount_ore,
            PaymentStatus::Planned => match p.due_on {
                Some(day) if day <= today => row.due += p.amount_ore,
                _ => row.planned += p.amount_ore,
            },
        }
    }
    for r in reclaim::Entity::find()
        .filter(reclaim::Column::Status.ne(super::commands::RECLAIM_PROPOSED))
        .all(db)
        .await?
    {
        slot(&mut rows, key(r.application_id, r.decided_on.year())).reclaimed += r.amount_ore;
        if let Some(day) = r.paid_on {
            slot(&mut rows, key(r.application_id, day.year())).repaid += r.amount_ore;
        }
    }
    Ok(rows.into_values().collect())
}

/// The overview as CSV for a Swedish spreadsheet (semicolons, UTF-8 with a byte order
/// mark, whole kronor).
pub fn totals_csv(rows: &[Totals]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    out.write_record(TOTALS_COLUMNS)?;
    for r in rows {
        let kr = |ore: i64| (ore / 100).to_string();
        // A name a spreadsheet would read as a formula is written as text.
        let programme = if r.programme.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{}", r.programme)
        } else {
            r.programme.clone()
        };
        out.write_record([
            programme,
            r.year.to_string(),
            kr(r.paid),
            kr(r.due),
            kr(r.held),
            kr(r.planned),
            kr(r.reclaimed),
            kr(r.repaid),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// The overview as an Excel workbook: amounts as numbers, the header row bold.
pub fn totals_xlsx(rows: &[Totals]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Per bidragsform och år")?;
    let bold = Format::new().set_bold();
    let kronor = Format::new().set_num_format("# ##0 \"kr\"");
    for (column, name) in TOTALS_COLUMNS.iter().enumerate() {
        sheet.write_with_format(0, column as u16, *name, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write(row, 0, r.programme.as_str())?;
        sheet.write(row, 1, r.year)?;
        for (column, ore) in [r.paid, r.due, r.held, r.planned, r.reclaimed, r.repaid]
            .into_iter()
            .enumerate()
        {
            sheet.write_number_with_format(row, column as u16 + 2, ore as f64 / 100.0, &kronor)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
