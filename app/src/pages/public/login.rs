//! "Logga in".
use leptos::prelude::*;

use crate::components::page::Page;
use crate::site::SiteInfo;

#[component]
pub fn LoginPage() -> impl IntoView {
    let site = SiteInfo::current();
    let demo_accounts = (site.demo && !site.demo_accounts.is_empty()).then(|| {
        let rows = site
            .demo_accounts
            .iter()
            .map(|account| {
                view! {
                    <tr>
                        <td>{account.role_label}</td>
                        <td>{account.email}</td>
                        <td><code>{account.password}</code></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="demokonton">
                <h2 id="demokonton">"Demokonton"</h2>
                <table class="table">
                    <caption>"Påhittade konton i demoläget"</caption>
                    <thead>
                        <tr><th scope="col">"Roll"</th><th scope="col">"E-post"</th><th scope="col">"Lösenord"</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    });

    view! {
        <Page title="Logga in">
            <p class="lead">"Föreningar loggar in för att söka bidrag och följa sina ärenden. Handläggare och chefer loggar in för att handlägga och attestera."</p>
            {demo_accounts}
        </Page>
    }
}
