//! An editable guidance text on its page, and the admins' pages that edit the texts.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::form::{ErrorSummary, FormState, TextArea};
use crate::components::markdown::{preview, preview_section, HINT};
use crate::components::page::Page;
use crate::features::guidance::{
    api::{guidance_draft, guidance_text, guidance_texts},
    field, TextDraft, PREVIEW,
};

/// The text at `slug`, as saved by the admins (or as shipped). `lead` shows its first
/// paragraph as the page's lead.
#[component]
pub fn GuidanceText(slug: &'static str, #[prop(optional)] lead: bool) -> impl IntoView {
    let slug = crate::features::guidance::slug_in(slug, crate::i18n::Lang::current());
    let loaded = Resource::new(|| (), move |_| guidance_text(slug.clone()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match loaded.await {
                    // Sanitised when saved, or the shipped Markdown rendered by the same code.
                    Ok(html) => view! { <div class="prose" class:prose--lead=lead inner_html=html></div> }.into_any(),
                    Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/admin/texter`: every editable text.
#[component]
pub fn TextsPage() -> impl IntoView {
    if crate::auth::require_role(crate::domain::role::Role::Admin).is_none() {
        return crate::auth::denied();
    }
    let loaded = Resource::new(|| (), |_| guidance_texts());
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    view! {
        <Page title="Texter på webbplatsen" wide=true>
            {saved.and_then(|slug| crate::features::guidance::text(&slug)).map(|def| view! {
                <p class="notice" role="status">{format!("”{}” är sparad och visas nu på webbplatsen.", def.name)}</p>
            })}
            <p class="lead">"Texterna på de publika sidorna skrivs i Markdown. En sparad text visas direkt, utan driftsättning."</p>
            <Suspense fallback=|| view! { <p>"Hämtar texterna …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(rows) => {
                            let rows = rows
                                .into_iter()
                                .map(|row| view! {
                                    <tr>
                                        <td><a href=format!("/admin/texter/{}", row.slug)>{row.name}</a></td>
                                        <td><a href=row.page.clone()>{row.page.clone()}</a></td>
                                        <td>{row.changed}</td>
                                    </tr>
                                })
                                .collect_view();
                            view! {
                                <table>
                                    <caption class="visually-hidden">"Redigerbara texter"</caption>
                                    <thead><tr><th scope="col">"Text"</th><th scope="col">"Sida"</th><th scope="col">"Senast ändrad"</th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

/// `/admin/texter/:slug`: one text's form, with its preview.
#[component]
pub fn TextPage() -> impl IntoView {
    if crate::auth::require_role(crate::domain::role::Role::Admin).is_none() {
        return crate::auth::denied();
    }
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let posted = FormState::current();
    let wants_preview = posted.value(field::ACTION) == PREVIEW;
    let typed = posted.value(field::TEXT);
    let loaded = Resource::new(
        move || slug.clone(),
        move |slug| {
            let typed = typed.clone();
            async move {
                let draft = guidance_draft(slug).await?;
                let shown = if wants_preview {
                    Some(preview(typed).await?)
                } else {
                    None
                };
                Ok::<_, crate::error::AppError>((draft, shown))
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar texten …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((draft, shown)) => text_form(draft, shown),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn text_form(draft: TextDraft, shown: Option<String>) -> AnyView {
    let posted = FormState::current();
    let mut values =
        std::collections::HashMap::from([(field::TEXT.to_owned(), draft.markdown.clone())]);
    if !posted.values.is_empty() {
        values.extend(posted.values.clone());
    }
    provide_context(FormState { values, ..posted });
    let action = format!("/admin/texter/{}", draft.slug);
    view! {
        <Page title=format!("Redigera: {}", draft.name)>
            <ErrorSummary />
            <div lang=draft.lang.code()>{shown.map(preview_section)}</div>
            <p>
                "Visas på "<a href=draft.page.clone()>{draft.page.clone()}</a>
                {(draft.lang == crate::i18n::Lang::En).then_some(" för den som valt engelska")}
                ". "{draft.changed.clone()}"."
            </p>
            <form method="post" action=action.clone() novalidate>
                <TextArea name=field::TEXT label="Text (Markdown)" hint=HINT required=true rows=24 />
                <p class="actions">
                    <button type="submit" name=field::ACTION value=PREVIEW class="button button--secondary">"Förhandsgranska"</button>
                    " "
                    <button type="submit" name=field::ACTION value="spara" class="button">"Spara och publicera"</button>
                </p>
            </form>
            <form method="post" action=format!("{action}/aterstall")>
                <p>
                    <button type="submit" class="button button--secondary">"Visa den ursprungliga texten igen"</button>
                </p>
            </form>
            <p><a href="/admin/texter">"Alla texter"</a></p>
        </Page>
    }
    .into_any()
}
