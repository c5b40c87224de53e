//! `/handlaggning/sena-ansokningar`: an officer opens a closed programme for one
//! association (the last day and why), and sees the windows opened so far.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::late_windows;
use crate::auth::denied;
use crate::components::form::{ErrorSummary, Select, TextArea, TextField};
use crate::components::page::Page;

#[component]
pub fn LateWindowsPage() -> impl IntoView {
    if crate::features::representatives::pages::require_verifier().is_none() {
        return denied();
    }
    let opened = use_query_map().with_untracked(|query| query.get("oppnad").is_some());
    let loaded = Resource::new(|| (), |_| late_windows());
    view! {
        <Page title="Ansökan efter sista dag" wide=true>
            {opened.then(|| view! { <p class="notice" role="status">"Ansökan är öppnad för föreningen. Föreningens ägare får besked per e-post."</p> })}
            <p class="lead">"En förening som har missat ansökningsperioden av goda skäl kan få söka ändå. Du anger sista dag och skälet; det sparas i föreningens händelser."</p>
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    let Ok(data) = loaded.await else {
                        return view! { <crate::components::not_found::NotFound /> }.into_any();
                    };
                    let rows = data
                        .windows
                        .iter()
                        .map(|w| view! {
                            <tr>
                                <td>{w.association.clone()}</td>
                                <td>{w.programme.clone()}</td>
                                <td>{w.open_until.clone()}{(!w.open_now).then_some(" (stängd)")}</td>
                                <td>{w.reason.clone()}</td>
                                <td>{format!("{}, {}", w.granted_by, w.granted)}</td>
                            </tr>
                        })
                        .collect_view();
                    let empty = data.windows.is_empty();
                    view! {
                        <h2>"Öppna ansökan för en förening"</h2>
                        <ErrorSummary />
                        <form class="form" method="post" action="/handlaggning/sena-ansokningar" novalidate>
                            <Select name="association" label="Förening" options=data.associations.iter().map(|(id, name)| (id.to_string(), name.clone())).collect() placeholder="Välj förening" />
                            <Select name="programme" label="Bidragsform" options=data.programmes.iter().map(|(id, name)| (id.to_string(), name.clone())).collect() placeholder="Välj bidragsform"
                                hint="Bidragsformer som går att söka året runt behöver ingen sen ansökan." />
                            <TextField name="open_until" label="Sista dag att skicka in" input_type="date" hint="Högst 90 dagar fram." required=true />
                            <TextArea name="reason" label="Skäl" hint="Till exempel sjukdom hos den som skulle skicka in, eller ett fel hos oss. Syns för handläggare." required=true />
                            <button class="button" type="submit">"Öppna ansökan"</button>
                        </form>
                        <h2>"Öppnade efter sista dag"</h2>
                        {if empty {
                            view! { <p>"Ingen förening har fått söka efter sista dag än."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label="Ansökningar öppnade efter sista dag">
                                    <table class="table">
                                        <thead><tr>
                                            <th scope="col">"Förening"</th><th scope="col">"Bidragsform"</th><th scope="col">"Sista dag"</th>
                                            <th scope="col">"Skäl"</th><th scope="col">"Öppnad av"</th>
                                        </tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    }
                    .into_any()
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}
