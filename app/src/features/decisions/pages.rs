//! `/beslut`: the decided grants (public records), filtered by year, programme and
//! outcome; `/beslut/:slug`: one decision at its stable address; and the secrecy section
//! of the officers' case page.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{decision, decisions},
    field, DecisionList, DecisionView, SecrecyView,
};
use crate::components::form::{field_id, FormState, Select};
use crate::components::page::Page;
use crate::i18n::{t, Lang};

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
        <Page title=t("decisions-title") wide=true>
            <p class="lead">{t("decisions-lead")}</p>
            <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
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
    let lang = Lang::current();
    let outcomes = crate::features::committee::Outcome::ALL
        .iter()
        .map(|o| (o.as_str().to_owned(), o.label_in(lang).to_owned()))
        .collect::<Vec<_>>();
    let count = lang.format("decisions-count", &[("count", list.total.into())]);
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
    let filter = list.filter.clone();
    let pager = crate::components::pager::pager(filter.page, list.pages, move |n| filter.href(n));
    view! {
        <form method="get" action="/beslut" class="filters" role="search" aria-label=t("decisions-filter")>
            <div class="filters__row">
                <Select name=field::YEAR label=t("decisions-year") options=years placeholder=t("decisions-all-years") />
                <Select name=field::PROGRAMME label=t("decisions-programme") options=list.programmes.clone() placeholder=t("decisions-all-programmes") />
                <Select name=field::OUTCOME label=t("decisions-outcome") options=outcomes placeholder=t("decisions-all-outcomes") />
            </div>
            {meeting}
            <p class="actions">
                <button type="submit" class="button">{t("decisions-show")}</button>
                " "<a href="/beslut">{t("decisions-clear")}</a>
            </p>
        </form>
        <p role="status">{count}</p>
        {(!list.rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=t("decisions-outcome")>
                <table class="table">
                    <caption class="visually-hidden">{t("decisions-title")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("decision-dnr")}</th>
                            <th scope="col">{t("decision-association")}</th>
                            <th scope="col">{t("decisions-programme")}</th>
                            <th scope="col">{t("decision-activity")}</th>
                            <th scope="col" class="number">{t("decision-requested")}</th>
                            <th scope="col">{t("decisions-outcome")}</th>
                            <th scope="col" class="number">{t("decision-granted")}</th>
                            <th scope="col">{t("decision-meeting")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {pager}
        <p><a href="/anslagstavla">{t("decisions-notice-board")}</a></p>
    }
    .into_any()
}

#[component]
pub fn DecisionPage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let loaded = Resource::new(move || slug.clone(), decision);
    view! {
        <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
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
    let lang = Lang::current();
    let title = lang.format("decision-title", &[("dnr", r.dnr.clone().into())]);
    // The decision's own words are the committee's, in Swedish whatever the page's language.
    view! {
        <Page title=title.clone() heading=title>
            <p class="lead" lang="sv">{d.decision_text.clone()}</p>
            <dl class="facts">
                <dt>{t("decision-association")}</dt><dd>{r.association.clone()}</dd>
                <dt>{t("decisions-programme")}</dt><dd>{r.programme.clone()}</dd>
                <dt>{t("decision-activity")}</dt><dd>{r.activity.clone()}</dd>
                <dt>{t("decision-requested")}</dt><dd>{r.requested.clone()}</dd>
                <dt>{t("decisions-outcome")}</dt><dd><strong>{r.outcome.clone()}</strong>{(!r.amount.is_empty()).then(|| format!(", {}", r.amount))}</dd>
                <dt>{t("decision-meeting")}</dt><dd>{format!("{}, § {}", r.meeting, r.paragraph)}</dd>
                <dt>{t("decision-justered")}</dt><dd>{d.justered.clone()}</dd>
                <dt>{t("decision-legal-force")}</dt><dd>{lang.format("decision-legal-force-text", &[("date", d.legal_force.clone().into()), ("appeal", d.appeal_until.clone().into())])}</dd>
            </dl>
            {(!d.motivation.is_empty()).then(|| view! {
                <h2>{t("decision-motivation")}</h2>
                <p class="note__body" lang="sv">{d.motivation.clone()}</p>
            })}
            <h2>{t("decision-appeal")}</h2>
            <p>{lang.format("decision-appeal-text", &[("appeal", d.appeal_until.clone().into())])}</p>
            <p>{t("decision-minutes-kept")}</p>
            <p><a href="/beslut">{t("decision-all")}</a>" · "<a href="/anslagstavla">{t("decision-notice-board")}</a></p>
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
