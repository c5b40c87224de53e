//! "Söka bidrag": the grant programmes, when to apply, attachments and criteria.
use leptos::prelude::*;

use crate::components::page::Page;
use crate::features::programmes::{api::public_programmes, Programme};

/// One programme: what it is for, when it can be applied for (from the programme's own
/// window, as of today), the documents and the criteria.
fn programme(p: &Programme) -> impl IntoView {
    let when = if p.open {
        format!("Går att söka nu ({}).", p.window)
    } else {
        p.closed_because.clone()
    };
    let documents = p.documents.join(", ").to_lowercase();
    let criteria = p.criteria.join(", ").to_lowercase();
    view! {
        <section class="programme" aria-labelledby=format!("bidrag-{}", p.id)>
            <h3 id=format!("bidrag-{}", p.id)>{p.name.clone()}</h3>
            <p>{p.description.clone()}</p>
            <p><strong>{when}</strong></p>
            {(!documents.is_empty()).then(|| view! { <p>{format!("Bifoga: {documents}.")}</p> })}
            {(!criteria.is_empty()).then(|| view! { <p>{format!("Bedöms efter: {criteria}.")}</p> })}
            <p class="muted">{format!("Beslut brukar fattas inom {} veckor.", p.handling_weeks)}</p>
        </section>
    }
}

#[component]
pub fn ApplyGuidePage() -> impl IntoView {
    let loaded = Resource::new(|| (), |_| public_programmes());
    view! {
        <Page title="Söka bidrag">
            <p class="lead">
                "Socialnämnden ger bidrag till ideella föreningar vars verksamhet kompletterar socialtjänstens arbete. "
                "Ansökan görs av föreningen, och den som skickar in den ska vara utsedd av föreningens styrelse."
            </p>

            <h2>"Bidragsformer"</h2>
            <Suspense fallback=|| view! { <p>"Hämtar bidragsformerna …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => list.iter().map(programme).collect_view().into_any(),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p>"Ett idéburet offentligt partnerskap (IOP) är ett avtal mellan jämbördiga parter. Initiativet ska komma från föreningen och det måste finnas ett tydligt behov för målgruppen."</p>

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
