//! "Kontakta oss": the admins' text `kontakt`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn ContactPage() -> impl IntoView {
    view! {
        <Page title=t("contact-title")>
            <GuidanceText slug="kontakt" lead=true />
        </Page>
    }
}
