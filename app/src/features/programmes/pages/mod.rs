//! `/handlaggning/sena-ansokningar`: an officer opens a closed programme for one
//! association (the last day and why), and sees the windows opened so far.
//! `/admin/bidragsformer`: admins list, add and edit the programmes.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::api::{admin_programme, admin_programmes, late_windows};
use super::programme_field as f;
use crate::auth::{denied, require_role};
use crate::components::form::{
    CheckboxGroup, ErrorSummary, FormState, Select, TextArea, TextField,
};
use crate::components::page::Page;
use crate::domain::role::Role;

#[component]
pub fn LateWindowsPage() -> impl IntoView {
    if crate::features::representatives::pages::require_verifier().is_none() {
        return denied();
    }
    let opened = use_query_map().with_untracked(|query| query.get("oppnad").is_some());
    let loaded = Resource::new(|| (), |_| late_windows());
    view! {
        <Page title="Ansökan efter sista dag" wide=true>
            {opened.then(|| view! { <p class="notice" role="status">"Ansökan är öppnad för föreningen. Föreningens ägare får besked per e-post."</p> })}
            <p class="lead">"En förening som har missat ansökningsperioden av goda skäl kan få söka ändå. Du anger sista dag och skälet; det sparas i föreningens händelser."</p>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    let Ok(data) = loaded.await else {
                        return view! { <crate::components::not_found::NotFound /> }.into_any();
                    };
                    let rows = data
                        .windows
                        .iter()
                        .map(|w| view! {
                            <tr>
                                <td>{w.association.clone()}</td>
                                <td>{w.programme.clone()}</td>
                                <td>{w.open_until.clone()}{(!w.open_now).then_some(" (stängd)")}</td>
                                <td>{w.reason.clone()}</td>
                                <td>{format!("{}, {}", w.granted_by, w.granted)}</td>
                            </tr>
                        })
                        .collect_view();
                    let empty = data.windows.is_empty();
                    view! {
                        <h2>"Öppna ansökan för en förening"</h2>
                        <ErrorSummary />
                        <form class="form" method="post" action="/handlaggning/sena-ansokningar" novalidate>
                            <Select name="association" label="Förening" options=data.associations.iter().map(|(id, name)| (id.to_string(), name.clone())).collect() placeholder="Välj förening" />
                            <Select name="programme" label="Bidragsform" options=data.programmes.iter().map(|(id, name)| (id.to_string(), name.clone())).collect() placeholder="Välj bidragsform"
                                hint="Bidragsformer som går att söka året runt behöver ingen sen ansökan." />
                            <TextField name="open_until" label="Sista dag att skicka in" input_type="date" hint="Högst 90 dagar fram." required=true />
                            <TextArea name="reason" label="Skäl" hint="Till exempel sjukdom hos den som skulle skicka in, eller ett fel hos oss. Sparas i föreningens händelser och syns för handläggare, inte för föreningen." required=true />
                            <button class="button" type="submit">"Öppna ansökan"</button>
                        </form>
                        <h2>"Öppnade efter sista dag"</h2>
                        {if empty {
                            view! { <p>"Ingen förening har fått söka efter sista dag än."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label="Ansökningar öppnade efter sista dag">
                                    <table class="table">
                                        <thead><tr>
                                            <th scope="col">"Förening"</th><th scope="col">"Bidragsform"</th><th scope="col">"Sista dag"</th>
                                            <th scope="col">"Skäl"</th><th scope="col">"Öppnad av"</th>
                                        </tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    }
                    .into_any()
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

/// `/admin/bidragsformer`: every programme, with a link to edit it and to add one.
#[component]
pub fn ProgrammesPage() -> impl IntoView {
    if require_role(Role::Admin).is_none() {
        return denied();
    }
    let saved = use_query_map().with_untracked(|query| query.get("sparad").is_some());
    let loaded = Resource::new(|| (), |_| admin_programmes());
    view! {
        <Page title="Bidragsformer" wide=true>
            {saved.then(|| view! { <p class="notice" role="status">"Bidragsformen är sparad. Ändringarna gäller från och med nu."</p> })}
            <p class="lead">"Bidragsformerna som föreningar kan söka: ansökningsperiod, periodens längd, bilagor, bedömningskriterier, teckengräns, diarienummer och handläggningstid."</p>
            <p><a class="button" href="/admin/bidragsformer/ny">"Lägg till en bidragsform"</a></p>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    let Ok(rows) = loaded.await else {
                        return view! { <crate::components::not_found::NotFound /> }.into_any();
                    };
                    let rows = rows
                        .into_iter()
                        .map(|p| view! {
                            <tr>
                                <td><a href=format!("/admin/bidragsformer/{}", p.id)>{p.name.clone()}</a></td>
                                <td>{p.window}</td>
                                <td>{p.months}</td>
                                <td>{p.dnr_prefix}</td>
                                <td>{format!("{} veckor", p.handling_weeks)}</td>
                                <td>{if p.active { "Ja" } else { "Nej" }}</td>
                            </tr>
                        })
                        .collect_view();
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Bidragsformer">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">"Namn"</th><th scope="col">"Ansökan tas emot"</th><th scope="col">"Period"</th>
                                    <th scope="col">"Dnr-prefix"</th><th scope="col">"Handläggningstid"</th><th scope="col">"Kan sökas"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

/// `/admin/bidragsformer/:id` (`ny` for a new one): the programme's form.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    if require_role(Role::Admin).is_none() {
        return denied();
    }
    let raw = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let id = Uuid::parse_str(&raw).ok();
    let known = id.is_some() || raw == "ny";
    let loaded = Resource::new(move || id, admin_programme);
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || Suspend::new(async move {
                match (known, loaded.await) {
                    (true, Ok(stored)) => view! { <ProgrammeForm id=id stored /> }.into_any(),
                    _ => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ProgrammeForm(
    id: Option<Uuid>,
    stored: std::collections::HashMap<String, String>,
) -> impl IntoView {
    // What was typed in a refused form wins over what is stored.
    let current = FormState::current();
    let mut values = stored;
    values.extend(current.values);
    let state = FormState {
        values,
        errors: current.errors,
        message: current.message,
    };
    let list = |name: &str| -> Vec<String> {
        state
            .value(name)
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let attachments = list(f::ATTACHMENTS);
    let criteria = list(f::CRITERIA);
    let active = !state.value(f::ACTIVE).is_empty();
    let by_committee = !state.value(f::RECLAIM_BY_COMMITTEE).is_empty();
    let title = if id.is_some() {
        state.value(f::NAME)
    } else {
        "Ny bidragsform".to_owned()
    };
    provide_context(state);
    let documents: Vec<(String, String)> = crate::features::applications::DOCUMENT_TYPES
        .iter()
        .filter(|(key, _)| *key != crate::features::applications::OTHER_DOCUMENT)
        .map(|(key, label)| (key.to_string(), label.to_string()))
        .collect();
    let criteria_options: Vec<(String, String)> = super::CRITERIA
        .iter()
        .map(|(key, label)| (key.to_string(), label.to_string()))
        .collect();
    let action = format!(
        "/admin/bidragsformer/{}",
        id.map_or("ny".to_owned(), |id| id.to_string())
    );
    view! {
        <Page title=title>
            <ErrorSummary />
            <form class="form" method="post" action=action novalidate>
                <TextField name=f::NAME label="Namn" required=true maxlength=200 />
                <TextArea name=f::DESCRIPTION label="Beskrivning" hint="Visas för föreningarna när de väljer vad de ska söka." required=true />
                <fieldset class="field">
                    <legend>"Ansökningsperiod varje år"</legend>
                    <p class="field__hint">"Som MM-DD, till exempel 04-01 och 05-31. Lämna båda tomma om bidragsformen går att söka året runt."</p>
                    <TextField name=f::WINDOW_FROM label="Första dag" />
                    <TextField name=f::WINDOW_TO label="Sista dag" />
                </fieldset>
                <TextField name=f::MIN_MONTHS label="Kortaste period (månader)" input_type="number" required=true />
                <TextField name=f::MAX_MONTHS label="Längsta period (månader)" input_type="number" required=true />
                <CheckboxGroup name=f::ATTACHMENTS legend="Bilagor som krävs" options=documents checked=attachments />
                <CheckboxGroup name=f::CRITERIA legend="Bedömningskriterier" options=criteria_options checked=criteria />
                <TextField name=f::TEXT_LIMIT label="Teckengräns per fritextsvar" input_type="number" required=true />
                <TextField name=f::DNR_PREFIX label="Prefix för diarienummer" hint="Numren blir till exempel SOF 2027/1; varje prefix och år har en egen följd." required=true maxlength=10 />
                <TextField name=f::HANDLING_WEEKS label="Handläggningstid (veckor)" hint="Visas för sökande som förväntad tid till beslut." input_type="number" required=true />
                <div class="checkbox">
                    <input type="checkbox" id="falt-active" name=f::ACTIVE value="on" checked=active />
                    <label for="falt-active">"Föreningar kan söka bidragsformen"</label>
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="falt-reclaim_by_committee" name=f::RECLAIM_BY_COMMITTEE value="on" checked=by_committee />
                    <label for="falt-reclaim_by_committee">"Nämnden beslutar om återkrav (annars handläggaren på delegation)"</label>
                </div>
                <button class="button" type="submit">"Spara bidragsformen"</button>
            </form>
            <p><a href="/admin/bidragsformer">"Till alla bidragsformer"</a></p>
        </Page>
    }
}
