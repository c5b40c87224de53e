//! "Gemensam utvecklingsgrupp": the user-involvement forum, the admins' text
//! `gemensam-utvecklingsgrupp`, and the way to its minutes.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn ForumPage() -> impl IntoView {
    view! {
        <Page title=t("forum-title")>
            <GuidanceText slug="gemensam-utvecklingsgrupp" lead=true />
            <h2>{t("forum-minutes")}</h2>
            <p>{t("forum-minutes-text")}</p>
            <p><a href=crate::features::minutes::LIST>{t("forum-minutes-link")}</a></p>
        </Page>
    }
}
