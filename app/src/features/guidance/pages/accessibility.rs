//! "Tillgänglighetsredogörelse", as the Swedish accessibility law (DOS-lagen) requires.
use leptos::prelude::*;

use crate::components::page::Page;
use crate::site::contact;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Page title="Tillgänglighetsredogörelse">
            <p class="lead">
                "Socialförvaltningen står bakom Föreningsportalen. Vi vill att så många som möjligt ska kunna använda webbplatsen. "
                "Här beskriver vi hur den uppfyller lagen om tillgänglighet till digital offentlig service och hur du kan rapportera brister."
            </p>
            <h2>"Hur tillgänglig är webbplatsen?"</h2>
            <p>"Webbplatsen är byggd för att uppfylla WCAG 2.1 på nivå AA:"</p>
            <ul>
                <li>"alla sidor fungerar utan JavaScript och kan användas med enbart tangentbord;"</li>
                <li>"sidorna har rubriker, landmärken och en länk för att hoppa direkt till innehållet;"</li>
                <li>"formulärfält har etiketter, och fel visas både i en sammanfattning och vid fältet;"</li>
                <li>"texten har tillräcklig kontrast och sidorna fungerar på skärmar ned till 360 pixlars bredd och vid 200 procents förstoring."</li>
            </ul>
            <h2>"Rapportera brister"</h2>
            <p>
                "Om du upptäcker problem som inte beskrivs här, eller om du behöver innehåll i ett annat format, kontakta oss på "
                <a href=format!("mailto:{}", contact::EMAIL)>{contact::EMAIL}</a>" eller "{contact::PHONE}"."
            </p>
            <h2>"Tillsyn"</h2>
            <p>
                "Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn över lagen. "
                "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg."
            </p>
        </Page>
    }
}
