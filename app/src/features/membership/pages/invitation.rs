//! "Inbjudan": joining an association's account from the link in the mail.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::current_user;
use crate::components::form::{ErrorSummary, FormState, TextField};
use crate::components::page::Page;
use crate::features::membership::api::invitation_info;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let state = FormState::current();
    let token = use_query_map()
        .with_untracked(|query| query.get("token"))
        .unwrap_or_else(|| state.value("token"));
    let me = current_user();
    let info = Resource::new(move || token.clone(), invitation_info);
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || {
                let me = me.clone();
                Suspend::new(async move {
                    let Ok(info) = info.await else {
                        return view! {
                            <Page title="Inbjudan">
                                <p class="lead">"Inbjudan fungerar inte längre: den har redan använts eller gått ut. Be föreningen om en ny."</p>
                            </Page>
                        }
                        .into_any();
                    };
                    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_else(|| FormState::current().value("token"));
                    let action = match me {
                        Some(user) if user.email == info.email => view! {
                            <form method="post" action="/inbjudan">
                                <input type="hidden" name="token" value=token.clone() />
                                <button class="button" type="submit">"Gå med i föreningen"</button>
                            </form>
                        }
                        .into_any(),
                        Some(user) => view! {
                            <p>{format!("Du är inloggad som {}, men inbjudan gäller {}. Logga ut och öppna länken igen.", user.email, info.email)}</p>
                        }
                        .into_any(),
                        None => view! {
                            <p>{format!("Har du redan ett konto med {}? Logga in och öppna sedan länken i mejlet igen.", info.email)}</p>
                            <p><a href="/logga-in">"Logga in"</a></p>
                            <h2>"Skapa ett konto"</h2>
                            <ErrorSummary />
                            <form class="form" method="post" action="/inbjudan" novalidate>
                                <input type="hidden" name="token" value=token.clone() />
                                <TextField name="name" label="Ditt namn" autocomplete="name" required=true />
                                <TextField name="password" label="Välj ett lösenord" input_type="password" autocomplete="new-password" hint="Minst 8 tecken. Gärna flera ord i en fras." required=true check=crate::domain::checks::Check::NewPassword />
                                <button class="button" type="submit">"Skapa konto och gå med"</button>
                            </form>
                        }
                        .into_any(),
                    };
                    view! {
                        <Page title="Inbjudan" heading=format!("Inbjudan till {}", info.association)>
                            <p class="lead">{format!("Du är inbjuden att arbeta med {}s ansökningar i Föreningsportalen.", info.association)}</p>
                            {action}
                        </Page>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
