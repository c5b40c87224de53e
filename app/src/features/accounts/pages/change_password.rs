//! "Byt lösenord": the current password, then a new one. Every other session of the
//! account ends; this one goes on.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::require_signed_in;
use crate::components::form::{ErrorSummary, TextField};
use crate::components::page::Page;
use crate::domain::checks::Check;

pub mod field {
    pub const CURRENT: &str = "current_password";
    pub const NEW: &str = "new_password";
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    let changed = use_query_map().with_untracked(|query| query.get("bytt").is_some());
    view! {
        <Page title="Byt lösenord">
            {changed.then(|| view! {
                <p class="notice" role="status">"Lösenordet är bytt. Du är utloggad överallt utom här."</p>
            })}
            <p class="lead">"När du byter lösenord loggas du ut på alla andra datorer och telefoner där du är inloggad."</p>
            <ErrorSummary />
            <form class="form" method="post" action="/mina-sidor/byt-losenord" novalidate>
                <TextField name=field::CURRENT label="Nuvarande lösenord" input_type="password" autocomplete="current-password" required=true />
                <TextField name=field::NEW label="Nytt lösenord" input_type="password" autocomplete="new-password" hint="Minst 8 tecken. Gärna flera ord i en fras; vanliga och lättgissade lösenord godtas inte." required=true check=Check::NewPassword />
                <button class="button" type="submit">"Byt lösenord"</button>
            </form>
            <p><a href="/mina-sidor">"Tillbaka till Mina sidor"</a></p>
        </Page>
    }
    .into_any()
}
