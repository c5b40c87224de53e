//! The officers' pages: the queue (`/handlaggning`), the confirmation of a bulk change
//! (`/handlaggning/massandring`) and one case (`/handlaggning/arenden/:id`). Every
//! choice is in the address or a plain form, so all of it works without JavaScript; the
//! table hydrates (`islands::live_queue`) to follow new and changed cases live.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    api::{bulk_preview, officer_case, queue},
    bulk_param, param, status_label, CaseWork, QueueView, Sort, OPEN,
};
use crate::auth::denied;
use crate::components::{
    form::{field_id, ErrorSummary, FieldError, FormState, Select, TextArea, TextField},
    page::Page,
};

/// The signed-in officer, approver or admin; `None` (and a redirect or 404) for
/// everyone else.
pub(crate) fn require_case_reader() -> Option<crate::auth::CurrentUser> {
    let user = crate::auth::require_signed_in()?;
    user.role.is_staff().then_some(user)
}

/// The address's query pairs that the queue and its bulk changes read.
fn query_pairs() -> Vec<(String, String)> {
    use_query_map().with_untracked(|query| {
        param::ALL
            .iter()
            .chain(bulk_param::ALL.iter())
            .filter_map(|name| query.get(name).map(|value| ((*name).to_owned(), value)))
            .collect()
    })
}

/// The query's values as a form's, with `problems` by their fields.
fn as_form(query: &[(String, String)], problems: Vec<(String, String)>) -> FormState {
    FormState {
        values: query.iter().cloned().collect(),
        errors: problems
            .into_iter()
            .map(|(field, message)| FieldError { field, message })
            .collect(),
        message: None,
    }
}

/// `/handlaggning`: the queue.
#[component]
pub fn QueuePage() -> impl IntoView {
    if require_case_reader().is_none() {
        return denied();
    }
    let query = query_pairs();
    let changed = use_query_map().with_untracked(|q| q.get("andrade"));
    let loaded = Resource::new(|| (), move |_| queue(query.clone()));
    view! {
        <Page title="Ärendekö" wide=true>
            {changed.map(|n| view! { <p class="notice" role="status">{format!("Klart: {n} ärenden ändrades.")}</p> })}
            <p><a href="/handlaggning/oversikt">"Översikt per bidragsform och handläggare"</a>" · "<a href=crate::features::follow_up::OVERVIEW>"Återrapporter"</a>" · "<a href=crate::features::partnerships::OVERVIEW>"Partnerskap (IOP)"</a></p>
            <Suspense fallback=|| view! { <p>"Hämtar ärenden …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(view) => queue_page(view),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

fn queue_page(view: QueueView) -> AnyView {
    let query: Vec<(String, String)> = view
        .filter
        .pairs()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    provide_context(as_form(&query, view.problems.clone()));
    let programmes = view.programmes.clone();
    let mut assigned = vec![
        ("mig".to_owned(), "Mina ärenden".to_owned()),
        ("ingen".to_owned(), "Utan handläggare".to_owned()),
    ];
    assigned.extend(
        view.officers
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone())),
    );
    let statuses = OPEN
        .iter()
        .map(|s| {
            (
                super::status_param(*s).to_owned(),
                status_label(*s).to_owned(),
            )
        })
        .collect::<Vec<_>>();
    let counts = view
        .counts
        .iter()
        .map(|(status, n)| view! { <li>{status_label(*status)}": "<strong>{*n}</strong></li> })
        .collect_view();
    let flagged = view.filter.flagged;
    let keep_sort = view
        .filter
        .pairs()
        .into_iter()
        .filter(|(name, _)| *name == param::SORT || *name == param::ORDER)
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    let filter = view.filter.clone();
    let pager =
        crate::components::pager::pager(filter.page, view.pages, move |n| filter.on_page(n).href());
    let bulk = bulk_forms(&view);
    view! {
        <ErrorSummary />
        <form method="get" action="/handlaggning" class="filters" role="search" aria-label="Filtrera ärenden">
            <TextField name=param::SEARCH label="Sök" hint="Förening, organisationsnummer, diarienummer eller verksamhet" maxlength=200 />
            <div class="filters__row">
                <Select name=param::PROGRAMME label="Bidragsform" options=programmes placeholder="Alla bidragsformer" />
                <Select name=param::STATUS label="Status" options=statuses placeholder="Alla öppna" />
                <Select name=param::ASSIGNED label="Handläggare" options=assigned placeholder="Alla handläggare" />
            </div>
            <div class="filters__row">
                <TextField name=param::FROM label="Inkommen från och med" input_type="date" />
                <TextField name=param::TO label="Inkommen till och med" input_type="date" />
                <TextField name=param::MIN label="Sökt belopp minst (kr)" />
                <TextField name=param::MAX label="Sökt belopp högst (kr)" />
            </div>
            <div class="checkbox">
                <input type="checkbox" id=field_id(param::FLAGGED) name=param::FLAGGED value="1" checked=flagged />
                <label for=field_id(param::FLAGGED)>"Bara flaggade ärenden (budgeten går inte ihop, klar senast har passerat, bilaga saknas, kompletteringen är försenad)"</label>
            </div>
            {keep_sort}
            <p class="actions">
                <button type="submit" class="button">"Visa ärenden"</button>
                " "<a href="/handlaggning">"Rensa filter"</a>
            </p>
        </form>
        <ul class="counts" aria-label="Antal per status">{counts}</ul>
        <crate::islands::live_queue::LiveQueue view=view.clone() />
        {pager}
        {bulk}
    }
    .into_any()
}

/// The hidden fields that carry the view into a bulk form (every page of it).
fn view_fields(view: &QueueView) -> impl IntoView {
    view.filter
        .pairs()
        .into_iter()
        .filter(|(name, _)| *name != param::PAGE)
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view()
}

/// Assign, set the due date or export every case of the view.
fn bulk_forms(view: &QueueView) -> impl IntoView {
    let total = view.total;
    let officers: Vec<(String, String)> = view
        .officers
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let query = view.filter.on_page(1).href();
    let query = query.trim_start_matches("/handlaggning").to_owned();
    let csv = format!("/handlaggning/export.csv{query}");
    let xlsx = format!("/handlaggning/export.xlsx{query}");
    (total > 0).then(|| view! {
        <section class="bulk" aria-labelledby="rubrik-massandring">
            <h2 id="rubrik-massandring">{if total == 1 { "Ärendet i urvalet".to_owned() } else { format!("Alla {total} ärenden i urvalet") }}</h2>
            <p>"Ändringen gäller alla ärenden som matchar filtren, på alla sidor. Du får bekräfta innan något ändras."</p>
            <form method="get" action="/handlaggning/massandring" class="bulk__form">
                {view_fields(view)}
                <input type="hidden" name=bulk_param::ACTION value="tilldela" />
                <Select name=bulk_param::OFFICER label="Tilldela handläggare" options=officers placeholder="Ingen handläggare" />
                <button type="submit" class="button button--secondary">"Tilldela …"</button>
            </form>
            <form method="get" action="/handlaggning/massandring" class="bulk__form">
                {view_fields(view)}
                <input type="hidden" name=bulk_param::ACTION value="klar-senast" />
                <TextField name=bulk_param::DUE label="Klar senast" input_type="date" />
                <button type="submit" class="button button--secondary">"Sätt klar senast …"</button>
            </form>
            <p>{if total == 1 { "Exportera ärendet: ".to_owned() } else { format!("Exportera alla {total} ärenden: ") }}<a href=xlsx download="">"Excel"</a>" · "<a href=csv download="">"CSV"</a></p>
        </section>
    })
}

/// The queue's table: one row per case, the column headers link to the view sorted by
/// them. Drawn by the server and again by the live island.
pub fn queue_table(view: &QueueView) -> impl IntoView {
    let filter = view.filter.clone();
    let header = move |sort: Sort, label: &'static str| {
        let current = filter.sort == sort;
        let aria = current.then_some(if filter.descending {
            "descending"
        } else {
            "ascending"
        });
        let href = filter.sorted_by(sort).href();
        view! { <th scope="col" aria-sort=aria><a href=href>{label}</a></th> }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Ärenden">
        <table class="table queue">
            <caption class="visually-hidden">"Ärenden som matchar filtren"</caption>
            <thead>
                <tr>
                    <th scope="col">"Diarienummer"</th>
                    {header(Sort::Association, "Förening")}
                    <th scope="col">"Bidragsform"</th>
                    <th scope="col">"Verksamhet"</th>
                    {header(Sort::Amount, "Sökt belopp")}
                    <th scope="col">"Status"</th>
                    <th scope="col">"Handläggare"</th>
                    {header(Sort::Submitted, "Väntat")}
                    {header(Sort::Due, "Klar senast")}
                    <th scope="col">"Flaggor"</th>
                </tr>
            </thead>
            <tbody>
                {view.rows.iter().map(|row| view! {
                    <tr>
                        <td><a href=format!("/handlaggning/arenden/{}", row.id)>{row.dnr.clone()}</a></td>
                        <td>{row.association.clone()}<br /><span class="muted">{row.org_number.clone()}</span></td>
                        <td>{row.programme.clone()}</td>
                        <td>{row.activity.clone()}</td>
                        <td class="number">{row.requested.clone()}</td>
                        <td>{status_label(row.status)}</td>
                        <td>{row.assigned.clone().unwrap_or_else(|| "–".into())}</td>
                        <td>{if row.days == 1 { "1 dag".to_owned() } else { format!("{} dagar", row.days) }}</td>
                        <td>{row.due.clone().unwrap_or_else(|| "–".into())}</td>
                        <td>{if row.flags.is_empty() { "–".to_owned() } else { row.flags.join(", ") }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {view.rows.is_empty().then(|| view! { <p>"Inga ärenden matchar filtren."</p> })}
    }
}

/// `/handlaggning/massandring`: how many cases a bulk change touches, to confirm.
#[component]
pub fn BulkPage() -> impl IntoView {
    if require_case_reader().is_none() {
        return denied();
    }
    let query = query_pairs();
    let loaded = Resource::new(|| (), move |_| bulk_preview(query.clone()));
    view! {
        <Suspense fallback=|| view! { <p>"Räknar ärenden …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(preview) => bulk_page(preview),
                    Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn bulk_page(preview: super::BulkPreview) -> AnyView {
    let posted = FormState::current();
    let problems: Vec<String> = preview
        .problems
        .iter()
        .map(|(_, message)| message.clone())
        .chain(posted.message.clone())
        .collect();
    if !problems.is_empty() {
        let items = problems
            .into_iter()
            .map(|m| view! { <li>{m}</li> })
            .collect_view();
        return view! {
            <Page title="Ändra flera ärenden">
                <div class="error-summary" role="alert" aria-labelledby="felsammanfattning" tabindex="-1" autofocus>
                    <h2 id="felsammanfattning">"Ändringen kan inte göras"</h2>
                    <ul>{items}</ul>
                </div>
                {(preview.count > 0 && !preview.question.is_empty()).then(|| bulk_confirm(&preview))}
                <p><a href=preview.back.clone()>"Tillbaka till ärendekön"</a></p>
            </Page>
        }
        .into_any();
    }
    view! {
        <Page title="Ändra flera ärenden">
            {bulk_confirm(&preview)}
            <p><a href=preview.back.clone()>"Nej, tillbaka till ärendekön"</a></p>
        </Page>
    }
    .into_any()
}

fn bulk_confirm(preview: &super::BulkPreview) -> impl IntoView {
    let hidden = preview
        .hidden
        .iter()
        .map(
            |(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone() /> },
        )
        .collect_view();
    view! {
        <form method="post" action="/handlaggning/massandring" class="confirm">
            <p class="lead"><strong>{preview.question.clone()}</strong></p>
            <p>"Ändringen gäller alla ärenden som matchar filtren. Om ett ärende har kommit till eller försvunnit sedan sidan visades ändras ingenting, och du får se det nya antalet."</p>
            {hidden}
            <button type="submit" class="button">{preview.confirm.clone()}</button>
        </form>
    }
}

/// `/handlaggning/arenden/:id`: one case as the officers work on it.
#[component]
pub fn CasePage() -> impl IntoView {
    let Some(user) = require_case_reader() else {
        return denied();
    };
    let handles = matches!(
        user.role,
        crate::domain::role::Role::Officer | crate::domain::role::Role::Admin
    );
    let id = crate::features::applications::pages::path_id();
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => officer_case(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar ärendet …"</p> }>
            {move || {
                let saved = saved.clone();
                Suspend::new(async move {
                    match loaded.await {
                        Ok(case) => case_page(case, user.id, handles, saved),
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
        "handlaggare" => Some("Handläggaren är sparad."),
        "klar-senast" => Some("Klar senast är sparat."),
        "anteckning" => Some("Anteckningen är sparad."),
        "sekretess" => Some("Sekretessmarkeringen är sparad."),
        "komplettering" => {
            Some("Begäran om komplettering är skickad. Föreningens medlemmar får den med e-post.")
        }
        _ => None,
    }
}

fn case_page(case: CaseWork, me: uuid::Uuid, handles: bool, saved: Option<String>) -> AnyView {
    let app = case.application.clone();
    let id = app.id;
    let dnr = app.dnr.clone().unwrap_or_default();
    let title = format!("Ärende {dnr}");
    let posted = FormState::current();
    let chosen = if posted.values.contains_key(super::field::OFFICER) {
        posted.value(super::field::OFFICER)
    } else {
        case.assigned
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default()
    };
    let due = if posted.values.contains_key(super::field::DUE) {
        posted.value(super::field::DUE)
    } else {
        case.due.clone().unwrap_or_default()
    };
    let officer_field = super::field::OFFICER;
    let officer_error = posted.error(officer_field);
    let due_field = super::field::DUE;
    let due_error = posted.error(due_field);
    let options = case
        .officers
        .iter()
        .map(|(officer, name)| {
            let value = officer.to_string();
            let selected = value == chosen;
            view! { <option value=value selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    let mine = case.assigned.as_ref().is_some_and(|(id, _)| *id == me);
    let open = OPEN.contains(&app.status) && handles;
    let notes = case
        .notes
        .iter()
        .map(|n| view! { <li><p class="muted">{n.when.clone()}" – "{n.by.clone()}</p><p class="note__body">{n.body.clone()}</p></li> })
        .collect_view();
    let earlier = case
        .earlier
        .iter()
        .map(|a| view! {
            <li><a href=format!("/handlaggning/arenden/{}", a.id)>{a.dnr.clone().unwrap_or_default()}</a>" – "{a.programme.clone()}", "{a.activity.clone()}", "{a.requested.clone()}" ("{status_label(a.status)}")"</li>
        })
        .collect_view();
    let representatives = case
        .representatives
        .iter()
        .map(|r| view! { <li>{r.clone()}</li> })
        .collect_view();
    let timeline = app
        .timeline
        .iter()
        .map(|t| view! { <li><time>{t.date.clone()}</time>" – "{t.what.clone()}" ("{t.by.clone()}")"</li> })
        .collect_view();
    view! {
        <Page title=title.clone() wide=true>
            {saved.as_deref().and_then(saved_message).map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <ErrorSummary />
            <dl class="facts">
                <dt>"Förening"</dt><dd>{app.association.clone()}</dd>
                <dt>"Bidragsform"</dt><dd>{app.programme.clone()}</dd>
                <dt>"Verksamhet"</dt><dd>{app.content.activity_name.clone()}</dd>
                <dt>"Sökt belopp"</dt><dd>{crate::domain::money::format_kr(app.content.requested_ore.unwrap_or(0))}</dd>
                <dt>"Status"</dt><dd><strong>{status_label(app.status)}</strong></dd>
                <dt>"Inkommen"</dt><dd>{app.submitted.clone().unwrap_or_else(|| "–".into())}</dd>
                <dt>"Handläggare"</dt><dd>{case.assigned.clone().map(|(_, name)| name).unwrap_or_else(|| "Ingen ännu".into())}</dd>
                <dt>"Klar senast"</dt><dd>{case.due.clone().unwrap_or_else(|| "–".into())}</dd>
            </dl>
            <p><a href="/handlaggning">"Till ärendekön"</a></p>
            <p>
                <a class="button" href=format!("/handlaggning/arenden/{id}/bedomning")>"Jäv, bedömning och attest"</a>
                " "
                <a class="button button--secondary" href=format!("/handlaggning/arenden/{id}/tjansteutlatande")>"Tjänsteutlåtande"</a>
                " "
                <a class="button button--secondary" href=format!("/handlaggning/arenden/{id}/tjansteutlatande.pdf")>"Tjänsteutlåtande (PDF)"</a>
                " "
                <a class="button button--secondary" href=format!("/handlaggning/arenden/{id}/akt.pdf")>"Hela akten (PDF)"</a>
                {matches!(app.status, crate::features::applications::Status::Granted | crate::features::applications::Status::PartlyGranted).then(|| view! {
                    " "
                    <a class="button button--secondary" href=crate::features::payments::plan_href(id)>"Utbetalning"</a>
                })}
                {(matches!(app.status, crate::features::applications::Status::Granted | crate::features::applications::Status::PartlyGranted) && app.programme.contains("(IOP)")).then(|| view! {
                    " "
                    <a class="button button--secondary" href=format!("{}?arende={id}", crate::features::partnerships::NEW)>"Skapa partnerskap"</a>
                })}
            </p>
            <crate::features::follow_up::pages::CaseReports case=id />
            {open.then(|| view! {
                <section aria-labelledby="rubrik-triage">
                    <h2 id="rubrik-triage">"Handläggare och klar senast"</h2>
                    {(!mine).then(|| view! {
                        <form method="post" action=format!("/handlaggning/arenden/{id}/handlaggare")>
                            <input type="hidden" name=officer_field value=me.to_string() />
                            <button type="submit" class="button">"Ta ärendet"</button>
                        </form>
                    })}
                    <form method="post" action=format!("/handlaggning/arenden/{id}/handlaggare")>
                        <div class="field" class:field--error=officer_error.is_some()>
                            <label for=field_id(officer_field)>"Handläggare"</label>
                            {officer_error.clone().map(|m| view! { <p class="field__error" id="falt-handlaggare-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                            <select id=field_id(officer_field) name=officer_field aria-invalid=officer_error.is_some().then_some("true")>
                                <option value="" selected=chosen.is_empty()>"Ingen handläggare"</option>
                                {options}
                            </select>
                        </div>
                        <button type="submit" class="button button--secondary">"Spara handläggare"</button>
                    </form>
                    <form method="post" action=format!("/handlaggning/arenden/{id}/klar-senast")>
                        <div class="field" class:field--error=due_error.is_some()>
                            <label for=field_id(due_field)>"Klar senast"</label>
                            <p class="field__hint" id="falt-klar_senast-hint">"Lämna tomt för inget datum."</p>
                            {due_error.clone().map(|m| view! { <p class="field__error" id="falt-klar_senast-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                            <input type="date" id=field_id(due_field) name=due_field value=due aria-describedby="falt-klar_senast-hint" aria-invalid=due_error.is_some().then_some("true") />
                        </div>
                        <button type="submit" class="button button--secondary">"Spara klar senast"</button>
                    </form>
                </section>
            })}
            <crate::features::completion::pages::CompletionSection id=id work=case.completion.clone() handles=handles />
            <crate::features::decisions::pages::SecrecySection id=id view=case.secrecy.clone() handles=handles />
            <section aria-labelledby="rubrik-anteckningar">
                <h2 id="rubrik-anteckningar">"Interna anteckningar"</h2>
                <p class="muted">"Syns bara för handläggare, aldrig för föreningen."</p>
                {if case.notes.is_empty() { view! { <p>"Inga anteckningar ännu."</p> }.into_any() } else { view! { <ol class="notes">{notes}</ol> }.into_any() }}
                {handles.then(|| view! {
                    <form method="post" action=format!("/handlaggning/arenden/{id}/anteckningar")>
                        <TextArea name=super::field::NOTE label="Ny anteckning" />
                        <button type="submit" class="button button--secondary">"Spara anteckning"</button>
                    </form>
                })}
            </section>
            <section aria-labelledby="rubrik-foretradare">
                <h2 id="rubrik-foretradare">"Verifierade företrädare"</h2>
                {if case.representatives.is_empty() { view! { <p>"Föreningen har ingen verifierad företrädare just nu."</p> }.into_any() } else { view! { <ul>{representatives}</ul> }.into_any() }}
            </section>
            <section aria-labelledby="rubrik-tidigare">
                <h2 id="rubrik-tidigare">"Föreningens andra ärenden"</h2>
                {if case.earlier.is_empty() { view! { <p>"Inga andra ärenden."</p> }.into_any() } else { view! { <ul>{earlier}</ul> }.into_any() }}
            </section>
            <section aria-labelledby="rubrik-handelser">
                <h2 id="rubrik-handelser">"Händelser"</h2>
                <ol class="timeline">{timeline}</ol>
            </section>
            <crate::features::applications::pages::Answers view=app />
        </Page>
    }
    .into_any()
}

/// `/handlaggning/oversikt`: for the unit head, how many cases stand at each stage, per
/// programme and per officer; each line links to its cases in the queue.
#[component]
pub fn OverviewPage() -> impl IntoView {
    if require_case_reader().is_none() {
        return denied();
    }
    let loaded = Resource::new(|| (), |_| super::api::overview());
    view! {
        <Page title="Översikt över ärenden" wide=true>
            <p class="lead">"Hur många ärenden som står i varje läge, per bidragsform och per handläggare."</p>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(overview) => view! {
                            {overview_table("Per bidragsform", "Bidragsform", &overview.stages, &overview.programmes, param::PROGRAMME)}
                            {overview_table("Per handläggare", "Handläggare", &overview.stages, &overview.officers, param::ASSIGNED)}
                        }.into_any(),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

fn overview_table(
    caption: &'static str,
    first: &'static str,
    stages: &[crate::features::applications::Status],
    rows: &[super::OverviewRow],
    filter: &'static str,
) -> impl IntoView {
    let heads = stages
        .iter()
        .map(|s| view! { <th scope="col" class="number">{status_label(*s)}</th> })
        .collect_view();
    let rows = rows
        .iter()
        .map(|row| {
            let href = format!("/handlaggning?{filter}={}", super::encode(&row.key));
            let cells = row
                .counts
                .iter()
                .map(|n| view! { <td class="number">{*n}</td> })
                .collect_view();
            view! { <tr><th scope="row"><a href=href>{row.name.clone()}</a></th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{first}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
