//! The collapsible main menu on narrow screens.
use leptos::prelude::*;

/// Wraps the navigation. Without JavaScript the menu is always open (the button is
/// hidden); once hydrated, narrow screens show a "Meny" button that opens and closes it.
#[island]
pub fn MenuToggle(children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let (open, set_open) = signal(false);
    // Effects run only in the browser, so the server renders the no-JavaScript state.
    Effect::new(move |_| set_hydrated.set(true));

    view! {
        <div
            class="menu"
            class:menu--collapsible=move || hydrated.get()
            class:menu--open=move || open.get()
        >
            <button
                type="button"
                class="menu__toggle"
                aria-controls="huvudmeny"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                hidden=move || !hydrated.get()
                on:click=move |_| set_open.update(|open| *open = !*open)
            >
                <span class="menu__icon" aria-hidden="true"></span>
                "Meny"
            </button>
            <div class="menu__panel">{children()}</div>
        </div>
    }
}
