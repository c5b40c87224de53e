//! "Företrädare att verifiera": associations waiting for an officer to check who may
//! act for them.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::denied;
use crate::components::page::Page;
use crate::features::representatives::api::pending_verifications;

#[component]
pub fn VerificationsPage() -> impl IntoView {
    if super::require_verifier().is_none() {
        return denied();
    }
    let decided = use_query_map().with_untracked(|query| query.get("beslutat").is_some());
    let pending = Resource::new(|| (), |_| pending_verifications());
    view! {
        <Page title="Företrädare att verifiera" wide=true>
            {decided.then(|| view! { <p class="notice" role="status">"Beslutet är sparat. Den som skickade in dokumentet får besked per e-post."</p> })}
            <p class="lead">"Föreningar som har skickat in protokoll eller annat dokument som visar vem som får företräda dem. Äldst först."</p>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match pending.await {
                        Ok(rows) if rows.is_empty() => view! { <p>"Inga dokument väntar på granskning."</p> }.into_any(),
                        Ok(rows) => {
                            let rows = rows
                                .into_iter()
                                .map(|row| view! {
                                    <tr>
                                        <td><a href=format!("/handlaggning/foretradare/{}", row.proof_id)>{row.association}</a></td>
                                        <td>{row.org_number}</td>
                                        <td>{row.named.join(", ")}</td>
                                        <td>{row.sent}</td>
                                    </tr>
                                })
                                .collect_view();
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label="Dokument som väntar på granskning">
                                <table class="table">
                                    <caption class="visually-hidden">"Dokument som väntar på granskning"</caption>
                                    <thead><tr><th scope="col">"Förening"</th><th scope="col">"Organisationsnummer"</th><th scope="col">"Utsedda företrädare"</th><th scope="col">"Inskickat"</th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                </div>
                            }.into_any()
                        }
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}
