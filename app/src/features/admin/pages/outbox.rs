//! "Utskick och händelsekö": what the worker has still to do, what it is retrying and
//! what it gave up on, with "Försök igen" for the dead ones.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::{denied, require_role};
use crate::components::page::Page;
use crate::domain::role::Role;
use crate::features::admin::api::{outbox_overview, OutboxSnapshot};

fn state_label(state: &str) -> &'static str {
    match state {
        "pending" => "Väntar",
        "retrying" => "Försöker igen",
        "processing" => "Skickas",
        "dead" => "Misslyckades",
        _ => "Okänt",
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    if require_role(Role::Admin).is_none() {
        return denied();
    }
    let sent = use_query_map().with_untracked(|query| query.get("skickat").is_some());
    let retried = use_query_map().with_untracked(|query| query.get("igen").is_some());
    let overview = Resource::new(|| (), |_| outbox_overview());
    view! {
        <Page title="Utskick och händelsekö" wide=true>
            {sent.then(|| view! { <p class="notice" role="status">"Testmejlet är köat och skickas strax."</p> })}
            {retried.then(|| view! { <p class="notice" role="status">"Utskicket är köat igen."</p> })}
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(overview) => view! { <Overview overview /> }.into_any(),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>"Testa e-postutskicken"</h2>
            <form method="post" action="/admin/utskick/testmejl">
                <p>"Skickar ett testmejl till din egen e-postadress genom samma kö som alla andra utskick."</p>
                <button class="button" type="submit">"Skicka testmejl till mig"</button>
            </form>
        </Page>
    }
    .into_any()
}

#[component]
fn Overview(overview: OutboxSnapshot) -> impl IntoView {
    let rows = overview
        .items
        .into_iter()
        .map(|item| {
            let retry = (item.state == "dead").then(|| {
                view! {
                    <form method="post" action=format!("/admin/utskick/{}/forsok-igen", item.id)>
                        <button class="button button--small" type="submit">"Försök igen"</button>
                    </form>
                }
            });
            view! {
                <tr class=format!("outbox-row outbox-row--{}", item.state)>
                    <td>{item.created_at}</td>
                    <td>{item.summary}</td>
                    <td>{state_label(&item.state)}</td>
                    <td>{item.attempts}</td>
                    <td>{item.last_error.unwrap_or_default()}</td>
                    <td>{(item.state != "dead").then_some(item.next_attempt_at)}</td>
                    <td>{retry}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dl class="counts">
            <div><dt>"Väntar"</dt><dd>{overview.counts.pending}</dd></div>
            <div><dt>"Försöker igen"</dt><dd>{overview.counts.retrying}</dd></div>
            <div><dt>"Skickas nu"</dt><dd>{overview.counts.processing}</dd></div>
            <div><dt>"Misslyckade"</dt><dd>{overview.counts.dead}</dd></div>
            <div><dt>"Klara"</dt><dd>{overview.counts.done}</dd></div>
            <div><dt>"Avböjda av mottagaren"</dt><dd>{overview.counts.skipped}</dd></div>
        </dl>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ej-klara">
            <table class="table">
                <caption id="ej-klara">"Utskick som inte är klara"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Skapad"</th>
                        <th scope="col">"Utskick"</th>
                        <th scope="col">"Läge"</th>
                        <th scope="col">"Försök"</th>
                        <th scope="col">"Senaste fel"</th>
                        <th scope="col">"Nästa försök"</th>
                        <th scope="col"><span class="visually-hidden">"Åtgärd"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
