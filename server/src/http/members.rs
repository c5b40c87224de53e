//! The HTTP side of membership (`app::features::membership`): invitations, joining,
//! removing and ownership. Each handler reads the form, throttles mail where it must,
//! calls one command and maps the outcome.
use app::{
    auth::CurrentUser,
    backend::{
        command::CommandError, entities::association_invitation, invitations, password, throttle,
    },
    components::form::FormState,
    domain::{email, text},
    features::membership::commands::{self, InvitationAction, Inviter, MemberChange},
};
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Extension, Router,
};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{
    account::{client_ip, internal},
    registration::read_form,
    render,
    toolkit::{refused, SignedIn},
};
use crate::startup::AppState;

pub(crate) fn not_found() -> Response {
    super::errors::not_found_page()
}

/// `user`'s role (`owner` or `member`) in the association's account; 404 for anyone not
/// on it (the association is not theirs to learn of).
pub(crate) async fn membership_of(
    state: &AppState,
    user: &CurrentUser,
    association_id: Uuid,
) -> Result<app::domain::role::MemberRole, Response> {
    match invitations::role_in(&state.db, association_id, user.id).await {
        Ok(Some(role)) => Ok(role),
        Ok(None) => Err(not_found()),
        Err(error) => Err(internal(error)),
    }
}

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/foreningar/{id}/bjud-in", post(invite))
        .route(
            "/foreningar/{id}/medlemmar/{user}/{action}",
            post(member_action),
        )
        .route(
            "/foreningar/{id}/inbjudningar/{key}/{action}",
            post(invitation_action),
        )
        .route("/inbjudan", post(accept))
}

/// An unexpected refusal: the 404 page or the 500 page.
fn unexpected(error: CommandError) -> Response {
    match error {
        CommandError::NotFound => not_found(),
        CommandError::Db(error) => internal(error),
        other => super::errors::failure(&other),
    }
}

/// `POST /foreningar/{id}/bjud-in`: an owner invites someone by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    // Owners only, before anything counts against the throttle.
    match membership_of(&state, &user, id).await {
        Ok(app::domain::role::MemberRole::Owner) => {}
        Ok(_) => return not_found(),
        Err(response) => return response,
    }
    let (parts, form) = read_form(&state, request).await;
    let typed = form.get("invite_email").cloned().unwrap_or_default();
    let mut kept = FormState::default();
    kept.values.insert("invite_email".into(), typed.clone());
    let page = format!("/foreningar/{id}");
    let address = match email::parse(&typed) {
        Ok(address) => address,
        Err(message) => {
            let error = CommandError::Invalid(vec![("invite_email", message.to_owned())]);
            return refused(
                &state,
                parts,
                &page,
                kept,
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if let Err(response) = mail_allowed(&state, parts, id, &address, kept).await {
        return response;
    }
    let owner = Inviter {
        id: user.id,
        name: &user.display_name,
    };
    match commands::invite(&state.ctx(), id, owner, &address).await {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?inbjuden=1")).into_response(),
        Err(error) => unexpected(error),
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
    SignedIn(user): SignedIn,
    Path((id, key, action)): Path<(Uuid, String, String)>,
    request: Request,
) -> Response {
    let (action, done) = match action.as_str() {
        "skicka-igen" => (InvitationAction::Resend, "inbjudan-igen"),
        "aterkalla" => (InvitationAction::Withdraw, "inbjudan-aterkallad"),
        _ => return not_found(),
    };
    match membership_of(&state, &user, id).await {
        Ok(app::domain::role::MemberRole::Owner) => {}
        Ok(_) => return not_found(),
        Err(response) => return response,
    }
    if action == InvitationAction::Resend {
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
    let owner = Inviter {
        id: user.id,
        name: &user.display_name,
    };
    match commands::act_on_invitation(&state.ctx(), id, owner, &key, action).await {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?klart={done}")).into_response(),
        Err(error) => unexpected(error),
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
    let ctx = state.ctx();
    let link_dead = |parts: axum::http::request::Parts| {
        render::page_with_form(&state, parts, FormState::default(), StatusCode::BAD_REQUEST)
    };
    if let Some(Extension(user)) = user {
        return match commands::join(&ctx, &token, &user).await {
            Ok(association) => Redirect::to(&format!("/foreningar/{association}")).into_response(),
            Err(CommandError::Conflict(_)) => link_dead(parts).await,
            Err(CommandError::Forbidden(message)) => {
                (StatusCode::FORBIDDEN, message).into_response()
            }
            Err(error) => unexpected(error),
        };
    }

    // No session: a new account for the invited address.
    let invited = match commands::invited_address(&ctx, &token).await {
        Ok(Some(address)) => address,
        Ok(None) => return link_dead(parts).await,
        Err(error) => return unexpected(error),
    };
    let typed_name = form
        .get("name")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let password_text = form.get("password").cloned().unwrap_or_default();
    let mut kept = FormState::default();
    kept.values.insert("token".into(), token.clone());
    kept.values.insert("name".into(), typed_name.clone());
    let name = text::name(&typed_name, "Ange ditt namn.", 200)
        .map_err(|message| kept.add_error("name", message))
        .unwrap_or_default();
    if let Err(weak) = password::check_strength(&password_text, &[&invited, &name]) {
        kept.add_error("password", weak.to_string());
    }
    match commands::has_account(&ctx, &invited).await {
        Ok(true) => kept.message = Some(commands::SIGN_IN_FIRST.to_owned()),
        Ok(false) => {}
        Err(error) => return unexpected(error),
    }
    if kept.has_problems() {
        return render::page_with_form(&state, parts, kept, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let Ok(hash) = password::hash_pooled(password_text).await else {
        return render::busy_form(&state, parts, kept).await;
    };
    match commands::join_with_new_account(&ctx, &token, &name, &hash).await {
        Ok((association, session)) => {
            let mut response = Redirect::to(&format!("/foreningar/{association}")).into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                super::session::session_cookie(&session, state.settings.uses_https()),
            );
            response
        }
        Err(CommandError::Conflict(message)) if !message.is_empty() => {
            kept.message = Some(message);
            render::page_with_form(&state, parts, kept, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(CommandError::Conflict(_)) => link_dead(parts).await,
        Err(error) => unexpected(error),
    }
}

/// `POST /foreningar/{id}/medlemmar/{user}/{action}`: `ta-bort` (owners remove members;
/// anyone may leave; the page `/foreningar/{id}/medlemmar/{user}` asks first),
/// `gor-till-agare` and `gor-till-medlem` (owners). The account always keeps an owner.
pub async fn member_action(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, target, action)): Path<(Uuid, Uuid, String)>,
) -> Response {
    let change = match action.as_str() {
        "ta-bort" => MemberChange::Remove,
        "gor-till-agare" => MemberChange::MakeOwner,
        "gor-till-medlem" => MemberChange::MakeMember,
        _ => return not_found(),
    };
    match commands::change_member(&state.ctx(), id, user.id, target, change).await {
        Ok(()) if change == MemberChange::Remove && target == user.id => {
            Redirect::to("/mina-sidor").into_response()
        }
        Ok(()) if change == MemberChange::Remove => {
            Redirect::to(&format!("/foreningar/{id}?klart=borttagen")).into_response()
        }
        Ok(()) => Redirect::to(&format!("/foreningar/{id}")).into_response(),
        Err(CommandError::Conflict(message)) => (StatusCode::CONFLICT, message).into_response(),
        Err(error) => unexpected(error),
    }
}
