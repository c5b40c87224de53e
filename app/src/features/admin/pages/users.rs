//! "Användare": every account, inviting staff and deactivating accounts.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::current_user;
use crate::auth::{denied, require_role};
use crate::components::form::{field_id, ErrorSummary, FormState, TextField};
use crate::components::page::Page;
use crate::domain::role::Role;
use crate::features::admin::api::list_accounts;

#[component]
pub fn UsersPage() -> impl IntoView {
    if require_role(Role::Admin).is_none() {
        return denied();
    }
    let me = current_user().map(|user| user.id);
    let invited = use_query_map().with_untracked(|query| query.get("inbjuden").is_some());
    let done = use_query_map().with_untracked(|query| match query.get("klart").as_deref() {
        Some("inaktiverat") => {
            Some("Kontot är inaktiverat. Personen är utloggad och kan inte logga in.")
        }
        Some("aktiverat") => Some("Kontot är aktiverat igen."),
        _ => None,
    });
    let accounts = Resource::new(|| (), |_| list_accounts());
    let state = FormState::current();
    let role_error = state.error("role");
    let role_invalid = role_error.is_some();
    let chosen = state.value("role");
    let options = [Role::Officer, Role::Approver, Role::Finance, Role::Admin]
        .into_iter()
        .map(|role| {
            view! { <option value=role.as_str() selected=chosen == role.as_str()>{role.label()}</option> }
        })
        .collect_view();
    view! {
        <Page title="Användare" wide=true>
            {invited.then(|| view! { <p class="notice" role="status">"Inbjudan är skickad. Länken gäller i sju dagar."</p> })}
            {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <h2>"Bjud in en medarbetare"</h2>
            <ErrorSummary />
            <form class="form" method="post" action="/admin/anvandare/bjud-in" novalidate>
                <TextField name="name" label="Namn" autocomplete="off" required=true />
                <TextField name="email" label="E-postadress" input_type="email" autocomplete="off" required=true />
                <div class="field" class:field--error=role_invalid>
                    <label for=field_id("role")>"Roll"</label>
                    {role_error.map(|message| view! { <p class="field__error" id="falt-role-fel"><span class="visually-hidden">"Fel: "</span>{message}</p> })}
                    <select id=field_id("role") name="role">{options}</select>
                </div>
                <button class="button" type="submit">"Skicka inbjudan"</button>
            </form>
            <h2>"Alla konton"</h2>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(accounts) => {
                            let rows = accounts
                                .into_iter()
                                .map(|account| {
                                    let label = if account.active { "Inaktivera" } else { "Aktivera" };
                                    let toggle = (Some(account.id) != me).then(|| view! {
                                        <a class="button button--small button--secondary" href=format!("/admin/anvandare/{}", account.id)>
                                            {label}<span class="visually-hidden">{format!(" {}", account.name)}</span>
                                        </a>
                                    });
                                    let status = match (account.active, account.verified) {
                                        (false, _) => "Inaktiverat",
                                        (true, false) => "Inte bekräftat",
                                        (true, true) => "Aktivt",
                                    };
                                    view! {
                                        <tr>
                                            <td>{account.name}</td>
                                            <td>{account.email}</td>
                                            <td>{account.role}</td>
                                            <td>{status}</td>
                                            <td>{toggle}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="konton">
                                    <table class="table">
                                        <caption id="konton">"Konton i portalen"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Namn"</th>
                                                <th scope="col">"E-post"</th>
                                                <th scope="col">"Roll"</th>
                                                <th scope="col">"Status"</th>
                                                <th scope="col"><span class="visually-hidden">"Åtgärd"</span></th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}
