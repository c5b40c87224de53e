//! `GET /ansokningar/{id}/steg/{step}`: one step of a draft, with its progress. Posts
//! to the same address: "Spara och fortsätt", "Spara och gå till översikten", and the
//! rows' "Lägg till" and "Ta bort" buttons, all without JavaScript.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::with_application;
use crate::components::{
    form::{field_id, ErrorSummary, FormState},
    page::Page,
};
use crate::domain::{budget::IncomeStatus, money};
use crate::features::applications::{api::ApplicationView, step, Part, Rows, STEPS};
use crate::islands::draft_form::DraftForm;

#[component]
pub fn StepPage() -> impl IntoView {
    with_application(render)
}

fn render(view: ApplicationView) -> AnyView {
    let slug = use_params_map().with_untracked(|p| p.get("step").unwrap_or_default());
    let Some(current) = step(&slug).filter(|_| view.status.editable()) else {
        return view! { <crate::components::not_found::NotFound /> }.into_any();
    };
    let posted = FormState::current();
    let state = if posted.values.is_empty() {
        FormState {
            values: view.values.clone(),
            ..posted.clone()
        }
    } else {
        posted.clone()
    };
    let number = STEPS
        .iter()
        .position(|s| s.slug == current.slug)
        .unwrap_or(0)
        + 1;
    let parts = current
        .parts
        .iter()
        .map(|part| render_part(*part, &state, view.text_limit))
        .collect_view();
    let action = format!("/ansokningar/{}/steg/{}", view.id, current.slug);
    let autosave = format!("{action}/autospara");
    let requested = view.content.requested_ore.unwrap_or(0);
    let totals = current.parts.contains(&Part::Rows(Rows::Income)).then(|| {
        let difference = view.income_total - view.cost_total;
        view! {
            <div class="panel budget-totals">
                <dl class="facts">
                    <dt>"Sökt från nämnden"</dt><dd class="number">{money::format(requested)}</dd>
                    <dt>"Summa intäkter"</dt><dd class="number" id="summa-intakter">{money::format(view.income_total)}</dd>
                    <dt>"Summa kostnader"</dt><dd class="number" id="summa-kostnader">{money::format(view.cost_total)}</dd>
                    <dt>"Skillnad"</dt><dd class="number" id="skillnad">{money::format(difference)}</dd>
                </dl>
                <p class="field__hint">"Summorna är de senast sparade; med JavaScript följer de med när du skriver. En budget som inte går jämnt ut kan skickas in, men handläggaren ser det."</p>
            </div>
        }
    });
    view! {
        <Page title=format!("{} – steg {number} av {}", current.title, STEPS.len() + 1) heading=current.title>
            <p class="step-progress">{format!("Steg {number} av {} · {}", STEPS.len() + 1, view.programme)}</p>
            <p class="lead">{current.intro}</p>
            <ErrorSummary />
            <form class="form" id="ansokan-steg" method="post" action=action novalidate>
                <input type="hidden" name="revision" value=view.revision.to_string() />
                {parts}
                {totals}
                <DraftForm form="ansokan-steg".to_owned() autosave=autosave requested_ore=requested />
                <div class="button-row">
                    <button class="button" type="submit" name="action" value="spara">"Spara och fortsätt"</button>
                    <button class="button button--secondary" type="submit" name="action" value="oversikt">"Spara och gå till översikten"</button>
                </div>
            </form>
        </Page>
    }
    .into_any()
}

fn error_of(state: &FormState, name: &str) -> Option<AnyView> {
    state.error(name).map(|message| {
        view! {
            <p class="field__error" id=format!("{}-fel", field_id(name))>
                <span class="visually-hidden">"Fel: "</span>{message}
            </p>
        }
        .into_any()
    })
}

/// One labelled input with its hint and error.
fn input(
    state: &FormState,
    name: String,
    label: String,
    kind: &'static str,
    hint: Option<String>,
    inputmode: Option<&'static str>,
) -> AnyView {
    let id = field_id(&name);
    let error = error_of(state, &name);
    let invalid = error.is_some();
    let described = [
        hint.as_ref().map(|_| format!("{id}-hint")),
        invalid.then(|| format!("{id}-fel")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:field--error=invalid>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{id}-hint")>{hint}</p> })}
            {error}
            <input id=id name=name.clone() type=kind value=state.value(&name) inputmode=inputmode
                aria-invalid=invalid.then_some("true") aria-describedby=(!described.is_empty()).then_some(described) />
        </div>
    }
    .into_any()
}

fn render_part(part: Part, state: &FormState, limit: usize) -> AnyView {
    match part {
        Part::Line { name, label, hint } => input(
            state,
            name.into(),
            label.into(),
            "text",
            hint.map(Into::into),
            None,
        ),
        Part::Date { name, label } => input(
            state,
            name.into(),
            label.into(),
            "date",
            Some("ÅÅÅÅ-MM-DD".into()),
            None,
        ),
        Part::Money { name, label, hint } => input(
            state,
            name.into(),
            label.into(),
            "text",
            hint.map(Into::into),
            Some("decimal"),
        ),
        Part::Percent { name, label } => input(
            state,
            name.into(),
            label.into(),
            "text",
            None,
            Some("numeric"),
        ),
        Part::Free { name, label, hint } => {
            let id = field_id(name);
            let error = error_of(state, name);
            let invalid = error.is_some();
            let hint = hint.map(|h| format!("{h} ")).unwrap_or_default()
                + &format!("Högst {limit} tecken.");
            let used = state.value(name).chars().count();
            view! {
                <div class="field" class:field--error=invalid>
                    <label for=id.clone()>{label}</label>
                    <p class="field__hint" id=format!("{id}-hint")>{hint}</p>
                    {error}
                    <textarea id=id.clone() name=name rows="6" data-limit=limit.to_string()
                        aria-invalid=invalid.then_some("true") aria-describedby=format!("{id}-hint{}", if invalid { format!(" {id}-fel") } else { String::new() })>
                        {state.value(name)}
                    </textarea>
                    <p class="field__counter" class:field__counter--over=used.gt(&limit) id=format!("{id}-antal")>{format!("{used} av {limit} tecken")}</p>
                </div>
            }
            .into_any()
        }
        Part::Check { name, label } => {
            let id = field_id(name);
            let ticked = state.values.contains_key(name);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=name value="on" checked=ticked />
                    <label for=id>{label}</label>
                </div>
            }
            .into_any()
        }
        Part::Rows(rows) => render_rows(rows, state),
    }
}

fn render_rows(rows: Rows, state: &FormState) -> AnyView {
    let prefix = rows.prefix();
    let count: usize = state
        .value(&format!("{prefix}_rows"))
        .parse()
        .unwrap_or(0)
        .max(1);
    let (legend, columns): (&str, &[(&str, &str, &str)]) = match rows {
        Rows::Activities => (
            "Aktiviteter",
            &[
                ("kind", "Aktivitet", "text"),
                ("occasions", "Antal tillfällen", "numeric"),
                ("participants", "Deltagare per tillfälle", "numeric"),
            ],
        ),
        Rows::Goals => ("Mål", &[("text", "Mål", "text")]),
        Rows::Income => (
            "Intäkter utöver det som söks från nämnden",
            &[
                ("source", "Källa", "text"),
                ("amount_ore", "Belopp (kr)", "decimal"),
                ("status", "Status", "status"),
            ],
        ),
        Rows::Costs => (
            "Kostnader",
            &[
                ("category", "Kostnadsslag", "text"),
                ("description", "Beskrivning", "text"),
                ("amount_ore", "Belopp (kr)", "decimal"),
            ],
        ),
    };
    let items = (0..count)
        .map(|i| {
            let fields = columns
                .iter()
                .map(|(field, label, kind)| {
                    let name = format!("{prefix}_{i}_{field}");
                    let label = format!("{label} {}", i + 1);
                    if *kind == "status" {
                        let id = field_id(&name);
                        let chosen = state.value(&name);
                        let options = IncomeStatus::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.as_str() selected=chosen == s.as_str()>{s.label()}</option> })
                            .collect_view();
                        view! {
                            <div class="field">
                                <label for=id.clone()>{label}</label>
                                <select id=id name=name>{options}</select>
                            </div>
                        }
                        .into_any()
                    } else {
                        let inputmode = (*kind != "text").then_some(*kind);
                        input(state, name, label, "text", None, inputmode)
                    }
                })
                .collect_view();
            view! {
                <fieldset class="row-group">
                    <legend>{format!("{} {}", legend, i + 1)}</legend>
                    {fields}
                    <button class="button button--secondary button--small" type="submit" name="action" value=format!("ta-bort-{prefix}-{i}")>
                        {format!("Ta bort rad {}", i + 1)}
                    </button>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <fieldset class="rows">
            <legend class="rows__legend">{legend}</legend>
            <input type="hidden" name=format!("{prefix}_rows") value=count.to_string() />
            {items}
            <button class="button button--secondary" type="submit" name="action" value=format!("lagg-till-{prefix}")>{rows.add_label()}</button>
        </fieldset>
    }
    .into_any()
}
