//! "Tillgänglighetsredogörelse", as the Swedish accessibility law (DOS-lagen) requires:
//! the admins' text `tillganglighet`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Page title="Tillgänglighetsredogörelse">
            <GuidanceText slug="tillganglighet" lead=true />
        </Page>
    }
}
