//! "Så behandlar vi personuppgifter": the admins' text `personuppgifter`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Page title="Så behandlar vi personuppgifter">
            <GuidanceText slug="personuppgifter" lead=true />
        </Page>
    }
}
