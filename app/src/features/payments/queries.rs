//! What the payment pages read.
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::commands::{account_label, is_due};
use super::{
    BatchRow, BatchStatus, BatchView, CasePayments, FinanceView, PaymentRow, PaymentStatus,
    TotalRow, AFTER_FOLLOW_UP,
};
use crate::backend::entities::{
    app_user, application, association, grant_programme, payment, payment_batch,
};
use crate::backend::time;
use crate::domain::money;
use crate::domain::programme_window::long_date;

/// The pages' rows for `payments`, in their order.
async fn rows(
    db: &impl ConnectionTrait,
    payments: Vec<payment::Model>,
    today: NaiveDate,
) -> Result<Vec<PaymentRow>, DbErr> {
    let cases: HashMap<Uuid, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(payments.iter().map(|p| p.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let associations: HashMap<Uuid, association::Model> = association::Entity::find()
        .filter(association::Column::Id.is_in(payments.iter().map(|p| p.association_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let programmes: HashMap<Uuid, String> = grant_programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let batches: HashMap<Uuid, String> = payment_batch::Entity::find()
        .filter(payment_batch::Column::Id.is_in(payments.iter().filter_map(|p| p.batch_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.number))
        .collect();
    Ok(payments
        .into_iter()
        .map(|p| {
            let case = cases.get(&p.application_id);
            let association = associations.get(&p.association_id);
            let status = PaymentStatus::parse(&p.status).unwrap_or(PaymentStatus::Planned);
            let settled = matches!(status, PaymentStatus::Batched | PaymentStatus::Paid);
            let (bankgiro, plusgiro) = if settled {
                (p.paid_bankgiro.clone(), p.paid_plusgiro.clone())
            } else {
                association
                    .map(|a| (a.bankgiro.clone(), a.plusgiro.clone()))
                    .unwrap_or_default()
            };
            let mut warnings = Vec::new();
            if !settled {
                if bankgiro.trim().is_empty() && plusgiro.trim().is_empty() {
                    warnings.push("Föreningen har inget bankgiro eller plusgiro. Utbetalningen kan inte göras förrän det finns.".to_owned());
                } else if (bankgiro.as_str(), plusgiro.as_str())
                    != (p.decided_bankgiro.as_str(), p.decided_plusgiro.as_str())
                {
                    warnings.push(format!(
                        "Kontot har ändrats efter beslutet: från {} till {}. Kontrollera ändringen innan utbetalningen.",
                        or_none(account_label(&p.decided_bankgiro, &p.decided_plusgiro)),
                        account_label(&bankgiro, &plusgiro)
                    ));
                }
            }
            let risk = (!matches!(status, PaymentStatus::Paid) && today < p.legal_force_on).then(|| {
                format!(
                    "Beslutet vinner laga kraft {} om det inte överklagas. En utbetalning före dess sker på kommunens risk.",
                    long_date(p.legal_force_on)
                )
            });
            let due = match (p.due_on, p.condition.as_str()) {
                (Some(day), _) => day.to_string(),
                (None, AFTER_FOLLOW_UP) => "När återrapporten är godkänd".to_owned(),
                (None, _) => String::new(),
            };
            PaymentRow {
                id: p.id,
                case_id: p.application_id,
                dnr: case.and_then(|c| c.dnr.clone()).unwrap_or_default(),
                association: association.map(|a| a.name.clone()).unwrap_or_default(),
                programme: case
                    .and_then(|c| programmes.get(&c.programme_id).cloned())
                    .unwrap_or_default(),
                instalment: format!("{} av {}", p.number, p.of),
                amount: money::format_kr(p.amount_ore),
                due,
                status: status.as_str().to_owned(),
                status_label: match p.paid_on {
                    Some(day) => format!("Utbetald {day}"),
                    None => status.label().to_owned(),
                },
                hold_reason: p.hold_reason.clone(),
                account: account_label(&bankgiro, &plusgiro),
                warnings,
                risk,
                batch: p.batch_id.map(|id| (id, batches.get(&id).cloned().unwrap_or_default())),
            }
        })
        .collect())
}

fn or_none(label: String) -> String {
    if label.is_empty() {
        "inget konto".to_owned()
    } else {
        label
    }
}

/// A case's payments for its officer; `None` when the case does not exist.
pub async fn case(
    db: &impl ConnectionTrait,
    id: Uuid,
    today: NaiveDate,
) -> Result<Option<CasePayments>, DbErr> {
    let Some(case) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(dnr) = case.dnr.clone() else {
        return Ok(None);
    };
    let association = association::Entity::find_by_id(case.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let payments = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(id))
        .order_by_asc(payment::Column::Number)
        .all(db)
        .await?;
    let granted: i64 = payments.iter().map(|p| p.amount_ore).sum();
    let legal_force = payments
        .first()
        .map(|p| long_date(p.legal_force_on))
        .unwrap_or_default();
    let editable = !payments.is_empty()
        && payments.iter().all(|p| {
            matches!(
                PaymentStatus::parse(&p.status),
                Some(PaymentStatus::Planned | PaymentStatus::Held)
            )
        });
    let plan = payments
        .iter()
        .map(|p| {
            let (when, date) = match p.due_on {
                Some(day) => ("datum".to_owned(), day.to_string()),
                None => ("aterrapport".to_owned(), String::new()),
            };
            (
                "belopp".to_owned(),
                money::to_input(p.amount_ore),
                when,
                date,
            )
        })
        .collect();
    Ok(Some(CasePayments {
        case_id: id,
        dnr,
        association,
        activity: case.activity_name,
        granted: money::format_kr(granted),
        legal_force,
        rows: rows(db, payments, today).await?,
        editable,
        plan,
    }))
}

fn batch_row(b: &payment_batch::Model, names: &HashMap<Uuid, String>) -> BatchRow {
    let name = |id: Option<Uuid>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_default()
    };
    let status = BatchStatus::parse(&b.status).unwrap_or(BatchStatus::Prepared);
    BatchRow {
        id: b.id,
        number: b.number.clone(),
        status: status.as_str().to_owned(),
        status_label: status.label().to_owned(),
        execute_on: b.execute_on.to_string(),
        total: money::format_kr(b.total_ore),
        payments: b.payments,
        prepared: format!(
            "{}, {}",
            name(Some(b.prepared_by)),
            time::date_time(b.prepared_at)
        ),
        attested: b
            .attested_at
            .map(|at| format!("{}, {}", name(b.attested_by), time::date_time(at))),
        exported: b
            .exported_at
            .map(|at| format!("{}, {}", name(b.exported_by), time::date_time(at))),
        paid_on: b.paid_on.map(|d| d.to_string()),
    }
}

async fn names(
    db: &impl ConnectionTrait,
    batches: &[payment_batch::Model],
) -> Result<HashMap<Uuid, String>, DbErr> {
    let ids = batches.iter().flat_map(|b| {
        [Some(b.prepared_by), b.attested_by, b.exported_by, b.paid_by]
            .into_iter()
            .flatten()
    });
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The finance unit's page: due payments, the ones waiting, the payment orders, and
/// the totals per programme and year.
pub async fn finance(db: &impl ConnectionTrait, today: NaiveDate) -> Result<FinanceView, DbErr> {
    let all = payment::Entity::find()
        .order_by_asc(payment::Column::DueOn)
        .order_by_asc(payment::Column::CreatedAt)
        .all(db)
        .await?;
    let cases: HashMap<Uuid, Uuid> = application::Entity::find()
        .filter(application::Column::Id.is_in(all.iter().map(|p| p.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.programme_id))
        .collect();
    let programmes: HashMap<Uuid, String> = grant_programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    // programme, year -> paid, in orders, due, held, waiting
    let mut sums: BTreeMap<(String, i32), [i64; 5]> = BTreeMap::new();
    for p in &all {
        let programme = cases
            .get(&p.application_id)
            .and_then(|id| programmes.get(id))
            .cloned()
            .unwrap_or_default();
        let year = p
            .paid_on
            .or(p.due_on)
            .map(|d| d.year())
            .unwrap_or_else(|| time::date_of(p.created_at).year());
        let slot = match PaymentStatus::parse(&p.status) {
            Some(PaymentStatus::Paid) => 0,
            Some(PaymentStatus::Batched) => 1,
            Some(PaymentStatus::Held) => 3,
            _ if is_due(p, today) => 2,
            _ => 4,
        };
        sums.entry((programme, year)).or_default()[slot] += p.amount_ore;
    }
    let totals = sums
        .into_iter()
        .rev()
        .map(|((programme, year), s)| TotalRow {
            programme,
            year,
            paid: money::format_kr(s[0]),
            in_orders: money::format_kr(s[1]),
            due: money::format_kr(s[2]),
            held: money::format_kr(s[3]),
            waiting: money::format_kr(s[4]),
        })
        .collect();
    let (due, rest): (Vec<payment::Model>, Vec<payment::Model>) =
        all.into_iter().partition(|p| is_due(p, today));
    let due_total = money::format_kr(due.iter().map(|p| p.amount_ore).sum());
    let waiting: Vec<payment::Model> = rest
        .into_iter()
        .filter(|p| {
            matches!(
                PaymentStatus::parse(&p.status),
                Some(PaymentStatus::Planned | PaymentStatus::Held)
            )
        })
        .collect();
    let batches = payment_batch::Entity::find()
        .order_by_desc(payment_batch::Column::PreparedAt)
        .all(db)
        .await?;
    let people = names(db, &batches).await?;
    Ok(FinanceView {
        due: rows(db, due, today).await?,
        due_total,
        waiting: rows(db, waiting, today).await?,
        batches: batches.iter().map(|b| batch_row(b, &people)).collect(),
        totals,
        today: today.to_string(),
    })
}

/// One payment order for `viewer`; `None` when there is no such order.
pub async fn batch(
    db: &impl ConnectionTrait,
    id: Uuid,
    viewer: Uuid,
    today: NaiveDate,
) -> Result<Option<BatchView>, DbErr> {
    let Some(batch) = payment_batch::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let payments = payment::Entity::find()
        .filter(payment::Column::BatchId.eq(id))
        .order_by_asc(payment::Column::CreatedAt)
        .all(db)
        .await?;
    let people = names(db, std::slice::from_ref(&batch)).await?;
    Ok(Some(BatchView {
        batch: batch_row(&batch, &people),
        rows: rows(db, payments, today).await?,
        prepared_by_viewer: batch.prepared_by == viewer,
    }))
}
