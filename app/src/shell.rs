//! The HTML document around every server-rendered page.
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::backend::security;
use crate::App;

/// The whole document: `<html lang>` of the visitor's language, the stylesheet, the islands' hydration
/// script (with this response's CSP nonce) and the application.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let policy = security::content_security_policy(nonce.as_deref());
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let css = format!("/{}/portal.css", options.site_pkg_dir);
    let lang = crate::i18n::Lang::current();

    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content=lang.text("site-description") />
                <link rel="stylesheet" href=css />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}
