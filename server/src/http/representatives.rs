//! Who may act for an association: members send in the document that names its
//! representatives (streamed to storage, checked by content and size), officers verify
//! it with an end date, and documents are downloaded only by the association's members
//! and staff.
use std::collections::HashSet;

use app::{
    auth::CurrentUser,
    backend::{
        entities::{
            app_user, association, association_member, attachment, representative,
            representative_proof,
        },
        events::Effect,
        invitations,
        mail::EmailJob,
        representatives::{PENDING, REJECTED, VERIFIED},
    },
    components::form::FormState,
    domain::{document, representation, role::Role},
    notifications::MailKind,
};
use axum::{
    body::Body,
    extract::{FromRequest, Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, SqlErr,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    account::internal,
    members::not_found,
    render,
    uploads::{self, NotAForm},
};
use crate::{startup::AppState, storage::UploadError};

fn member_ids(rows: &[association_member::Model]) -> HashSet<Uuid> {
    rows.iter().map(|row| row.user_id).collect()
}

async fn members_of(
    db: &impl ConnectionTrait,
    association_id: Uuid,
) -> Result<Vec<association_member::Model>, DbErr> {
    association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .all(db)
        .await
}

/// Reads checked ids; anything that is not an id of the account's people is refused.
fn chosen_people(values: &[String], members: &HashSet<Uuid>) -> Result<Vec<Uuid>, String> {
    let mut chosen = Vec::new();
    for value in values {
        match Uuid::parse_str(value) {
            Ok(id) if members.contains(&id) => {
                if !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
            _ => return Err("Välj bland personerna på föreningens konto.".to_owned()),
        }
    }
    if chosen.is_empty() {
        return Err(
            "Välj minst en person som dokumentet utser att företräda föreningen.".to_owned(),
        );
    }
    Ok(chosen)
}

/// `POST /foreningar/{id}/foretradare` (multipart): a member sends in the document.
pub async fn upload(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let user = match super::members::membership(&state, user, id).await {
        Ok((user, _)) => user,
        Err(response) => return response,
    };
    let members = match members_of(&state.db, id).await {
        Ok(rows) => member_ids(&rows),
        Err(error) => return internal(error),
    };
    let page = format!("/foreningar/{id}");
    let (parts, body) = request.into_parts();
    let mut problems = FormState::default();
    let received =
        match uploads::receive(&state, &parts, body, representation::field::DOCUMENT).await {
            Ok(received) => received,
            Err(refused) => {
                let (message, status) = match refused {
                    NotAForm::TooLarge => (document::TOO_LARGE, StatusCode::PAYLOAD_TOO_LARGE),
                    NotAForm::NotMultipart => (document::MISSING, StatusCode::BAD_REQUEST),
                };
                problems.add_error(representation::field::DOCUMENT, message);
                return render::page_at_with_form(&state, parts, &page, problems, status).await;
            }
        };
    let named = received.all(representation::field::NAMED);
    let meeting = received.text(representation::field::NEXT_ANNUAL_MEETING);
    let (stored, upload_error, file_name) = (received.stored, received.error, received.file_name);

    let today = app::backend::time::today();
    problems
        .values
        .insert(representation::field::NAMED.into(), named.join(","));
    problems.values.insert(
        representation::field::NEXT_ANNUAL_MEETING.into(),
        meeting.clone(),
    );
    let status = match &upload_error {
        Some(UploadError::TooLarge) => StatusCode::PAYLOAD_TOO_LARGE,
        Some(UploadError::WrongKind) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    match (&stored, &upload_error) {
        (_, Some(error)) => {
            if let UploadError::Io(io) = error {
                tracing::error!(%io, "storing an upload failed");
            }
            problems.add_error(representation::field::DOCUMENT, error.message());
        }
        (None, None) => problems.add_error(representation::field::DOCUMENT, document::MISSING),
        _ => {}
    }
    let chosen = chosen_people(&named, &members)
        .map_err(|message| problems.add_error(representation::field::NAMED, message))
        .ok();
    let meeting_date = representation::check_next_annual_meeting(&meeting, today)
        .map_err(|message| problems.add_error(representation::field::NEXT_ANNUAL_MEETING, message))
        .ok();
    let (Some(file), Some(chosen), Some(meeting_date), false) = (
        stored.clone(),
        chosen,
        meeting_date,
        problems.has_problems(),
    ) else {
        // Nothing half-written: a document stored before another field failed goes too.
        if let Some(file) = &stored {
            let _ = state.storage.delete(&file.key).await;
        }
        if problems.has_problems() {
            problems.message = Some(
                "Välj filen igen när du har rättat felen: av säkerhetsskäl sparar webbläsaren den inte."
                    .into(),
            );
        }
        return render::page_at_with_form(&state, parts, &page, problems, status).await;
    };

    let saved = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let now = Utc::now();
        let attachment_id = Uuid::now_v7();
        attachment::Entity::insert(attachment::ActiveModel {
            id: Set(attachment_id),
            association_id: Set(id),
            purpose: Set("representatives".into()),
            file_name: Set(document::clean_file_name(&file_name, file.kind)),
            content_type: Set(file.kind.content_type().into()),
            size_bytes: Set(file.size as i64),
            sha256: Set(file.sha256.clone()),
            storage_key: Set(file.key.clone()),
            uploaded_by: Set(Some(user.id)),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        // A newer document replaces one still waiting.
        representative_proof::Entity::update_many()
            .col_expr(representative_proof::Column::Status, Expr::value(REJECTED))
            .col_expr(
                representative_proof::Column::DecisionNote,
                Expr::value("Ersatt av ett senare inskickat dokument."),
            )
            .col_expr(representative_proof::Column::DecidedAt, Expr::value(now))
            .filter(representative_proof::Column::AssociationId.eq(id))
            .filter(representative_proof::Column::Status.eq(PENDING))
            .exec(&txn)
            .await?;
        let proof_id = Uuid::now_v7();
        representative_proof::Entity::insert(representative_proof::ActiveModel {
            id: Set(proof_id),
            association_id: Set(id),
            attachment_id: Set(attachment_id),
            submitted_by: Set(Some(user.id)),
            named_users: Set(serde_json::to_string(&chosen).unwrap_or_else(|_| "[]".into())),
            next_annual_meeting: Set(meeting_date),
            status: Set(PENDING.into()),
            decided_by: Set(None),
            decided_at: Set(None),
            decision_note: Set(String::new()),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        super::members::record(
            &txn,
            id,
            "association.representatives_proof_sent",
            user.id,
            json!({ "proof": proof_id, "attachment": attachment_id, "sha256": file.sha256 }),
            Vec::new(),
        )
        .await?;
        txn.commit().await
    }
    .await;
    match saved {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?klart=dokument")).into_response(),
        Err(error) => {
            let _ = state.storage.delete(&file.key).await;
            // Two uploads at the same moment: one document waits, the other is refused.
            if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
                problems.message = Some(
                    "Någon annan på föreningens konto skickade in ett dokument samtidigt. Ladda om sidan och se vilket som väntar på granskning.".into(),
                );
                return render::page_at_with_form(
                    &state,
                    parts,
                    &page,
                    problems,
                    StatusCode::CONFLICT,
                )
                .await;
            }
            internal(error)
        }
    }
}

/// `GET /dokument/{id}`: the document, streamed, for the association's members and
/// staff; 404 for everyone else.
pub async fn download(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<Uuid>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    let found = match attachment::Entity::find_by_id(id).one(&state.db).await {
        Ok(found) => found,
        Err(error) => return internal(error),
    };
    let Some(file) = found else {
        return not_found();
    };
    // Officers and admins read documents; approvers and other staff do not need them.
    if !matches!(user.role, Role::Officer | Role::Admin) {
        match invitations::role_in(&state.db, file.association_id, user.id).await {
            Ok(Some(_)) => {}
            Ok(None) => return not_found(),
            Err(error) => return internal(error),
        }
    }
    let opened = match state.storage.open(&file.storage_key).await {
        Ok(opened) => opened,
        Err(error) => {
            tracing::error!(%error, attachment = %file.id, "a stored document cannot be opened");
            return not_found();
        }
    };
    let ascii: String = file
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(opened)).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(file.size_bytes as u64),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// `POST /handlaggning/foretradare/{id}`: an officer (or admin) approves the document,
/// recording the verified people and the last day it holds, or refuses it with a note.
pub async fn decide(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(proof_id): Path<Uuid>,
    request: Request,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    if !matches!(user.role, Role::Officer | Role::Admin) {
        return not_found();
    }
    let (parts, body) = request.into_parts();
    let pairs = Form::<Vec<(String, String)>>::from_request(
        Request::from_parts(parts.clone(), body),
        &state,
    )
    .await
    .map(|Form(pairs)| pairs)
    .unwrap_or_default();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let named: Vec<String> = pairs
        .iter()
        .filter(|(key, _)| key == representation::field::NAMED)
        .map(|(_, value)| value.clone())
        .collect();
    let approve = value("decision") == "godkann";
    let note = value(representation::field::NOTE);
    let valid_until_text = value(representation::field::VALID_UNTIL);
    let today = app::backend::time::today();

    let proof = match representative_proof::Entity::find_by_id(proof_id)
        .one(&state.db)
        .await
    {
        Ok(Some(proof)) => proof,
        Ok(None) => return not_found(),
        Err(error) => return internal(error),
    };
    // Decided already (or replaced by a newer document): say so before anything else.
    if proof.status != PENDING {
        let problems = FormState {
            message: Some("Dokumentet är redan granskat eller har ersatts av ett nyare.".into()),
            ..Default::default()
        };
        return render::page_with_form(&state, parts, problems, StatusCode::CONFLICT).await;
    }
    let members = match members_of(&state.db, proof.association_id).await {
        Ok(rows) => member_ids(&rows),
        Err(error) => return internal(error),
    };
    let mut problems = FormState::default();
    problems
        .values
        .insert(representation::field::NAMED.into(), named.join(","));
    problems.values.insert(
        representation::field::VALID_UNTIL.into(),
        valid_until_text.clone(),
    );
    problems
        .values
        .insert(representation::field::NOTE.into(), note.clone());
    let mut decision = None;
    // The note is kept with either answer: the same limit for both.
    if let Err(message) = app::domain::text::free_text(&note, None, 2000) {
        problems.add_error(representation::field::NOTE, message);
    }
    if approve {
        let chosen = chosen_people(&named, &members)
            .map_err(|message| problems.add_error(representation::field::NAMED, message))
            .ok();
        let until = representation::check_valid_until(&valid_until_text, today)
            .map_err(|message| problems.add_error(representation::field::VALID_UNTIL, message))
            .ok();
        if let (Some(chosen), Some(until)) = (chosen, until) {
            decision = Some((chosen, until));
        }
    } else if note.is_empty() {
        problems.add_error(
            representation::field::NOTE,
            "Skriv vad som saknas i dokumentet, så att föreningen kan komplettera.",
        );
    }
    if problems.has_problems() {
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }

    let decided = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let now = Utc::now();
        // Only a document still waiting can be decided, once.
        let claimed = representative_proof::Entity::update_many()
            .col_expr(
                representative_proof::Column::Status,
                Expr::value(if approve { VERIFIED } else { REJECTED }),
            )
            .col_expr(representative_proof::Column::DecidedBy, Expr::value(user.id))
            .col_expr(representative_proof::Column::DecidedAt, Expr::value(now))
            .col_expr(representative_proof::Column::DecisionNote, Expr::value(note.clone()))
            .filter(representative_proof::Column::Id.eq(proof_id))
            .filter(representative_proof::Column::Status.eq(PENDING))
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Ok(false);
        }
        let association = association::Entity::find_by_id(proof.association_id)
            .one(&txn)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        let submitter = match proof.submitted_by {
            Some(id) => app_user::Entity::find_by_id(id).one(&txn).await?,
            None => None,
        };
        let link = super::registration::page_url(
            &state.settings.public_url,
            &format!("/foreningar/{}", proof.association_id),
        );
        let (event_type, payload, mail) = match &decision {
            Some((chosen, until)) => {
                // The latest verified document names the representatives: earlier ones end.
                representative::Entity::delete_many()
                    .filter(representative::Column::AssociationId.eq(proof.association_id))
                    .exec(&txn)
                    .await?;
                for person in chosen {
                    representative::Entity::insert(representative::ActiveModel {
                        association_id: Set(proof.association_id),
                        user_id: Set(*person),
                        proof_id: Set(proof_id),
                        verified_by: Set(Some(user.id)),
                        verified_at: Set(now),
                        valid_until: Set(*until),
                        reminded_at: Set(None),
                    })
                    .exec_without_returning(&txn)
                    .await?;
                }
                let names: Vec<String> = app_user::Entity::find()
                    .filter(app_user::Column::Id.is_in(chosen.clone()))
                    .all(&txn)
                    .await?
                    .into_iter()
                    .map(|person| person.display_name)
                    .collect();
                (
                    "association.representatives_verified",
                    json!({ "proof": proof_id, "representatives": chosen, "valid_until": until.to_string() }),
                    json!({
                        "association": association,
                        "names": names.join(", "),
                        "valid_until": until.to_string(),
                        "link": link,
                    }),
                )
            }
            None => (
                "association.representatives_rejected",
                json!({ "proof": proof_id }),
                json!({ "association": association, "note": note, "link": link }),
            ),
        };
        let effects = submitter
            .map(|person| {
                vec![Effect::Email(EmailJob {
                    kind: if decision.is_some() {
                        MailKind::RepresentativesVerified
                    } else {
                        MailKind::RepresentativesRejected
                    },
                    to: person.email,
                    to_name: person.display_name,
                    user_id: Some(person.id),
                    data: mail,
                })]
            })
            .unwrap_or_default();
        super::members::record(
            &txn,
            proof.association_id,
            event_type,
            user.id,
            payload,
            effects,
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match decided {
        Ok(true) => {
            state.outbox_signal.notify();
            Redirect::to("/handlaggning/foretradare?beslutat=1").into_response()
        }
        Ok(false) => {
            problems.message =
                Some("Dokumentet är redan granskat eller har ersatts av ett nyare.".into());
            render::page_with_form(&state, parts, problems, StatusCode::CONFLICT).await
        }
        Err(error) => internal(error),
    }
}
