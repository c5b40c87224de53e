//! `/forening/:org`: an association's public page.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{api::load_public_association, PublicAssociation};
use crate::components::page::Page;
use crate::i18n::{t, Lang};

#[component]
pub fn PublicAssociationPage() -> impl IntoView {
    let org = use_params_map().with_untracked(|p| p.get("org").unwrap_or_default());
    let loaded = Resource::new(move || org.clone(), load_public_association);
    view! {
        <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(found) => page(found),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn page(a: PublicAssociation) -> AnyView {
    let lang = Lang::current();
    let decisions = a
        .decisions
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td><a href=format!("/beslut/{}", r.slug)>{r.dnr.clone()}</a></td>
                    <td>{r.programme.clone()}</td>
                    <td>{r.activity.clone()}</td>
                    <td>{r.outcome.clone()}</td>
                    <td class="number">{if r.amount.is_empty() { "–".to_owned() } else { r.amount.clone() }}</td>
                    <td>{r.meeting.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let meetings = a
        .meetings
        .iter()
        .map(|m| {
            let day = crate::features::minutes::pages::shown_date(m);
            view! {
                <li><a href=crate::features::minutes::href(&m.date)>{day}" – "<span lang="sv">{m.title.clone()}</span></a></li>
            }
        })
        .collect_view();
    view! {
        <Page title=a.name.clone()>
            <dl class="facts">
                <dt>{t("association-org-number")}</dt><dd>{a.org_number.clone()}</dd>
                <dt>{t("association-helsam")}</dt>
                <dd>{match a.helsam_since {
                    Some(year) => lang.format("association-helsam-since", &[("year", year.into())]),
                    None => t("association-helsam-no").to_owned(),
                }}</dd>
            </dl>
            <section aria-labelledby="rubrik-beslut">
                <h2 id="rubrik-beslut">{t("decisions-title")}</h2>
                {if a.decisions.is_empty() {
                    view! { <p>{t("association-no-decisions")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rubrik-beslut">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t("decision-dnr")}</th>
                                        <th scope="col">{t("decisions-programme")}</th>
                                        <th scope="col">{t("decision-activity")}</th>
                                        <th scope="col">{t("decisions-outcome")}</th>
                                        <th scope="col" class="number">{t("decision-granted")}</th>
                                        <th scope="col">{t("decision-meeting")}</th>
                                    </tr>
                                </thead>
                                <tbody>{decisions}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="rubrik-moten">
                <h2 id="rubrik-moten">{t("association-forum")}</h2>
                {if a.meetings.is_empty() {
                    view! { <p>{t("association-no-meetings")}</p> }.into_any()
                } else {
                    view! { <ul>{meetings}</ul> }.into_any()
                }}
            </section>
            <p class="muted">{t("association-public-note")}</p>
        </Page>
    }
    .into_any()
}
