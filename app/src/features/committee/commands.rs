//! The committee's state changes: a meeting, attested cases onto its agenda, the
//! decision per item, and the justering that starts the legal clock and sends the
//! decision letters. Officers and admins record them; the minutes are the committee's.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use super::{field, Body, Outcome, MINUTES_KEPT};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{
        agenda_item, app_user, application, association, association_member, case_assessment,
        committee_meeting, grant_programme,
    },
    events::{self, NewEvent},
    mail,
};
use crate::domain::{legal_clock, money};
use crate::features::applications::Status;
use crate::features::assessment::{Content, Proposal};
use crate::notifications::MailKind;

async fn officer(db: &impl ConnectionTrait, id: Uuid) -> Result<app_user::Model, CommandError> {
    crate::backend::users::officer(db, id, "Bara handläggare för in nämndens beslut.").await
}

/// `actor` adds a meeting: the body, the day, the last day for cases, the place.
#[tracing::instrument(skip_all)]
pub async fn create_meeting(
    ctx: &Ctx,
    actor: Uuid,
    form: &HashMap<String, String>,
) -> Result<Uuid, CommandError> {
    officer(&ctx.db, actor).await?;
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    let body = Body::parse(&get(field::BODY));
    if body.is_none() {
        problems.push((field::BODY, "Välj nämnd eller utskott.".to_owned()));
    }
    let date = crate::domain::validation::date_typed(field::DATE, &get(field::DATE))
        .map_err(|p| problems.push(p))
        .ok();
    let cases_by = crate::domain::validation::date_typed(field::CASES_BY, &get(field::CASES_BY))
        .map_err(|p| problems.push(p))
        .ok();
    if let (Some(date), Some(cases_by)) = (date, cases_by) {
        if cases_by > date {
            problems.push((
                field::CASES_BY,
                "Sista dagen för ärenden kan inte vara efter sammanträdet.".to_owned(),
            ));
        }
    }
    let place = get(field::PLACE);
    if place.is_empty() {
        problems.push((field::PLACE, "Skriv var sammanträdet hålls.".to_owned()));
    } else if place.chars().count() > 200 {
        problems.push((
            field::PLACE,
            "Platsen får vara högst 200 tecken.".to_owned(),
        ));
    }
    let (Some(body), Some(date), Some(cases_by), true) =
        (body, date, cases_by, problems.is_empty())
    else {
        return Err(CommandError::Invalid(problems));
    };
    let id = Uuid::now_v7();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    committee_meeting::Entity::insert(committee_meeting::ActiveModel {
        id: Set(id),
        body: Set(body.as_str().to_owned()),
        meeting_on: Set(date),
        cases_by: Set(cases_by),
        place: Set(place),
        justered_on: Set(None),
        created_by: Set(actor),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "meeting",
            id,
            "meeting.scheduled",
            Some(actor),
            json!({ "body": body.as_str(), "date": date }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}

/// The meeting, not yet justerad. Read in a write transaction, its row stays locked
/// until the end (PostgreSQL; SQLite's write transaction holds the whole database), so
/// two officers adding to the agenda at once get consecutive § numbers.
pub(crate) async fn open_meeting(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<committee_meeting::Model, CommandError> {
    let meeting = committee_meeting::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(CommandError::NotFound)?;
    if meeting.justered_on.is_some() {
        return Err(CommandError::Conflict(
            "Protokollet är justerat och kan inte ändras.".into(),
        ));
    }
    Ok(meeting)
}

/// The next § of a meeting: after its cases and its partnership follow-ups.
pub(crate) async fn next_paragraph(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
) -> Result<i32, DbErr> {
    let cases = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_desc(agenda_item::Column::Paragraph)
        .one(db)
        .await?
        .map(|i| i.paragraph)
        .unwrap_or(0);
    let follow_ups = crate::features::partnerships::commands::on_agenda(db, meeting_id)
        .await?
        .into_iter()
        .map(|(paragraph, _)| paragraph)
        .max()
        .unwrap_or(0);
    Ok(cases.max(follow_ups) + 1)
}

/// `actor` puts the attested cases `cases` on the meeting's agenda, with the next §
/// numbers in the order given; all of them or none.
#[tracing::instrument(skip_all, fields(meeting = %meeting_id))]
pub async fn add_to_agenda(
    ctx: &Ctx,
    actor: Uuid,
    meeting_id: Uuid,
    cases: &[Uuid],
) -> Result<usize, CommandError> {
    officer(&ctx.db, actor).await?;
    if cases.is_empty() {
        return Err(CommandError::Invalid(vec![(
            field::CASES,
            "Välj minst ett attesterat ärende.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    open_meeting(&txn, meeting_id).await?;
    let last = next_paragraph(&txn, meeting_id).await? - 1;
    for (n, case_id) in cases.iter().enumerate() {
        let case = application::Entity::find_by_id(*case_id)
            .one(&txn)
            .await?
            .ok_or(CommandError::NotFound)?;
        if case.status != Status::Attested {
            return Err(CommandError::Conflict(format!(
                "{} är inte attesterat och kan inte tas upp på sammanträdet.",
                case.dnr.unwrap_or_default()
            )));
        }
        let immediate = case_assessment::Entity::find_by_id(case.id)
            .one(&txn)
            .await?
            .is_some_and(|a| a.immediate);
        let paragraph = last + 1 + n as i32;
        agenda_item::Entity::insert(agenda_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(meeting_id),
            application_id: Set(case.id),
            paragraph: Set(paragraph),
            decision: Set(String::new()),
            amount_ore: Set(None),
            dissent: Set(String::new()),
            recused: Set(String::new()),
            immediate: Set(immediate),
            decided_at: Set(None),
        })
        .exec_without_returning(&txn)
        .await
        .map_err(|e| {
            CommandError::from_unique_violation(e, "Ärendet finns redan på en dagordning.")
        })?;
        application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(Status::OnAgenda))
            .filter(application::Column::Id.eq(case.id))
            .exec(&txn)
            .await?;
        events::record(
            &txn,
            NewEvent::about(
                "application",
                case.id,
                "case.on_agenda",
                Some(actor),
                json!({ "dnr": case.dnr, "meeting": meeting_id, "paragraph": paragraph }),
            ),
            vec![crate::features::queue::live(
                "case_changed",
                case.id,
                case.dnr.clone(),
                Status::OnAgenda,
            )],
        )
        .await?;
    }
    ctx.commit_and_wake(txn).await?;
    Ok(cases.len())
}

/// `actor` records the decision of agenda item `item_id`: as proposed
/// (`beslut=som-forslaget`) or another outcome and amount, with dissent and the members
/// who did not take part because of jäv. It can be corrected until justering.
#[tracing::instrument(skip_all, fields(item = %item_id))]
pub async fn decide(
    ctx: &Ctx,
    actor: Uuid,
    item_id: Uuid,
    form: &HashMap<String, String>,
) -> Result<Outcome, CommandError> {
    officer(&ctx.db, actor).await?;
    let get = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let case = application::Entity::find_by_id(item.application_id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let assessment = case_assessment::Entity::find_by_id(case.id)
        .one(&ctx.db)
        .await?;
    let requested = case.requested_ore;
    let (outcome, amount) = match get(field::DECISION).as_str() {
        "som-forslaget" => {
            let proposal = assessment
                .as_ref()
                .and_then(|a| Proposal::parse(&a.proposal))
                .ok_or_else(|| {
                    CommandError::Conflict("Ärendet har inget förslag att besluta enligt.".into())
                })?;
            (
                Outcome::of_proposal(proposal),
                assessment.as_ref().and_then(|a| a.amount_ore),
            )
        }
        other => {
            let outcome = Outcome::parse(other).ok_or_else(|| {
                CommandError::Invalid(vec![(field::DECISION, "Välj beslut.".into())])
            })?;
            let typed = money::parse_optional(&get(field::AMOUNT)).map_err(|message| {
                CommandError::Invalid(vec![(field::AMOUNT, message.to_owned())])
            })?;
            let amount = match outcome {
                Outcome::Granted => Some(requested),
                Outcome::Rejected => None,
                Outcome::PartlyGranted => match typed {
                    Some(amount) if amount > 0 && amount < requested => Some(amount),
                    _ => {
                        return Err(CommandError::Invalid(vec![(
                            field::AMOUNT,
                            format!("Ett delvis beviljat belopp är mer än 0 kr och mindre än det sökta, {}.", money::format_kr(requested)),
                        )]))
                    }
                },
            };
            (outcome, amount)
        }
    };
    let dissent = get(field::DISSENT);
    let recused = get(field::RECUSED);
    if dissent.chars().count() > 2000 || recused.chars().count() > 500 {
        return Err(CommandError::Invalid(vec![(
            field::DISSENT,
            "Texten är för lång.".into(),
        )]));
    }
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    open_meeting(&txn, item.meeting_id).await?;
    let case = application::Entity::find_by_id(item.application_id)
        .one(&txn)
        .await?
        .ok_or(CommandError::NotFound)?;
    if !(case.status == Status::OnAgenda || case.status.decided()) {
        return Err(CommandError::Conflict(
            "Ärendet är inte på dagordningen.".into(),
        ));
    }
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Decision, Expr::value(outcome.as_str()))
        .col_expr(agenda_item::Column::AmountOre, Expr::value(amount))
        .col_expr(agenda_item::Column::Dissent, Expr::value(dissent.clone()))
        .col_expr(agenda_item::Column::Recused, Expr::value(recused.clone()))
        .col_expr(agenda_item::Column::DecidedAt, Expr::value(Utc::now()))
        .filter(agenda_item::Column::Id.eq(item_id))
        .exec(&txn)
        .await?;
    application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(outcome.status()))
        .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(application::Column::Id.eq(case.id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "application",
            case.id,
            "case.decided",
            Some(actor),
            json!({ "dnr": case.dnr, "outcome": outcome.as_str(), "amount_ore": amount, "paragraph": item.paragraph, "meeting": item.meeting_id }),
        ),
        vec![crate::features::queue::live("case_changed", case.id, case.dnr.clone(), outcome.status())],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(outcome)
}

/// `actor` records that the minutes were justerade on `typed` (not before the meeting,
/// not in the future): the notice goes up, the legal clock starts, and every
/// association on the agenda gets its decision letter. Every item must be decided.
#[tracing::instrument(skip_all, fields(meeting = %meeting_id))]
pub async fn justify(
    ctx: &Ctx,
    actor: Uuid,
    meeting_id: Uuid,
    typed: &str,
) -> Result<legal_clock::Clock, CommandError> {
    officer(&ctx.db, actor).await?;
    let day = crate::domain::validation::date_typed(field::JUSTERED, typed)
        .map_err(|p| CommandError::Invalid(vec![p]))?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let meeting = open_meeting(&txn, meeting_id).await?;
    if day < meeting.meeting_on {
        return Err(CommandError::Invalid(vec![(
            field::JUSTERED,
            "Protokollet kan inte justeras före sammanträdet.".into(),
        )]));
    }
    if day > ctx.today {
        return Err(CommandError::Invalid(vec![(
            field::JUSTERED,
            "Justeringen kan inte ha skett i framtiden.".into(),
        )]));
    }
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::Paragraph)
        .all(&txn)
        .await?;
    // Every §: the cases' and the partnership follow-ups', (number, decided).
    let mut paragraphs: Vec<(i32, bool)> = items
        .iter()
        .map(|i| (i.paragraph, !i.decision.is_empty()))
        .chain(crate::features::partnerships::commands::on_agenda(&txn, meeting_id).await?)
        .collect();
    paragraphs.sort_unstable();
    if paragraphs.is_empty() {
        return Err(CommandError::Conflict(
            "Sammanträdet har inga ärenden att justera.".into(),
        ));
    }
    if let Some((open, _)) = paragraphs.iter().find(|(_, decided)| !decided) {
        return Err(CommandError::Conflict(format!(
            "§ {open} är inte beslutad än."
        )));
    }
    committee_meeting::Entity::update_many()
        .col_expr(committee_meeting::Column::JusteredOn, Expr::value(day))
        .filter(committee_meeting::Column::Id.eq(meeting_id))
        .exec(&txn)
        .await?;
    let clock = legal_clock::clock(day);
    let body = Body::parse(&meeting.body)
        .map(|b| b.label())
        .unwrap_or_default();
    let numbers: Vec<i32> = paragraphs.iter().map(|(number, _)| *number).collect();
    crate::features::notice_board::commands::post(&txn, &meeting, &numbers, clock).await?;
    crate::features::partnerships::commands::justered(ctx, &txn, actor, &meeting, day).await?;
    for item in items {
        let Some(case) = application::Entity::find_by_id(item.application_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        crate::features::decisions::commands::publish(&txn, &case, &item, &meeting, day).await?;
        if Outcome::parse(&item.decision).is_some_and(|o| o != Outcome::Rejected) {
            crate::features::payments::commands::plan_on_justering(
                &txn,
                actor,
                &case,
                item.amount_ore.unwrap_or_default(),
                day,
                clock.legal_force,
            )
            .await?;
            crate::features::follow_up::commands::schedule_on_justering(
                &txn,
                &case,
                item.amount_ore.unwrap_or_default(),
                day,
            )
            .await?;
        }
        let letter = letter_data(&txn, &case, &item, body, meeting.meeting_on, clock).await?;
        let members = association_member::Entity::find()
            .filter(association_member::Column::AssociationId.eq(case.association_id))
            .find_also_related(app_user::Entity)
            .all(&txn)
            .await?
            .into_iter()
            .filter_map(|(_, person)| person);
        let link = ctx.link(&format!("/ansokningar/{}", case.id))?;
        let mails = mail::to_each(MailKind::DecisionLetter, members, |person| {
            let mut data = letter.clone();
            data["name"] = json!(person.display_name);
            data["link"] = json!(link);
            data
        });
        events::record(
            &txn,
            NewEvent::about(
                "application",
                case.id,
                "case.justered",
                Some(actor),
                json!({ "dnr": case.dnr, "justered": day, "appeal_until": clock.appeal_until, "legal_force": clock.legal_force }),
            ),
            mails,
        )
        .await?;
    }
    ctx.commit_and_wake(txn).await?;
    Ok(clock)
}

/// What the decision letter says: the decision, the amount, the motivation per
/// criterion, the conditions, how to appeal, where the minutes are kept.
async fn letter_data(
    db: &impl ConnectionTrait,
    case: &application::Model,
    item: &agenda_item::Model,
    body: &str,
    meeting_on: NaiveDate,
    clock: legal_clock::Clock,
) -> Result<serde_json::Value, CommandError> {
    use crate::domain::programme_window::long_date;
    let association = association::Entity::find_by_id(case.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let programme = grant_programme::Entity::find_by_id(case.programme_id)
        .one(db)
        .await?;
    let keys: Vec<String> = programme
        .as_ref()
        .map(|p| serde_json::from_str(&p.criteria).unwrap_or_default())
        .unwrap_or_default();
    let labels = crate::features::assessment::assessed_criteria(&keys);
    let content: Content = case_assessment::Entity::find_by_id(case.id)
        .one(db)
        .await?
        .and_then(|a| serde_json::from_str(&a.content).ok())
        .unwrap_or_default();
    let criteria: Vec<serde_json::Value> = content
        .criteria
        .iter()
        .map(|c| {
            let label = labels.iter().find(|(k, _)| *k == c.criterion).map(|(_, l)| l.clone()).unwrap_or_default();
            json!({ "label": label, "verdict": c.verdict.map(|v| v.label()).unwrap_or("–"), "text": c.text })
        })
        .collect();
    let outcome = Outcome::parse(&item.decision).unwrap_or(Outcome::Rejected);
    let granted = outcome != Outcome::Rejected;
    Ok(json!({
        "association": association,
        "dnr": case.dnr,
        "activity": case.activity_name,
        "programme": programme.map(|p| p.name).unwrap_or_default(),
        "requested": money::format_kr(case.requested_ore),
        "outcome": outcome.label(),
        "amount": item.amount_ore.map(money::format_kr).unwrap_or_default(),
        "granted": granted,
        "motivation": content.motivation,
        "criteria": criteria,
        "body": body,
        "meeting": long_date(meeting_on),
        "paragraph": item.paragraph,
        "justered": long_date(clock.notice_up),
        "appeal_until": long_date(clock.appeal_until),
        "legal_force": long_date(clock.legal_force),
        "minutes_kept": MINUTES_KEPT,
    }))
}
