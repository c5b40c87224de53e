//! "Så behandlar vi personuppgifter".
use leptos::prelude::*;

use crate::components::page::Page;
use crate::site::contact;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Page title="Så behandlar vi personuppgifter">
            <p class="lead">"Socialnämnden är personuppgiftsansvarig för de uppgifter som lämnas i Föreningsportalen."</p>
            <h2>"Vilka uppgifter och varför"</h2>
            <p>
                "Vi behandlar namn, e-postadress och telefonnummer för dig som företräder en förening, för att kunna handlägga föreningens ansökningar och kontakta er. "
                "Den rättsliga grunden är myndighetsutövning och allmänt intresse."
            </p>
            <p>
                "Föreningen anger också namn och roller för sin styrelse. Protokoll som föreningen skickar in för att visa vem som får företräda den läses bara av dem som har tillgång till föreningens konto, av stadens handläggare och av portalens administratörer."
            </p>
            <p>
                "Ber du om tillgång till en förenings konto sparar vi ditt namn, din e-postadress och ditt meddelande tills förfrågan är besvarad, och därefter i 30 dagar. En förfrågan som du inte bekräftar tas bort efter ett dygn."
            </p>
            <h2>"Allmänna handlingar"</h2>
            <p>
                "En inskickad ansökan, inskickade protokoll och nämndens beslut är allmänna handlingar. De bevaras och gallras enligt arkivlagen och stadens dokumenthanteringsplan även om du tar bort ditt konto, "
                "men dina kontaktuppgifter tas då bort från kontot."
            </p>
            <h2>"Kakor"</h2>
            <p>"Webbplatsen använder bara en nödvändig kaka för inloggningen. Inga kakor för statistik eller marknadsföring."</p>
            <h2>"Dina rättigheter"</h2>
            <p>
                "Du har rätt att få veta vilka uppgifter vi har om dig, att få felaktiga uppgifter rättade och i vissa fall att få dem raderade. "
                "Kontakta oss på "<a href=format!("mailto:{}", contact::EMAIL)>{contact::EMAIL}</a>"."
            </p>
        </Page>
    }
}
