//! "Logga in": e-mail and password, posted as a plain form (see the server's login handler).
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::current_user;
use crate::components::form::{ErrorSummary, TextField};
use crate::components::page::Page;
use crate::site::SiteInfo;

#[component]
pub fn LoginPage() -> impl IntoView {
    let site = SiteInfo::current();
    let (verified, new_password) = use_query_map().with_untracked(|query| {
        (
            query.get("bekraftad").is_some(),
            query.get("nytt-losenord").is_some(),
        )
    });
    let signed_in = current_user().map(|user| {
        view! {
            <p class="notice">
                "Du är inloggad som " <strong>{user.display_name}</strong> ". "
                <a href="/mina-sidor">"Gå till Mina sidor"</a>
            </p>
        }
    });
    let demo_accounts = (site.demo && !site.demo_accounts.is_empty()).then(|| {
        let rows = site
            .demo_accounts
            .iter()
            .map(|account| {
                view! {
                    <tr>
                        <td>{account.role_label}</td>
                        <td>{account.email}</td>
                        <td>
                            <code>{account.password}</code>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="demokonton">
                <h2 id="demokonton">"Demokonton"</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Påhittade konton i demoläget">
                <table class="table">
                    <caption>"Påhittade konton i demoläget"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Roll"</th>
                            <th scope="col">"E-post"</th>
                            <th scope="col">"Lösenord"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            </section>
        }
    });

    view! {
        <Page title="Logga in">
            <p class="lead">
                "Föreningar loggar in för att söka bidrag och följa sina ärenden. Handläggare och chefer loggar in för att handlägga och attestera."
            </p>
            {signed_in}
            {verified.then(|| view! { <p class="notice" role="status">"Din e-postadress är bekräftad. Nu kan du logga in."</p> })}
            {new_password.then(|| view! { <p class="notice" role="status">"Ditt nya lösenord är sparat. Logga in med det."</p> })}
            <ErrorSummary />
            <form class="form" method="post" action="/logga-in" novalidate>
                <TextField name="email" label="E-postadress" input_type="email" autocomplete="username" required=true />
                <TextField name="password" label="Lösenord" input_type="password" autocomplete="current-password" required=true />
                <button class="button" type="submit">"Logga in"</button>
            </form>
            <ul class="links">
                <li><a href="/glomt-losenord">"Glömt lösenordet?"</a></li>
                <li><a href="/registrera">"Registrera en förening"</a></li>
            </ul>
            {demo_accounts}
        </Page>
    }
}
