//! Start page: what the portal is for and where to go next.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::text::GuidanceText;
use crate::components::page::Page;

#[component]
pub fn HomePage() -> impl IntoView {
    let deleted = use_query_map().with_untracked(|query| query.get("raderat").is_some());
    view! {
        <Page title="Start" heading="Föreningsbidrag från socialnämnden">
            {deleted.then(|| view! { <p class="notice" role="status">"Ditt konto är raderat."</p> })}
            <GuidanceText slug="startsida" lead=true />
            <ul class="cards">
                <li class="card">
                    <h2><a href="/registrera">"Registrera din förening"</a></h2>
                    <p>"Första steget för att söka bidrag: registrera föreningen och skapa ert konto."</p>
                </li>
                <li class="card">
                    <h2><a href="/soka-bidrag">"Söka bidrag"</a></h2>
                    <p>"Vilka bidrag som finns, när du kan söka, vilka bilagor som behövs och hur ansökan bedöms."</p>
                </li>
                <li class="card">
                    <h2><a href="/beslut">"Beslut om bidrag"</a></h2>
                    <p>"Vilka föreningar som fått bidrag, för vad och hur mycket, och när besluten vinner laga kraft."</p>
                </li>
                <li class="card">
                    <h2><a href="/gemensam-utvecklingsgrupp">"Gemensam utvecklingsgrupp"</a></h2>
                    <p>"Forumet där förvaltningen och brukarorganisationerna möts. Läs om gruppen och dess minnesanteckningar."</p>
                </li>
                <li class="card">
                    <h2><a href="/medlemskap">"Medlemskap i Helsam"</a></h2>
                    <p>"Paraplyorganisationen för föreningar med social inriktning: vem som kan bli medlem och hur."</p>
                </li>
            </ul>
            <section aria-labelledby="siffror">
                <h2 id="siffror">"Föreningsbidragen i siffror"</h2>
                <ul class="figures">
                    <li><span class="figures__value">"9,4 miljoner kronor"</span>" delar socialnämnden ut i föreningsbidrag varje år."</li>
                    <li><span class="figures__value">"20 procent"</span>" av pengarna ska enligt nämndens mål gå till verksamhet för barn och unga."</li>
                    <li><span class="figures__value">"Cirka 10 procent"</span>" går i dag till verksamhet för barn och unga."</li>
                </ul>
            </section>
        </Page>
    }
}
