//! "Medlemskap": membership of the umbrella organisation Helsam, the admins' text
//! `medlemskap`.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn MembershipPage() -> impl IntoView {
    view! {
        <Page title=t("membership-title") heading=t("membership-heading")>
            <GuidanceText slug="medlemskap" lead=true />
            <crate::features::umbrella::pages::MemberList />
        </Page>
    }
}
