//! What Markdown editing shares (the minutes, the guidance texts): the preview server
//! function, the preview section and the editor's hint.
use leptos::prelude::*;

use crate::error::AppError;

/// What the editor's Markdown field says under its label.
pub const HINT: &str = "Markdown: rubriker med ## (underrubriker ###), punktlistor med -, numrerade listor med 1., fetstil med **text**, länkar som <https://exempel.se> eller [text](https://exempel.se). Skript och HTML-attribut tas bort.";

/// Typed Markdown as the page will show it (sanitised HTML). Staff only.
#[server(prefix = "/api", endpoint = "staff/markdown-preview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn preview(markdown: String) -> Result<String, AppError> {
    let user = crate::backend::server_fns::signed_in()?;
    if !user.role.is_staff() {
        return Err(crate::backend::server_fns::refuse(AppError::NotFound));
    }
    if markdown.len() > 400_000 {
        return Err(crate::backend::server_fns::refuse(AppError::Request(
            "Texten är för lång.".into(),
        )));
    }
    Ok(crate::backend::markdown::to_html(&markdown))
}

/// The preview of a form's text, shown above the form; it takes the focus, so keyboard
/// and screen-reader users land on it.
pub fn preview_section(html: String) -> impl IntoView {
    view! {
        <section class="preview" aria-labelledby="rubrik-forhandsgranskning" tabindex="-1" autofocus>
            <h2 id="rubrik-forhandsgranskning">"Förhandsgranskning"</h2>
            <p class="field__hint">"Så här visas texten när du sparar. Inget är sparat än."</p>
            // Sanitised by the server (backend::markdown).
            <div class="prose" inner_html=html></div>
        </section>
    }
}
