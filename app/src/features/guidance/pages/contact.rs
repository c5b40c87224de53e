//! "Kontakta oss".
use leptos::prelude::*;

use crate::components::page::Page;
use crate::site::contact;

#[component]
pub fn ContactPage() -> impl IntoView {
    view! {
        <Page title="Kontakta oss">
            <p>"Har du frågor om föreningsbidrag, om din ansökan eller om portalen? Kontakta enheten för föreningsstöd."</p>
            <dl class="facts">
                <dt>"E-post"</dt>
                <dd><a href=format!("mailto:{}", contact::EMAIL)>{contact::EMAIL}</a></dd>
                <dt>"Telefon"</dt>
                <dd>{contact::PHONE} ", " {contact::PHONE_HOURS}</dd>
                <dt>"Postadress"</dt>
                <dd>{contact::ORGANISATION} ", " {contact::UNIT} ", " {contact::POSTAL_ADDRESS}</dd>
            </dl>
            <p>"Skriv inte känsliga personuppgifter i e-post. Gäller det ett ärende, ange gärna diarienumret."</p>
        </Page>
    }
}
