//! "Skickad e-post": every mail the worker has sent, or skipped because the recipient
//! turned that notification off. Without SMTP each one can be downloaded as `.eml`.
use leptos::prelude::*;

use crate::auth::{denied, require_role};
use crate::components::page::Page;
use crate::domain::role::Role;
use crate::features::admin::api::sent_mail;
use crate::site::SiteInfo;

#[component]
pub fn SentMailPage() -> impl IntoView {
    if require_role(Role::Admin).is_none() {
        return denied();
    }
    let files = SiteInfo::current().mail_to_files;
    let mails = Resource::new(|| (), |_| sent_mail());
    view! {
        <Page title="Skickad e-post" wide=true>
            {if files {
                view! { <p class="lead">"Ingen e-postserver är inställd (SMTP_URL). Mejlen sparas som filer i datamappen och kan laddas ned här."</p> }.into_any()
            } else {
                view! { <p class="lead">"Mejlen lämnas till e-postservern som är inställd i SMTP_URL."</p> }.into_any()
            }}
            <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
                {move || Suspend::new(async move {
                    match mails.await {
                        Ok(mails) if mails.is_empty() => view! { <p>"Inga mejl har skickats ännu."</p> }.into_any(),
                        Ok(mails) => {
                            let rows = mails
                                .into_iter()
                                .map(|mail| {
                                    let subject = if files && !mail.skipped {
                                        view! { <a href=format!("/admin/skickad-e-post/{}.eml", mail.id)>{mail.subject}</a> }.into_any()
                                    } else {
                                        view! { <span>{mail.subject}</span> }.into_any()
                                    };
                                    view! {
                                        <tr>
                                            <td>{mail.sent_at}</td>
                                            <td>{mail.to}</td>
                                            <td>{subject}</td>
                                            <td>{if mail.skipped { "Ej skickat: mottagaren har stängt av det" } else { "Skickat" }}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="skickade">
                                    <table class="table">
                                        <caption id="skickade">"De senaste 200 mejlen"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Tid"</th>
                                                <th scope="col">"Till"</th>
                                                <th scope="col">"Ämne"</th>
                                                <th scope="col">"Status"</th>
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
