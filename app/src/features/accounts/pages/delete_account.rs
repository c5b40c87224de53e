//! "Radera mitt konto": with the password, as a deliberate act.
use leptos::prelude::*;

use crate::auth::require_signed_in;
use crate::components::form::{ErrorSummary, TextField};
use crate::components::page::Page;

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <Page title="Radera mitt konto">
            <p class="lead">"När du raderar ditt konto tar vi bort dina kontaktuppgifter, dina inloggningar och dina inställningar."</p>
            <p>"Ansökningar som föreningen har skickat in är allmänna handlingar och finns kvar, men utan dina kontaktuppgifter. Är du ensam ägare av en förenings konto som andra använder behöver du först överlåta ägarskapet."</p>
            <ErrorSummary />
            <form class="form" method="post" action="/mina-sidor/radera-konto" novalidate>
                <TextField name="password" label="Ditt lösenord" input_type="password" autocomplete="current-password" hint="För att vara säkra på att det är du." required=true />
                <button class="button button--danger" type="submit">"Radera mitt konto"</button>
            </form>
            <p><a href="/mina-sidor">"Avbryt"</a></p>
        </Page>
    }
    .into_any()
}
