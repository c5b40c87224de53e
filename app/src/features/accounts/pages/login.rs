//! "Logga in": e-mail and password, posted as a plain form (see the server's login handler).
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::current_user;
use crate::components::form::{ErrorSummary, TextField};
use crate::components::page::Page;
use crate::i18n::t;
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
                {t("login-signed-in-as")}" " <strong>{user.display_name}</strong> ". "
                <a href="/mina-sidor">{t("login-go-to-my-pages")}</a>
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
                <h2 id="demokonton">{t("login-demo-accounts")}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=t("login-demo-caption")>
                <table class="table">
                    <caption>{t("login-demo-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("login-demo-role")}</th>
                            <th scope="col">{t("login-demo-email")}</th>
                            <th scope="col">{t("login-demo-password")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            </section>
        }
    });

    view! {
        <Page title=t("login-title")>
            <p class="lead">
                {t("login-lead")}
            </p>
            {signed_in}
            {verified.then(|| view! { <p class="notice" role="status">{t("login-verified")}</p> })}
            {new_password.then(|| view! { <p class="notice" role="status">{t("login-new-password")}</p> })}
            <ErrorSummary />
            <form class="form" method="post" action="/logga-in" novalidate>
                <TextField name="email" label=t("login-email") input_type="email" autocomplete="username" required=true />
                <TextField name="password" label=t("login-password") input_type="password" autocomplete="current-password" required=true />
                <button class="button" type="submit">{t("login-submit")}</button>
            </form>
            <ul class="links">
                <li><a href="/glomt-losenord">{t("login-forgot")}</a></li>
                <li><a href="/registrera">{t("login-register")}</a></li>
            </ul>
            {demo_accounts}
        </Page>
    }
}
