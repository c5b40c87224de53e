//! `/beslut`: the decided grants (public records), filtered by year, programme and
//! outcome; `/beslut/:slug`: one decision at its stable address; and the secrecy section
//! of the officers' case page.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{decision, decisions},
    field, DecisionFilter, DecisionList, DecisionView, SecrecyView,
};
use crate::components::form::{field_id, FormState, Select};
use crate::components::page::Page;

fn query_pairs() -> Vec<(String, String)> {
    use_query_map().with_untracked(|query| {
        [
            field::YEAR,
            field::PROGRAMME,
            field::OUTCOME,
            field::MEETING,
            field::PAGE,
        ]
        .iter()
        .filter_map(|name| query.get(name).map(|value| ((*name).to_owned(), value)))
        .collect()
    })
}

#[component]
pub fn DecisionsPage() -> impl IntoView {
    let query = query_pairs();
    let loaded = Resource::new(|| (), move |_| decisions(query.clone()));
    view! {
        <Page title="Beslut om bidrag" wide=true>
            <p class="lead">"Nämndens beslut om bidrag till föreningar är allmänna handlingar. Här finns varje beslut när protokollet är justerat. Uppgifter som omfattas av sekretess visas inte."</p>
            <Suspense fallback=|| view! { <p>"Hämtar besluten …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => list_page(list),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn pager(filter: &DecisionFilter, pages: u64) -> impl IntoView {
    (pages > 1).then(|| {
        let page = filter.page;
        let previous = (page > 1)
            .then(|| view! { <a rel="prev" href=filter.href(page - 1)>"Föregående sida"</a> });
        let next = (page < pages)
            .then(|| view! { <a rel="next" href=filter.href(page + 1)>"Nästa sida"</a> });
        view! {
            <nav class="pager" aria-label="Sidor">
                {previous}
                <span>{format!(" Sida {page} av {pages} ")}</span>
                {next}
            </nav>
        }
    })
}

fn list_page(list: DecisionList) -> AnyView {
    let values = list
        .filter
        .pairs(1)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    provide_context(FormState {
        values,
        ..FormState::default()
    });
    let years = list
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect::<Vec<_>>();
    let outcomes = crate::features::committee::Outcome::ALL
        .iter()
        .map(|o| (o.as_str().to_owned(), o.label().to_owned()))
        .collect::<Vec<_>>();
    let count = match list.total {
        0 => "Inga beslut matchar urvalet.".to_owned(),
        1 => "1 beslut.".to_owned(),
        n => format!("{n} beslut."),
    };
    let rows = list
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td><a href=format!("/beslut/{}", r.slug)>{r.dnr.clone()}</a></td>
                    <td>{r.association.clone()}</td>
                    <td>{r.programme.clone()}</td>
                    <td>{r.activity.clone()}</td>
                    <td class="number">{r.requested.clone()}</td>
                    <td>{r.outcome.clone()}</td>
                    <td class="number">{if r.amount.is_empty() { "–".to_owned() } else { r.amount.clone() }}</td>
                    <td>{format!("{}, § {}", r.meeting, r.paragraph)}</td>
                </tr>
            }
        })
        .collect_view();
    let meeting = list.filter.meeting.map(|id| {
        view! { <input type="hidden" name=field::MEETING value=id.to_string() /> }
    });
    let pager = pager(&list.filter, list.pages);
    view! {
        <form method="get" action="/beslut" class="filters" role="search" aria-label="Filtrera beslut">
            <div class="filters__row">
                <Select name=field::YEAR label="År" options=years placeholder="Alla år" />
                <Select name=field::PROGRAMME label="Bidragsform" options=list.programmes.clone() placeholder="Alla bidragsformer" />
                <Select name=field::OUTCOME label="Beslut" options=outcomes placeholder="Alla beslut" />
            </div>
            {meeting}
            <p class="actions">
                <button type="submit" class="button">"Visa beslut"</button>
                " "<a href="/beslut">"Rensa filter"</a>
            </p>
        </form>
        <p role="status">{count}</p>
        {(!list.rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Beslut">
                <table class="table">
                    <caption class="visually-hidden">"Beslut om bidrag"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Diarienummer"</th>
                            <th scope="col">"Förening"</th>
                            <th scope="col">"Bidragsform"</th>
                            <th scope="col">"Verksamhet"</th>
                            <th scope="col" class="number">"Sökt belopp"</th>
                            <th scope="col">"Beslut"</th>
                            <th scope="col" class="number">"Beviljat belopp"</th>
                            <th scope="col">"Sammanträde"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {pager}
        <p><a href="/anslagstavla">"Anslagstavlan: när besluten vinner laga kraft"</a></p>
    }
    .into_any()
}

#[component]
pub fn DecisionPage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let loaded = Resource::new(move || slug.clone(), decision);
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar beslutet …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => decision_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn decision_page(d: DecisionView) -> AnyView {
    let r = d.row.clone();
    let title = format!("Beslut {}", r.dnr);
    view! {
        <Page title=title.clone() heading=title>
            <p class="lead">{d.decision_text.clone()}</p>
            <dl class="facts">
                <dt>"Förening"</dt><dd>{r.association.clone()}</dd>
                <dt>"Bidragsform"</dt><dd>{r.programme.clone()}</dd>
                <dt>"Verksamhet"</dt><dd>{r.activity.clone()}</dd>
                <dt>"Sökt belopp"</dt><dd>{r.requested.clone()}</dd>
                <dt>"Beslut"</dt><dd><strong>{r.outcome.clone()}</strong>{(!r.amount.is_empty()).then(|| format!(", {}", r.amount))}</dd>
                <dt>"Sammanträde"</dt><dd>{format!("{}, § {}", r.meeting, r.paragraph)}</dd>
                <dt>"Protokollet justerat"</dt><dd>{d.justered.clone()}</dd>
                <dt>"Laga kraft"</dt><dd>{format!("{} om ingen har begärt laglighetsprövning senast {}", d.legal_force, d.appeal_until)}</dd>
            </dl>
            {(!d.motivation.is_empty()).then(|| view! {
                <h2>"Motivering"</h2>
                <p class="note__body">{d.motivation.clone()}</p>
            })}
            <h2>"Överklaga"</h2>
            <p>{format!("Den som är medlem i kommunen kan begära laglighetsprövning av beslutet hos förvaltningsrätten (kommunallagen 13 kap.). Överklagandet ska vara skriftligt och ha kommit in senast den {}.", d.appeal_until)}</p>
            <p>{crate::features::committee::MINUTES_KEPT}</p>
            <p><a href="/beslut">"Alla beslut"</a>" · "<a href="/anslagstavla">"Anslagstavlan"</a></p>
        </Page>
    }
    .into_any()
}

/// The secrecy section of the officers' case page.
#[component]
pub fn SecrecySection(id: uuid::Uuid, view: SecrecyView, handles: bool) -> impl IntoView {
    let posted = FormState::current();
    let chosen: Vec<String> = if posted.values.contains_key(field::SECRET) {
        posted
            .value(field::SECRET)
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    } else {
        view.fields
            .iter()
            .filter(|(_, _, marked)| *marked)
            .map(|(key, _, _)| key.clone())
            .collect()
    };
    let reason = if posted.values.contains_key(field::REASON) {
        posted.value(field::REASON)
    } else {
        view.reason.clone()
    };
    let reason_error = posted.error(field::REASON);
    let marked: Vec<String> = view
        .fields
        .iter()
        .filter(|(_, _, marked)| *marked)
        .map(|(_, label, _)| label.clone())
        .collect();
    let boxes = view
        .fields
        .iter()
        .map(|(key, label, _)| {
            let id = format!("{}-{key}", field_id(field::SECRET));
            let checked = chosen.contains(key);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=field::SECRET value=key.clone() checked=checked />
                    <label for=id>{label.clone()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="rubrik-sekretess">
            <h2 id="rubrik-sekretess">"Sekretess i det publicerade beslutet"</h2>
            <p>{if marked.is_empty() {
                "Inga uppgifter är sekretessmarkerade. Beslutet publiceras med förening, verksamhet och motivering när protokollet är justerat.".to_owned()
            } else {
                format!("Sekretessmarkerat ({}): {}. Uppgifterna publiceras aldrig.", view.reason, marked.join(", "))
            }}</p>
            {view.published.clone().map(|href| view! { <p><a href=href>"Beslutet som allmänheten ser det"</a></p> })}
            {handles.then(|| view! {
                <form method="post" action=format!("/handlaggning/arenden/{id}/sekretess")>
                    <fieldset class="field" id=field_id(field::SECRET)>
                        <legend>"Uppgifter som omfattas av sekretess"</legend>
                        {boxes}
                    </fieldset>
                    <div class="field" class:field--error=reason_error.is_some()>
                        <label for=field_id(field::REASON)>"Grund för sekretessen"</label>
                        <p class="field__hint" id="falt-sekretess_grund-hint">"Till exempel OSL 26 kap. 1 §. Krävs när något är markerat."</p>
                        {reason_error.clone().map(|m| view! { <p class="field__error" id="falt-sekretess_grund-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                        <input type="text" id=field_id(field::REASON) name=field::REASON value=reason maxlength="200" aria-describedby="falt-sekretess_grund-hint" aria-invalid=reason_error.is_some().then_some("true") />
                    </div>
                    <button type="submit" class="button button--secondary">"Spara sekretessmarkeringen"</button>
                </form>
            })}
        </section>
    }
}
