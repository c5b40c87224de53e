//! "Kontakta oss": the admins' text `kontakt`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;

#[component]
pub fn ContactPage() -> impl IntoView {
    view! {
        <Page title="Kontakta oss">
            <GuidanceText slug="kontakt" lead=true />
        </Page>
    }
}
