//! "Bekräfta e-postadress": the link from the mail leads here, and a button confirms.
//! (A plain GET must not change anything: mail scanners open links too.)
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::form::ErrorSummary;
use crate::components::page::Page;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|query| query.get("token").unwrap_or_default());
    view! {
        <Page title="Bekräfta e-postadress">
            <ErrorSummary />
            <p class="lead">"Bekräfta att e-postadressen är din, så kan du logga in."</p>
            <form method="post" action="/bekrafta-epost">
                <input type="hidden" name="token" value=token />
                <button class="button" type="submit">"Bekräfta e-postadressen"</button>
            </form>
        </Page>
    }
}
