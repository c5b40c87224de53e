//! An association's profile: its members edit it; staff read it.
use crate::domain::registration::limit;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::auth::require_signed_in;
use crate::components::form::{
    field_id, CheckboxGroup, ErrorSummary, FormState, TextArea, TextField,
};
use crate::components::page::Page;
use crate::domain::board::{self, BoardRole};
use crate::domain::checks::Check;
use crate::domain::profile::field;
use crate::domain::representation;
use crate::features::profile::api::{association_profile, AssociationDetails};

#[component]
pub fn AssociationPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok()));
    let (saved, invited, notice) = use_query_map().with_untracked(|query| {
        (
            query.get("sparat").is_some(),
            query.get("inbjuden").is_some(),
            query.get("klart").and_then(|done| notice_for(&done)),
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
                    Ok(profile) => view! { <Profile profile saved invited notice /> }.into_any(),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Profile(
    profile: AssociationDetails,
    saved: bool,
    invited: bool,
    notice: Option<&'static str>,
) -> impl IntoView {
    // What is stored, overlaid with what a rejected form brought back (the page has
    // several forms; each keeps what was typed into it).
    {
        let current = FormState::current();
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
        state.values.extend(current.values);
        state.errors = current.errors;
        state.message = current.message;
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
                .into_any()
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
                // Asks first, on a page of its own.
                actions.push(view! {
                    <a class="button button--small button--secondary" href=format!("/foreningar/{id}/medlemmar/{}", member.user_id)>
                        {if is_me { "Lämna föreningen" } else { "Ta bort" }}<span class="visually-hidden">{format!(" {}", member.name)}</span>
                    </a>
                }.into_any());
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
                <TextField name="invite_email" label="Bjud in en person (e-postadress)" input_type="email" check=Check::Email hint="Personen får ett mejl med en länk som gäller i sju dagar." />
                <button class="button" type="submit">"Skicka inbjudan"</button>
            </form>
        }
    });
    let requests = (!profile.access_requests.is_empty()).then(|| {
        let rows = profile
            .access_requests
            .iter()
            .map(|request| {
                let answer = |path: &str, label: &str, secondary: bool| {
                    view! {
                        <form method="post" action=format!("/foreningar/{id}/forfragningar/{}/{path}", request.id) class="inline-form">
                            <button class="button button--small" class:button--secondary=secondary type="submit">
                                {label.to_owned()}<span class="visually-hidden">{format!(" {}", request.name)}</span>
                            </button>
                        </form>
                    }
                };
                view! {
                    <tr>
                        <td>{request.name.clone()}</td>
                        <td>{request.email.clone()}</td>
                        <td>{request.message.clone()}</td>
                        <td>{request.received.clone()}</td>
                        <td>{answer("bjud-in", "Bjud in", false)}{answer("avsla", "Avslå", true)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Förfrågningar om tillgång">
            <table class="table">
                <caption>"Förfrågningar om tillgång"</caption>
                <thead><tr><th scope="col">"Namn"</th><th scope="col">"E-post"</th><th scope="col">"Meddelande"</th><th scope="col">"Mottagen"</th><th scope="col"><span class="visually-hidden">"Svar"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        }
    });
    let form = profile.can_edit.then(|| {
        view! {
            <h2>"Ändra föreningens uppgifter"</h2>
            <form class="form" method="post" action=format!("/foreningar/{}", profile.id) novalidate>
                <TextField name=field::NAME maxlength=limit::NAME label="Föreningens namn" required=true />
                <TextField name=field::FOUNDED_YEAR label="År då föreningen bildades" required=true check=Check::FoundedYear />
                <TextField name=field::MEMBERS_IN_CITY label="Antal medlemmar i staden" required=true check=Check::Members />
                <TextArea name=field::TARGET_GROUP label="Målgrupp" required=true />
                <TextField name=field::POSTAL_ADDRESS maxlength=limit::POSTAL_ADDRESS label="Postadress" required=true />
                <TextField name=field::CONTACT_PERSON maxlength=limit::NAME label="Kontaktperson" required=true />
                <TextField name=field::EMAIL label="Föreningens e-postadress" input_type="email" required=true check=Check::Email />
                <TextField name=field::PHONE maxlength=limit::PHONE label="Telefonnummer" input_type="tel" required=true check=Check::Phone />
                {if profile.can_manage {
                    view! {
                        <TextField name=field::BANKGIRO label="Bankgiro" hint="Dit bidraget betalas ut. Till exempel 5050-1055. Ägarna och företrädarna får ett mejl när det ändras." check=Check::Bankgiro />
                        <TextField name=field::PLUSGIRO label="Plusgiro" hint="Om föreningen har plusgiro i stället för bankgiro." check=Check::Plusgiro />
                    }.into_any()
                } else {
                    view! {
                        <p class="field__hint">"Bankgiro och plusgiro kan bara ändras av föreningens ägare och verifierade företrädare."</p>
                    }.into_any()
                }}
                <button class="button" type="submit">"Spara"</button>
            </form>
        }
    });
    view! {
        <Page title=profile.name.clone()>
            {saved.then(|| view! { <p class="notice" role="status">"Uppgifterna är sparade."</p> })}
            {invited.then(|| view! { <p class="notice" role="status">"Inbjudan är skickad."</p> })}
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <ErrorSummary />
            {profile.can_edit.then(|| view! {
                <p><a class="button" href=format!("/foreningar/{}/ansokningar", profile.id)>"Ansökningar om bidrag"</a></p>
                <p><a href=format!("/foreningar/{}/helsam", profile.id)>"Medlemskap i Helsam"</a></p>
                <crate::features::partnerships::pages::AssociationPartnerships association=profile.id />
            })}
            <dl class="facts">
                <dt>"Organisationsnummer"</dt>
                <dd>{profile.org_number.clone()}</dd>
                <dt>"Kontaktperson"</dt>
                <dd>{profile.contact_person.clone()} ", " {profile.email.clone()} ", " {profile.phone.clone()}</dd>
                <dt>"Utbetalning"</dt>
                <dd>{if !profile.bankgiro.is_empty() { format!("Bankgiro {}", profile.bankgiro) } else if !profile.plusgiro.is_empty() { format!("Plusgiro {}", profile.plusgiro) } else { "Inget bankgiro eller plusgiro angivet".to_owned() }}</dd>
            </dl>
            {profile.payment_change.clone().filter(|_| !profile.can_edit).map(|change| view! {
                <div class="warning" role="note">
                    <p><strong>"Betalningsuppgifterna har ändrats. "</strong>
                    {format!("{} ändrade den {} var bidragen betalas ut, från {} till {}. Kontrollera ändringen med föreningen före nästa utbetalning.", change.by, change.date, change.before, change.now)}</p>
                </div>
            })}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Personer med tillgång till föreningens konto">
            <table class="table">
                <caption>"Personer med tillgång till föreningens konto"</caption>
                <thead><tr><th scope="col">"Namn"</th><th scope="col">"E-post"</th><th scope="col">"Roll"</th><th scope="col"><span class="visually-hidden">"Åtgärder"</span></th></tr></thead>
                <tbody>{members}</tbody>
            </table>
            </div>
            {invite}
            {pending_invitations(&profile)}
            {requests}
            <Board profile=profile.clone() />
            <Representatives profile=profile.clone() />
            {form}
        </Page>
    }
}

/// The invitations an owner has sent that are not used yet, to send again or withdraw.
fn pending_invitations(profile: &AssociationDetails) -> Option<impl IntoView> {
    if !profile.is_owner || profile.invitations.is_empty() {
        return None;
    }
    let id = profile.id;
    let rows = profile
        .invitations
        .iter()
        .map(|invitation| {
            let action = |path: &str, label: &str| {
                view! {
                    <form method="post" action=format!("/foreningar/{id}/inbjudningar/{}/{path}", invitation.key) class="inline-form">
                        <button class="button button--small button--secondary" type="submit">
                            {label.to_owned()}<span class="visually-hidden">{format!(" inbjudan till {}", invitation.email)}</span>
                        </button>
                    </form>
                }
            };
            view! {
                <tr>
                    <td>{invitation.email.clone()}</td>
                    <td>{invitation.valid_until.clone()}</td>
                    <td>{action("skicka-igen", "Skicka igen")}{action("aterkalla", "Återkalla")}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Inbjudningar som inte har använts">
            <table class="table">
                <caption>"Inbjudningar som inte har använts"</caption>
                <thead><tr><th scope="col">"E-post"</th><th scope="col">"Länken gäller till och med"</th><th scope="col"><span class="visually-hidden">"Åtgärder"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    })
}

/// The notice for `?klart=…` after a change that leads back to this page.
fn notice_for(done: &str) -> Option<&'static str> {
    Some(match done {
        "styrelse" => "Styrelsen är uppdaterad.",
        "borttagen-ur-styrelsen" => "Personen är borttagen ur styrelsen.",
        "inbjudan-igen" => "En ny inbjudan är skickad. Den gamla länken fungerar inte längre.",
        "inbjudan-aterkallad" => "Inbjudan är återkallad. Länken i mejlet fungerar inte längre.",
        "borttagen" => {
            "Personen är borttagen från föreningens konto och kommer inte längre åt föreningen."
        }
        "dokument" => {
            "Dokumentet är inskickat. En handläggare granskar det, och du får besked per e-post."
        }
        "inbjuden" => "Personen har fått en inbjudan per e-post.",
        "avslagen" => "Förfrågan är avslagen.",
        _ => return None,
    })
}

/// The board: its members edit it, staff read it.
#[component]
fn Board(profile: AssociationDetails) -> impl IntoView {
    let id = profile.id;
    let rows = profile
        .board
        .iter()
        .map(|member| {
            let remove = profile.can_manage.then(|| view! {
                <a class="button button--small button--secondary" href=format!("/foreningar/{id}/styrelse/{}", member.id)>
                    "Ta bort"<span class="visually-hidden">{format!(" {}", member.name)}</span>
                </a>
            });
            view! { <tr><td>{member.name.clone()}</td><td>{member.role.clone()}</td><td>{remove}</td></tr> }
        })
        .collect_view();
    let state = FormState::current();
    let role_error = state.error(board::field::ROLE);
    let chosen = state.value(board::field::ROLE);
    let options = BoardRole::ALL
        .into_iter()
        .map(|role| view! { <option value=role.as_str() selected=chosen == role.as_str()>{role.label()}</option> })
        .collect_view();
    let refused = (profile.can_edit && !profile.can_manage).then(|| view! {
        <p class="field__hint">"Bara föreningens ägare och verifierade företrädare kan ändra styrelsen."</p>
    });
    let add = profile.can_manage.then(|| view! {
        <form class="form" method="post" action=format!("/foreningar/{id}/styrelse") novalidate>
            <TextField name=board::field::NAME label="Namn" autocomplete="off" required=true />
            <div class="field" class:field--error=role_error.is_some()>
                <label for=field_id(board::field::ROLE)>"Roll i styrelsen"</label>
                {role_error.clone().map(|message| view! {
                    <p class="field__error" id=format!("{}-fel", field_id(board::field::ROLE))><span class="visually-hidden">"Fel: "</span>{message}</p>
                })}
                <select id=field_id(board::field::ROLE) name=board::field::ROLE
                    aria-invalid=role_error.is_some().then_some("true")
                    aria-describedby=role_error.is_some().then(|| format!("{}-fel", field_id(board::field::ROLE)))>
                    <option value="">"Välj roll"</option>
                    {options}
                </select>
            </div>
            <button class="button button--secondary" type="submit">"Lägg till i styrelsen"</button>
        </form>
    });
    view! {
        <section aria-labelledby="styrelse">
            <h2 id="styrelse">"Styrelse"</h2>
            {if profile.board.is_empty() {
                view! { <p>"Ingen styrelse är angiven ännu."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Styrelsens ledamöter">
                    <table class="table">
                        <caption class="visually-hidden">"Styrelsens ledamöter"</caption>
                        <thead><tr><th scope="col">"Namn"</th><th scope="col">"Roll"</th><th scope="col"><span class="visually-hidden">"Åtgärder"</span></th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            {refused}
            {add}
        </section>
    }
}

/// Who may act for the association: the verified representatives, the latest proof, and
/// the form to send in a new one.
#[component]
fn Representatives(profile: AssociationDetails) -> impl IntoView {
    let id = profile.id;
    let verified = if profile.representatives.is_empty() {
        view! { <p>"Föreningen har inga verifierade företrädare just nu. Alla på föreningens konto kan skriva utkast, men bara en verifierad företrädare kan skicka in ansökningar och redovisningar."</p> }.into_any()
    } else {
        let items = profile
            .representatives
            .iter()
            .map(|rep| view! { <li>{rep.name.clone()}" – verifierad till och med "{rep.valid_until.clone()}</li> })
            .collect_view();
        view! { <ul>{items}</ul> }.into_any()
    };
    let me = profile.can_edit.then(|| {
        if profile.me_verified {
            view! { <p class="notice">"Du är verifierad företrädare och kan skicka in för föreningen."</p> }.into_any()
        } else {
            view! { <p>"Du kan skriva utkast, men inte skicka in för föreningen förrän en handläggare har verifierat dig som företrädare."</p> }.into_any()
        }
    });
    let proof = profile.proof.clone().map(|proof| {
        let status = proof.status.label().to_lowercase();
        view! {
            <p>
                "Senast inskickat dokument: "
                {if profile.can_read_documents {
                    view! { <a href=format!("/dokument/{}", proof.attachment_id)>{proof.file_name.clone()}</a> }.into_any()
                } else {
                    view! { <span>{proof.file_name.clone()}</span> }.into_any()
                }}
                {format!(" ({}), {status}.", proof.sent)}
            </p>
            {(!proof.note.is_empty()).then(|| view! { <p>"Handläggarens kommentar: "{proof.note.clone()}</p> })}
        }
    });
    let state = FormState::current();
    let chosen: Vec<String> = state
        .value(representation::field::NAMED)
        .split(',')
        .map(str::to_owned)
        .collect();
    let document_error = state.error(representation::field::DOCUMENT);
    let document_id = field_id(representation::field::DOCUMENT);
    let people: Vec<(String, String)> = profile
        .members
        .iter()
        .map(|member| (member.user_id.to_string(), member.name.clone()))
        .collect();
    let upload = profile.can_edit.then(|| view! {
        <form class="form" method="post" action=format!("/foreningar/{id}/foretradare") enctype="multipart/form-data" novalidate>
            <div class="field" class:field--error=document_error.is_some()>
                <label for=document_id.clone()>"Protokoll eller annat dokument som visar vem som företräder föreningen"</label>
                <p class="field__hint" id=format!("{document_id}-hint")>{format!("PDF, JPEG eller PNG, högst {} MB. Till exempel protokollet från årsmötet eller det konstituerande styrelsemötet, där firmatecknare eller kontaktpersoner utses.", crate::site::SiteInfo::current().upload_max_mb())}</p>
                {document_error.clone().map(|message| view! {
                    <p class="field__error" id=format!("{document_id}-fel")><span class="visually-hidden">"Fel: "</span>{message}</p>
                })}
                <input type="file" id=document_id.clone() name=representation::field::DOCUMENT accept="application/pdf,image/jpeg,image/png"
                    aria-invalid=document_error.is_some().then_some("true")
                    aria-describedby=if document_error.is_some() { format!("{document_id}-hint {document_id}-fel") } else { format!("{document_id}-hint") } />
            </div>
            <CheckboxGroup
                name=representation::field::NAMED
                legend="Vilka av kontots personer utses i dokumentet att företräda föreningen?"
                options=people.clone()
                checked=chosen.clone()
            />
            <TextField name=representation::field::NEXT_ANNUAL_MEETING label="Datum för föreningens nästa ordinarie årsmöte" input_type="date" hint="Verifieringen gäller som längst till dess, och högst 15 månader." required=true />
            <button class="button" type="submit">"Skicka in dokumentet"</button>
        </form>
    });
    view! {
        <section aria-labelledby="foretradare">
            <h2 id="foretradare">"Företrädare"</h2>
            {verified}
            {me}
            {proof}
            {upload}
        </section>
    }
}
