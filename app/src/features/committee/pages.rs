//! `/handlaggning/moten`: the committee's meetings and a new one; `/handlaggning/moten/:id`:
//! one meeting's agenda, the decisions per §, and the justering.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    api::{meeting, meetings},
    field, Body, ItemRow, MeetingView, Outcome,
};
use crate::auth::denied;
use crate::components::{
    form::{field_id, ErrorSummary, FormState, Select, TextField},
    page::Page,
};
use crate::features::representatives::pages::require_verifier;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let loaded = Resource::new(|| (), |_| meetings());
    let bodies: Vec<(String, String)> = Body::ALL
        .iter()
        .map(|b| (b.as_str().to_owned(), b.label().to_owned()))
        .collect();
    view! {
        <Page title="Sammanträden" wide=true>
            <p class="lead">"Nämndens och utskottets sammanträden. Attesterade ärenden tas upp på ett sammanträde, får en paragraf och beslutas där."</p>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(rows) if rows.is_empty() => view! { <p>"Inga sammanträden är inlagda."</p> }.into_any(),
                        Ok(rows) => {
                            let rows = rows.into_iter().map(|m| view! {
                                <tr>
                                    <td><a href=format!("/handlaggning/moten/{}", m.id)>{m.date.clone()}</a></td>
                                    <td>{m.body.clone()}</td>
                                    <td>{m.cases_by.clone()}</td>
                                    <td>{m.place.clone()}</td>
                                    <td class="number">{m.items}</td>
                                    <td>{m.justered.clone().unwrap_or_else(|| "Inte justerat".into())}</td>
                                </tr>
                            }).collect_view();
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label="Sammanträden">
                                <table class="table">
                                    <caption class="visually-hidden">"Sammanträden"</caption>
                                    <thead><tr><th scope="col">"Datum"</th><th scope="col">"Nämnd eller utskott"</th><th scope="col">"Sista dag för ärenden"</th><th scope="col">"Plats"</th><th scope="col" class="number">"Ärenden"</th><th scope="col">"Justerat"</th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                </div>
                            }.into_any()
                        }
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <section aria-labelledby="rubrik-nytt-mote">
                <h2 id="rubrik-nytt-mote">"Lägg in ett sammanträde"</h2>
                <form method="post" action="/handlaggning/moten">
                    <Select name=field::BODY label="Nämnd eller utskott" options=bodies placeholder="Välj …" />
                    <TextField name=field::DATE label="Datum för sammanträdet" input_type="date" />
                    <TextField name=field::CASES_BY label="Sista dag för ärenden" input_type="date" hint="Ärenden ska vara attesterade senast denna dag för att tas upp." />
                    <TextField name=field::PLACE label="Plats" maxlength=200 />
                    <button type="submit" class="button">"Lägg in sammanträdet"</button>
                </form>
            </section>
        </Page>
    }
    .into_any()
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let id = crate::features::applications::pages::path_id();
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => meeting(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar sammanträdet …"</p> }>
            {move || {
                let saved = saved.clone();
                Suspend::new(async move {
                    match loaded.await {
                        Ok(view) => render(view, saved),
                        Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

fn saved_message(what: &str) -> Option<&'static str> {
    match what {
        "dagordning" => Some("Ärendena är tillagda på dagordningen."),
        "beslut" => Some("Beslutet är sparat."),
        "justerat" => {
            Some("Protokollet är justerat. Anslaget är uppsatt och beslutsmeddelanden skickas.")
        }
        "nytt" => Some("Sammanträdet är inlagt."),
        _ => None,
    }
}

fn decision_form(meeting: uuid::Uuid, item: &ItemRow) -> impl IntoView {
    let name = format!("{}-{}", field::DECISION, item.paragraph);
    let options = std::iter::once(("som-forslaget", "Enligt förslaget"))
        .chain(Outcome::ALL.iter().map(|o| (o.as_str(), o.label())))
        .enumerate()
        .map(|(i, (value, label))| {
            let id = format!("{name}-{i}");
            view! {
                <div class="checkbox">
                    <input type="radio" id=id.clone() name=field::DECISION value=value />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let amount_id = format!("{}-{}", field::AMOUNT, item.paragraph);
    let dissent_id = format!("{}-{}", field::DISSENT, item.paragraph);
    let recused_id = format!("{}-{}", field::RECUSED, item.paragraph);
    view! {
        <form method="post" action=format!("/handlaggning/dagordning/{}/beslut", item.id) class="decision">
            <input type="hidden" name="mote" value=meeting.to_string() />
            <fieldset class="field">
                <legend>{format!("Beslut i § {}", item.paragraph)}</legend>
                {options}
            </fieldset>
            <div class="field">
                <label for=amount_id.clone()>"Belopp vid delvis beviljat (kr)"</label>
                <input type="text" inputmode="numeric" id=amount_id name=field::AMOUNT />
            </div>
            <div class="field">
                <label for=dissent_id.clone()>"Reservationer"</label>
                <input type="text" id=dissent_id name=field::DISSENT />
            </div>
            <div class="field">
                <label for=recused_id.clone()>"Ledamöter som inte deltar på grund av jäv"</label>
                <input type="text" id=recused_id name=field::RECUSED />
            </div>
            <button type="submit" class="button button--secondary">{format!("Spara beslutet i § {}", item.paragraph)}</button>
        </form>
    }
}

fn render(view: MeetingView, saved: Option<String>) -> AnyView {
    let title = format!("{} {}", view.body, view.date);
    let open = view.justered.is_none();
    let items = view
        .items
        .iter()
        .map(|item| {
            let decided = item.decision.clone().map(|d| match &item.amount {
                Some(amount) => format!("{d}, {amount}"),
                None => d,
            });
            view! {
                <article class="paragraph card">
                    <h3>{format!("§ {} – {} – {}", item.paragraph, item.dnr, item.association)}</h3>
                    <p>{format!("{}. Sökt belopp {}.", item.activity, item.requested)}</p>
                    <p>"Förvaltningens förslag: "<strong>{item.proposal.clone()}</strong>{item.immediate.then_some(". Justeras omedelbart.")}</p>
                    {(!item.recused.is_empty()).then(|| view! { <p>{format!("{} deltar inte i handläggningen på grund av jäv.", item.recused)}</p> })}
                    <p>"Beslut: "<strong>{decided.unwrap_or_else(|| "inte beslutat".into())}</strong></p>
                    {(!item.dissent.is_empty()).then(|| view! { <p>{format!("Reservation: {}", item.dissent)}</p> })}
                    <p><a href=format!("/handlaggning/arenden/{}", item.case_id)>"Till ärendet"</a></p>
                    {open.then(|| decision_form(view.id, item))}
                </article>
            }
        })
        .collect_view();
    let ready = view
        .ready
        .iter()
        .enumerate()
        .map(|(i, (id, dnr, association, proposal))| {
            let input = format!("{}-{i}", field::CASES);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=input.clone() name=field::CASES value=id.to_string() />
                    <label for=input>{format!("{dnr} – {association} – förslag: {proposal}")}</label>
                </div>
            }
        })
        .collect_view();
    let state = FormState::current();
    let justered_error = state.error(field::JUSTERED);
    let today = String::new();
    view! {
        <Page title=title.clone() wide=true>
            {saved.as_deref().and_then(saved_message).map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <ErrorSummary />
            <dl class="facts">
                <dt>"Sista dag för ärenden"</dt><dd>{view.cases_by.clone()}</dd>
                <dt>"Plats"</dt><dd>{view.place.clone()}</dd>
                <dt>"Justerat"</dt><dd>{view.justered.clone().unwrap_or_else(|| "Inte ännu".into())}</dd>
            </dl>
            {view.clock.clone().map(|(up, until, force)| view! {
                <p class="notice">{format!("Anslaget sattes upp {up}. Laglighetsprövning kan begäras till och med {until}. Besluten vinner laga kraft {force} om ingen har överklagat.")}</p>
            })}
            <p><a href="/handlaggning/moten">"Alla sammanträden"</a></p>
            <h2>"Dagordning"</h2>
            {if view.items.is_empty() { view! { <p>"Inga bidragsärenden på dagordningen än."</p> }.into_any() } else { items.into_any() }}
            <crate::features::partnerships::pages::MeetingFollowUps meeting=view.id open=open />
            {(open && !view.ready.is_empty()).then(|| view! {
                <section aria-labelledby="rubrik-attesterade">
                    <h2 id="rubrik-attesterade">"Attesterade ärenden att ta upp"</h2>
                    <form method="post" action=format!("/handlaggning/moten/{}/dagordning", view.id)>
                        <fieldset class="field" id=field_id(field::CASES)>
                            <legend>"Välj ärenden. De får paragrafer i den ordning de står."</legend>
                            {ready}
                        </fieldset>
                        <button type="submit" class="button">"Lägg till på dagordningen"</button>
                    </form>
                </section>
            })}
            {open.then(|| view! {
                <section aria-labelledby="rubrik-justering">
                    <h2 id="rubrik-justering">"Justering"</h2>
                    <p>"När protokollet är justerat sätts anslaget upp, tiden för laglighetsprövning börjar löpa och föreningarna får sina beslutsmeddelanden. Alla paragrafer måste vara beslutade."</p>
                    <form method="post" action=format!("/handlaggning/moten/{}/justera", view.id)>
                        <div class="field" class:field--error=justered_error.is_some()>
                            <label for=field_id(field::JUSTERED)>"Datum för justering"</label>
                            {justered_error.clone().map(|m| view! { <p class="field__error" id="falt-justerad-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                            <input type="date" id=field_id(field::JUSTERED) name=field::JUSTERED value=state.values.get(field::JUSTERED).cloned().unwrap_or(today) />
                        </div>
                        <button type="submit" class="button">"Protokollet är justerat"</button>
                    </form>
                </section>
            })}
        </Page>
    }
    .into_any()
}
