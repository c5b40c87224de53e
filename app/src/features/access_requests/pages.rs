//! "Be om tillgång": someone whose association is already registered asks the owners of
//! its account to let them in. The owners answer with an invitation or a refusal.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::form::{ErrorSummary, FormState, TextArea, TextField};
use crate::components::page::Page;
use crate::domain::checks::Check;
use crate::features::access_requests::api::access_request_preview;

use super::field;

#[component]
pub fn AccessRequestPage() -> impl IntoView {
    // The organisationsnummer comes along from the registration form.
    let current = FormState::current();
    if !current.values.contains_key(field::ORG_NUMBER) {
        let org = use_query_map()
            .with_untracked(|query| query.get("org"))
            .unwrap_or_default();
        let mut state = current;
        state.values.insert(field::ORG_NUMBER.into(), org);
        provide_context(state);
    }
    view! {
        <Page title="Be om tillgång till en förenings konto">
            <p class="lead">"Du får först ett mejl för att bekräfta din e-postadress. Sedan skickar vi förfrågan till dem som äger föreningens konto. De kan bjuda in dig; då får du ett mejl med en länk."</p>
            <p>"Vi visar inga uppgifter om föreningen här, och du får ingen tillgång förrän en ägare har bjudit in dig."</p>
            <ErrorSummary />
            <form class="form" method="post" action="/registrera/be-om-atkomst" novalidate>
                <TextField name=field::ORG_NUMBER label="Föreningens organisationsnummer" required=true check=Check::OrgNumber />
                <TextField name=field::NAME label="Ditt namn" autocomplete="name" required=true />
                <TextField name=field::EMAIL label="Din e-postadress" input_type="email" autocomplete="email" hint="Inbjudan skickas hit." required=true check=Check::Email />
                <TextArea name=field::MESSAGE label="Meddelande till föreningen (frivilligt)" hint="Till exempel vilken roll du har i föreningen." />
                <button class="button" type="submit">"Skicka förfrågan"</button>
            </form>
        </Page>
    }
}

/// After asking: the link is on its way.
#[component]
pub fn AccessRequestedPage() -> impl IntoView {
    view! {
        <Page title="Kontrollera din e-post">
            <p class="lead">"Vi har skickat en länk till din e-postadress. Öppna den för att skicka förfrågan till föreningen."</p>
            <p>"Länken gäller i 24 timmar. Först när du har öppnat den får föreningens ägare din förfrågan."</p>
            <p><a href="/">"Till startsidan"</a></p>
        </Page>
    }
}

/// The link from the mail leads here and shows what is about to be sent; a button sends
/// it (a plain GET changes nothing, since mail scanners open links too).
#[component]
pub fn ConfirmAccessRequestPage() -> impl IntoView {
    // After a refused confirmation the server brings the token back in the form state.
    let token = use_query_map()
        .with_untracked(|query| query.get("token"))
        .or_else(|| FormState::current().values.get("token").cloned())
        .unwrap_or_default();
    let preview = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        access_request_preview,
    );
    view! {
        <Page title="Skicka förfrågan om tillgång">
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match preview.await {
                            Ok(preview) => view! {
                                <p class="lead">"Bekräfta att e-postadressen är din, så skickar vi förfrågan till dem som äger föreningens konto."</p>
                                <dl class="facts">
                                    <dt>"Förening"</dt>
                                    <dd>{preview.association}</dd>
                                    <dt>"Ditt namn"</dt>
                                    <dd>{preview.name}</dd>
                                    <dt>"Meddelande"</dt>
                                    <dd>{if preview.message.is_empty() { "(inget)".to_owned() } else { preview.message }}</dd>
                                </dl>
                                <form method="post" action="/registrera/be-om-atkomst/bekrafta">
                                    <input type="hidden" name="token" value=token />
                                    <button class="button" type="submit">"Skicka förfrågan"</button>
                                </form>
                            }
                            .into_any(),
                            Err(_) => view! {
                                <p class="lead">"Länken fungerar inte: den har redan använts eller gått ut."</p>
                                <p><a href="/registrera/be-om-atkomst">"Be om tillgång igen"</a>" för att få en ny länk."</p>
                            }
                            .into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

/// After confirming.
#[component]
pub fn AccessRequestConfirmedPage() -> impl IntoView {
    view! {
        <Page title="Förfrågan är skickad">
            <p class="lead">"Föreningens ägare har fått din förfrågan per e-post."</p>
            <p>"När någon av dem bjuder in dig får du ett mejl med en länk. Länken gäller i sju dagar."</p>
            <p><a href="/">"Till startsidan"</a></p>
        </Page>
    }
}
