//! "Inställningar för e-post": turn optional notifications on and off. Required ones
//! (verification, password reset, decisions, completion requests) are always sent.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::require_signed_in;
use crate::components::page::Page;
use crate::features::accounts::api::notification_settings;

#[component]
pub fn SettingsPage() -> impl IntoView {
    if require_signed_in().is_none() {
        return ().into_any();
    }
    let saved = use_query_map().with_untracked(|query| query.get("sparat").is_some());
    let settings = Resource::new(|| (), |_| notification_settings());
    view! {
        <Page title="Inställningar för e-post">
            {saved.then(|| view! { <p class="notice" role="status">"Dina val är sparade."</p> })}
            <p class="lead">
                "Välj vilka meddelanden du vill få. Mejl om att bekräfta din e-postadress, återställa lösenord, kompletteringar och beslut skickas alltid."
            </p>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(settings) => {
                            let boxes = settings
                                .into_iter()
                                .map(|setting| {
                                    let id = format!("val-{}", setting.kind);
                                    view! {
                                        <div class="checkbox">
                                            <input type="checkbox" id=id.clone() name=setting.kind.clone() value="on" checked=setting.enabled />
                                            <label for=id>{setting.label}</label>
                                        </div>
                                    }
                                })
                                .collect_view();
                            view! {
                                <form method="post" action="/mina-sidor/installningar">
                                    <fieldset>
                                        <legend>"Skicka e-post till mig"</legend>
                                        {boxes}
                                    </fieldset>
                                    <button class="button" type="submit">"Spara"</button>
                                </form>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p><a href="/mina-sidor">"Tillbaka till Mina sidor"</a></p>
        </Page>
    }
    .into_any()
}
