//! "Glömt lösenordet" and "Välj nytt lösenord".
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::form::{ErrorSummary, FormState, TextField};
use crate::components::page::Page;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let sent = use_query_map().with_untracked(|query| query.get("skickat").is_some());
    view! {
        <Page title="Glömt lösenordet">
            {sent.then(|| view! {
                <p class="notice" role="status">
                    "Om det finns ett konto för adressen har vi skickat en länk dit. Länken gäller i en timme."
                </p>
            })}
            <p class="lead">"Ange e-postadressen du loggar in med, så skickar vi en länk där du kan välja ett nytt lösenord."</p>
            <ErrorSummary />
            <form class="form" method="post" action="/glomt-losenord" novalidate>
                <TextField name="email" label="E-postadress" input_type="email" autocomplete="email" required=true />
                <button class="button" type="submit">"Skicka länk"</button>
            </form>
        </Page>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let state = FormState::current();
    let token = use_query_map()
        .with_untracked(|query| query.get("token"))
        .unwrap_or_else(|| state.value("token"));
    view! {
        <Page title="Välj nytt lösenord">
            <ErrorSummary />
            <form class="form" method="post" action="/nytt-losenord" novalidate>
                <input type="hidden" name="token" value=token />
                <TextField name="password" label="Nytt lösenord" input_type="password" autocomplete="new-password" hint="Minst 8 tecken. Gärna flera ord i en fras; vanliga och lättgissade lösenord godtas inte." required=true check=crate::domain::checks::Check::NewPassword />
                <button class="button" type="submit">"Spara lösenordet"</button>
            </form>
        </Page>
    }
}
