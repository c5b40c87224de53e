//! "Gemensam utvecklingsgrupp": the user-involvement forum, the admins' text
//! `gemensam-utvecklingsgrupp`, and the way to its minutes.
use leptos::prelude::*;

use super::text::GuidanceText;
use crate::components::page::Page;

#[component]
pub fn ForumPage() -> impl IntoView {
    view! {
        <Page title="Gemensam utvecklingsgrupp">
            <GuidanceText slug="gemensam-utvecklingsgrupp" lead=true />
            <h2>"Minnesanteckningar"</h2>
            <p>"Efter varje möte publiceras minnesanteckningar med närvarande, teman och länkar."</p>
            <p><a href=crate::features::minutes::LIST>"Läs och sök i minnesanteckningarna"</a></p>
        </Page>
    }
}
