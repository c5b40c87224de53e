//! Confirmation before someone is taken off the board or off the association's account.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::auth::require_signed_in;
use crate::components::confirm::ConfirmPage;
use crate::features::profile::api::{association_profile, AssociationDetails};

/// The association and one more id from the path (a board member or a person).
fn ids(second: &'static str) -> Option<(Uuid, Uuid)> {
    use_params_map().with_untracked(|params| {
        let first = params.get("id").and_then(|id| Uuid::parse_str(&id).ok())?;
        let other = params
            .get(second)
            .and_then(|id| Uuid::parse_str(&id).ok())?;
        Some((first, other))
    })
}

/// Loads the association (with the caller's rights checked by the server function) and
/// renders `page` with it, or the 404 page.
fn with_profile(
    ids: Option<(Uuid, Uuid)>,
    page: fn(AssociationDetails, Uuid) -> Option<AnyView>,
) -> AnyView {
    let profile = Resource::new(
        move || ids,
        |ids| async move {
            match ids {
                Some((id, _)) => association_profile(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || Suspend::new(async move {
                match (profile.await, ids) {
                    (Ok(profile), Some((_, other))) => page(profile, other)
                        .unwrap_or_else(|| view! { <crate::components::not_found::NotFound /> }.into_any()),
                    _ => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// `GET /foreningar/{id}/styrelse/{member}`: "Ta bort … ur styrelsen?"
#[component]
pub fn RemoveBoardMemberPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    with_profile(ids("member"), |profile, member_id| {
        let member = profile.board.iter().find(|m| m.id == member_id)?.clone();
        profile.can_manage.then(|| {
            view! {
                <ConfirmPage
                    title="Ta bort ur styrelsen"
                    question=format!("Vill du ta bort {} ur styrelsen?", member.name)
                    consequence=format!("{} står då inte längre som {} för {}. Det går att lägga till personen igen.", member.name, member.role, profile.name)
                    action=format!("/foreningar/{}/styrelse/{}/ta-bort", profile.id, member.id)
                    confirm_label="Ja, ta bort ur styrelsen"
                    back=format!("/foreningar/{}#styrelse", profile.id)
                />
            }
            .into_any()
        })
    })
}

/// `GET /foreningar/{id}/medlemmar/{user}`: "Ta bort … från föreningens konto?" (or
/// "Lämna föreningen?" for oneself).
#[component]
pub fn RemoveMemberPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    with_profile(ids("user"), |profile, user_id| {
        let member = profile
            .members
            .iter()
            .find(|m| m.user_id == user_id)?
            .clone();
        let last_owner = profile.members.iter().filter(|m| m.owner).count() == 1;
        let is_me = user_id == profile.me;
        let allowed =
            (profile.is_owner && !member.owner) || (is_me && !(member.owner && last_owner));
        allowed.then(|| {
            let action = format!("/foreningar/{}/medlemmar/{}/ta-bort", profile.id, user_id);
            let back = format!("/foreningar/{}", profile.id);
            if is_me {
                view! {
                    <ConfirmPage
                        title="Lämna föreningen"
                        question=format!("Vill du lämna {}?", profile.name)
                        consequence="Du kommer då inte längre åt föreningens sida, ansökningar eller dokument, och är inte längre företrädare för föreningen. En ägare kan bjuda in dig igen."
                        action
                        confirm_label="Ja, lämna föreningen"
                        back
                    />
                }
                .into_any()
            } else {
                view! {
                    <ConfirmPage
                        title="Ta bort från föreningens konto"
                        question=format!("Vill du ta bort {} från föreningens konto?", member.name)
                        consequence=format!("{} ({}) kommer då inte längre åt {} och är inte längre företrädare för föreningen. Du kan bjuda in personen igen.", member.name, member.email, profile.name)
                        action
                        confirm_label="Ja, ta bort"
                        back
                    />
                }
                .into_any()
            }
        })
    })
}
