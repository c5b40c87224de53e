//! "Söka bidrag": the grant programmes, when to apply, attachments and criteria.
use leptos::prelude::*;

use crate::components::page::Page;

#[component]
pub fn ApplyGuidePage() -> impl IntoView {
    view! {
        <Page title="Söka bidrag">
            <p class="lead">
                "Socialnämnden ger bidrag till ideella föreningar vars verksamhet kompletterar socialtjänstens arbete. "
                "Ansökan görs av föreningen, och den som skickar in den ska vara utsedd av föreningens styrelse."
            </p>

            <h2>"Bidragsformer"</h2>
            <dl class="programmes">
                <dt>"Verksamhetsbidrag"</dt>
                <dd>"För stabila organisationer som fungerar över tid. Bidraget gäller 1–3 år och söks under april–maj varje år."</dd>
                <dt>"Utvecklingsbidrag"</dt>
                <dd>"För uppstart och utveckling av verksamhet och tillfälliga projekt. Kan sökas när som helst under året."</dd>
                <dt>"Tidsbegränsat bidrag"</dt>
                <dd>"För en avgränsad verksamhet under en bestämd period, till exempel ett kalenderår."</dd>
                <dt>"Idéburet offentligt partnerskap (IOP)"</dt>
                <dd>
                    "Ett mellansteg mellan föreningsbidrag och upphandling: ett avtal mellan jämbördiga parter. "
                    "Initiativet ska komma från föreningen och det måste finnas ett tydligt behov för målgruppen."
                </dd>
            </dl>

            <h2>"Det här behöver du bifoga"</h2>
            <ul>
                <li>"Stadgar"</li>
                <li>"Verksamhetsberättelse för senaste året"</li>
                <li>"Årsredovisning eller resultaträkning"</li>
                <li>"Revisionsberättelse"</li>
                <li>"Budget för den verksamhet ni söker för, med alla intäkter och kostnader"</li>
                <li>"Protokoll som visar vem som får företräda föreningen"</li>
            </ul>

            <h2>"Så bedöms ansökan"</h2>
            <p>"Förvaltningen gör en samlad bedömning utifrån socialnämndens riktlinjer för bidrag till ideella organisationer. Verksamheten ska:"</p>
            <ul>
                <li><strong>"vara stadsövergripande och öppen"</strong>" – vända sig till invånare i hela staden;"</li>
                <li><strong>"komplettera socialtjänstens verksamheter"</strong>" – inte göra samma sak som staden redan gör;"</li>
                <li><strong>"drivas med god kvalitet"</strong>" – med kompetens, metod och tillgängliga lokaler;"</li>
                <li><strong>"ha rimliga kostnader"</strong>" – en budget som hänger ihop med verksamheten."</li>
            </ul>
            <p>
                "Förvaltningen gör också en jämställdhetsanalys av vilka verksamheten når. "
                "Nämndens mål är att minst 20 procent av bidragen ska gå till verksamhet för barn och unga."
            </p>

            <h2>"Från ansökan till beslut"</h2>
            <ol class="steps">
                <li>"Föreningen registrerar sig och skriver sin ansökan. Utkast sparas."</li>
                <li>"När ansökan skickas in får den ett diarienummer."</li>
                <li>"En handläggare tar ärendet och kan begära komplettering."</li>
                <li>"Handläggaren skriver en bedömning och ett förslag till beslut, som attesteras av två chefer."</li>
                <li>"Nämnden eller utskottet fattar beslut. Beslutet skickas till föreningen och blir en allmän handling."</li>
                <li>"Föreningen som fått bidrag lämnar en återrapport om hur pengarna använts."</li>
            </ol>
        </Page>
    }
}
