//! Start page: what the portal is for and where to go next.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::i18n::t;

#[component]
pub fn HomePage() -> impl IntoView {
    let deleted = use_query_map().with_untracked(|query| query.get("raderat").is_some());
    view! {
        <Page title=t("home-title") heading=t("home-heading")>
            {deleted.then(|| view! { <p class="notice" role="status">{t("home-deleted")}</p> })}
            <GuidanceText slug="startsida" lead=true />
            <ul class="cards">
                <li class="card">
                    <h2><a href="/registrera">{t("home-register")}</a></h2>
                    <p>{t("home-register-text")}</p>
                </li>
                <li class="card">
                    <h2><a href="/soka-bidrag">{t("home-apply")}</a></h2>
                    <p>{t("home-apply-text")}</p>
                </li>
                <li class="card">
                    <h2><a href="/beslut">{t("home-decisions")}</a></h2>
                    <p>{t("home-decisions-text")}</p>
                </li>
                <li class="card">
                    <h2><a href="/gemensam-utvecklingsgrupp">{t("home-forum")}</a></h2>
                    <p>{t("home-forum-text")}</p>
                </li>
                <li class="card">
                    <h2><a href="/medlemskap">{t("home-membership")}</a></h2>
                    <p>{t("home-membership-text")}</p>
                </li>
            </ul>
            <section aria-labelledby="siffror">
                <h2 id="siffror">{t("home-figures")}</h2>
                <ul class="figures">
                    <li><span class="figures__value">{t("home-figure-total")}</span>" "{t("home-figure-total-text")}</li>
                    <li><span class="figures__value">{t("home-figure-goal")}</span>" "{t("home-figure-goal-text")}</li>
                    <li><span class="figures__value">{t("home-figure-today")}</span>" "{t("home-figure-today-text")}</li>
                </ul>
            </section>
        </Page>
    }
}
