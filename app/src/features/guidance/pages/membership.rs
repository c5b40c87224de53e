//! "Medlemskap": membership of the umbrella organisation Helsam, the admins' text
//! `medlemskap`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;

#[component]
pub fn MembershipPage() -> impl IntoView {
    view! {
        <Page title="Medlemskap" heading="Medlemskap i Helsam">
            <GuidanceText slug="medlemskap" lead=true />
            <crate::features::umbrella::pages::MemberList />
        </Page>
    }
}
