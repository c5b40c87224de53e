//! The partnerships' state changes: an officer creates a partnership, records a notice,
//! keeps the groups' members and meeting notes; the partner saves and sends in its
//! report; the officer reviews it and writes the tjänsteutlåtande; the worker schedules
//! new report periods, reminds the partner and warns officers of a notice deadline.
use std::collections::HashMap;

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{
    sea_query::{Condition, Expr},
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    field, terms::report_periods, Group, PartnerReport, Party, ReportStatus, Statement,
    REMIND_DAYS_BEFORE, WARN_DAYS,
};
use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    entities::{
        app_user, application, association, association_member, committee_meeting, partnership,
        partnership_meeting, partnership_member, partnership_report,
    },
    events::{self, NewEvent},
    mail,
};
use crate::domain::{money, programme_window::long_date, validation::date_typed};
use crate::features::follow_up::period_text;
use crate::notifications::MailKind;

/// The refusal for anyone but an officer.
const OFFICERS_ONLY: &str = "Bara handläggare arbetar med partnerskap.";

/// The partnership, or `NotFound`.
pub async fn partnership_of(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<partnership::Model, CommandError> {
    partnership::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)
}

/// The agreement's terms as the rules read them.
pub fn terms_of(row: &partnership::Model) -> super::terms::Terms {
    super::terms::Terms {
        starts_on: row.starts_on,
        first_end_on: row.first_end_on,
        extension_months: row.extension_months.max(0) as u32,
        last_end_on: row.last_end_on,
        notice_by: (row.notice_month as u32, row.notice_day as u32),
    }
}

/// Reads "12-31", "31/12" or "31 december" as (month, day).
pub fn parse_notice_day(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().to_lowercase();
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let (month, day) = if let Some((m, d)) = text.split_once('-') {
        (m.trim().parse().ok()?, d.trim().parse().ok()?)
    } else if let Some((d, m)) = text.split_once('/') {
        (m.trim().parse().ok()?, d.trim().parse().ok()?)
    } else {
        let (d, m) = text.split_once(' ')?;
        let month = MONTHS.iter().position(|name| *name == m.trim())? as u32 + 1;
        (month, d.trim().parse().ok()?)
    };
    // A leap year has every day.
    NaiveDate::from_ymd_opt(2024, month, day).map(|_| (month, day))
}

/// The agreement form, read and checked.
struct Agreement {
    association: Uuid,
    case: Option<Uuid>,
    dnr: String,
    activity: String,
    target_group: String,
    purpose: String,
    city_commitments: String,
    partner_commitments: String,
    yearly_amount: i64,
    starts_on: NaiveDate,
    first_end_on: NaiveDate,
    extension_months: i32,
    last_end_on: Option<NaiveDate>,
    notice_by: (u32, u32),
    report_months: i32,
    report_due_days: i32,
    steering_cadence: String,
    cooperation_cadence: String,
}

fn read_agreement(form: &HashMap<String, String>) -> Result<Agreement, CommandError> {
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut required = |name: &'static str, label: &str, limit: usize| {
        let value = get(name);
        if value.is_empty() {
            problems.push((name, format!("Skriv {label}.")));
        } else if value.chars().count() > limit {
            problems.push((name, format!("Högst {limit} tecken.")));
        }
        value
    };
    let dnr = required(field::DNR, "ärendets diarienummer", 40);
    let activity = required(
        field::ACTIVITY,
        "vilken verksamhet partnerskapet gäller",
        200,
    );
    let target_group = required(field::TARGET_GROUP, "målgruppen", super::TEXT_LIMIT);
    let purpose = required(field::PURPOSE, "partnerskapets syfte", super::TEXT_LIMIT);
    let city_commitments = required(
        field::CITY_COMMITMENTS,
        "vad socialnämnden bidrar med",
        super::TEXT_LIMIT,
    );
    let partner_commitments = required(
        field::PARTNER_COMMITMENTS,
        "vad föreningen bidrar med",
        super::TEXT_LIMIT,
    );
    let steering_cadence = get(field::STEERING_CADENCE);
    let cooperation_cadence = get(field::COOPERATION_CADENCE);
    for (name, value) in [
        (field::STEERING_CADENCE, &steering_cadence),
        (field::COOPERATION_CADENCE, &cooperation_cadence),
    ] {
        if value.chars().count() > 200 {
            problems.push((name, "Högst 200 tecken.".into()));
        }
    }
    let association = Uuid::parse_str(&get(field::ASSOCIATION)).ok();
    if association.is_none() {
        problems.push((field::ASSOCIATION, "Välj föreningen som är part.".into()));
    }
    let case = Uuid::parse_str(&get(field::CASE)).ok();
    let yearly_amount = match money::parse(&get(field::YEARLY_AMOUNT)) {
        Ok(amount) if amount >= 0 => amount,
        Ok(_) => {
            problems.push((
                field::YEARLY_AMOUNT,
                "Beloppet kan inte vara negativt.".into(),
            ));
            0
        }
        Err(message) => {
            let message = if get(field::YEARLY_AMOUNT).is_empty() {
                "Ange beloppet per år i kronor (0 om staden bara bidrar på annat sätt)."
            } else {
                message
            };
            problems.push((field::YEARLY_AMOUNT, message.into()));
            0
        }
    };
    let mut date = |name: &'static str, missing: &str| {
        if get(name).is_empty() {
            problems.push((name, missing.to_owned()));
            return None;
        }
        match date_typed(name, &get(name)) {
            Ok(day) => Some(day),
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    };
    let starts_on = date(field::STARTS_ON, "Ange från vilken dag avtalet gäller.");
    let first_end_on = date(
        field::FIRST_END_ON,
        "Ange till och med vilken dag avtalet gäller innan det kan förlängas.",
    );
    let mut number =
        |name: &'static str, range: std::ops::RangeInclusive<i32>, message: &str| match get(name)
            .parse::<i32>()
        {
            Ok(n) if range.contains(&n) => n,
            _ => {
                problems.push((name, message.to_owned()));
                *range.start()
            }
        };
    let extension_months = number(
        field::EXTENSION_MONTHS,
        0..=60,
        "Ange förlängningen i månader, 0–60 (0 om avtalet inte förlängs).",
    );
    let report_months = number(
        field::REPORT_MONTHS,
        1..=24,
        "Ange rapportperioden i månader, 1–24 (6 för halvår).",
    );
    let report_due_days = number(
        field::REPORT_DUE_DAYS,
        0..=180,
        "Ange hur många dagar efter periodens slut rapporten ska lämnas, 0–180.",
    );
    let last_end_on = if extension_months > 0 {
        let typed = get(field::LAST_END_ON);
        if typed.is_empty() {
            problems.push((
                field::LAST_END_ON,
                "Ange det sista datum avtalet kan förlängas till.".into(),
            ));
            None
        } else {
            match date_typed(field::LAST_END_ON, &typed) {
                Ok(day) => Some(day),
                Err(problem) => {
                    problems.push(problem);
                    None
                }
            }
        }
    } else {
        None
    };
    let notice_by = parse_notice_day(&get(field::NOTICE_BY));
    if notice_by.is_none() {
        problems.push((
            field::NOTICE_BY,
            "Skriv dagen som MM-DD eller med ord, till exempel 12-31 eller 31 december.".into(),
        ));
    }
    if let (Some(start), Some(first)) = (starts_on, first_end_on) {
        if first <= start {
            problems.push((
                field::FIRST_END_ON,
                "Avtalet ska sluta efter att det börjar.".into(),
            ));
        } else if first > start + Days::new(10 * 366) {
            problems.push((field::FIRST_END_ON, "Högst tio år från start.".into()));
        }
        if let Some(last) = last_end_on {
            if last < first {
                problems.push((
                    field::LAST_END_ON,
                    "Det sista datumet kan inte vara före det första slutdatumet.".into(),
                ));
            } else if last > start + Days::new(20 * 366) {
                problems.push((field::LAST_END_ON, "Högst tjugo år från start.".into()));
            }
        }
    }
    if !problems.is_empty() {
        let order = |name: &str| field::AGREEMENT.iter().position(|f| *f == name);
        problems.sort_by_key(|(name, _)| order(name));
        return Err(CommandError::Invalid(problems));
    }
    Ok(Agreement {
        association: association.unwrap_or_default(),
        case,
        dnr,
        activity,
        target_group,
        purpose,
        city_commitments,
        partner_commitments,
        yearly_amount,
        starts_on: starts_on.unwrap_or_default(),
        first_end_on: first_end_on.unwrap_or_default(),
        extension_months,
        last_end_on,
        notice_by: notice_by.unwrap_or((12, 31)),
        report_months,
        report_due_days,
        steering_cadence,
        cooperation_cadence,
    })
}

/// An officer creates a partnership (from the decided IOP initiative `arende`, or
/// directly). Its report periods so far are scheduled at once.
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    actor: Uuid,
    form: &HashMap<String, String>,
) -> Result<Uuid, CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let agreement = read_agreement(form)?;
    let Some(partner) = association::Entity::find_by_id(agreement.association)
        .one(&ctx.db)
        .await?
    else {
        return Err(CommandError::Invalid(vec![(
            field::ASSOCIATION,
            "Föreningen finns inte. Välj en förening i listan.".into(),
        )]));
    };
    if let Some(case) = agreement.case {
        let ours = application::Entity::find_by_id(case)
            .one(&ctx.db)
            .await?
            .is_some_and(|c| c.association_id == partner.id);
        if !ours {
            return Err(CommandError::Invalid(vec![(
                field::ASSOCIATION,
                "Ärendet hör inte till den valda föreningen.".into(),
            )]));
        }
    }
    let id = Uuid::now_v7();
    let row = partnership::ActiveModel {
        id: Set(id),
        association_id: Set(partner.id),
        application_id: Set(agreement.case),
        dnr: Set(agreement.dnr),
        activity: Set(agreement.activity),
        target_group: Set(agreement.target_group),
        purpose: Set(agreement.purpose),
        city_commitments: Set(agreement.city_commitments),
        partner_commitments: Set(agreement.partner_commitments),
        yearly_amount_ore: Set(agreement.yearly_amount),
        starts_on: Set(agreement.starts_on),
        first_end_on: Set(agreement.first_end_on),
        extension_months: Set(agreement.extension_months),
        last_end_on: Set(agreement.last_end_on),
        notice_month: Set(agreement.notice_by.0 as i32),
        notice_day: Set(agreement.notice_by.1 as i32),
        report_months: Set(agreement.report_months),
        report_due_days: Set(agreement.report_due_days),
        officer_id: Set(Some(actor)),
        steering_cadence: Set(agreement.steering_cadence),
        cooperation_cadence: Set(agreement.cooperation_cadence),
        notice_on: Set(None),
        notice_party: Set(None),
        notice_note: Set(String::new()),
        notice_recorded_by: Set(None),
        warned_for: Set(None),
        created_by: Set(actor),
        registered_on: Set(Some(ctx.today)),
        created_at: Set(Utc::now()),
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let model = partnership::Entity::insert(row)
        .exec_with_returning(&txn)
        .await?;
    let scheduled = schedule(&txn, &model, ctx.today).await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.created",
            Some(actor),
            json!({ "association": partner.id, "case": model.application_id, "reports": scheduled }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}

/// Makes the report rows of every period that has begun by `today`, up to the
/// agreement's current end. Returns how many were made.
pub async fn schedule(
    db: &impl ConnectionTrait,
    row: &partnership::Model,
    today: NaiveDate,
) -> Result<usize, CommandError> {
    let standing = terms_of(row).standing(today, row.notice_on);
    let periods = report_periods(
        row.starts_on,
        standing.ends_on,
        row.report_months.max(1) as u32,
        today,
    );
    let existing = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(row.id))
        .all(db)
        .await?;
    let mut made = 0;
    for (index, (from, to)) in periods.into_iter().enumerate() {
        let number = index as i32 + 1;
        if existing.iter().any(|r| r.number == number) {
            continue;
        }
        let now = Utc::now();
        let inserted = partnership_report::Entity::insert(partnership_report::ActiveModel {
            id: Set(Uuid::now_v7()),
            partnership_id: Set(row.id),
            number: Set(number),
            period_from: Set(from),
            period_to: Set(to),
            due_on: Set(to + Days::new(row.report_due_days.max(0) as u64)),
            status: Set(ReportStatus::Due.as_str().into()),
            content: Set(to_json(&PartnerReport::default())?),
            revision: Set(0),
            submitted_at: Set(None),
            submitted_by: Set(None),
            reviewed_at: Set(None),
            reviewed_by: Set(None),
            review_note: Set(String::new()),
            statement: Set(String::new()),
            meeting_id: Set(None),
            paragraph: Set(None),
            decision: Set(String::new()),
            dissent: Set(String::new()),
            recused: Set(String::new()),
            decided_at: Set(None),
            on_paper: Set(false),
            reminded_before: Set(None),
            reminded_due: Set(None),
            reminded_overdue: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                partnership_report::Column::PartnershipId,
                partnership_report::Column::Number,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        made += inserted as usize;
    }
    Ok(made)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CommandError> {
    serde_json::to_string(value).map_err(|e| CommandError::Internal(format!("as JSON: {e}")))
}

/// The stored report's answers.
pub fn content_of(row: &partnership_report::Model) -> Result<PartnerReport, CommandError> {
    serde_json::from_str(&row.content)
        .map_err(|e| CommandError::Internal(format!("a stored report cannot be read: {e}")))
}

/// An officer records that a party gave notice on a day. The agreement then ends at
/// the first end date after the notice day the notice counts at.
#[tracing::instrument(skip_all, fields(partnership = %id))]
pub async fn give_notice(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    form: &HashMap<String, String>,
) -> Result<NaiveDate, CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let row = partnership_of(&ctx.db, id).await?;
    if row.notice_on.is_some() {
        return Err(CommandError::Conflict(
            "Partnerskapet är redan uppsagt.".into(),
        ));
    }
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems: Vec<FieldProblem> = Vec::new();
    let day = match date_typed(field::NOTICE_ON, &get(field::NOTICE_ON)) {
        Ok(day) if day > ctx.today => {
            problems.push((
                field::NOTICE_ON,
                "Uppsägningen kan inte vara daterad efter i dag.".into(),
            ));
            None
        }
        Ok(day) if day < row.starts_on => {
            problems.push((
                field::NOTICE_ON,
                "Uppsägningen kan inte vara daterad före partnerskapets start.".into(),
            ));
            None
        }
        Ok(day) => Some(day),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let party = Party::parse(&get(field::NOTICE_PARTY));
    if party.is_none() {
        problems.push((
            field::NOTICE_PARTY,
            "Välj vilken part som sade upp avtalet.".into(),
        ));
    }
    let note = get(field::NOTICE_NOTE);
    if note.chars().count() > super::TEXT_LIMIT {
        problems.push((field::NOTICE_NOTE, "Högst 4000 tecken.".into()));
    }
    let (Some(day), Some(party)) = (day, party) else {
        return Err(CommandError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(CommandError::Invalid(problems));
    }
    let ends_on = terms_of(&row).ends_after_notice(day);
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = partnership::Entity::update_many()
        .col_expr(partnership::Column::NoticeOn, Expr::value(day))
        .col_expr(
            partnership::Column::NoticeParty,
            Expr::value(party.as_str()),
        )
        .col_expr(partnership::Column::NoticeNote, Expr::value(note))
        .col_expr(partnership::Column::NoticeRecordedBy, Expr::value(actor))
        .filter(partnership::Column::Id.eq(id))
        .filter(partnership::Column::NoticeOn.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Partnerskapet är redan uppsagt.".into(),
        ));
    }
    // Periods past the new end will not be reported on.
    partnership_report::Entity::delete_many()
        .filter(partnership_report::Column::PartnershipId.eq(id))
        .filter(partnership_report::Column::PeriodFrom.gt(ends_on))
        .filter(partnership_report::Column::Status.eq(ReportStatus::Due.as_str()))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.notice_given",
            Some(actor),
            json!({ "on": day, "party": party.as_str(), "ends_on": ends_on }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(ends_on)
}

/// An officer adds a member to the steering or cooperation group.
#[tracing::instrument(skip_all, fields(partnership = %id))]
pub async fn add_member(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    form: &HashMap<String, String>,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    partnership_of(&ctx.db, id).await?;
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems: Vec<FieldProblem> = Vec::new();
    let group = group_of(field::GROUP, &get(field::GROUP), &mut problems);
    let party = Party::parse(&get(field::MEMBER_PARTY));
    if party.is_none() {
        problems.push((
            field::MEMBER_PARTY,
            "Välj om personen företräder föreningen eller staden.".into(),
        ));
    }
    let mut required = |name: &'static str, message: &str| {
        let value = get(name);
        if value.is_empty() {
            problems.push((name, message.to_owned()));
        } else if value.chars().count() > 200 {
            problems.push((name, "Högst 200 tecken.".into()));
        }
        value
    };
    let name = required(field::NAME, "Skriv personens namn.");
    let organisation = required(
        field::ORGANISATION,
        "Skriv vilken organisation personen företräder.",
    );
    let role = get(field::ROLE);
    if role.chars().count() > 200 {
        problems.push((field::ROLE, "Högst 200 tecken.".into()));
    }
    let (Some(group), Some(party), true) = (group, party, problems.is_empty()) else {
        return Err(CommandError::Invalid(problems));
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let member = Uuid::now_v7();
    partnership_member::Entity::insert(partnership_member::ActiveModel {
        id: Set(member),
        partnership_id: Set(id),
        group_kind: Set(group.as_str().into()),
        name: Set(name.clone()),
        organisation: Set(organisation),
        role: Set(role),
        party: Set(party.as_str().into()),
        created_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.member_added",
            Some(actor),
            json!({ "member": member, "group": group.as_str(), "name": name }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// The group chosen in the form's field `name`, or a problem by that field.
fn group_of(name: &'static str, value: &str, problems: &mut Vec<FieldProblem>) -> Option<Group> {
    let group = Group::parse(value);
    if group.is_none() {
        problems.push((name, "Välj styrgruppen eller samverkansgruppen.".into()));
    }
    group
}

/// An officer takes a member off a group.
pub async fn remove_member(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    member: Uuid,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let removed = partnership_member::Entity::delete_many()
        .filter(partnership_member::Column::Id.eq(member))
        .filter(partnership_member::Column::PartnershipId.eq(id))
        .exec(&txn)
        .await?;
    if removed.rows_affected != 1 {
        return Err(CommandError::NotFound);
    }
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.member_removed",
            Some(actor),
            json!({ "member": member }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// An officer keeps the notes of a group's meeting (Markdown).
#[tracing::instrument(skip_all, fields(partnership = %id))]
pub async fn add_meeting(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    form: &HashMap<String, String>,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let row = partnership_of(&ctx.db, id).await?;
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems: Vec<FieldProblem> = Vec::new();
    let group = group_of(
        field::MEETING_GROUP,
        &get(field::MEETING_GROUP),
        &mut problems,
    );
    let held_on = match date_typed(field::HELD_ON, &get(field::HELD_ON)) {
        Ok(day) if day > ctx.today => {
            problems.push((
                field::HELD_ON,
                "Mötet kan inte ha hållits efter i dag.".into(),
            ));
            None
        }
        Ok(day) if day < row.starts_on - Days::new(366) => {
            problems.push((
                field::HELD_ON,
                "Mötet ligger långt före partnerskapets start. Kontrollera datumet.".into(),
            ));
            None
        }
        Ok(day) => Some(day),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let notes = get(field::NOTES);
    if notes.is_empty() {
        problems.push((field::NOTES, "Skriv anteckningarna från mötet.".into()));
    } else if notes.chars().count() > 20_000 {
        problems.push((field::NOTES, "Högst 20 000 tecken.".into()));
    }
    let (Some(group), Some(held_on)) = (group, held_on) else {
        return Err(CommandError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(CommandError::Invalid(problems));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let meeting = Uuid::now_v7();
    partnership_meeting::Entity::insert(partnership_meeting::ActiveModel {
        id: Set(meeting),
        partnership_id: Set(id),
        group_kind: Set(group.as_str().into()),
        held_on: Set(held_on),
        notes: Set(notes),
        written_by: Set(actor),
        created_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.meeting_noted",
            Some(actor),
            json!({ "meeting": meeting, "group": group.as_str(), "held_on": held_on }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// The report `number` of the partnership, or `NotFound`.
pub async fn report_of(
    db: &impl ConnectionTrait,
    id: Uuid,
    number: i32,
) -> Result<partnership_report::Model, CommandError> {
    partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(id))
        .filter(partnership_report::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)
}

/// The message when someone else saved the report meanwhile.
pub const SAVED_BY_SOMEONE_ELSE: &str = "Någon annan i föreningen sparade rapporten medan du skrev, så dina ändringar är inte sparade. Det du skrev står kvar nedan. Öppna sidan igen i en ny flik för att se den sparade versionen.";

/// The partner saves its report (`submit`: and sends it in). A member of the
/// association may save; only a verified representative may send it in, complete.
#[tracing::instrument(skip_all, fields(partnership = %id, number))]
pub async fn save_report(
    ctx: &Ctx,
    user: Uuid,
    id: Uuid,
    number: i32,
    form: &HashMap<String, String>,
    submit: bool,
) -> Result<i32, CommandError> {
    let row = partnership_of(&ctx.db, id).await?;
    association_member::Entity::find_by_id((row.association_id, user))
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let report = report_of(&ctx.db, id, number).await?;
    if !ReportStatus::parse(&report.status).is_some_and(ReportStatus::editable) {
        return Err(CommandError::Conflict(
            "Rapporten är inskickad och kan inte ändras nu. Handläggaren hör av sig om något behöver ändras.".into(),
        ));
    }
    let revision: i32 = form
        .get(field::REVISION)
        .and_then(|r| r.trim().parse().ok())
        .unwrap_or(-1);
    if revision != report.revision {
        return Err(CommandError::Conflict(SAVED_BY_SOMEONE_ELSE.into()));
    }
    let mut content = content_of(&report)?;
    let problems = content.read_form(|name| form.get(name).cloned().unwrap_or_default());
    if !problems.is_empty() {
        return Err(CommandError::InvalidAnswers(problems));
    }
    if submit && ctx.today < report.period_to {
        return Err(CommandError::Conflict(format!(
            "Perioden pågår till och med {}. Rapporten kan skickas in från den dagen; spara den som utkast till dess.",
            long_date(report.period_to)
        )));
    }
    if submit {
        let verified = crate::features::representatives::queries::is_verified(
            &ctx.db,
            row.association_id,
            user,
            ctx.today,
        )
        .await?;
        if !verified {
            return Err(CommandError::Forbidden(
                "Bara föreningens verifierade företrädare kan skicka in rapporten. Spara den, så kan en företrädare skicka in den.".into(),
            ));
        }
        let problems = content.problems();
        if !problems.is_empty() {
            return Err(CommandError::InvalidAnswers(problems));
        }
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let mut update = partnership_report::Entity::update_many()
        .col_expr(
            partnership_report::Column::Content,
            Expr::value(to_json(&content)?),
        )
        .col_expr(
            partnership_report::Column::Revision,
            Expr::value(revision + 1),
        )
        .col_expr(
            partnership_report::Column::UpdatedAt,
            Expr::value(Utc::now()),
        );
    if submit {
        update = update
            .col_expr(
                partnership_report::Column::Status,
                Expr::value(ReportStatus::Submitted.as_str()),
            )
            .col_expr(partnership_report::Column::SubmittedBy, Expr::value(user))
            .col_expr(
                partnership_report::Column::SubmittedAt,
                Expr::value(Utc::now()),
            );
    }
    let updated = update
        .filter(partnership_report::Column::Id.eq(report.id))
        .filter(partnership_report::Column::Revision.eq(revision))
        .filter(
            partnership_report::Column::Status
                .is_in([ReportStatus::Due.as_str(), ReportStatus::Changes.as_str()]),
        )
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(SAVED_BY_SOMEONE_ELSE.into()));
    }
    if submit {
        events::record(
            &txn,
            NewEvent::about(
                "partnership",
                id,
                "partnership.report_submitted",
                Some(user),
                json!({ "report": number }),
            ),
            vec![],
        )
        .await?;
    }
    ctx.commit_and_wake(txn).await?;
    Ok(revision + 1)
}

/// The officer's verdict on a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    Changes,
}

impl Verdict {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "godkann" => Some(Verdict::Approve),
            "andringar" => Some(Verdict::Changes),
            _ => None,
        }
    }
}

/// The officer approves a sent-in report or asks for changes (with what to change);
/// the partner's members are mailed.
#[tracing::instrument(skip_all, fields(partnership = %id, number))]
pub async fn review(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    number: i32,
    verdict: &str,
    note: &str,
) -> Result<Verdict, CommandError> {
    let officer = crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let row = partnership_of(&ctx.db, id).await?;
    let report = report_of(&ctx.db, id, number).await?;
    let Some(verdict) = Verdict::parse(verdict) else {
        return Err(CommandError::Invalid(vec![(
            field::DECISION,
            "Välj om rapporten godkänns eller behöver ändras.".into(),
        )]));
    };
    let note = note.trim();
    if verdict == Verdict::Changes && note.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::NOTE,
            "Skriv vad föreningen behöver ändra.".into(),
        )]));
    }
    if note.chars().count() > super::TEXT_LIMIT {
        return Err(CommandError::Invalid(vec![(
            field::NOTE,
            "Högst 4000 tecken.".into(),
        )]));
    }
    if report.status != ReportStatus::Submitted.as_str() {
        return Err(CommandError::Conflict(
            "Rapporten väntar inte på granskning.".into(),
        ));
    }
    let status = match verdict {
        Verdict::Approve => ReportStatus::Approved,
        Verdict::Changes => ReportStatus::Changes,
    };
    // Asked for changes, the partner gets at least two more weeks.
    let due = if verdict == Verdict::Changes {
        report.due_on.max(ctx.today + Days::new(14))
    } else {
        report.due_on
    };
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = partnership_report::Entity::update_many()
        .col_expr(partnership_report::Column::DueOn, Expr::value(due))
        .col_expr(
            partnership_report::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(partnership_report::Column::ReviewNote, Expr::value(note))
        .col_expr(partnership_report::Column::ReviewedBy, Expr::value(actor))
        .col_expr(
            partnership_report::Column::ReviewedAt,
            Expr::value(Utc::now()),
        )
        .col_expr(
            partnership_report::Column::Revision,
            Expr::value(report.revision + 1),
        )
        .filter(partnership_report::Column::Id.eq(report.id))
        .filter(partnership_report::Column::Status.eq(ReportStatus::Submitted.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Rapporten väntar inte på granskning.".into(),
        ));
    }
    let partner = association::Entity::find_by_id(row.association_id)
        .one(&txn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let link = ctx.link(&super::report_href(id, number))?;
    let period = period_text(report.period_from, report.period_to);
    let mails = mail::to_each(
        MailKind::PartnershipReportReviewed,
        members_of(&txn, row.association_id).await?,
        |person| {
            json!({
                "name": person.display_name,
                "association": partner,
                "activity": row.activity,
                "period": period,
                "approved": verdict == Verdict::Approve,
                "note": note,
                "officer": officer.display_name,
                "link": link,
            })
        },
    );
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            match verdict {
                Verdict::Approve => "partnership.report_approved",
                Verdict::Changes => "partnership.report_changes",
            },
            Some(actor),
            json!({ "report": number, "note": note }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(verdict)
}

/// The people on an association's account.
async fn members_of(
    db: &impl ConnectionTrait,
    association: Uuid,
) -> Result<Vec<app_user::Model>, CommandError> {
    Ok(association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association))
        .find_also_related(app_user::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, person)| person)
        .collect())
}

/// The officer saves the tjänsteutlåtande's sections and the committee meeting it
/// goes to. Only for a report that has been sent in.
#[tracing::instrument(skip_all, fields(partnership = %id, number))]
pub async fn save_statement(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    number: i32,
    form: &HashMap<String, String>,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let report = report_of(&ctx.db, id, number).await?;
    if ReportStatus::parse(&report.status).is_some_and(ReportStatus::editable) {
        return Err(CommandError::Conflict(
            "Tjänsteutlåtandet skrivs när rapporten har kommit in.".into(),
        ));
    }
    let statement = Statement::read_form(|name| form.get(name).cloned().unwrap_or_default())
        .map_err(CommandError::InvalidAnswers)?;
    let meeting = match form.get(field::MEETING).map(|m| m.trim()).unwrap_or("") {
        "" => None,
        typed => {
            let found = match Uuid::parse_str(typed) {
                Ok(meeting) => committee_meeting::Entity::find_by_id(meeting)
                    .one(&ctx.db)
                    .await?
                    .map(|m| m.id),
                Err(_) => None,
            };
            if found.is_none() {
                return Err(CommandError::Invalid(vec![(
                    field::MEETING,
                    "Välj ett sammanträde i listan.".into(),
                )]));
            }
            found
        }
    };
    if report.paragraph.is_some() && is_justered(&ctx.db, report.meeting_id).await? {
        return Err(CommandError::Conflict(
                "Protokollet från sammanträdet är justerat, så tjänsteutlåtandet står som det behandlades och kan inte ändras.".into(),
        ));
    }
    if meeting != report.meeting_id && is_justered(&ctx.db, meeting).await? {
        return Err(CommandError::Invalid(vec![(
            field::MEETING,
            "Det sammanträdets protokoll är redan justerat. Välj ett kommande sammanträde.".into(),
        )]));
    }
    if report.paragraph.is_some() && meeting != report.meeting_id {
        return Err(CommandError::Invalid(vec![(
            field::MEETING,
            format!(
                "Uppföljningen är redan på sammanträdets dagordning som § {} och kan inte flyttas.",
                report.paragraph.unwrap_or_default()
            ),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    partnership_report::Entity::update_many()
        .col_expr(
            partnership_report::Column::Statement,
            Expr::value(to_json(&statement)?),
        )
        .col_expr(partnership_report::Column::MeetingId, Expr::value(meeting))
        .col_expr(
            partnership_report::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(partnership_report::Column::Id.eq(report.id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.statement_saved",
            Some(actor),
            json!({ "report": number, "meeting": meeting }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// Which reminder a report gets on `today`, if any (the follow-up's rule: 30 days
/// before, on the day, overdue; the latest stage only, once per due date).
pub fn reminder_stage(row: &partnership_report::Model, today: NaiveDate) -> Option<&'static str> {
    crate::features::follow_up::reminder_stage_for(
        row.due_on,
        [row.reminded_before, row.reminded_due, row.reminded_overdue],
        today,
        REMIND_DAYS_BEFORE,
    )
}

/// The worker's daily round: new report periods scheduled, report reminders to the
/// partner, and a warning to the officers 60 days before a notice deadline (once per
/// deadline). Returns how many mails were queued.
#[tracing::instrument(skip_all)]
pub async fn remind(ctx: &Ctx) -> Result<usize, CommandError> {
    let mut queued = 0;
    let partnerships = partnership::Entity::find()
        .order_by_asc(partnership::Column::CreatedAt)
        .all(&ctx.db)
        .await?;
    for row in &partnerships {
        let standing = terms_of(row).standing(ctx.today, row.notice_on);
        if standing.ended
            && row.notice_on.is_none()
            && ctx.today > standing.ends_on + Days::new(400)
        {
            continue;
        }
        schedule(&ctx.db, row, ctx.today).await?;
        if let Some(deadline) = standing.deadline {
            if ctx.today + Days::new(WARN_DAYS) >= deadline && row.warned_for != Some(deadline) {
                queued += warn(ctx, row, deadline, standing.ends_on).await?;
            }
        }
    }
    let horizon = ctx.today + Days::new(REMIND_DAYS_BEFORE);
    let open = partnership_report::Entity::find()
        .filter(
            partnership_report::Column::Status
                .is_in([ReportStatus::Due.as_str(), ReportStatus::Changes.as_str()]),
        )
        .filter(partnership_report::Column::DueOn.lte(horizon))
        .all(&ctx.db)
        .await?;
    for report in open {
        let Some(stage) = reminder_stage(&report, ctx.today) else {
            continue;
        };
        let Some(row) = partnerships.iter().find(|p| p.id == report.partnership_id) else {
            continue;
        };
        if before_portal(row, &report) {
            continue;
        }
        let txn = crate::backend::db::begin_write(&ctx.db).await?;
        let claimed =
            crate::features::follow_up::commands::claim_reminder::<partnership_report::Entity>(
                &txn,
                (partnership_report::Column::Id, report.id),
                (partnership_report::Column::DueOn, report.due_on),
                [
                    partnership_report::Column::RemindedBefore,
                    partnership_report::Column::RemindedDue,
                    partnership_report::Column::RemindedOverdue,
                ],
                stage,
            )
            .await?;
        if !claimed {
            continue;
        }
        let partner = association::Entity::find_by_id(row.association_id)
            .one(&txn)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        let link = ctx.link(&super::report_href(row.id, report.number))?;
        let period = period_text(report.period_from, report.period_to);
        let people = members_of(&txn, row.association_id).await?;
        queued += people.len();
        let mails = mail::to_each(MailKind::PartnershipReportReminder, people, |person| {
            json!({
                "name": person.display_name,
                "association": partner,
                "activity": row.activity,
                "stage": stage,
                "due": long_date(report.due_on),
                "period": period,
                "link": link,
            })
        });
        events::record(
            &txn,
            NewEvent::about(
                "partnership",
                row.id,
                "partnership.report_reminded",
                None,
                json!({ "report": report.number, "stage": stage, "due": report.due_on }),
            ),
            mails,
        )
        .await?;
        ctx.commit_and_wake(txn).await?;
    }
    Ok(queued)
}

/// Warns the partnership's officer (every officer when none is named) that a notice
/// deadline is near.
async fn warn(
    ctx: &Ctx,
    row: &partnership::Model,
    deadline: NaiveDate,
    ends_on: NaiveDate,
) -> Result<usize, CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let claimed = partnership::Entity::update_many()
        .col_expr(partnership::Column::WarnedFor, Expr::value(deadline))
        .filter(partnership::Column::Id.eq(row.id))
        .filter(
            Condition::any()
                .add(partnership::Column::WarnedFor.is_null())
                .add(partnership::Column::WarnedFor.ne(deadline)),
        )
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(0);
    }
    let officers: Vec<app_user::Model> = match row.officer_id {
        Some(officer) => {
            app_user::Entity::find_by_id(officer)
                .filter(app_user::Column::Active.eq(true))
                .all(&txn)
                .await?
        }
        None => {
            app_user::Entity::find()
                .filter(app_user::Column::Active.eq(true))
                .filter(app_user::Column::Role.eq(crate::domain::role::Role::Officer))
                .all(&txn)
                .await?
        }
    };
    let partner = association::Entity::find_by_id(row.association_id)
        .one(&txn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let link = ctx.link(&super::staff_href(row.id))?;
    let extended_to = terms_of(row).ends_after_notice(deadline + Days::new(1));
    let count = officers.len();
    let mails = mail::to_each(MailKind::PartnershipNoticeDeadline, officers, |person| {
        json!({
            "name": person.display_name,
            "association": partner,
            "activity": row.activity,
            "deadline": long_date(deadline),
            "ends_on": long_date(ends_on),
            "extended_to": long_date(extended_to),
            "link": link,
        })
    });
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            row.id,
            "partnership.deadline_warned",
            None,
            json!({ "deadline": deadline }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(count)
}

/// Whether the committee meeting `id` (if any) has its minutes justerade.
async fn is_justered(db: &impl ConnectionTrait, id: Option<Uuid>) -> Result<bool, DbErr> {
    let Some(id) = id else {
        return Ok(false);
    };
    Ok(committee_meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|m| m.justered_on.is_some()))
}

/// Due before the partnership was entered in the portal: handled on paper, not late
/// here, and nobody is reminded of it.
pub fn before_portal(row: &partnership::Model, report: &partnership_report::Model) -> bool {
    row.registered_on.is_some_and(|day| report.due_on < day)
}

/// Still open, past its due date, and due after the partnership was entered.
pub fn late(
    row: &partnership::Model,
    report: &partnership_report::Model,
    today: NaiveDate,
) -> bool {
    ReportStatus::parse(&report.status).is_some_and(ReportStatus::editable)
        && today > report.due_on
        && !before_portal(row, report)
}

/// The officer withdraws a recorded notice, which both parties have agreed to
/// (`overens=ja`), while the agreement still runs: it goes on by its extension rule,
/// and the report periods of the longer term are scheduled again.
#[tracing::instrument(skip_all, fields(partnership = %id))]
pub async fn withdraw_notice(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    form: &HashMap<String, String>,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let row = partnership_of(&ctx.db, id).await?;
    let Some(given) = row.notice_on else {
        return Err(CommandError::Conflict(
            "Partnerskapet är inte uppsagt.".into(),
        ));
    };
    if terms_of(&row).standing(ctx.today, row.notice_on).ended {
        return Err(CommandError::Conflict(
            "Partnerskapet har redan upphört, så uppsägningen kan inte återkallas.".into(),
        ));
    }
    if form.get(field::AGREED).map(|v| v.trim()) != Some("ja") {
        return Err(CommandError::Invalid(vec![(
            field::AGREED,
            "Bekräfta att båda parter är överens om att uppsägningen återkallas.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = partnership::Entity::update_many()
        .col_expr(
            partnership::Column::NoticeOn,
            Expr::value(Option::<NaiveDate>::None),
        )
        .col_expr(
            partnership::Column::NoticeParty,
            Expr::value(Option::<String>::None),
        )
        .col_expr(partnership::Column::NoticeNote, Expr::value(String::new()))
        .col_expr(
            partnership::Column::NoticeRecordedBy,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(partnership::Column::Id.eq(id))
        .filter(partnership::Column::NoticeOn.eq(given))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Någon annan ändrade uppsägningen samtidigt. Ladda om sidan.".into(),
        ));
    }
    let row = partnership_of(&txn, id).await?;
    schedule(&txn, &row, ctx.today).await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.notice_withdrawn",
            Some(actor),
            json!({ "was": given }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// The officer marks a report due before the partnership was entered in the portal as
/// handed in on paper.
#[tracing::instrument(skip_all, fields(partnership = %id, number))]
pub async fn mark_on_paper(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    number: i32,
) -> Result<(), CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let row = partnership_of(&ctx.db, id).await?;
    let report = report_of(&ctx.db, id, number).await?;
    if !before_portal(&row, &report) || report.status != ReportStatus::Due.as_str() {
        return Err(CommandError::Conflict(
            "Bara rapporter som skulle lämnas innan partnerskapet fördes in i portalen kan markeras som lämnade på papper.".into(),
        ));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let updated = partnership_report::Entity::update_many()
        .col_expr(
            partnership_report::Column::Status,
            Expr::value(ReportStatus::Approved.as_str()),
        )
        .col_expr(partnership_report::Column::OnPaper, Expr::value(true))
        .col_expr(
            partnership_report::Column::ReviewNote,
            Expr::value(ON_PAPER),
        )
        .col_expr(
            partnership_report::Column::ReviewedAt,
            Expr::value(Utc::now()),
        )
        .col_expr(partnership_report::Column::ReviewedBy, Expr::value(actor))
        .col_expr(
            partnership_report::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(partnership_report::Column::Id.eq(report.id))
        .filter(partnership_report::Column::Status.eq(ReportStatus::Due.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Rapporten har ändrats samtidigt. Ladda om sidan.".into(),
        ));
    }
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.report_on_paper",
            Some(actor),
            json!({ "report": number }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(())
}

/// The review note of a report handed in on paper.
pub const ON_PAPER: &str = "Lämnad på papper innan partnerskapet fördes in i portalen.";

/// The officer puts an approved follow-up, whose tjänsteutlåtande names a meeting, on
/// that meeting's agenda with the next § (numbered with the meeting's cases). Returns
/// the meeting.
#[tracing::instrument(skip_all, fields(partnership = %id, number))]
pub async fn put_on_agenda(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    number: i32,
) -> Result<Uuid, CommandError> {
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let report = report_of(&ctx.db, id, number).await?;
    let Some(meeting) = report.meeting_id else {
        return Err(CommandError::Conflict(
            "Välj sammanträde i tjänsteutlåtandet först.".into(),
        ));
    };
    if report.status != ReportStatus::Approved.as_str() || report.statement.is_empty() {
        return Err(CommandError::Conflict(
            "Rapporten ska vara godkänd och tjänsteutlåtandet sparat innan uppföljningen tas upp på sammanträdet.".into(),
        ));
    }
    if report.paragraph.is_some() {
        return Err(CommandError::Conflict(
            "Uppföljningen finns redan på dagordningen.".into(),
        ));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    crate::features::committee::commands::open_meeting(&txn, meeting).await?;
    let paragraph = crate::features::committee::commands::next_paragraph(&txn, meeting).await?;
    let updated = partnership_report::Entity::update_many()
        .col_expr(
            partnership_report::Column::Paragraph,
            Expr::value(paragraph),
        )
        .filter(partnership_report::Column::Id.eq(report.id))
        .filter(partnership_report::Column::MeetingId.eq(meeting))
        .filter(partnership_report::Column::Paragraph.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CommandError::Conflict(
            "Uppföljningen finns redan på dagordningen.".into(),
        ));
    }
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.follow_up_on_agenda",
            Some(actor),
            json!({ "report": number, "meeting": meeting, "paragraph": paragraph }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(meeting)
}

/// The officer records the committee's decision on a follow-up on its agenda:
/// approved as proposed or sent back, with dissent and the members who did not take
/// part because of jäv. It can be corrected until justering. Returns the meeting.
#[tracing::instrument(skip_all, fields(partnership = %id, number))]
pub async fn decide_follow_up(
    ctx: &Ctx,
    actor: Uuid,
    id: Uuid,
    number: i32,
    form: &HashMap<String, String>,
) -> Result<Uuid, CommandError> {
    use crate::features::committee::field as minutes;
    crate::backend::users::officer(&ctx.db, actor, OFFICERS_ONLY).await?;
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let report = report_of(&ctx.db, id, number).await?;
    let (Some(meeting), Some(paragraph)) = (report.meeting_id, report.paragraph) else {
        return Err(CommandError::Conflict(
            "Uppföljningen är inte på någon dagordning.".into(),
        ));
    };
    let decision = super::FollowUpDecision::parse(&get(minutes::DECISION))
        .ok_or_else(|| CommandError::Invalid(vec![(minutes::DECISION, "Välj beslut.".into())]))?;
    let dissent = get(minutes::DISSENT);
    let recused = get(minutes::RECUSED);
    if dissent.chars().count() > 2000 {
        return Err(CommandError::Invalid(vec![(
            minutes::DISSENT,
            "Reservationen får vara högst 2 000 tecken.".into(),
        )]));
    }
    if recused.chars().count() > 500 {
        return Err(CommandError::Invalid(vec![(
            minutes::RECUSED,
            "Högst 500 tecken.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    crate::features::committee::commands::open_meeting(&txn, meeting).await?;
    partnership_report::Entity::update_many()
        .col_expr(
            partnership_report::Column::Decision,
            Expr::value(decision.as_str()),
        )
        .col_expr(partnership_report::Column::Dissent, Expr::value(dissent))
        .col_expr(partnership_report::Column::Recused, Expr::value(recused))
        .col_expr(
            partnership_report::Column::DecidedAt,
            Expr::value(Utc::now()),
        )
        .filter(partnership_report::Column::Id.eq(report.id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "partnership",
            id,
            "partnership.follow_up_decided",
            Some(actor),
            json!({ "report": number, "meeting": meeting, "paragraph": paragraph, "decision": decision.as_str() }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(meeting)
}

/// The follow-ups on a meeting's agenda: (§, decided). For the justering, which needs
/// every § decided and posts their numbers.
pub async fn on_agenda(
    db: &impl ConnectionTrait,
    meeting: Uuid,
) -> Result<Vec<(i32, bool)>, DbErr> {
    Ok(partnership_report::Entity::find()
        .filter(partnership_report::Column::MeetingId.eq(meeting))
        .filter(partnership_report::Column::Paragraph.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.paragraph.map(|p| (p, !r.decision.is_empty())))
        .collect())
}

/// The minutes of `meeting` are justerade on `day`: each follow-up's decision is
/// recorded on its partnership, and the partner's members are mailed the decision.
pub async fn justered(
    ctx: &Ctx,
    txn: &impl ConnectionTrait,
    actor: Uuid,
    meeting: &committee_meeting::Model,
    day: NaiveDate,
) -> Result<(), CommandError> {
    let reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::MeetingId.eq(meeting.id))
        .filter(partnership_report::Column::Paragraph.is_not_null())
        .all(txn)
        .await?;
    let body = crate::features::committee::queries::body_label(&meeting.body);
    for report in reports {
        let row = partnership_of(txn, report.partnership_id).await?;
        let decision = super::FollowUpDecision::parse(&report.decision);
        let partner = association::Entity::find_by_id(row.association_id)
            .one(txn)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        let link = ctx.link(&super::report_href(row.id, report.number))?;
        let period = period_text(report.period_from, report.period_to);
        let people = members_of(txn, row.association_id).await?;
        let mails = mail::to_each(MailKind::PartnershipFollowUpDecided, people, |person| {
            json!({
                "name": person.display_name,
                "association": partner,
                "activity": row.activity,
                "period": period,
                "body": body,
                "meeting": long_date(meeting.meeting_on),
                "paragraph": report.paragraph,
                "decision": decision.map(|d| d.label()).unwrap_or_default(),
                "returned": decision == Some(super::FollowUpDecision::Returned),
                "justered": long_date(day),
                "link": link,
            })
        });
        events::record(
            txn,
            NewEvent::about(
                "partnership",
                report.partnership_id,
                "partnership.follow_up_justered",
                Some(actor),
                json!({ "report": report.number, "meeting": meeting.id, "paragraph": report.paragraph, "decision": report.decision, "justered": day }),
            ),
            mails,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_days_read_in_the_ways_people_write_them() {
        assert_eq!(parse_notice_day("12-31"), Some((12, 31)));
        assert_eq!(parse_notice_day("31/12"), Some((12, 31)));
        assert_eq!(parse_notice_day("31 December"), Some((12, 31)));
        assert_eq!(parse_notice_day("29 februari"), Some((2, 29)));
        assert_eq!(parse_notice_day("31 juni"), None);
        assert_eq!(parse_notice_day("13-01"), None);
        assert_eq!(parse_notice_day(""), None);
    }
}
