//! "Tillgänglighetsredogörelse", as the Swedish accessibility law (DOS-lagen) requires:
//! the admins' text `tillganglighet`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Page title=t("accessibility-title")>
            <GuidanceText slug="tillganglighet" lead=true />
        </Page>
    }
}
