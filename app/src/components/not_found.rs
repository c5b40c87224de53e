//! "Sidan finns inte", answered with status 404.
use leptos::prelude::*;

use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    view! {
        <Page title=t("not-found-title")>
            <p class="lead">{t("not-found-text")}</p>
            <ul>
                <li><a href="/">{t("not-found-home")}</a></li>
                <li><a href="/soka-bidrag">{t("not-found-apply")}</a></li>
                <li><a href="/kontakt">{t("not-found-contact")}</a></li>
            </ul>
        </Page>
    }
}
