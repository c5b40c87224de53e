//! The tjänsteutlåtande of a case, from its application, assessment, attestations and
//! meeting.
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::Report;
use crate::backend::entities::{
    agenda_item, app_user, application, association, case_assessment, case_attestation,
    committee_meeting, grant_programme,
};
use crate::domain::{budget::IncomeStatus, money, programme_window::long_date, role::Role};
use crate::features::applications::Content;
use crate::features::assessment::{Content as Assessment, Proposal};
use crate::features::committee::Body;

/// "500 000" as the seed writes amounts in running text and tables.
fn kronor(ore: i64) -> String {
    money::format(ore)
}

fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format!("{} till och med {}", long_date(from), long_date(to)),
        _ => "den sökta perioden".to_owned(),
    }
}

/// The case's report; `None` for a draft or no such case.
pub async fn report(
    db: &impl ConnectionTrait,
    id: Uuid,
    today: NaiveDate,
) -> Result<Option<Report>, DbErr> {
    let Some(case) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(dnr) = case.dnr.clone() else {
        return Ok(None);
    };
    let content: Content = serde_json::from_str(&case.content).unwrap_or_default();
    let association = association::Entity::find_by_id(case.association_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("association".into()))?;
    let programme = grant_programme::Entity::find_by_id(case.programme_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("programme".into()))?;
    let programme_name = programme.name.to_lowercase();
    let handler = match case.assigned_to {
        Some(officer) => app_user::Entity::find_by_id(officer)
            .one(db)
            .await?
            .map(|u| (u.display_name, u.phone))
            .unwrap_or_default(),
        None => ("Ingen handläggare utsedd".to_owned(), String::new()),
    };
    let item = agenda_item::Entity::find()
        .filter(agenda_item::Column::ApplicationId.eq(id))
        .one(db)
        .await?;
    let meeting = match &item {
        Some(item) => {
            committee_meeting::Entity::find_by_id(item.meeting_id)
                .one(db)
                .await?
        }
        None => None,
    };
    let body = meeting
        .as_ref()
        .and_then(|m| Body::parse(&m.body))
        .unwrap_or(Body::SubCommittee);
    let date = meeting.as_ref().map(|m| m.meeting_on).unwrap_or(today);
    let stored = case_assessment::Entity::find_by_id(id).one(db).await?;
    let assessment: Assessment = stored
        .as_ref()
        .and_then(|a| serde_json::from_str(&a.content).ok())
        .unwrap_or_default();
    let proposal = stored.as_ref().and_then(|a| Proposal::parse(&a.proposal));
    let amount = stored.as_ref().and_then(|a| a.amount_ore);
    let requested = case.requested_ore;
    let activity = &content.activity_name;
    let verb = match proposal {
        Some(Proposal::Grant) => {
            format!("beviljar {} kronor i", kronor(amount.unwrap_or(requested)))
        }
        Some(Proposal::PartialGrant) => format!(
            "beviljar {} kronor av sökta {} kronor i",
            kronor(amount.unwrap_or(0)),
            kronor(requested)
        ),
        Some(Proposal::Reject) => "avslår ansökan om".to_owned(),
        None => "beslutar om ansökan om".to_owned(),
    };
    let mut proposal_points = vec![format!(
        "{} {verb} {programme_name} från {} för verksamheten ”{activity}”.",
        body.label(),
        association.name
    )];
    if stored.as_ref().is_some_and(|a| a.immediate) {
        proposal_points.push("Paragrafen justeras omedelbart.".to_owned());
    }
    let summary = vec![
        format!(
            "Föreningen {} ansöker om ett {programme_name} på {} kronor för perioden {}. {}",
            association.name,
            kronor(requested),
            period(content.period_from, content.period_to),
            content.summary
        ),
        assessment.motivation.clone(),
    ];
    let earlier = application::Entity::find()
        .filter(application::Column::AssociationId.eq(case.association_id))
        .filter(application::Column::Id.ne(id))
        .filter(application::Column::Dnr.is_not_null())
        .order_by_asc(application::Column::SubmittedAt)
        .all(db)
        .await?;
    let background = if earlier.is_empty() {
        format!(
            "Föreningen har inte tidigare sökt bidrag från {}.",
            body.label().to_lowercase()
        )
    } else {
        format!(
            "Föreningen har tidigare sökt bidrag: {}.",
            earlier
                .iter()
                .map(|e| format!(
                    "{} ({})",
                    e.dnr.clone().unwrap_or_default(),
                    e.activity_name
                ))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let matter = format!(
        "Föreningen {}, med organisationsnummer {}, ansöker hos {} om {} kronor i {programme_name} för verksamheten ”{activity}”. Ansökan avser perioden {}.",
        association.name,
        association.org_number,
        body.label().to_lowercase(),
        kronor(requested),
        period(content.period_from, content.period_to)
    );
    let mut applicant = Vec::new();
    let founded = association
        .founded_year
        .map(|y| format!(" grundades {y} och"))
        .unwrap_or_default();
    let members = association
        .members_in_city
        .map(|m| format!(" har {m} medlemmar i staden"))
        .unwrap_or_default();
    if !founded.is_empty() || !members.is_empty() {
        applicant.push(format!("{}{founded}{members}.", association.name));
    }
    if !association.target_group.is_empty() {
        applicant.push(association.target_group.clone());
    }
    let budget = content.budget.budget();
    let committee_line = (body.short().to_owned(), kronor(requested));
    let income = std::iter::once(committee_line)
        .chain(budget.income.iter().map(|l| {
            let status = match l.status {
                IncomeStatus::Granted => String::new(),
                other => format!(", {}", other.label().to_lowercase()),
            };
            (
                l.source.clone(),
                format!("{}{status}", kronor(l.amount_ore)),
            )
        }))
        .collect();
    let costs = budget
        .costs
        .iter()
        .map(|l| {
            let what = if l.description.is_empty() {
                l.category.clone()
            } else {
                format!("{}, {}", l.category, l.description)
            };
            (what, kronor(l.amount_ore))
        })
        .collect();
    let totals = content.totals();
    let keys: Vec<String> = serde_json::from_str(&programme.criteria).unwrap_or_default();
    let labels = crate::features::assessment::assessed_criteria(&keys);
    let criteria = assessment
        .criteria
        .iter()
        .map(|c| {
            let label = labels
                .iter()
                .find(|(k, _)| *k == c.criterion)
                .map(|(_, l)| l.clone())
                .unwrap_or_default();
            (
                label,
                c.verdict.map(|v| v.label().to_owned()).unwrap_or_default(),
                c.text.clone(),
            )
        })
        .collect();
    let closing = match proposal {
        Some(Proposal::Reject) => format!(
            "Förvaltningen föreslår att {} avslår föreningen {}s ansökan om ett {programme_name} på {} kronor för perioden {}.",
            body.label().to_lowercase(), association.name, kronor(requested), period(content.period_from, content.period_to)
        ),
        Some(_) => format!(
            "Förvaltningen föreslår att {} beviljar föreningen {} {} kronor i {programme_name} för perioden {}.",
            body.label().to_lowercase(), association.name, kronor(amount.unwrap_or(requested)), period(content.period_from, content.period_to)
        ),
        None => String::new(),
    };
    let attestations = case_attestation::Entity::find()
        .filter(case_attestation::Column::ApplicationId.eq(id))
        .order_by_asc(case_attestation::Column::AttestedAt)
        .all(db)
        .await?;
    let signers = if attestations.is_empty() {
        app_user::Entity::find()
            .filter(app_user::Column::Role.eq(Role::Approver))
            .filter(app_user::Column::Active.eq(true))
            .order_by_asc(app_user::Column::DisplayName)
            .all(db)
            .await?
            .into_iter()
            .take(crate::features::assessment::ATTESTATIONS_NEEDED)
            .map(|u| (u.display_name, u.title))
            .collect()
    } else {
        attestations
            .iter()
            .map(|a| (a.name.clone(), a.title.clone()))
            .collect()
    };
    Ok(Some(Report {
        case_id: id,
        dnr,
        handler,
        to: body.label().to_owned(),
        date: date.to_string(),
        title: format!("Verksamheten ”{activity}”"),
        subtitle: format!("Ansökan om {programme_name} från föreningen {}", association.name),
        proposal_points,
        summary: summary.into_iter().filter(|p| !p.trim().is_empty()).collect(),
        background,
        matter,
        preparation: "Ärendet har beretts vid enheten för juridik, upphandling och föreningsstöd inom avdelningen för stadsövergripande sociala frågor. Förvaltningens handläggning av bidrag utgår från ”Socialnämndens riktlinjer för bidrag till ideella organisationer”.".to_owned(),
        applicant,
        target_group: content.target_group.clone(),
        activity: [content.activity_description.clone()].into_iter().filter(|p| !p.is_empty()).collect(),
        activities: content
            .activities
            .iter()
            .map(|a| {
                let n = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
                (a.kind.clone(), n(a.occasions), n(a.participants))
            })
            .collect(),
        goals: content.goals.iter().map(|g| g.text.clone()).filter(|g| !g.is_empty()).collect(),
        competence: content.competence.clone(),
        gender_equality: content.gender_equality.clone(),
        equal_treatment: content.equal_treatment.clone(),
        premises: content.premises.clone(),
        income,
        costs,
        income_total: kronor(totals.income),
        cost_total: kronor(totals.costs),
        criteria,
        equality_analysis: assessment.equality.clone(),
        views: [assessment.motivation.clone(), closing].into_iter().filter(|p| !p.is_empty()).collect(),
        signers,
        attested: attestations
            .into_iter()
            .map(|a| (format!("{}, {}", a.name, a.title), crate::backend::time::date(a.attested_at)))
            .collect(),
    }))
}

/// The case's full record; `None` for a draft or no such case.
pub async fn record(
    db: &impl ConnectionTrait,
    id: Uuid,
    today: NaiveDate,
) -> Result<Option<super::Record>, DbErr> {
    use crate::backend::entities::application_version;
    use crate::features::{applications, completion};
    let Some(report) = report(db, id, today).await? else {
        return Ok(None);
    };
    let Some(case) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let view = applications::queries::view(db, case, false, true).await?;
    let versions = completion::queries::versions(db, id).await?;
    let contents: Vec<(i32, Content)> = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .order_by_asc(application_version::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|v| {
            (
                v.number,
                serde_json::from_str(&v.content).unwrap_or_default(),
            )
        })
        .collect();
    let changes = contents
        .windows(2)
        .map(|pair| (pair[1].0, completion::diff::changes(&pair[0].1, &pair[1].1)))
        .collect();
    let decision = match &view.decision {
        Some(d) => {
            let mut lines = vec![format!(
                "{}, {}, § {}: {}",
                d.body,
                d.meeting,
                d.paragraph,
                match (&d.outcome, &d.amount) {
                    (Some(outcome), Some(amount)) => format!("{outcome}, {amount}"),
                    (Some(outcome), None) => outcome.clone(),
                    (None, _) => "inte beslutat än".to_owned(),
                }
            )];
            if let (Some(justered), Some(until), Some(force)) =
                (&d.justered, &d.appeal_until, &d.legal_force)
            {
                lines.push(format!(
                    "Protokollet justerades och anslogs {justered}. Laglighetsprövning kunde begäras till och med {until}; beslutet vinner laga kraft {force} om ingen har överklagat."
                ));
            }
            lines
        }
        None => vec![],
    };
    Ok(Some(super::Record {
        association: view.association.clone(),
        programme: view.programme.clone(),
        status: crate::features::queue::status_label(view.status).to_owned(),
        submitted: view.submitted.clone().unwrap_or_default(),
        attachments: view
            .attachments
            .iter()
            .map(|a| format!("{}: {} ({}, {})", a.type_label, a.name, a.kind, a.size))
            .collect(),
        versions,
        changes,
        requests: completion::queries::requests(db, id, today).await?,
        decision,
        timeline: view
            .timeline
            .iter()
            .map(|t| (t.date.clone(), t.what.clone(), t.by.clone()))
            .collect(),
        report,
    }))
}
