//! The payments' state changes: the plan made at justering and changed by the officer,
//! holding and releasing a payment, and the payment order's way from prepared to
//! attested (by someone else), exported once and paid.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::pain001::{self, Payer};
use super::{amounts, field, read_plan, BatchStatus, PaymentStatus, When, AFTER_FOLLOW_UP};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{app_user, application, association, payment, payment_batch},
    events::{self, NewEvent},
};
use crate::domain::money;

async fn officer(db: &impl ConnectionTrait, id: Uuid) -> Result<app_user::Model, CommandError> {
    crate::backend::users::officer(db, id, "Bara handläggare ändrar utbetalningarna.").await
}

async fn finance(db: &impl ConnectionTrait, id: Uuid) -> Result<app_user::Model, CommandError> {
    app_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|u| u.active && u.role.handles_payments())
        .ok_or_else(|| {
            CommandError::Forbidden("Bara ekonomienheten hanterar betalningsordrar.".into())
        })
}

/// The case's payment plan when the minutes granting `amount` are justerade on
/// `justered`: the whole amount at once, due that day. Runs in the justering's
/// transaction.
pub async fn plan_on_justering(
    txn: &impl ConnectionTrait,
    actor: Uuid,
    case: &application::Model,
    amount: i64,
    justered: NaiveDate,
    legal_force: NaiveDate,
) -> Result<(), CommandError> {
    if amount <= 0 {
        return Ok(());
    }
    let giro = association::Entity::find_by_id(case.association_id)
        .one(txn)
        .await?
        .map(|a| (a.bankgiro, a.plusgiro))
        .unwrap_or_default();
    payment::Entity::insert(new_payment(
        case,
        1,
        1,
        amount,
        When::On(justered),
        legal_force,
        &giro,
    ))
    .exec_without_returning(txn)
    .await?;
    events::record(
        txn,
        NewEvent::about(
            "application",
            case.id,
            "payment.planned",
            Some(actor),
            json!({ "dnr": case.dnr, "instalments": 1, "amount_ore": amount }),
        ),
        vec![],
    )
    .await?;
    Ok(())
}

fn new_payment(
    case: &application::Model,
    number: i32,
    of: i32,
    amount: i64,
    when: When,
    legal_force: NaiveDate,
    giro: &(String, String),
) -> payment::ActiveModel {
    let (due_on, condition) = match when {
        When::On(day) => (Some(day), String::new()),
        When::FollowUpApproved => (None, AFTER_FOLLOW_UP.to_owned()),
    };
    payment::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(case.id),
        association_id: Set(case.association_id),
        number: Set(number),
        of: Set(of),
        amount_ore: Set(amount),
        due_on: Set(due_on),
        condition: Set(condition),
        status: Set(PaymentStatus::Planned.as_str().to_owned()),
        hold_reason: Set(String::new()),
        legal_force_on: Set(legal_force),
        decided_bankgiro: Set(giro.0.clone()),
        decided_plusgiro: Set(giro.1.clone()),
        batch_id: Set(None),
        paid_bankgiro: Set(String::new()),
        paid_plusgiro: Set(String::new()),
        paid_on: Set(None),
        created_at: Set(Utc::now()),
    }
}

/// `actor` replaces the case's payment plan with the one in `form`; all of it or
/// nothing, and only while no payment is in a payment order or paid.
#[tracing::instrument(skip_all, fields(case = %case_id))]
pub async fn set_plan(
    ctx: &Ctx,
    actor: Uuid,
    case_id: Uuid,
    form: &HashMap<String, String>,
) -> Result<usize, CommandError> {
    officer(&ctx.db, actor).await?;
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let plan = read_plan(get).map_err(CommandError::InvalidAnswers)?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let case = application::Entity::find_by_id(case_id)
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let existing = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(case_id))
        .order_by_asc(payment::Column::Number)
        .all(&txn)
        .await?;
    let Some(first) = existing.first().cloned() else {
        return Err(CommandError::Conflict(
            "Ärendet har inga utbetalningar: bara beviljade ärenden med justerat protokoll betalas ut."
                .into(),
        ));
    };
    if existing.iter().any(|p| {
        PaymentStatus::parse(&p.status)
            .is_some_and(|s| matches!(s, PaymentStatus::Batched | PaymentStatus::Paid))
    }) {
        return Err(CommandError::Conflict(
            "En utbetalning är redan lagd i en betalningsorder eller utbetald, så planen kan inte ändras."
                .into(),
        ));
    }
    let granted: i64 = existing.iter().map(|p| p.amount_ore).sum();
    let sums = amounts(&plan, granted).map_err(|message| {
        CommandError::InvalidAnswers(vec![(field::of(field::SHARE, 1), message)])
    })?;
    payment::Entity::delete_many()
        .filter(payment::Column::ApplicationId.eq(case_id))
        .exec(&txn)
        .await?;
    let giro = (
        first.decided_bankgiro.clone(),
        first.decided_plusgiro.clone(),
    );
    let of = plan.len() as i32;
    let rows: Vec<payment::ActiveModel> = plan
        .iter()
        .zip(&sums)
        .enumerate()
        .map(|(i, (instalment, amount))| {
            new_payment(
                &case,
                i as i32 + 1,
                of,
                *amount,
                instalment.when,
                first.legal_force_on,
                &giro,
            )
        })
        .collect();
    payment::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            case_id,
            "payment.planned",
            Some(actor),
            json!({ "dnr": case.dnr, "instalments": of, "amounts_ore": sums }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(plan.len())
}

/// A planned payment of a case the officer handles: stopped with `reason`, or (with
/// `None`) released again.
#[tracing::instrument(skip_all, fields(payment = %payment_id))]
pub async fn hold(
    ctx: &Ctx,
    actor: Uuid,
    payment_id: Uuid,
    reason: Option<&str>,
) -> Result<Uuid, CommandError> {
    officer(&ctx.db, actor).await?;
    let reason = reason.map(str::trim);
    if let Some(reason) = reason {
        if reason.is_empty() {
            return Err(CommandError::Invalid(vec![(
                field::REASON,
                "Skriv varför utbetalningen stoppas.".into(),
            )]));
        }
        if reason.chars().count() > 500 {
            return Err(CommandError::Invalid(vec![(
                field::REASON,
                "Skälet får vara högst 500 tecken.".into(),
            )]));
        }
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let row = payment::Entity::find_by_id(payment_id)
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    let (from, to, event) = match reason {
        Some(_) => (PaymentStatus::Planned, PaymentStatus::Held, "payment.held"),
        None => (
            PaymentStatus::Held,
            PaymentStatus::Planned,
            "payment.released",
        ),
    };
    if row.status != from.as_str() {
        return Err(CommandError::Conflict(match to {
            PaymentStatus::Held => {
                "Bara en planerad utbetalning som inte är i en betalningsorder kan stoppas.".into()
            }
            _ => "Utbetalningen är inte stoppad.".into(),
        }));
    }
    payment::Entity::update_many()
        .col_expr(payment::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            payment::Column::HoldReason,
            Expr::value(reason.unwrap_or_default()),
        )
        .filter(payment::Column::Id.eq(payment_id))
        .filter(payment::Column::Status.eq(from.as_str()))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            row.application_id,
            event,
            Some(actor),
            json!({ "payment": payment_id, "number": row.number, "of": row.of, "reason": reason }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(row.application_id)
}

/// Whether `row` falls due on `today`: planned, on a date that has come.
pub fn is_due(row: &payment::Model, today: NaiveDate) -> bool {
    row.status == PaymentStatus::Planned.as_str()
        && row.condition.is_empty()
        && row.due_on.is_some_and(|day| day <= today)
}

/// The giro number the money goes to, as digits: the bankgiro when there is one.
pub fn account_of(bankgiro: &str, plusgiro: &str) -> Option<pain001::Account> {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if !digits(bankgiro).is_empty() {
        Some(pain001::Account::Bankgiro(digits(bankgiro)))
    } else if !digits(plusgiro).is_empty() {
        Some(pain001::Account::Plusgiro(digits(plusgiro)))
    } else {
        None
    }
}

/// `actor` of the finance unit gathers every due payment whose association has a giro
/// number into a new payment order to be executed on `execute_on`.
#[tracing::instrument(skip_all)]
pub async fn prepare(ctx: &Ctx, actor: Uuid, execute_on: &str) -> Result<Uuid, CommandError> {
    finance(&ctx.db, actor).await?;
    let day = crate::domain::validation::date_typed(field::EXECUTE_ON, execute_on)
        .map_err(|p| CommandError::Invalid(vec![p]))?;
    if day < ctx.today {
        return Err(CommandError::Invalid(vec![(
            field::EXECUTE_ON,
            "Utbetalningsdagen kan inte vara passerad.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let planned = payment::Entity::find()
        .filter(payment::Column::Status.eq(PaymentStatus::Planned.as_str()))
        .filter(payment::Column::DueOn.lte(ctx.today))
        .order_by_asc(payment::Column::DueOn)
        .all(&txn)
        .await?;
    let associations: HashMap<Uuid, association::Model> = association::Entity::find()
        .filter(association::Column::Id.is_in(planned.iter().map(|p| p.association_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let due: Vec<(payment::Model, &association::Model)> = planned
        .into_iter()
        .filter(|p| is_due(p, ctx.today))
        .filter_map(|p| {
            let a = associations.get(&p.association_id)?;
            account_of(&a.bankgiro, &a.plusgiro).map(|_| (p, a))
        })
        .collect();
    if due.is_empty() {
        return Err(CommandError::Conflict(
            "Det finns inga förfallna utbetalningar att lägga i en betalningsorder.".into(),
        ));
    }
    let year = ctx.today.year();
    let earlier = payment_batch::Entity::find()
        .filter(payment_batch::Column::Number.starts_with(format!("{year}-")))
        .count(&txn)
        .await?;
    let id = Uuid::now_v7();
    let number = format!("{year}-{:03}", earlier + 1);
    let total: i64 = due.iter().map(|(p, _)| p.amount_ore).sum();
    payment_batch::Entity::insert(payment_batch::ActiveModel {
        id: Set(id),
        number: Set(number.clone()),
        status: Set(BatchStatus::Prepared.as_str().to_owned()),
        execute_on: Set(day),
        total_ore: Set(total),
        payments: Set(due.len() as i32),
        prepared_by: Set(actor),
        prepared_at: Set(Utc::now()),
        attested_by: Set(None),
        attested_at: Set(None),
        file: Set(None),
        exported_by: Set(None),
        exported_at: Set(None),
        paid_by: Set(None),
        paid_on: Set(None),
    })
    .exec_without_returning(&txn)
    .await?;
    let mut recorded = Vec::new();
    for (row, association) in &due {
        payment::Entity::update_many()
            .col_expr(
                payment::Column::Status,
                Expr::value(PaymentStatus::Batched.as_str()),
            )
            .col_expr(payment::Column::BatchId, Expr::value(id))
            .col_expr(
                payment::Column::PaidBankgiro,
                Expr::value(association.bankgiro.clone()),
            )
            .col_expr(
                payment::Column::PaidPlusgiro,
                Expr::value(association.plusgiro.clone()),
            )
            .filter(payment::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        recorded.push(NewEvent::about(
            "application",
            row.application_id,
            "payment.batched",
            Some(actor),
            json!({ "payment": row.id, "number": row.number, "of": row.of, "batch": number, "amount_ore": row.amount_ore }),
        ));
    }
    recorded.push(NewEvent::about(
        "payment_batch",
        id,
        "payment_batch.prepared",
        Some(actor),
        json!({ "number": number, "payments": due.len(), "total_ore": total, "execute_on": day }),
    ));
    events::record_many(&txn, recorded, vec![]).await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}

async fn batch_in(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<payment_batch::Model, CommandError> {
    payment_batch::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)
}

/// `actor` cancels a payment order nobody has attested: its payments are planned again.
#[tracing::instrument(skip_all, fields(batch = %batch_id))]
pub async fn cancel(ctx: &Ctx, actor: Uuid, batch_id: Uuid) -> Result<(), CommandError> {
    finance(&ctx.db, actor).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let batch = batch_in(&txn, batch_id).await?;
    if batch.status != BatchStatus::Prepared.as_str() {
        return Err(CommandError::Conflict(
            "Bara en betalningsorder som inte är attesterad kan makuleras.".into(),
        ));
    }
    payment::Entity::update_many()
        .col_expr(
            payment::Column::Status,
            Expr::value(PaymentStatus::Planned.as_str()),
        )
        .col_expr(payment::Column::BatchId, Expr::value(Option::<Uuid>::None))
        .col_expr(payment::Column::PaidBankgiro, Expr::value(""))
        .col_expr(payment::Column::PaidPlusgiro, Expr::value(""))
        .filter(payment::Column::BatchId.eq(batch_id))
        .exec(&txn)
        .await?;
    payment_batch::Entity::update_many()
        .col_expr(
            payment_batch::Column::Status,
            Expr::value(BatchStatus::Cancelled.as_str()),
        )
        .filter(payment_batch::Column::Id.eq(batch_id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "payment_batch",
            batch_id,
            "payment_batch.cancelled",
            Some(actor),
            json!({ "number": batch.number }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// `actor`, who did not prepare it, attests the payment order; its pain.001 file is
/// written now, once, from `payer`'s account.
#[tracing::instrument(skip_all, fields(batch = %batch_id))]
pub async fn attest(
    ctx: &Ctx,
    actor: Uuid,
    batch_id: Uuid,
    payer: &Payer,
) -> Result<(), CommandError> {
    finance(&ctx.db, actor).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let batch = batch_in(&txn, batch_id).await?;
    if batch.status != BatchStatus::Prepared.as_str() {
        return Err(CommandError::Conflict(
            "Betalningsordern är redan attesterad eller makulerad.".into(),
        ));
    }
    if batch.prepared_by == actor {
        return Err(CommandError::Conflict(
            "Du har själv förberett betalningsordern. En annan person ska attestera den.".into(),
        ));
    }
    let rows = payment::Entity::find()
        .filter(payment::Column::BatchId.eq(batch_id))
        .order_by_asc(payment::Column::CreatedAt)
        .all(&txn)
        .await?;
    let cases: HashMap<Uuid, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(rows.iter().map(|p| p.application_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let names: HashMap<Uuid, String> = association::Entity::find()
        .filter(association::Column::Id.is_in(rows.iter().map(|p| p.association_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut transfers = Vec::with_capacity(rows.len());
    for row in &rows {
        let dnr = cases
            .get(&row.application_id)
            .and_then(|c| c.dnr.clone())
            .unwrap_or_default();
        let account = account_of(&row.paid_bankgiro, &row.paid_plusgiro).ok_or_else(|| {
            CommandError::Conflict(format!(
                "Utbetalningen i {dnr} saknar bankgiro och plusgiro."
            ))
        })?;
        transfers.push(pain001::Transfer {
            end_to_end: format!("{dnr}-{}", row.number),
            amount_ore: row.amount_ore,
            creditor: names.get(&row.association_id).cloned().unwrap_or_default(),
            account,
            message: format!("Bidrag {dnr}, utbetalning {} av {}", row.number, row.of),
        });
    }
    let now = Utc::now();
    let file = pain001::document(
        &format!("FP-{}", batch.number),
        now,
        batch.execute_on,
        payer,
        &transfers,
    );
    payment_batch::Entity::update_many()
        .col_expr(
            payment_batch::Column::Status,
            Expr::value(BatchStatus::Attested.as_str()),
        )
        .col_expr(payment_batch::Column::AttestedBy, Expr::value(actor))
        .col_expr(payment_batch::Column::AttestedAt, Expr::value(now))
        .col_expr(payment_batch::Column::File, Expr::value(file))
        .filter(payment_batch::Column::Id.eq(batch_id))
        .filter(payment_batch::Column::Status.eq(BatchStatus::Prepared.as_str()))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "payment_batch",
            batch_id,
            "payment_batch.attested",
            Some(actor),
            json!({ "number": batch.number, "total_ore": batch.total_ore }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// The attested order's file for download.
pub struct Export {
    pub number: String,
    pub file: String,
    /// When it was first downloaded before this time, and by whom.
    pub earlier: Option<(String, String)>,
}

/// `actor` downloads the attested order's pain.001 file. The first download is the
/// export (an event); a later one gets the very same file and is told so.
#[tracing::instrument(skip_all, fields(batch = %batch_id))]
pub async fn export(ctx: &Ctx, actor: Uuid, batch_id: Uuid) -> Result<Export, CommandError> {
    finance(&ctx.db, actor).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let batch = batch_in(&txn, batch_id).await?;
    let Some(file) = batch.file.clone() else {
        return Err(CommandError::Conflict(
            "Betalningsordern ska attesteras av en andra person innan filen kan hämtas.".into(),
        ));
    };
    let earlier = match (batch.exported_at, batch.exported_by) {
        (Some(at), Some(by)) => {
            let name = app_user::Entity::find_by_id(by)
                .one(&txn)
                .await?
                .map(|u| u.display_name)
                .unwrap_or_default();
            Some((crate::backend::time::date_time(at), name))
        }
        _ => {
            payment_batch::Entity::update_many()
                .col_expr(payment_batch::Column::ExportedBy, Expr::value(actor))
                .col_expr(payment_batch::Column::ExportedAt, Expr::value(Utc::now()))
                .filter(payment_batch::Column::Id.eq(batch_id))
                .exec(&txn)
                .await?;
            events::record(
                &txn,
                NewEvent::about(
                    "payment_batch",
                    batch_id,
                    "payment_batch.exported",
                    Some(actor),
                    json!({ "number": batch.number }),
                ),
                vec![],
            )
            .await?;
            None
        }
    };
    ctx.commit_and_wake(txn).await?;
    Ok(Export {
        number: batch.number,
        file,
        earlier,
    })
}

/// `actor` records that the exported order was paid on `typed`: every payment in it is
/// paid, on its case's timeline.
#[tracing::instrument(skip_all, fields(batch = %batch_id))]
pub async fn mark_paid(
    ctx: &Ctx,
    actor: Uuid,
    batch_id: Uuid,
    typed: &str,
) -> Result<(), CommandError> {
    finance(&ctx.db, actor).await?;
    let day = crate::domain::validation::date_typed(field::PAID_ON, typed)
        .map_err(|p| CommandError::Invalid(vec![p]))?;
    if day > ctx.today {
        return Err(CommandError::Invalid(vec![(
            field::PAID_ON,
            "Betaldagen kan inte vara i framtiden.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let batch = batch_in(&txn, batch_id).await?;
    if batch.status != BatchStatus::Attested.as_str() {
        return Err(CommandError::Conflict(
            "Bara en attesterad betalningsorder som inte redan är betald kan markeras som betald."
                .into(),
        ));
    }
    if batch.exported_at.is_none() {
        return Err(CommandError::Conflict(
            "Hämta betalningsfilen och skicka den till banken innan ordern markeras som betald."
                .into(),
        ));
    }
    if day < crate::backend::time::date_of(batch.prepared_at) {
        return Err(CommandError::Invalid(vec![(
            field::PAID_ON,
            "Betaldagen kan inte vara före betalningsordern.".into(),
        )]));
    }
    let rows = payment::Entity::find()
        .filter(payment::Column::BatchId.eq(batch_id))
        .all(&txn)
        .await?;
    payment::Entity::update_many()
        .col_expr(
            payment::Column::Status,
            Expr::value(PaymentStatus::Paid.as_str()),
        )
        .col_expr(payment::Column::PaidOn, Expr::value(day))
        .filter(payment::Column::BatchId.eq(batch_id))
        .exec(&txn)
        .await?;
    payment_batch::Entity::update_many()
        .col_expr(
            payment_batch::Column::Status,
            Expr::value(BatchStatus::Paid.as_str()),
        )
        .col_expr(payment_batch::Column::PaidBy, Expr::value(actor))
        .col_expr(payment_batch::Column::PaidOn, Expr::value(day))
        .filter(payment_batch::Column::Id.eq(batch_id))
        .exec(&txn)
        .await?;
    let mut recorded: Vec<NewEvent> = rows
        .iter()
        .map(|row| {
            NewEvent::about(
                "application",
                row.application_id,
                "payment.paid",
                Some(actor),
                json!({
                    "payment": row.id, "number": row.number, "of": row.of, "amount_ore": row.amount_ore,
                    "amount": money::format_kr(row.amount_ore), "paid_on": day,
                    "account": account_label(&row.paid_bankgiro, &row.paid_plusgiro),
                }),
            )
        })
        .collect();
    recorded.push(NewEvent::about(
        "payment_batch",
        batch_id,
        "payment_batch.paid",
        Some(actor),
        json!({ "number": batch.number, "paid_on": day }),
    ));
    events::record_many(&txn, recorded, vec![]).await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// "bankgiro 5050-1055" or "plusgiro 900122-3".
pub fn account_label(bankgiro: &str, plusgiro: &str) -> String {
    if !bankgiro.trim().is_empty() {
        format!("bankgiro {bankgiro}")
    } else if !plusgiro.trim().is_empty() {
        format!("plusgiro {plusgiro}")
    } else {
        String::new()
    }
}
