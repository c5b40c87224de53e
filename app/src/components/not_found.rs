//! "Sidan finns inte", answered with status 404.
use leptos::prelude::*;

use crate::components::page::Page;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    view! {
        <Page title="Sidan finns inte">
            <p class="lead">"Vi kunde inte hitta sidan du sökte. Den kan ha flyttats eller tagits bort, eller så är adressen felskriven."</p>
            <ul>
                <li><a href="/">"Gå till startsidan"</a></li>
                <li><a href="/soka-bidrag">"Läs om hur du söker bidrag"</a></li>
                <li><a href="/kontakt">"Kontakta oss"</a></li>
            </ul>
        </Page>
    }
}
