//! What the committee pages read.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::{Body, DecisionNotice, ItemRow, MeetingRow, MeetingView, Outcome};
use crate::backend::entities::{
    agenda_item, application, association, case_assessment, committee_meeting,
};
use crate::domain::{legal_clock, money, programme_window::long_date};
use crate::features::applications::Status;
use crate::features::assessment::Proposal;

/// The body's name: "Organisations- och föreningsutskottet".
pub fn body_label(body: &str) -> String {
    Body::parse(body)
        .map(|b| b.label().to_owned())
        .unwrap_or_else(|| body.to_owned())
}

/// Every meeting, the latest first.
pub async fn meetings(db: &impl ConnectionTrait) -> Result<Vec<MeetingRow>, DbErr> {
    let meetings = committee_meeting::Entity::find()
        .order_by_desc(committee_meeting::Column::MeetingOn)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(meetings.len());
    for m in meetings {
        let items = agenda_item::Entity::find()
            .filter(agenda_item::Column::MeetingId.eq(m.id))
            .count(db)
            .await?;
        rows.push(MeetingRow {
            id: m.id,
            body: body_label(&m.body),
            date: m.meeting_on.to_string(),
            cases_by: m.cases_by.to_string(),
            place: m.place,
            items,
            justered: m.justered_on.map(|d| d.to_string()),
        });
    }
    Ok(rows)
}

/// The proposal of a case in words: "Avslå", "Bevilja delvis med 250 000 kr".
async fn proposal_text(db: &impl ConnectionTrait, case: Uuid) -> Result<String, DbErr> {
    let Some(assessment) = case_assessment::Entity::find_by_id(case).one(db).await? else {
        return Ok("Inget förslag".to_owned());
    };
    Ok(
        match (Proposal::parse(&assessment.proposal), assessment.amount_ore) {
            (Some(Proposal::Reject), _) => "Avslå".to_owned(),
            (Some(p), Some(amount)) => format!("{} med {}", p.label(), money::format_kr(amount)),
            (Some(p), None) => p.label().to_owned(),
            (None, _) => "Inget förslag".to_owned(),
        },
    )
}

/// A meeting with its agenda and the attested cases ready for one.
pub async fn meeting(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<MeetingView>, DbErr> {
    let Some(m) = committee_meeting::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(id))
        .order_by_asc(agenda_item::Column::Paragraph)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(items.len());
    for item in items {
        let Some(case) = application::Entity::find_by_id(item.application_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let association = association::Entity::find_by_id(case.association_id)
            .one(db)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        rows.push(ItemRow {
            id: item.id,
            paragraph: item.paragraph,
            case_id: case.id,
            dnr: case.dnr.clone().unwrap_or_default(),
            association,
            activity: case.activity_name.clone(),
            requested: money::format_kr(case.requested_ore),
            proposal: proposal_text(db, case.id).await?,
            decision: Outcome::parse(&item.decision).map(|o| o.label().to_owned()),
            amount: item.amount_ore.map(money::format_kr),
            dissent: item.dissent,
            recused: item.recused,
            immediate: item.immediate,
        });
    }
    let ready_cases = application::Entity::find()
        .filter(application::Column::Status.eq(Status::Attested))
        .order_by_asc(application::Column::SubmittedAt)
        .all(db)
        .await?;
    let mut ready = Vec::with_capacity(ready_cases.len());
    for case in ready_cases {
        let association = association::Entity::find_by_id(case.association_id)
            .one(db)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        ready.push((
            case.id,
            case.dnr.clone().unwrap_or_default(),
            association,
            proposal_text(db, case.id).await?,
        ));
    }
    let clock = m.justered_on.map(|day| {
        let clock = legal_clock::clock(day);
        (
            long_date(clock.notice_up),
            long_date(clock.appeal_until),
            long_date(clock.legal_force),
        )
    });
    Ok(Some(MeetingView {
        id: m.id,
        body: body_label(&m.body),
        date: m.meeting_on.to_string(),
        cases_by: m.cases_by.to_string(),
        place: m.place,
        justered: m.justered_on.map(|d| d.to_string()),
        clock,
        items: rows,
        ready,
    }))
}

/// Where a case stands with the committee: its meeting and §, the decision, and the
/// legal clock once justerad; `None` before it is on an agenda.
pub async fn notice(
    db: &impl ConnectionTrait,
    case: Uuid,
) -> Result<Option<DecisionNotice>, DbErr> {
    let Some(item) = agenda_item::Entity::find()
        .filter(agenda_item::Column::ApplicationId.eq(case))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(m) = committee_meeting::Entity::find_by_id(item.meeting_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let clock = m.justered_on.map(legal_clock::clock);
    Ok(Some(DecisionNotice {
        body: body_label(&m.body),
        meeting: long_date(m.meeting_on),
        paragraph: item.paragraph,
        outcome: Outcome::parse(&item.decision).map(|o| o.label().to_owned()),
        amount: item.amount_ore.map(money::format_kr),
        justered: clock.map(|c| long_date(c.notice_up)),
        appeal_until: clock.map(|c| long_date(c.appeal_until)),
        legal_force: clock.map(|c| long_date(c.legal_force)),
    }))
}

/// When the applicant can expect the decision on a case not yet on an agenda: the first
/// meeting in the calendar whose last day for cases is on or after `ready` (the day the
/// case can be ready: today, or the officer's due date if later), as "vid
/// organisations- och föreningsutskottets sammanträde den 12 december 2026"; `None`
/// when the calendar has no such meeting yet.
pub async fn expected_meeting(
    db: &impl ConnectionTrait,
    ready: chrono::NaiveDate,
) -> Result<Option<String>, DbErr> {
    Ok(committee_meeting::Entity::find()
        .filter(committee_meeting::Column::CasesBy.gte(ready))
        .filter(committee_meeting::Column::JusteredOn.is_null())
        .order_by_asc(committee_meeting::Column::MeetingOn)
        .one(db)
        .await?
        .map(|m| {
            format!(
                "vid {}s sammanträde den {}",
                body_label(&m.body).to_lowercase(),
                long_date(m.meeting_on)
            )
        }))
}
