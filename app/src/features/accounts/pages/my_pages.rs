//! "Mina sidor": who you are signed in as and where you can go from here.
use leptos::prelude::*;

use crate::components::page::Page;
use crate::domain::role::Role;

#[component]
pub fn MyPages() -> impl IntoView {
    let Some(user) = crate::auth::require_signed_in() else {
        return ().into_any();
    };
    // Created here, at the top of the page, like every other page's data: a resource
    // created inside a nested child component could leave the async render waiting.
    let associations = Resource::new(|| (), |_| crate::features::accounts::api::my_associations());
    let admin_links = (user.role == Role::Admin).then(|| {
        view! {
            <section aria-labelledby="administration">
                <h2 id="administration">"Administration"</h2>
                <ul>
                    <li><a href="/admin/anvandare">"Användare"</a></li>
                    <li><a href="/admin/bidragsformer">"Bidragsformer"</a></li>
                    <li><a href="/admin/texter">"Texter på webbplatsen"</a></li>
                    <li><a href="/admin/utskick">"Utskick och händelsekö"</a></li>
                    <li><a href="/admin/skickad-e-post">"Skickad e-post"</a></li>
                </ul>
            </section>
        }
    });
    let officer_links = matches!(user.role, Role::Officer | Role::Admin).then(|| {
        view! {
            <section aria-labelledby="handlaggning">
                <h2 id="handlaggning">"Handläggning"</h2>
                <ul>
                    <li><a href="/handlaggning">"Ärendekö"</a></li>
                    <li><a href="/handlaggning?handlaggare=mig">"Mina ärenden"</a></li>
                    <li><a href="/handlaggning/moten">"Sammanträden och beslut"</a></li>
                    <li><a href="/handlaggning/oversikt">"Översikt per bidragsform och handläggare"</a></li>
                    <li><a href="/handlaggning/foretradare">"Företrädare att verifiera"</a></li>
                    <li><a href="/handlaggning/sena-ansokningar">"Ansökan efter sista dag"</a></li>
                    <li><a href="/handlaggning/helsam">"Medlemskap i Helsam: ansökningar och avgifter"</a></li>
                    <li><a href="/handlaggning/minnesanteckningar/ny">"Skriv minnesanteckningar från Gemensam utvecklingsgrupp"</a></li>
                </ul>
            </section>
        }
    });
    view! {
        <Page title="Mina sidor">
            <dl class="facts">
                <dt>"Namn"</dt>
                <dd>{user.display_name.clone()}</dd>
                <dt>"E-post"</dt>
                <dd>{user.email.clone()}</dd>
                <dt>"Roll"</dt>
                <dd>{user.role.label()}</dd>
            </dl>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = associations.await.unwrap_or_default();
                    (!list.is_empty()).then(|| {
                        let items = list
                            .into_iter()
                            .map(|a| {
                                let status = match &a.verified_until {
                                    Some(until) => format!(" ({}, verifierad företrädare till och med {until})", a.role),
                                    None => format!(" ({})", a.role),
                                };
                                view! { <li><a href=format!("/foreningar/{}", a.id)>{a.name}</a>{status}</li> }
                            })
                            .collect_view();
                        view! {
                            <section aria-labelledby="mina-foreningar">
                                <h2 id="mina-foreningar">"Mina föreningar"</h2>
                                <ul>{items}</ul>
                            </section>
                        }
                    })
                })}
            </Suspense>
            {officer_links}
            <ul>
                <li><a href="/mina-sidor/installningar">"Inställningar för e-post"</a></li>
                <li><a href="/mina-sidor/byt-losenord">"Byt lösenord"</a></li>
            </ul>
            <section aria-labelledby="mina-uppgifter">
                <h2 id="mina-uppgifter">"Dina uppgifter"</h2>
                <p>
                    <a href="/mina-sidor/mina-uppgifter.json" download="mina-uppgifter.json">"Ladda ned allt vi har sparat om dig (JSON)"</a>
                </p>
                <p><a href="/mina-sidor/radera-konto">"Radera mitt konto"</a></p>
            </section>
            {admin_links}
            <form method="post" action="/logga-ut">
                <button class="button button--secondary" type="submit">"Logga ut"</button>
            </form>
        </Page>
    }
    .into_any()
}
