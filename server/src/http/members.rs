//! The HTTP side of membership (`app::features::membership`): invitations, joining,
//! removing and ownership. Each handler reads the form, throttles mail where it must,
//! calls one command and maps the outcome.
use app::{
    auth::CurrentUser,
    backend::{command::CommandError, invitations},
    components::form::FormState,
    features::membership::commands::{self, InvitationAction, Inviter, MemberChange},
};
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Extension, Router,
};
use uuid::Uuid;

use super::{
    account::{client_ip, internal},
    render,
    toolkit::{refused, refused_here, Posted, SignedIn},
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

/// `POST /foreningar/{id}/bjud-in`: an owner invites someone by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let owner = Inviter {
        id: user.id,
        name: &user.display_name,
    };
    let typed = form.one("invite_email");
    match commands::invite(&state.ctx(), id, owner, &typed, &client_ip(&parts)).await {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?inbjuden=1")).into_response(),
        Err(error) => {
            let page = format!("/foreningar/{id}");
            let kept = form.kept(&["invite_email"]);
            refused(
                &state,
                parts,
                &page,
                kept,
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
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
    let owner = Inviter {
        id: user.id,
        name: &user.display_name,
    };
    let (parts, _) = request.into_parts();
    let ip = client_ip(&parts);
    match commands::act_on_invitation(&state.ctx(), id, owner, &key, action, &ip).await {
        Ok(()) => Redirect::to(&format!("/foreningar/{id}?klart={done}")).into_response(),
        Err(error) => {
            let page = format!("/foreningar/{id}");
            let kept = FormState::default();
            refused(
                &state,
                parts,
                &page,
                kept,
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /inbjudan`: signed in with the invited address, join; not signed in, create an
/// account (the link proves the address) and join.
pub async fn accept(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let token = form.one("token");
    let ctx = state.ctx();
    let joined = match user {
        Some(Extension(user)) => commands::join(&ctx, &token, &user)
            .await
            .map(|id| (id, None)),
        None => {
            commands::join_with_new_account(&ctx, &token, &form.one("name"), &form.one("password"))
                .await
                .map(|(id, session)| (id, Some(session)))
        }
    };
    let (association, session) = match joined {
        Ok(joined) => joined,
        // A used or lapsed link: the page says so.
        Err(CommandError::Conflict(message)) if message.is_empty() => {
            let kept = FormState::default();
            return render::page_with_form(&state, parts, kept, StatusCode::BAD_REQUEST).await;
        }
        Err(error) => {
            return refused_here(&state, parts, form.kept(&["token", "name"]), error).await
        }
    };
    let mut response = Redirect::to(&format!("/foreningar/{association}")).into_response();
    if let Some(session) = session {
        let cookie = super::session::session_cookie(&session, state.settings.uses_https());
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `POST /foreningar/{id}/medlemmar/{user}/{action}`: `ta-bort` (owners remove members;
/// anyone may leave; the page `/foreningar/{id}/medlemmar/{user}` asks first),
/// `gor-till-agare` and `gor-till-medlem` (owners). The account always keeps an owner.
pub async fn member_action(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, target, action)): Path<(Uuid, Uuid, String)>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
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
        Err(error) => {
            let page = format!("/foreningar/{id}");
            let kept = FormState::default();
            refused(&state, parts, &page, kept, error, StatusCode::CONFLICT).await
        }
    }
}
