//! "Söka bidrag": the grant programmes, when to apply, attachments and criteria.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;
use crate::features::programmes::{api::public_programmes, Programme};
use crate::i18n::t;

/// One programme: what it is for, when it can be applied for (from the programme's own
/// window, as of today), the documents and the criteria.
fn programme(p: &Programme) -> impl IntoView {
    let lang = crate::i18n::Lang::current();
    let when = if p.open {
        lang.format("apply-open-now", &[("window", p.window.clone().into())])
    } else {
        p.closed_because.clone()
    };
    let documents = p.documents.join(", ").to_lowercase();
    let criteria = p.criteria.join(", ").to_lowercase();
    view! {
        <section class="programme" aria-labelledby=format!("bidrag-{}", p.id)>
            <h3 id=format!("bidrag-{}", p.id)>{p.name.clone()}</h3>
            // The programme's own description is the committee's, in Swedish.
            <p lang="sv">{p.description.clone()}</p>
            <p><strong>{when}</strong></p>
            {(!documents.is_empty()).then(|| view! { <p>{lang.format("apply-attach", &[("documents", documents.clone().into())])}</p> })}
            {(!criteria.is_empty()).then(|| view! { <p>{lang.format("apply-criteria", &[("criteria", criteria.clone().into())])}</p> })}
            <p class="muted">{lang.format("apply-handling", &[("weeks", p.handling_weeks.into())])}</p>
        </section>
    }
}

#[component]
pub fn ApplyGuidePage() -> impl IntoView {
    let loaded = Resource::new(|| (), |_| public_programmes());
    view! {
        <Page title=t("apply-title")>
            <GuidanceText slug="soka-bidrag" lead=true />

            <h2>{t("apply-programmes")}</h2>
            <Suspense fallback=|| view! { <p>{t("apply-loading")}</p> }>
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
