//! "Are you sure?" for actions that cannot be undone with a click: a page of its own, so
//! it works without JavaScript, with the consequence spelled out, the action as a POST
//! form and a way back that changes nothing.
use leptos::prelude::*;

use crate::components::page::Page;

/// The confirmation page: `question` as the heading, `consequence` below it, a danger
/// button that posts to `action`, and "Avbryt" back to `back`.
#[component]
pub fn ConfirmPage(
    #[prop(into)] title: String,
    #[prop(into)] question: String,
    #[prop(into)] consequence: String,
    #[prop(into)] action: String,
    #[prop(into)] confirm_label: String,
    #[prop(into)] back: String,
) -> impl IntoView {
    view! {
        <Page title heading=question>
            <p class="lead">{consequence}</p>
            <form method="post" action=action class="button-row">
                <button class="button button--danger" type="submit">{confirm_label}</button>
                <a class="button button--secondary" href=back>"Avbryt"</a>
            </form>
        </Page>
    }
}
