//! An association's profile: its members edit it; staff read it.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::associations::{association_profile, AssociationDetails};
use crate::components::form::{ErrorSummary, FormState, TextArea, TextField};
use crate::components::page::Page;
use crate::domain::profile::field;
use crate::pages::require_signed_in;

#[component]
pub fn AssociationPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok()));
    let (saved, invited) = use_query_map().with_untracked(|query| {
        (
            query.get("sparat").is_some(),
            query.get("inbjuden").is_some(),
        )
    });
    let profile = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => association_profile(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => view! { <Profile profile saved invited /> }.into_any(),
                    Err(_) => view! { <crate::pages::public::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Profile(profile: AssociationDetails, saved: bool, invited: bool) -> impl IntoView {
    // A rejected save comes back with what was typed; otherwise show what is stored.
    if !FormState::current().has_problems() {
        let mut state = FormState::default();
        for (name, value) in [
            (field::NAME, profile.name.clone()),
            (
                field::FOUNDED_YEAR,
                profile
                    .founded_year
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
            ),
            (
                field::MEMBERS_IN_CITY,
                profile
                    .members_in_city
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            ),
            (field::TARGET_GROUP, profile.target_group.clone()),
            (field::POSTAL_ADDRESS, profile.postal_address.clone()),
            (field::CONTACT_PERSON, profile.contact_person.clone()),
            (field::EMAIL, profile.email.clone()),
            (field::PHONE, profile.phone.clone()),
            (field::BANKGIRO, profile.bankgiro.clone()),
            (field::PLUSGIRO, profile.plusgiro.clone()),
        ] {
            state.values.insert(name.to_owned(), value);
        }
        provide_context(state);
    }
    let id = profile.id;
    let last_owner = profile.members.iter().filter(|m| m.owner).count() == 1;
    let members = profile
        .members
        .iter()
        .map(|member| {
            let action = |path: &str, label: &str, name: &str| {
                view! {
                    <form method="post" action=format!("/foreningar/{id}/medlemmar/{}/{path}", member.user_id) class="inline-form">
                        <button class="button button--small button--secondary" type="submit">
                            {label.to_owned()}<span class="visually-hidden">{format!(" {name}")}</span>
                        </button>
                    </form>
                }
            };
            let is_me = member.user_id == profile.me;
            let mut actions = Vec::new();
            if profile.is_owner && !member.owner {
                actions.push(action("gor-till-agare", "Gör till ägare", &member.name));
            }
            if profile.is_owner && member.owner && !last_owner {
                actions.push(action("gor-till-medlem", "Gör till medlem", &member.name));
            }
            if (profile.is_owner && !member.owner) || (is_me && !(member.owner && last_owner)) {
                actions.push(action("ta-bort", if is_me { "Lämna föreningen" } else { "Ta bort" }, &member.name));
            }
            view! {
                <tr>
                    <td>{member.name.clone()}</td>
                    <td>{member.email.clone()}</td>
                    <td>{if member.owner { "ägare" } else { "medlem" }}</td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect_view();
    let invite = profile.is_owner.then(|| {
        view! {
            <form class="form" method="post" action=format!("/foreningar/{id}/bjud-in") novalidate>
                <TextField name="invite_email" label="Bjud in en person (e-postadress)" input_type="email" hint="Personen får ett mejl med en länk som gäller i sju dagar." />
                <button class="button" type="submit">"Skicka inbjudan"</button>
            </form>
        }
    });
    let form = profile.can_edit.then(|| {
        view! {
            <h2>"Ändra föreningens uppgifter"</h2>
            <ErrorSummary />
            <form class="form" method="post" action=format!("/foreningar/{}", profile.id) novalidate>
                <TextField name=field::NAME label="Föreningens namn" required=true />
                <TextField name=field::FOUNDED_YEAR label="År då föreningen bildades" required=true />
                <TextField name=field::MEMBERS_IN_CITY label="Antal medlemmar i staden" required=true />
                <TextArea name=field::TARGET_GROUP label="Målgrupp" required=true />
                <TextField name=field::POSTAL_ADDRESS label="Postadress" required=true />
                <TextField name=field::CONTACT_PERSON label="Kontaktperson" required=true />
                <TextField name=field::EMAIL label="Föreningens e-postadress" input_type="email" required=true />
                <TextField name=field::PHONE label="Telefonnummer" input_type="tel" required=true />
                <TextField name=field::BANKGIRO label="Bankgiro" hint="Dit bidraget betalas ut. Till exempel 5050-1055." />
                <TextField name=field::PLUSGIRO label="Plusgiro" hint="Om föreningen har plusgiro i stället för bankgiro." />
                <button class="button" type="submit">"Spara"</button>
            </form>
        }
    });
    view! {
        <Page title=profile.name.clone()>
            {saved.then(|| view! { <p class="notice" role="status">"Uppgifterna är sparade."</p> })}
            {invited.then(|| view! { <p class="notice" role="status">"Inbjudan är skickad."</p> })}
            <dl class="facts">
                <dt>"Organisationsnummer"</dt>
                <dd>{profile.org_number.clone()}</dd>
                <dt>"Kontaktperson"</dt>
                <dd>{profile.contact_person.clone()} ", " {profile.email.clone()} ", " {profile.phone.clone()}</dd>
                <dt>"Utbetalning"</dt>
                <dd>{if !profile.bankgiro.is_empty() { format!("Bankgiro {}", profile.bankgiro) } else if !profile.plusgiro.is_empty() { format!("Plusgiro {}", profile.plusgiro) } else { "Inget bankgiro eller plusgiro angivet".to_owned() }}</dd>
            </dl>
            <table class="table">
                <caption>"Personer med tillgång till föreningens konto"</caption>
                <thead><tr><th scope="col">"Namn"</th><th scope="col">"E-post"</th><th scope="col">"Roll"</th><th scope="col"><span class="visually-hidden">"Åtgärder"</span></th></tr></thead>
                <tbody>{members}</tbody>
            </table>
            {invite}
            {form}
        </Page>
    }
}
