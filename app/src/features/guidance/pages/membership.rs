//! "Medlemskap": membership of the umbrella organisation Helsam.
use leptos::prelude::*;

use crate::components::page::Page;

#[component]
pub fn MembershipPage() -> impl IntoView {
    view! {
        <Page title="Medlemskap" heading="Medlemskap i Helsam">
            <p class="lead">
                "Helsam är en paraplyorganisation för samverkan mellan föreningar med social inriktning."
            </p>
            <h2>"Vad Helsam gör"</h2>
            <ul>
                <li>"Utvecklar och delar kompetens, bland annat genom tematräffar och en kompetensbank där föreningar lånar varandras kunskaper."</li>
                <li>"Stärker kommunikation och samverkan mellan föreningar."</li>
                <li>"Ger föreningsservice för ekonomi och organisation."</li>
            </ul>
            <h2>"Vem kan bli medlem?"</h2>
            <p>"Medlemskapet är öppet för föreningar som har social verksamhet i staden."</p>
            <h2>"Så blir föreningen medlem"</h2>
            <ol class="steps">
                <li>"Föreningens styrelse fattar beslut om att gå med."</li>
                <li>"En företrädare för föreningen ansöker om medlemskap och bifogar styrelsebeslutet."</li>
                <li>"Medlemsavgiften är 100 kronor per år och förening."</li>
            </ol>
        </Page>
    }
}
