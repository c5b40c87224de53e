//! Confirmation before an account is turned off (or on again).
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::auth::{denied, require_role};
use crate::components::confirm::ConfirmPage;
use crate::domain::role::Role;
use crate::features::admin::api::list_accounts;

/// `GET /admin/anvandare/{id}`: "Inaktivera kontot för …?" or "Aktivera … igen?"
#[component]
pub fn AccountActivationPage() -> impl IntoView {
    let Some(me) = require_role(Role::Admin) else {
        return denied();
    };
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok()));
    let accounts = Resource::new(|| (), |_| list_accounts());
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || Suspend::new(async move {
                let account = accounts
                    .await
                    .ok()
                    .and_then(|accounts| accounts.into_iter().find(|a| Some(a.id) == id))
                    .filter(|account| account.id != me.id);
                let Some(account) = account else {
                    return view! { <crate::components::not_found::NotFound /> }.into_any();
                };
                let (title, question, consequence, verb, confirm_label) = if account.active {
                    (
                        "Inaktivera konto",
                        format!("Vill du inaktivera kontot för {}?", account.name),
                        format!("{} ({}) loggas ut överallt och kan inte logga in förrän kontot aktiveras igen. Inget annat tas bort.", account.name, account.email),
                        "inaktivera",
                        "Ja, inaktivera kontot",
                    )
                } else {
                    (
                        "Aktivera konto",
                        format!("Vill du aktivera kontot för {} igen?", account.name),
                        format!("{} ({}) kan då logga in igen med sitt lösenord.", account.name, account.email),
                        "aktivera",
                        "Ja, aktivera kontot",
                    )
                };
                view! {
                    <ConfirmPage
                        title=title
                        question=question
                        consequence=consequence
                        action=format!("/admin/anvandare/{}/{verb}", account.id)
                        confirm_label=confirm_label
                        back="/admin/anvandare"
                    />
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
