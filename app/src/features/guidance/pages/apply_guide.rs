//! "Söka bidrag": the grant programmes, when to apply, attachments and criteria.
use leptos::prelude::*;

use super::text::GuidanceText;
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
            <GuidanceText slug="soka-bidrag" lead=true />

            <h2>"Bidragsformer"</h2>
            <Suspense fallback=|| view! { <p>"Hämtar bidragsformerna …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => list.iter().map(programme).collect_view().into_any(),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <GuidanceText slug="soka-bidrag-anvisningar" />
        </Page>
    }
}
