//! The frame of a content page: the document title and the page's one `<h1>`.
use leptos::prelude::*;
use leptos_meta::Title;

/// A content page. `title` names the page in the browser tab (the layout adds
/// "– Föreningsportalen"); `heading` is the `<h1>` when it says more than the title.
#[component]
pub fn Page(
    #[prop(into)] title: String,
    #[prop(optional, into)] heading: Option<String>,
    /// Tables of work (admin and officer pages) use the full width, not the reading column.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let heading = heading.unwrap_or_else(|| title.clone());
    // A page that comes back with errors says so first in its title, which is what a
    // screen reader announces on arrival (WCAG 3.3.1).
    let title = if crate::components::form::FormState::current().has_problems() {
        crate::i18n::Lang::current().format("title-error", &[("title", title.into())])
    } else {
        title
    };
    view! {
        <Title text=title />
        <div class="page" class:page--wide=wide>
            <h1>{heading}</h1>
            {children()}
        </div>
    }
}
