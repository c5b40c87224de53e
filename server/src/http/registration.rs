//! Registering an association, confirming the e-mail address, and resetting a password.
//! Plain form posts: a rejected one comes back with the messages by the fields and
//! what the person typed (never a password), with a 4xx status and nothing written.
use std::collections::HashMap;

use app::{
    backend::{
        email_tokens::{self, Purpose},
        entities::{app_user, association, association_member, user_session},
        events::{self, Effect, NewEvent},
        mail::EmailJob,
        password, throttle,
    },
    components::form::FormState,
    domain::{email, registration},
    notifications::MailKind,
    pages::public::register::TAKEN_ORG_NUMBER,
};
use axum::{
    extract::{Form, FromRequest, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{Datelike, Utc};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, SqlErr,
};
use serde_json::json;
use uuid::Uuid;

use super::{account::internal, render};
use crate::startup::AppState;

/// Splits the request and reads its form; an unreadable body counts as an empty form.
pub(crate) async fn read_form(
    state: &AppState,
    request: Request,
) -> (axum::http::request::Parts, HashMap<String, String>) {
    let (parts, body) = request.into_parts();
    let form = Form::<HashMap<String, String>>::from_request(
        Request::from_parts(parts.clone(), body),
        state,
    )
    .await
    .map(|Form(form)| form)
    .unwrap_or_default();
    (parts, form)
}

/// As [`read_form`], keeping every value of a repeated field (checkbox groups), in order.
pub(crate) async fn read_form_pairs(
    state: &AppState,
    request: Request,
) -> (axum::http::request::Parts, Vec<(String, String)>) {
    let (parts, body) = request.into_parts();
    let pairs = Form::<Vec<(String, String)>>::from_request(
        Request::from_parts(parts.clone(), body),
        state,
    )
    .await
    .map(|Form(pairs)| pairs)
    .unwrap_or_default();
    (parts, pairs)
}

/// The public address of a page of the portal, for links in mails.
pub(crate) fn page_url(public_url: &url::Url, path: &str) -> String {
    public_url
        .join(path)
        .map(|url| url.to_string())
        .unwrap_or_default()
}

pub(crate) fn link(state: &AppState, path: &str, token: &str) -> String {
    let mut url = state
        .settings
        .public_url
        .join(path)
        .expect("a constant path joins");
    url.query_pairs_mut().append_pair("token", token);
    url.to_string()
}

/// Issues a verification link for `user` and queues the mail, with its event.
pub async fn send_verification(
    state: &AppState,
    user: &app_user::Model,
    association_name: Option<&str>,
) -> Result<(), DbErr> {
    let txn = app::backend::db::begin_write(&state.db).await?;
    queue_verification(state, &txn, user, association_name).await?;
    txn.commit().await?;
    state.outbox_signal.notify();
    Ok(())
}

async fn queue_verification(
    state: &AppState,
    txn: &impl ConnectionTrait,
    user: &app_user::Model,
    association_name: Option<&str>,
) -> Result<(), DbErr> {
    let token =
        email_tokens::issue(txn, user.id, Purpose::Verify, Utc::now().timestamp_millis()).await?;
    let association_name = match association_name {
        Some(name) => name.to_owned(),
        None => association::Entity::find()
            .inner_join(association_member::Entity)
            .filter(association_member::Column::UserId.eq(user.id))
            .one(txn)
            .await?
            .map(|a| a.name)
            .unwrap_or_else(|| "din förening".to_owned()),
    };
    events::record(
        txn,
        NewEvent {
            aggregate_type: "user",
            aggregate_id: user.id,
            event_type: "account.verification_sent",
            actor_id: Some(user.id),
            payload: json!({}),
            schema_version: 1,
        },
        vec![Effect::Email(EmailJob {
            kind: MailKind::AccountVerification,
            to: user.email.clone(),
            to_name: user.display_name.clone(),
            user_id: Some(user.id),
            data: json!({
                "name": user.display_name,
                "association": association_name,
                "link": link(state, "/bekrafta-epost", &token),
            }),
        })],
    )
    .await?;
    Ok(())
}

/// `POST /registrera`: the association, its owner's account (unconfirmed) and the
/// verification mail, in one transaction. 303 to "Kontrollera din e-post".
pub async fn register(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let mut problems = FormState::default();
    for (name, value) in &form {
        if name != registration::field::PASSWORD {
            problems.values.insert(name.clone(), value.clone());
        }
    }
    let registration = match registration::validate(&form, Utc::now().year()) {
        Ok(registration) => registration,
        Err(errors) => {
            for (field, message) in errors {
                problems.add_error(field, message);
            }
            return render::page_with_form(
                &state,
                parts,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if let Err(weak) = password::check_strength(
        &registration.password,
        &[
            &registration.email,
            &registration.contact_person,
            &registration.name,
        ],
    ) {
        problems.add_error(registration::field::PASSWORD, weak.to_string());
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }

    let now_ms = Utc::now().timestamp_millis();
    let ip = super::account::client_ip(&parts);
    match throttle::take_mail_attempt(&state.db, &registration.email, &ip, now_ms).await {
        Ok(Some(until)) => return render::too_many(&state, parts, problems, until, now_ms).await,
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    match taken(&state, &registration).await {
        Ok(Some((field, message))) => {
            if field == registration::field::ORG_NUMBER {
                problems.values.insert(
                    TAKEN_ORG_NUMBER.into(),
                    registration.org_number.as_str().to_owned(),
                );
            }
            problems.add_error(field, message);
            return render::page_with_form(&state, parts, problems, StatusCode::CONFLICT).await;
        }
        Ok(None) => {}
        Err(error) => return internal(error),
    }

    let Ok(hash) = password::hash_pooled(registration.password.clone()).await else {
        return render::busy_form(&state, parts, problems).await;
    };
    // An address that has an account: the answer is the same as for a new one (who has
    // an account is nobody else's business), and the owner of the address hears of it.
    match app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&registration.email))
        .one(&state.db)
        .await
    {
        Ok(Some(owner)) => {
            return match tell_owner_of_address(&state, &owner).await {
                Ok(()) => {
                    state.outbox_signal.notify();
                    Redirect::to("/registrera/tack").into_response()
                }
                Err(error) => internal(error),
            };
        }
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    let created = async {
        let now = Utc::now();
        let txn = app::backend::db::begin_write(&state.db).await?;
        let association_id = Uuid::now_v7();
        association::Entity::insert(association::ActiveModel {
            id: Set(association_id),
            name: Set(registration.name.clone()),
            org_number: Set(registration.org_number.as_str().to_owned()),
            contact_person: Set(registration.contact_person.clone()),
            email: Set(registration.email.clone()),
            phone: Set(registration.phone.clone()),
            postal_address: Set(registration.postal_address.clone()),
            founded_year: Set(Some(registration.founded_year)),
            members_in_city: Set(Some(registration.members_in_city)),
            target_group: Set(registration.target_group.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        let user_id = app::backend::users::create(
            &txn,
            app::backend::users::NewUser {
                email: &registration.email,
                display_name: &registration.contact_person,
                title: "",
                phone: &registration.phone,
                role: "applicant",
                password_hash: &hash,
                email_verified_at: None,
            },
        )
        .await?;
        let user = app_user::Entity::find_by_id(user_id)
            .one(&txn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("the account just written".into()))?;
        association_member::Entity::insert(association_member::ActiveModel {
            association_id: Set(association_id),
            user_id: Set(user.id),
            role: Set("owner".into()),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "association",
                aggregate_id: association_id,
                event_type: "association.registered",
                actor_id: Some(user.id),
                payload: json!({ "org_number": registration.org_number.as_str(), "name": registration.name }),
                schema_version: 1,
            },
            Vec::new(),
        )
        .await?;
        queue_verification(&state, &txn, &user, Some(&registration.name)).await?;
        txn.commit().await
    }
    .await;
    match created {
        Ok(()) => {
            state.outbox_signal.notify();
            Redirect::to("/registrera/tack").into_response()
        }
        // Two registrations of one number at the same moment: the database decides.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            problems.add_error(
                registration::field::ORG_NUMBER,
                already_registered(registration.org_number.as_str()),
            );
            problems.values.insert(
                TAKEN_ORG_NUMBER.into(),
                registration.org_number.as_str().to_owned(),
            );
            render::page_with_form(&state, parts, problems, StatusCode::CONFLICT).await
        }
        Err(error) => internal(error),
    }
}

/// Someone registered with `owner`'s address: an event on the account and a mail to it.
async fn tell_owner_of_address(state: &AppState, owner: &app_user::Model) -> Result<(), DbErr> {
    let txn = app::backend::db::begin_write(&state.db).await?;
    events::record(
        &txn,
        NewEvent {
            aggregate_type: "user",
            aggregate_id: owner.id,
            event_type: "account.registration_with_address_refused",
            actor_id: None,
            payload: json!({}),
            schema_version: 1,
        },
        vec![Effect::Email(EmailJob {
            kind: MailKind::RegistrationAddressTaken,
            to: owner.email.clone(),
            to_name: owner.display_name.clone(),
            user_id: Some(owner.id),
            data: json!({
                "name": owner.display_name,
                "sign_in_url": page_url(&state.settings.public_url, "/logga-in"),
                "reset_url": page_url(&state.settings.public_url, "/glomt-losenord"),
            }),
        })],
    )
    .await?;
    txn.commit().await
}

fn already_registered(org_number: &str) -> String {
    format!(
        "Föreningen med organisationsnummer {org_number} är redan registrerad. Be den som har föreningens konto om tillgång."
    )
}

/// Whether the number or the address is already in use, as a message for its field.
async fn taken(
    state: &AppState,
    registration: &registration::Registration,
) -> Result<Option<(&'static str, String)>, DbErr> {
    let number = registration.org_number.as_str();
    if association::Entity::find()
        .filter(association::Column::OrgNumber.eq(number))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Ok(Some((
            registration::field::ORG_NUMBER,
            already_registered(number),
        )));
    }

    Ok(None)
}

const LINK_REFUSED: &str =
    "Länken fungerar inte: den har redan använts eller gått ut. Be om en ny länk genom att logga in (bekräftelse) eller via ”Glömt lösenordet?”.";

/// `POST /bekrafta-epost`: uses the link's token up and confirms the address.
pub async fn verify_email(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    let confirmed = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let now = Utc::now();
        let Ok(user_id) =
            email_tokens::redeem(&txn, &token, Purpose::Verify, now.timestamp_millis()).await?
        else {
            return Ok(false);
        };
        app_user::Entity::update_many()
            .col_expr(app_user::Column::EmailVerifiedAt, Expr::value(now))
            .filter(app_user::Column::Id.eq(user_id))
            .exec(&txn)
            .await?;
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "user",
                aggregate_id: user_id,
                event_type: "account.email_verified",
                actor_id: Some(user_id),
                payload: json!({}),
                schema_version: 1,
            },
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match confirmed {
        Ok(true) => Redirect::to("/logga-in?bekraftad=1").into_response(),
        Ok(false) => {
            let problems = FormState {
                message: Some(LINK_REFUSED.into()),
                ..FormState::default()
            };
            render::page_with_form(&state, parts, problems, StatusCode::BAD_REQUEST).await
        }
        Err(error) => internal(error),
    }
}

/// `POST /glomt-losenord`: the same answer whether or not the address has an account.
pub async fn forgot_password(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let address = match email::parse(form.get("email").map(String::as_str).unwrap_or("")) {
        Ok(address) => address,
        Err(message) => {
            let mut problems = FormState::default();
            problems.values.insert(
                "email".into(),
                form.get("email").cloned().unwrap_or_default(),
            );
            problems.add_error("email", message);
            return render::page_with_form(
                &state,
                parts,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now_ms = Utc::now().timestamp_millis();
    let ip = super::account::client_ip(&parts);
    match throttle::take_mail_attempt(&state.db, &address, &ip, now_ms).await {
        Ok(Some(until)) => {
            let mut problems = FormState::default();
            problems.values.insert("email".into(), address);
            return render::too_many(&state, parts, problems, until, now_ms).await;
        }
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    // The look-up is the worker's: known and unknown addresses cost the same here.
    let queued = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        app::backend::outbox::queue_without_event(
            &txn,
            Effect::Job(app::backend::jobs::Job::PasswordReset { email: address }),
        )
        .await?;
        txn.commit().await?;
        state.outbox_signal.notify();
        Ok::<_, DbErr>(())
    }
    .await;
    match queued {
        Ok(()) => Redirect::to("/glomt-losenord?skickat=1").into_response(),
        Err(error) => internal(error),
    }
}

/// `POST /nytt-losenord`: a new password through a live reset link. Every session of
/// the account ends, wherever it was.
pub async fn new_password(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    let new_password = form.get("password").cloned().unwrap_or_default();
    let mut problems = FormState::default();
    problems.values.insert("token".into(), token.clone());
    let now_ms = Utc::now().timestamp_millis();

    // The same page sets a forgotten password and an invited person's first one.
    let found = match email_tokens::peek(&state.db, &token, Purpose::Reset, now_ms).await {
        Ok(Err(email_tokens::Refused::Unknown)) => {
            email_tokens::peek(&state.db, &token, Purpose::Invite, now_ms)
                .await
                .map(|found| found.map(|id| (id, Purpose::Invite)))
        }
        other => other.map(|found| found.map(|id| (id, Purpose::Reset))),
    };
    let (purpose, user) = match found {
        Ok(Ok((user_id, purpose))) => {
            match app_user::Entity::find_by_id(user_id).one(&state.db).await {
                // A deactivated account gets no password through an old link.
                Ok(Some(user)) if !user.active => {
                    problems.message = Some(LINK_REFUSED.into());
                    return render::page_with_form(
                        &state,
                        parts,
                        problems,
                        StatusCode::BAD_REQUEST,
                    )
                    .await;
                }
                Ok(Some(user)) => (purpose, user),
                Ok(None) => return Redirect::to("/glomt-losenord").into_response(),
                Err(error) => return internal(error),
            }
        }
        Ok(Err(_)) => {
            problems.message = Some(LINK_REFUSED.into());
            return render::page_with_form(&state, parts, problems, StatusCode::BAD_REQUEST).await;
        }
        Err(error) => return internal(error),
    };
    if let Err(weak) = password::check_strength(&new_password, &[&user.email, &user.display_name]) {
        problems.add_error("password", weak.to_string());
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let Ok(hash) = password::hash_pooled(new_password).await else {
        return render::busy_form(&state, parts, problems).await;
    };
    let changed = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        if email_tokens::redeem(&txn, &token, purpose, now_ms)
            .await?
            .is_err()
        {
            return Ok(false);
        }
        let mut update = app_user::Entity::update_many().col_expr(
            app_user::Column::PasswordHash,
            Expr::value(hash.expose_for_storage()),
        );
        if purpose == Purpose::Invite || user.email_verified_at.is_none() {
            // The link came by mail, so the address is proven.
            update = update.col_expr(app_user::Column::EmailVerifiedAt, Expr::value(Utc::now()));
        }
        update
            .filter(app_user::Column::Id.eq(user.id))
            .exec(&txn)
            .await?;
        user_session::Entity::delete_many()
            .filter(user_session::Column::UserId.eq(user.id))
            .exec(&txn)
            .await?;
        // Every other link that sets this password dies with this one.
        for purpose in [Purpose::Reset, Purpose::Invite] {
            email_tokens::revoke_all(&txn, user.id, purpose, now_ms).await?;
        }
        events::record(
            &txn,
            NewEvent {
                aggregate_type: "user",
                aggregate_id: user.id,
                event_type: if purpose == Purpose::Invite {
                    "account.invitation_accepted"
                } else {
                    "account.password_reset"
                },
                actor_id: Some(user.id),
                payload: json!({}),
                schema_version: 1,
            },
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match changed {
        Ok(true) => Redirect::to("/logga-in?nytt-losenord=1").into_response(),
        Ok(false) => {
            problems.message = Some(LINK_REFUSED.into());
            render::page_with_form(&state, parts, problems, StatusCode::BAD_REQUEST).await
        }
        Err(error) => internal(error),
    }
}
