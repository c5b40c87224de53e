//! What the applications' pages read.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::api::{ApplicationRow, ApplicationView, AttachmentRow, TimelineRow};
use super::{Content, Status};
use crate::backend::entities::{app_user, application, attachment, domain_event, grant_programme};

/// The document types attached to the application.
pub async fn attached_types(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<Vec<String>, DbErr> {
    use sea_orm::QuerySelect;
    let types: Vec<Option<String>> = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .select_only()
        .column(attachment::Column::DocumentType)
        .into_tuple()
        .all(db)
        .await?;
    Ok(types.into_iter().flatten().collect())
}

/// The application's attachments, in the order they came.
pub async fn attachments(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<Vec<AttachmentRow>, DbErr> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .order_by_asc(attachment::Column::CreatedAt)
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|file| {
            let document_type = file.document_type.unwrap_or_default();
            AttachmentRow {
                id: file.id,
                type_label: super::document_label(&document_type).to_owned(),
                document_type,
                name: shortened(&file.file_name, 60),
                kind: crate::domain::document::FileKind::from_content_type(&file.content_type)
                    .map(|k| k.label())
                    .unwrap_or("fil")
                    .to_owned(),
                size: crate::domain::document::format_size(file.size_bytes),
            }
        })
        .collect())
}

/// `name` cut to `max` characters with an ellipsis in the middle, keeping its end (the
/// extension).
fn shortened(name: &str, max: usize) -> String {
    let count = name.chars().count();
    if count <= max {
        return name.to_owned();
    }
    let tail = 12;
    let head: String = name.chars().take(max - tail - 1).collect();
    let end: String = name.chars().skip(count - tail).collect();
    format!("{head}…{end}")
}

/// The association's applications, newest first.
pub async fn for_association(
    db: &impl ConnectionTrait,
    association_id: Uuid,
) -> Result<Vec<ApplicationRow>, DbErr> {
    let rows = application::Entity::find()
        .filter(application::Column::AssociationId.eq(association_id))
        .find_also_related(grant_programme::Entity)
        .order_by_desc(application::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, programme)| ApplicationRow {
            id: row.id,
            programme_id: row.programme_id,
            dnr: row.dnr,
            programme: programme.map(|p| p.name).unwrap_or_default(),
            activity: row.activity_name,
            requested: crate::domain::money::format_kr(row.requested_ore),
            status: row.status,
            created: crate::backend::time::date(row.created_at),
            submitted: row.submitted_at.map(crate::backend::time::date),
        })
        .collect())
}

/// The events of a case that only staff see: their notes, jäv declarations, drafts of
/// the assessment and what approvers said.
pub const STAFF_ONLY_EVENTS: [&str; 4] = [
    "case.note_added",
    "case.conflict_declared",
    "case.assessment_saved",
    "case.returned",
];

/// What happened to the application, oldest first, with who did it (names only). The
/// applicant's timeline (`staff` false) leaves out [`STAFF_ONLY_EVENTS`].
pub async fn timeline(
    db: &impl ConnectionTrait,
    id: Uuid,
    staff: bool,
) -> Result<Vec<TimelineRow>, DbErr> {
    let events = domain_event::Entity::find()
        .filter(domain_event::Column::AggregateType.eq("application"))
        .filter(domain_event::Column::AggregateId.eq(id))
        // Notes are listed apart on the case view.
        .filter(domain_event::Column::EventType.ne("case.note_added"))
        .filter(sea_orm::Condition::all().add_option(
            (!staff).then(|| domain_event::Column::EventType.is_not_in(STAFF_ONLY_EVENTS)),
        ))
        .order_by_asc(domain_event::Column::OccurredAt)
        .all(db)
        .await?;
    let actors: Vec<Uuid> = events.iter().filter_map(|e| e.actor_id).collect();
    let names: HashMap<Uuid, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(actors))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(events
        .into_iter()
        .map(|event| {
            let dnr = event.payload["dnr"].as_str().unwrap_or_default().to_owned();
            let what = match event.event_type.as_str() {
                "application.draft_started" => "Utkastet påbörjades".to_owned(),
                "case.submitted" => format!("Ansökan skickades in och fick diarienummer {dnr}"),
                "case.withdrawn" => "Ansökan återkallades".to_owned(),
                "case.assigned" => match event.payload["officer_name"].as_str() {
                    Some(name) => format!("Ärendet tilldelades {name}"),
                    None => "Ärendet lämnades utan handläggare".to_owned(),
                },
                "case.conflict_declared" => {
                    let stage = event.payload["stage"].as_str().unwrap_or_default();
                    if event.payload["recused"].as_bool() == Some(true) {
                        format!("Anmälde jäv inför {stage}")
                    } else {
                        format!("Intygade att det inte finns jäv inför {stage}")
                    }
                }
                "case.assessment_saved" => "Bedömningen sparades som utkast".to_owned(),
                "case.assessed" => {
                    "Bedömning och förslag till beslut är klara för attest".to_owned()
                }
                "case.attested" => format!(
                    "Förslaget attesterades av {}, {}",
                    event.payload["name"].as_str().unwrap_or_default(),
                    event.payload["title"]
                        .as_str()
                        .unwrap_or_default()
                        .to_lowercase()
                ),
                "case.returned" => format!(
                    "Förslaget skickades tillbaka: {}",
                    event.payload["comment"].as_str().unwrap_or_default()
                ),
                "case.on_agenda" => format!(
                    "Ärendet togs upp på dagordningen som § {}",
                    event.payload["paragraph"].as_i64().unwrap_or_default()
                ),
                "case.decided" => "Nämnden fattade beslut".to_owned(),
                "case.completion_requested" => format!(
                    "Handläggaren begärde komplettering senast {}: {}",
                    event.payload["reply_by"].as_str().unwrap_or_default(),
                    event.payload["message"].as_str().unwrap_or_default()
                ),
                "case.secrecy_marked" => {
                    "Handläggaren sekretessmarkerade uppgifter i det publicerade beslutet"
                        .to_owned()
                }
                "case.completed" => format!(
                    "Kompletteringen kom in (version {})",
                    event.payload["version"].as_i64().unwrap_or_default()
                ),
                "case.justered" => format!(
                    "Protokollet justerades; beslutet vinner laga kraft {} om det inte överklagas",
                    event.payload["legal_force"].as_str().unwrap_or_default()
                ),
                "payment.planned" => match event.payload["instalments"].as_i64() {
                    Some(1) | None => "Bidraget betalas ut i en utbetalning".to_owned(),
                    Some(n) => format!("Bidraget betalas ut i {n} delbetalningar"),
                },
                "payment.held" => "En utbetalning stoppades".to_owned(),
                "payment.released" => "En stoppad utbetalning släpptes".to_owned(),
                "payment.batched" => format!(
                    "Utbetalning {} av {} lades i en betalningsorder",
                    event.payload["number"].as_i64().unwrap_or_default(),
                    event.payload["of"].as_i64().unwrap_or_default()
                ),
                "payment.paid" => format!(
                    "{} betalades ut till {}",
                    event.payload["amount"].as_str().unwrap_or_default(),
                    event.payload["account"].as_str().unwrap_or_default()
                ),
                "follow_up.submitted" => "Återrapporten skickades in".to_owned(),
                "follow_up.changes_requested" => format!(
                    "Handläggaren bad om ändringar i återrapporten: {}",
                    event.payload["note"].as_str().unwrap_or_default()
                ),
                "follow_up.approved" => "Återrapporten godkändes".to_owned(),
                "follow_up.reminded" => match event.payload["stage"].as_str() {
                    Some("overdue") => "Påminnelse: återrapporten är försenad".to_owned(),
                    Some("due") => "Påminnelse: sista dagen för återrapporten".to_owned(),
                    _ => "Påminnelse: återrapporten ska lämnas inom 30 dagar".to_owned(),
                },
                "follow_up.due_changed" => format!(
                    "Sista dagen för återrapporten ändrades till {}",
                    event.payload["due"].as_str().unwrap_or_default()
                ),
                "reclaim.decided" => match event.payload["amount"].as_i64() {
                    Some(ore) if ore > 0 => format!(
                        "Beslut om återkrav av {}",
                        crate::domain::money::format_kr(ore)
                    ),
                    _ => "Pengar som inte användes drogs av från en delbetalning".to_owned(),
                },
                "reclaim.paid" => format!(
                    "Återkravet på {} betalades",
                    crate::domain::money::format_kr(
                        event.payload["amount"].as_i64().unwrap_or_default()
                    )
                ),
                "case.due_date_set" => match event.payload["due_on"].as_str() {
                    Some(day) => format!("Klar senast sattes till {day}"),
                    None => "Klar senast togs bort".to_owned(),
                },
                "application.documents_attached" => format!(
                    "{} bifogades",
                    super::document_label(
                        event.payload["document_type"].as_str().unwrap_or_default()
                    )
                ),
                "application.document_removed" => format!(
                    "En bilaga ({}) togs bort",
                    super::document_label(
                        event.payload["document_type"].as_str().unwrap_or_default()
                    )
                    .to_lowercase()
                ),
                other => other.to_owned(),
            };
            TimelineRow {
                date: crate::backend::time::date(event.occurred_at),
                what,
                by: event
                    .actor_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_else(|| "systemet".to_owned()),
            }
        })
        .collect())
}

/// The whole application for its pages; `None` when it does not exist.
pub async fn view(
    db: &impl ConnectionTrait,
    row: application::Model,
    may_submit: bool,
    staff: bool,
) -> Result<ApplicationView, DbErr> {
    let programme = grant_programme::Entity::find_by_id(row.programme_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("programme".into()))?;
    let association = crate::backend::entities::association::Entity::find_by_id(row.association_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("association".into()))?;
    let content: Content = serde_json::from_str(&row.content).unwrap_or_default();
    let handler = crate::features::queue::queries::handler(db, row.assigned_to).await?;
    let decision = crate::features::committee::queries::notice(db, row.id).await?;
    let rules = super::commands::rules(&programme);
    let attached = attached_types(db, row.id).await?;
    let required = super::commands::required_documents(&programme);
    let today = crate::backend::time::today();
    let completion = if row.status == Status::Completion {
        crate::features::completion::queries::requests(db, row.id, today)
            .await?
            .into_iter()
            .rfind(|r| r.answered.is_none())
    } else {
        None
    };
    let requested = match row.status {
        Status::Completion => {
            crate::features::completion::queries::missing_requested(db, row.id).await?
        }
        _ => vec![],
    };
    let problems = if row.status.editable() {
        let mut problems = content.clone().without_empty_rows().problems(&rules);
        problems.extend(super::missing_documents(&required, &attached));
        problems.extend(
            requested
                .iter()
                .map(|slug| crate::features::completion::queries::requested_problem(slug)),
        );
        problems
            .into_iter()
            .map(|(step, field, message)| (step.to_owned(), field, message))
            .collect()
    } else {
        vec![]
    };
    let required_documents = required
        .iter()
        .map(|slug| {
            (
                slug.clone(),
                super::document_label(slug).to_owned(),
                attached.contains(slug),
            )
        })
        .collect();
    let totals = content.totals();
    let deadline = if let Some(request) = &completion {
        Some(format!(
            "Skicka in kompletteringen senast {}.",
            request.reply_by_long
        ))
    } else if row.status == Status::Draft {
        use crate::domain::programme_window::{long_date, WindowState};
        match crate::features::programmes::window_state_for(
            db,
            &programme,
            row.association_id,
            today,
        )
        .await?
        {
            WindowState::Open { closes: Some(day) } => {
                Some(format!("Skicka in ansökan senast {}.", long_date(day)))
            }
            WindowState::Open { closes: None } => None,
            closed => Some(super::commands::closed_message(&programme, closed)),
        }
    } else {
        None
    };
    // From the calendar: the meeting whose agenda it is on, else the first meeting it
    // can reach; without one, the programme's usual handling time.
    let expected = match (&decision, row.submitted_at) {
        (_, None) => None,
        (Some(on), Some(_)) => Some(format!(
            "vid {}s sammanträde den {}",
            on.body.to_lowercase(),
            on.meeting
        )),
        (None, Some(at)) => {
            let ready = row.due_on.map_or(today, |due| due.max(today));
            match crate::features::committee::queries::expected_meeting(db, ready).await? {
                Some(meeting) => Some(meeting),
                None => {
                    let day =
                        at.date_naive() + chrono::Duration::weeks(programme.handling_weeks.into());
                    Some(format!(
                        "omkring den {}",
                        crate::domain::programme_window::long_date(day)
                    ))
                }
            }
        }
    };
    Ok(ApplicationView {
        id: row.id,
        association_id: row.association_id,
        association: association.name,
        programme: programme.name,
        handling_weeks: programme.handling_weeks,
        text_limit: programme.text_limit as usize,
        status: row.status,
        dnr: row.dnr,
        revision: row.revision,
        values: content.values(),
        income_total: totals.income,
        cost_total: totals.costs,
        content,
        submitted: row.submitted_at.map(crate::backend::time::date),
        expected_decision: expected,
        may_submit,
        problems,
        timeline: timeline(db, row.id, staff).await?,
        attachments: attachments(db, row.id).await?,
        required_documents,
        deadline,
        handler,
        decision,
        completion,
        submit_key: Uuid::new_v4().to_string(),
    })
}
