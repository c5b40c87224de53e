//! `/handlaggning/arenden/:id/bedomning`: the jäv declaration, the officer's assessment
//! and proposal, and the approvers' attestation, on one page. Plain forms: it all works
//! without JavaScript.
use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{api::assessment, field, AssessmentView, Proposal, Stage, Verdict};
use crate::auth::denied;
use crate::components::{
    form::{field_id, ErrorSummary, FormState},
    page::Page,
};
use crate::features::applications::Status;
use crate::features::queue::status_label;

fn saved_message(what: &str) -> Option<&'static str> {
    match what {
        "jav" => Some("Din jävsförklaring är sparad."),
        "utkast" => Some("Bedömningen är sparad som utkast."),
        "klar" => Some("Bedömningen och förslaget är klara och väntar på attest."),
        "attest" => Some("Du har attesterat förslaget."),
        "tillbaka" => Some("Förslaget är skickat tillbaka till handläggaren."),
        _ => None,
    }
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    if crate::features::queue::pages::require_case_reader().is_none() {
        return denied();
    }
    let id = crate::features::applications::pages::path_id();
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => assessment(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar bedömningen …"</p> }>
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

/// The stored answers as form values; what was posted wins.
fn form_values(view: &AssessmentView) -> FormState {
    let posted = FormState::current();
    let mut values: HashMap<String, String> = HashMap::new();
    for answer in &view.content.criteria {
        if let Some(verdict) = answer.verdict {
            values.insert(
                field::verdict(&answer.criterion),
                verdict.as_str().to_owned(),
            );
        }
        values.insert(field::text(&answer.criterion), answer.text.clone());
    }
    values.insert(field::EQUALITY.to_owned(), view.content.equality.clone());
    values.insert(
        field::MOTIVATION.to_owned(),
        view.content.motivation.clone(),
    );
    if let Some(proposal) = view.proposal {
        values.insert(field::PROPOSAL.to_owned(), proposal.as_str().to_owned());
    }
    values.insert(
        field::AMOUNT.to_owned(),
        view.amount.clone().unwrap_or_default(),
    );
    if view.immediate {
        values.insert(field::IMMEDIATE.to_owned(), "1".to_owned());
    }
    if !posted.values.is_empty() {
        values.extend(posted.values.clone());
    }
    FormState { values, ..posted }
}

/// A field's error message, as the shared fields show it.
fn error_of(state: &FormState, name: &str) -> impl IntoView {
    state.error(name).map(|message| {
        view! {
            <p class="field__error" id=format!("{}-fel", field_id(name))>
                <span class="visually-hidden">"Fel: "</span>{message}
            </p>
        }
    })
}

/// A labelled text area whose name is built (a criterion's text).
fn text_area(
    state: &FormState,
    name: String,
    label: String,
    hint: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(&name);
    let invalid = state.error(&name).is_some();
    let value = state.value(&name);
    view! {
        <div class="field" class:field--error=invalid>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint">{hint}</p> })}
            {error_of(state, &name)}
            <textarea id=id name=name rows="5" aria-invalid=invalid.then_some("true")>{value}</textarea>
        </div>
    }
}

/// A group of radio buttons under a legend.
fn radios(
    state: &FormState,
    name: String,
    legend: String,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let chosen = state.value(&name);
    let invalid = state.error(&name).is_some();
    let first_id = field_id(&name);
    let buttons = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let id = if i == 0 { first_id.clone() } else { format!("{first_id}-{value}") };
            view! {
                <div class="checkbox">
                    <input type="radio" id=id.clone() name=name.clone() value=value checked=chosen == value />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field--error=invalid>
            <legend>{legend}</legend>
            {error_of(state, &name)}
            {buttons}
        </fieldset>
    }
}

fn declaration_form(view: &AssessmentView) -> impl IntoView {
    let action = format!("/handlaggning/arenden/{}/jav", view.case_id);
    let state = FormState::current();
    let stage = view.my_stage;
    let options = vec![
        ("nej", "Jag är inte jävig i ärendet"),
        ("ja", "Jag är jävig och deltar inte i handläggningen"),
    ];
    view! {
        <form method="post" action=action>
            <input type="hidden" name="steg" value=stage.as_str() />
            {radios(&state, field::RECUSED.to_owned(), format!("Jäv inför {}", stage.label()), options)}
            {text_area(&state, field::REASON.to_owned(), "Skäl till jäv (om du är jävig)".to_owned(), Some("Syns bara för handläggare och attestanter."))}
            <button type="submit" class="button">"Spara jävsförklaringen"</button>
        </form>
    }
}

fn assessment_form(view: &AssessmentView) -> impl IntoView {
    let state = form_values(view);
    let action = format!("/handlaggning/arenden/{}/bedomning", view.case_id);
    let verdicts: Vec<(&'static str, &'static str)> = Verdict::ALL
        .iter()
        .map(|v| (v.as_str(), v.label()))
        .collect();
    let criteria = view
        .criteria
        .iter()
        .map(|(key, label)| {
            view! {
                <section class="criterion">
                    <h3>{label.clone()}</h3>
                    {radios(&state, field::verdict(key), format!("Bedömning: {}", label.to_lowercase()), verdicts.clone())}
                    {text_area(&state, field::text(key), format!("Motivering: {}", label.to_lowercase()), None)}
                </section>
            }
        })
        .collect_view();
    let proposals: Vec<(&'static str, &'static str)> = Proposal::ALL
        .iter()
        .map(|p| (p.as_str(), p.label()))
        .collect();
    let immediate = !state.value(field::IMMEDIATE).is_empty();
    let amount_invalid = state.error(field::AMOUNT).is_some();
    view! {
        <form method="post" action=action class="assessment">
            <h2>"Förvaltningens bedömning"</h2>
            {criteria}
            {text_area(&state, field::EQUALITY.to_owned(), "Jämställdhetsanalys".to_owned(), Some("Hur verksamheten når kvinnor och män, flickor och pojkar, och vad föreningen gör för att jämna ut skillnader."))}
            <h2>"Förslag till beslut"</h2>
            {radios(&state, field::PROPOSAL.to_owned(), "Förvaltningens förslag".to_owned(), proposals)}
            <div class="field" class:field--error=amount_invalid>
                <label for=field_id(field::AMOUNT)>"Föreslaget belopp (kr)"</label>
                <p class="field__hint" id="falt-belopp-hint">{format!("Sökt belopp: {}. Vid bevilja gäller det sökta beloppet; vid avslag lämnas fältet tomt.", view.requested)}</p>
                {error_of(&state, field::AMOUNT)}
                <input type="text" inputmode="numeric" id=field_id(field::AMOUNT) name=field::AMOUNT value=state.value(field::AMOUNT) aria-describedby="falt-belopp-hint" aria-invalid=amount_invalid.then_some("true") />
            </div>
            {text_area(&state, field::MOTIVATION.to_owned(), "Förvaltningens synpunkter och motivering".to_owned(), None)}
            <div class="checkbox">
                <input type="checkbox" id=field_id(field::IMMEDIATE) name=field::IMMEDIATE value="1" checked=immediate />
                <label for=field_id(field::IMMEDIATE)>"Paragrafen föreslås justeras omedelbart"</label>
            </div>
            <p class="actions">
                <button type="submit" name="klar" value="1" class="button">"Skicka till attest"</button>
                " "
                <button type="submit" name="klar" value="" class="button button--secondary">"Spara utkast"</button>
            </p>
            <p class="field__hint">"En ändring av ett förslag som redan har attesterats gör att det behöver attesteras igen."</p>
        </form>
    }
}

/// The assessment as it stands, read-only.
fn summary(view: &AssessmentView) -> impl IntoView {
    let rows = view
        .content
        .criteria
        .iter()
        .map(|answer| {
            let label = view
                .criteria
                .iter()
                .find(|(k, _)| *k == answer.criterion)
                .map(|(_, l)| l.clone())
                .unwrap_or_else(|| answer.criterion.clone());
            view! {
                <dt>{label}</dt>
                <dd><strong>{answer.verdict.map(|v| v.label()).unwrap_or("Inte bedömt")}</strong>". "{answer.text.clone()}</dd>
            }
        })
        .collect_view();
    let proposal = match (view.proposal, view.amount.clone()) {
        (Some(Proposal::Reject), _) => "Avslå".to_owned(),
        (Some(p), Some(amount)) => format!("{} med {amount}", p.label()),
        (Some(p), None) => p.label().to_owned(),
        (None, _) => "Inget förslag ännu".to_owned(),
    };
    view! {
        <section aria-labelledby="rubrik-bedomning">
            <h2 id="rubrik-bedomning">"Förvaltningens bedömning"</h2>
            <dl class="facts">
                {rows}
                <dt>"Jämställdhetsanalys"</dt><dd>{view.content.equality.clone()}</dd>
                <dt>"Förslag till beslut"</dt><dd><strong>{proposal}</strong></dd>
                <dt>"Motivering"</dt><dd>{view.content.motivation.clone()}</dd>
                <dt>"Justering"</dt><dd>{if view.immediate { "Paragrafen föreslås justeras omedelbart." } else { "Justeras vid ordinarie justering." }}</dd>
            </dl>
        </section>
    }
}

fn attestation(view: &AssessmentView) -> impl IntoView {
    let done = view
        .attestations
        .iter()
        .map(|a| view! { <li>{format!("{}, {}, {}", a.name, a.title.to_lowercase(), a.date)}</li> })
        .collect_view();
    let may_attest = view.my_stage == Stage::Attestation
        && view.my_declaration == Some(false)
        && view.status == Status::Assessed
        && !view.mine
        && !view.attested_by_me;
    let may_return = view.my_stage == Stage::Attestation
        && view.my_declaration == Some(false)
        && matches!(view.status, Status::Assessed | Status::Attested);
    let id = view.case_id;
    let state = FormState::current();
    view! {
        <section aria-labelledby="rubrik-attest">
            <h2 id="rubrik-attest">"Attest"</h2>
            {if view.attestations.is_empty() {
                view! { <p>"Inte attesterat ännu."</p> }.into_any()
            } else {
                view! { <p>"Attesterat av:"</p><ul>{done}</ul> }.into_any()
            }}
            {(view.finished && !view.still_to_attest.is_empty()).then(|| view! {
                <p>{format!("Kan attesteras av: {}.", view.still_to_attest.join("; "))}</p>
            })}
            {may_attest.then(|| view! {
                <form method="post" action=format!("/handlaggning/arenden/{id}/attest")>
                    <button type="submit" class="button">"Attestera förslaget"</button>
                </form>
            })}
            {may_return.then(|| view! {
                <form method="post" action=format!("/handlaggning/arenden/{id}/tillbaka")>
                    {text_area(&state, field::COMMENT.to_owned(), "Skicka tillbaka till handläggaren med en kommentar".to_owned(), None)}
                    <button type="submit" class="button button--secondary">"Skicka tillbaka"</button>
                </form>
            })}
        </section>
    }
}

fn render(view: AssessmentView, saved: Option<String>) -> AnyView {
    let title = format!("Bedömning av {}", view.dnr);
    let open = matches!(
        view.status,
        Status::Submitted | Status::Assessed | Status::Attested
    );
    let declarations = view
        .declarations
        .iter()
        .map(|d| {
            let what = if d.recused {
                format!("jävig: {}", d.reason)
            } else {
                "inte jävig".to_owned()
            };
            view! { <li>{format!("{} inför {}: {what} ({})", d.name, d.stage.label(), d.date)}</li> }
        })
        .collect_view();
    let me = match view.my_declaration {
        None if open => declaration_form(&view).into_any(),
        None => ().into_any(),
        Some(true) => view! { <p class="notice">"Du har anmält jäv och deltar inte i handläggningen av ärendet."</p> }.into_any(),
        Some(false) => view! { <p>"Du har intygat att du inte är jävig i ärendet."</p> }.into_any(),
    };
    let writes = view.my_stage == Stage::Assessment && view.my_declaration == Some(false) && open;
    view! {
        <Page title=title.clone() wide=true>
            {saved.as_deref().and_then(saved_message).map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <ErrorSummary />
            <dl class="facts">
                <dt>"Förening"</dt><dd>{view.association.clone()}</dd>
                <dt>"Verksamhet"</dt><dd>{view.activity.clone()}</dd>
                <dt>"Sökt belopp"</dt><dd>{view.requested.clone()}</dd>
                <dt>"Status"</dt><dd><strong>{status_label(view.status)}</strong></dd>
                <dt>"Bedömning skriven av"</dt><dd>{view.author.clone().unwrap_or_else(|| "–".into())}</dd>
            </dl>
            <p><a href=format!("/handlaggning/arenden/{}", view.case_id)>"Till ärendet"</a></p>
            <section aria-labelledby="rubrik-jav">
                <h2 id="rubrik-jav">"Jäv"</h2>
                <p>"Den som är jävig får inte handlägga ärendet (förvaltningslagen 16–18 §§). Intyga innan du bedömer eller attesterar."</p>
                {me}
                {(!view.declarations.is_empty()).then(|| view! { <ul>{declarations}</ul> })}
            </section>
            {if writes { assessment_form(&view).into_any() } else { summary(&view).into_any() }}
            {attestation(&view)}
        </Page>
    }
    .into_any()
}
