//! The main menu: a `<details>` disclosure, so it opens and closes without JavaScript
//! and hydrating it changes nothing on screen (no layout shift). The island only adds
//! what a disclosure lacks: Escape closes the open menu and puts focus back on "Meny".
use leptos::prelude::*;

/// Wraps the navigation. Narrow screens show the "Meny" summary; wide screens show the
/// navigation itself (see `style/main.scss`).
#[island]
pub fn MenuToggle(
    /// "Meny" in the page's language.
    label: String,
    children: Children,
) -> impl IntoView {
    let details = NodeRef::<leptos::html::Details>::new();
    let summary = NodeRef::<leptos::html::Summary>::new();
    let close_on_escape = move |event: leptos::ev::KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        if let Some(details) = details.get() {
            if details.has_attribute("open") {
                let _ = details.remove_attribute("open");
                if let Some(summary) = summary.get() {
                    let _ = summary.focus();
                }
            }
        }
    };
    view! {
        <details class="menu" node_ref=details on:keydown=close_on_escape>
            <summary class="menu__toggle" node_ref=summary aria-controls="huvudmeny">
                <span class="menu__icon" aria-hidden="true"></span>
                {label}
            </summary>
            <div class="menu__panel">{children()}</div>
        </details>
    }
}
