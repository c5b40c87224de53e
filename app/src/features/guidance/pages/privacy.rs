//! "Så behandlar vi personuppgifter": the admins' text `personuppgifter`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Page title=t("privacy-title")>
            <GuidanceText slug="personuppgifter" lead=true />
        </Page>
    }
}
