//! One proof of representatives: the document, the people it names, and the officer's
//! decision with the date the verification lasts until.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::auth::denied;
use crate::components::form::{CheckboxGroup, ErrorSummary, FormState, TextArea, TextField};
use crate::components::page::Page;
use crate::domain::representation::field;
use crate::features::representatives::{api::verification, VerificationDetails};

#[component]
pub fn VerificationPage() -> impl IntoView {
    if super::require_verifier().is_none() {
        return denied();
    }
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok()));
    let details = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => verification(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <Decision details /> }.into_any(),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Decision(details: VerificationDetails) -> impl IntoView {
    let current = FormState::current();
    let mut state = FormState::default();
    state.values.insert(
        field::VALID_UNTIL.into(),
        details.default_valid_until.clone(),
    );
    let typed_named = current.values.get(field::NAMED).cloned();
    state.values.extend(current.values);
    state.errors = current.errors;
    state.message = current.message;
    provide_context(state);
    let chosen: Option<Vec<String>> =
        typed_named.map(|named| named.split(',').map(str::to_owned).collect());
    let people: Vec<(String, String)> = details
        .people
        .iter()
        .map(|person| {
            let named = if person.named {
                " – utsedd enligt föreningen"
            } else {
                ""
            };
            (
                person.user_id.to_string(),
                format!("{} ({}){named}", person.name, person.email),
            )
        })
        .collect();
    let ticked: Vec<String> = match &chosen {
        Some(chosen) => chosen.clone(),
        None => details
            .people
            .iter()
            .filter(|person| person.named)
            .map(|person| person.user_id.to_string())
            .collect(),
    };
    let board = if details.board.is_empty() {
        "Ingen styrelse angiven".to_owned()
    } else {
        details.board.join(", ")
    };
    let pending = details.status == crate::features::representatives::ProofStatus::Pending;
    let decide = pending.then(|| view! {
        <form class="form" method="post" action=format!("/handlaggning/foretradare/{}", details.proof_id) novalidate>
            <CheckboxGroup name=field::NAMED legend="Verifierade företrädare" options=people.clone() checked=ticked.clone() />
            <TextField name=field::VALID_UNTIL label="Verifieringen gäller till och med" input_type="date"
                hint="Förvalt är föreningens nästa årsmöte. Högst 15 månader från i dag." required=true />
            <TextArea name=field::NOTE label="Kommentar till föreningen" hint="Krävs om du inte godkänner dokumentet: skriv vad som saknas." />
            <div class="button-row">
                <button class="button" type="submit" name="decision" value="godkann">"Godkänn och verifiera"</button>
                <button class="button button--secondary" type="submit" name="decision" value="avsla">"Godkänn inte"</button>
            </div>
        </form>
    });
    let status = details.status.label();
    view! {
        <Page title=format!("Företrädare för {}", details.association)>
            <ErrorSummary />
            <dl class="facts">
                <dt>"Förening"</dt>
                <dd><a href=format!("/foreningar/{}", details.association_id)>{details.association.clone()}</a>", "{details.org_number.clone()}</dd>
                <dt>"Dokument"</dt>
                <dd><a href=format!("/dokument/{}", details.attachment_id)>{details.file_name.clone()}</a>{format!(" ({} kB)", details.size_kb)}</dd>
                <dt>"Inskickat"</dt>
                <dd>{format!("{} av {}", details.sent, details.sent_by)}</dd>
                <dt>"Styrelse enligt föreningen"</dt>
                <dd>{board}</dd>
                <dt>"Nästa ordinarie årsmöte"</dt>
                <dd>{details.next_annual_meeting.clone()}</dd>
                <dt>"Status"</dt>
                <dd>{status}</dd>
            </dl>
            {decide}
            <p><a href="/handlaggning/foretradare">"Tillbaka till listan"</a></p>
        </Page>
    }
}
