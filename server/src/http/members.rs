//! The members of an association's account: invitations, joining, removing, ownership.
use app::{
    auth::CurrentUser,
    backend::{
        entities::{app_user, association, association_invitation, association_member},
        events::{self, Effect, NewEvent},
        invitations, password, sessions, throttle,
    },
    components::form::FormState,
    domain::{email, text},
};
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use chrono::Utc;
use sea_orm::{sea_query::Expr, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::{
    account::{client_ip, internal},
    registration::read_form,
    render,
};
use crate::startup::AppState;

pub(crate) fn not_found() -> Response {
    super::errors::not_found_page()
}

/// The signed-in person and their role (`owner` or `member`) in the association's
/// account. Anyone else is answered here: not signed in, sent to sign in; not on the
/// account, 404 (the association is not theirs to learn of).
pub(crate) async fn membership(
    state: &AppState,
    user: Option<Extension<CurrentUser>>,
    association_id: Uuid,
) -> Result<(CurrentUser, String), Response> {
    let Some(Extension(user)) = user else {
        return Err(Redirect::to("/logga-in").into_response());
    };
    match invitations::role_in(&state.db, association_id, user.id).await {
        Ok(Some(role)) => Ok((user, role)),
        Ok(None) => Err(not_found()),
        Err(error) => Err(internal(error)),
    }
}

/// `user`'s role (`owner` or `member`) in the association's account; 404 for anyone not
/// on it (the association is not theirs to learn of).
pub(crate) async fn membership_of(
    state: &AppState,
    user: &CurrentUser,
    association_id: Uuid,
) -> Result<String, Response> {
    match invitations::role_in(&state.db, association_id, user.id).await {
        Ok(Some(role)) => Ok(role),
        Ok(None) => Err(not_found()),
        Err(error) => Err(internal(error)),
    }
}

/// Records an event about the association (the actor is `None` for someone without an
/// account, or for the system).
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    event_type: &'static str,
    actor: impl Into<Option<Uuid>>,
    payload: serde_json::Value,
    effects: Vec<Effect>,
) -> Result<(), DbErr> {
    events::record(
        db,
        NewEvent {
            aggregate_type: "association",
            aggregate_id: association_id,
            event_type,
            actor_id: actor.into(),
            payload,
            schema_version: 1,
        },
        effects,
    )
    .await
    .map(|_| ())
}

/// `POST /foreningar/{id}/bjud-in`: an owner invites someone by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let user = match membership(&state, user, id).await {
        Ok((user, role)) if role == "owner" => user,
        Ok(_) => return not_found(),
        Err(response) => return response,
    };
    let (parts, form) = read_form(&state, request).await;
    let typed = form.get("invite_email").cloned().unwrap_or_default();
    let address = match email::parse(&typed) {
        Ok(address) => address,
        Err(message) => {
            let mut problems = FormState::default();
            problems.values.insert("invite_email".into(), typed);
            problems.add_error("invite_email", message);
            let page = format!("/foreningar/{id}");
            return render::page_at_with_form(
                &state,
                parts,
                &page,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut kept = FormState::default();
    kept.values.insert("invite_email".into(), typed);
    if let Err(response) = mail_allowed(&state, parts, id, &address, kept).await {
        return response;
    }
    let sent = async {
        let Some(association) = association::Entity::find_by_id(id).one(&state.db).await? else {
            return Ok(false);
        };
        let txn = app::backend::db::begin_write(&state.db).await?;
        queue_invitation(&state, &txn, &association, &address, &user, json!({})).await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match sent {
        Ok(true) => {
            state.outbox_signal.notify();
            Redirect::to(&format!("/foreningar/{id}?inbjuden=1")).into_response()
        }
        Ok(false) => not_found(),
        Err(error) => internal(error),
    }
}

/// Takes one of `address`'s mails (and the IP's) for an invitation; when their share is
/// used up, the association's page again with `kept` and when to try (429).
async fn mail_allowed(
    state: &AppState,
    mut parts: axum::http::request::Parts,
    id: Uuid,
    address: &str,
    kept: FormState,
) -> Result<axum::http::request::Parts, Response> {
    let now_ms = Utc::now().timestamp_millis();
    match throttle::take_mail_attempt(&state.db, address, &client_ip(&parts), now_ms).await {
        Ok(Some(until)) => {
            parts.uri = format!("/foreningar/{id}")
                .parse()
                .expect("a path the server built");
            Err(render::too_many(state, parts, kept, until, now_ms).await)
        }
        Ok(None) => Ok(parts),
        Err(error) => Err(internal(error)),
    }
}

/// `POST /foreningar/{id}/inbjudningar/{key}/{skicka-igen|aterkalla}`: an owner sends a
/// waiting invitation again (a new link; the old one stops working) or withdraws it.
pub async fn invitation_action(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, key, action)): Path<(Uuid, String, String)>,
    request: Request,
) -> Response {
    let user = match membership(&state, user, id).await {
        Ok((user, role)) if role == "owner" => user,
        Ok(_) => return not_found(),
        Err(response) => return response,
    };
    if !matches!(action.as_str(), "skicka-igen" | "aterkalla") {
        return not_found();
    }
    if action == "skicka-igen" {
        // The same share of mails per address and IP as a new invitation.
        let address = match association_invitation::Entity::find_by_id(key.clone())
            .filter(association_invitation::Column::AssociationId.eq(id))
            .one(&state.db)
            .await
        {
            Ok(Some(invitation)) => invitation.email,
            Ok(None) => return not_found(),
            Err(error) => return internal(error),
        };
        let (parts, _) = request.into_parts();
        if let Err(response) = mail_allowed(&state, parts, id, &address, FormState::default()).await
        {
            return response;
        }
    }
    let done = async {
        let now_ms = Utc::now().timestamp_millis();
        let txn = app::backend::db::begin_write(&state.db).await?;
        let Some(association) = association::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(false);
        };
        let Some(invitation) = invitations::withdraw(&txn, id, &key, now_ms).await? else {
            return Ok(false);
        };
        if action == "skicka-igen" {
            queue_invitation(
                &state,
                &txn,
                &association,
                &invitation.email,
                &user,
                json!({ "resent": true }),
            )
            .await?;
        } else {
            record(
                &txn,
                id,
                "association.invitation_withdrawn",
                user.id,
                json!({}),
                Vec::new(),
            )
            .await?;
        }
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    }
    .await;
    match done {
        Ok(true) => {
            state.outbox_signal.notify();
            let done = if action == "skicka-igen" {
                "inbjudan-igen"
            } else {
                "inbjudan-aterkallad"
            };
            Redirect::to(&format!("/foreningar/{id}?klart={done}")).into_response()
        }
        Ok(false) => not_found(),
        Err(error) => internal(error),
    }
}

/// Issues a 7-day invitation to `address` and queues its mail, with the event, in `txn`.
pub(crate) async fn queue_invitation(
    state: &AppState,
    txn: &impl ConnectionTrait,
    association: &association::Model,
    address: &str,
    inviter: &CurrentUser,
    payload: serde_json::Value,
) -> Result<(), DbErr> {
    use app::backend::command::CommandError;
    use app::features::membership::commands::{self, Inviter};
    let inviter = Inviter {
        id: inviter.id,
        name: &inviter.display_name,
    };
    match commands::queue_invitation(&state.ctx(), txn, association, address, inviter, payload)
        .await
    {
        Ok(()) => Ok(()),
        Err(CommandError::Db(error)) => Err(error),
        Err(other) => Err(DbErr::Custom(other.to_string())),
    }
}

/// `POST /inbjudan`: signed in with the invited address, join; not signed in, create an
/// account (the link proves the address) and join.
pub async fn accept(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    request: Request,
) -> Response {
    let (parts, form) = read_form(&state, request).await;
    let token = form.get("token").cloned().unwrap_or_default();
    let now_ms = Utc::now().timestamp_millis();
    let invitation = match invitations::live(&state.db, &token, now_ms).await {
        Ok(Some(invitation)) => invitation,
        Ok(None) => {
            return render::page_with_form(
                &state,
                parts,
                FormState::default(),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        Err(error) => return internal(error),
    };
    let association_id = invitation.association_id;
    let destination = format!("/foreningar/{association_id}");

    if let Some(Extension(user)) = user {
        if user.email != invitation.email {
            return (
                StatusCode::FORBIDDEN,
                "Inbjudan gäller en annan e-postadress.",
            )
                .into_response();
        }
        let joined = async {
            let txn = app::backend::db::begin_write(&state.db).await?;
            if !invitations::accept(&txn, &token, user.id, now_ms).await? {
                return Ok(false);
            }
            record(
                &txn,
                association_id,
                "association.member_joined",
                user.id,
                json!({}),
                Vec::new(),
            )
            .await?;
            txn.commit().await?;
            Ok::<_, DbErr>(true)
        }
        .await;
        return match joined {
            Ok(true) => Redirect::to(&destination).into_response(),
            Ok(false) => {
                render::page_with_form(&state, parts, FormState::default(), StatusCode::BAD_REQUEST)
                    .await
            }
            Err(error) => internal(error),
        };
    }

    // No session: a new account for the invited address.
    let name = form
        .get("name")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let password_text = form.get("password").cloned().unwrap_or_default();
    let mut problems = FormState::default();
    problems.values.insert("token".into(), token.clone());
    problems.values.insert("name".into(), name.clone());
    let name = match text::name(&name, "Ange ditt namn.", 200) {
        Ok(name) => name,
        Err(message) => {
            problems.add_error("name", message);
            String::new()
        }
    };
    if let Err(weak) = password::check_strength(&password_text, &[&invitation.email, &name]) {
        problems.add_error("password", weak.to_string());
    }
    let exists = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&invitation.email))
        .one(&state.db)
        .await;
    match exists {
        Ok(Some(_)) => {
            problems.message = Some(
                "Det finns redan ett konto med den e-postadressen. Logga in och öppna länken igen."
                    .into(),
            );
        }
        Ok(None) => {}
        Err(error) => return internal(error),
    }
    if problems.has_problems() {
        return render::page_with_form(&state, parts, problems, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let Ok(hash) = password::hash_pooled(password_text).await else {
        return render::busy_form(&state, parts, problems).await;
    };
    let created = async {
        let now = Utc::now();
        let txn = app::backend::db::begin_write(&state.db).await?;
        // The link came by mail, so the address is proven.
        let user_id = app::backend::users::create(
            &txn,
            app::backend::users::NewUser {
                email: &invitation.email,
                display_name: &name,
                title: "",
                phone: "",
                role: "applicant",
                password_hash: &hash,
                email_verified_at: Some(now),
            },
        )
        .await?;
        if !invitations::accept(&txn, &token, user_id, now_ms).await? {
            return Ok(None);
        }
        record(
            &txn,
            association_id,
            "association.member_joined",
            user_id,
            json!({ "new_account": true }),
            Vec::new(),
        )
        .await?;
        let session = sessions::create(&txn, user_id).await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Some(session))
    }
    .await;
    match created {
        Ok(Some(session)) => {
            let mut response = Redirect::to(&destination).into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                super::session::session_cookie(&session, state.settings.uses_https()),
            );
            response
        }
        Ok(None) => {
            render::page_with_form(&state, parts, FormState::default(), StatusCode::BAD_REQUEST)
                .await
        }
        Err(error) => internal(error),
    }
}

/// `POST /foreningar/{id}/medlemmar/{user}/{action}`: `ta-bort` (owners remove members;
/// anyone may leave), `gor-till-agare` and `gor-till-medlem` (owners). The account always
/// keeps at least one owner.
pub async fn member_action(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, target, action)): Path<(Uuid, Uuid, String)>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/logga-in").into_response();
    };
    let done = async {
        let txn = app::backend::db::begin_write(&state.db).await?;
        let my_role = invitations::role_in(&txn, id, user.id).await?;
        let their_role = invitations::role_in(&txn, id, target).await?;
        let (Some(my_role), Some(their_role)) = (my_role, their_role) else {
            return Ok(Err(not_found()));
        };
        let i_own = my_role == "owner";
        let owners = invitations::owners(&txn, id).await?;
        #[expect(
            clippy::result_large_err,
            reason = "the response is the handler's answer, returned at once"
        )]
        let keep_an_owner = || {
            Err((
                StatusCode::CONFLICT,
                "Föreningens konto måste ha minst en ägare. Gör någon annan till ägare först.",
            )
                .into_response())
        };
        let event = match action.as_str() {
            "ta-bort" if i_own || target == user.id => {
                if their_role == "owner" && owners == 1 {
                    return Ok(keep_an_owner());
                }
                association_member::Entity::delete_by_id((id, target))
                    .exec(&txn)
                    .await?;
                // Whoever leaves the account no longer acts for the association.
                app::backend::entities::representative::Entity::delete_by_id((id, target))
                    .exec(&txn)
                    .await?;
                "association.member_removed"
            }
            "gor-till-agare" if i_own => {
                set_role(&txn, id, target, "owner").await?;
                "association.owner_added"
            }
            "gor-till-medlem" if i_own => {
                if their_role == "owner" && owners == 1 {
                    return Ok(keep_an_owner());
                }
                set_role(&txn, id, target, "member").await?;
                "association.owner_removed"
            }
            _ => return Ok(Err(not_found())),
        };
        record(
            &txn,
            id,
            event,
            user.id,
            json!({ "member": target }),
            Vec::new(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(Ok(()))
    }
    .await;
    match done {
        Ok(Ok(())) if target == user.id && action == "ta-bort" => {
            Redirect::to("/mina-sidor").into_response()
        }
        Ok(Ok(())) if action == "ta-bort" => {
            Redirect::to(&format!("/foreningar/{id}?klart=borttagen")).into_response()
        }
        Ok(Ok(())) => Redirect::to(&format!("/foreningar/{id}")).into_response(),
        Ok(Err(response)) => response,
        Err(error) => internal(error),
    }
}

async fn set_role(
    db: &impl ConnectionTrait,
    association_id: Uuid,
    user_id: Uuid,
    role: &str,
) -> Result<(), DbErr> {
    association_member::Entity::update_many()
        .col_expr(association_member::Column::Role, Expr::value(role))
        .filter(association_member::Column::AssociationId.eq(association_id))
        .filter(association_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
