//! `GET /ansokningar/{id}/skicka-in`: everything the draft says, every problem that
//! stops it (each linking to its step and field), and the submit button for a
//! verified representative. The form carries an idempotency key: a double click
//! submits once.
use leptos::prelude::*;

use super::{with_application, Answers};
use crate::components::{
    form::{field_id, FormState},
    page::Page,
};
use crate::features::applications::{api::ApplicationView, step_href, step_title, Status};

#[component]
pub fn SubmitPage() -> impl IntoView {
    with_application(render)
}

fn render(view: ApplicationView) -> AnyView {
    if !view.status.editable() {
        return view! { <crate::components::not_found::NotFound /> }.into_any();
    }
    let completing = view.status == Status::Completion;
    let posted = FormState::current();
    let problems = view
        .problems
        .iter()
        .map(|(slug, field, message)| {
            let title = step_title(slug);
            view! {
                <li><a href=format!("{}#{}", step_href(view.id, slug), field_id(field))>{format!("{title}: {message}")}</a></li>
            }
        })
        .collect_view();
    let has_problems = !view.problems.is_empty();
    let summary = (has_problems || posted.message.is_some()).then(|| view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus>
            <h2>{if has_problems { "Det här behöver rättas innan ansökan kan skickas in" } else { "Ansökan kunde inte skickas in" }}</h2>
            {posted.message.clone().map(|m| view! { <p>{m}</p> })}
            <ul>{problems}</ul>
        </div>
    });
    let button = if !view.may_submit {
        view! { <p class="notice">"Bara föreningens verifierade företrädare kan skicka in en ansökan. Be en företrädare logga in och skicka in utkastet."</p> }.into_any()
    } else if has_problems {
        ().into_any()
    } else {
        view! {
            <form method="post" action=format!("/ansokningar/{}/skicka-in", view.id)>
                <input type="hidden" name="submit_key" value=view.submit_key.clone() />
                {if completing {
                    view! { <p>"När du skickar in kompletteringen sparas den som en ny version av ansökan, med samma diarienummer. Den tidigare versionen finns kvar i ärendet."</p> }.into_any()
                } else {
                    view! { <p>"När du skickar in ansökan får den ett diarienummer och blir en allmän handling. Den kan inte ändras efteråt, men ni kan återkalla den."</p> }.into_any()
                }}
                <button class="button" type="submit">{if completing { "Skicka in kompletteringen" } else { "Skicka in ansökan" }}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Page title="Granska och skicka in" heading="Granska och skicka in">
            {summary}
            <p class="lead">{format!("Läs igenom ansökan från {} innan den skickas in.", view.association)}</p>
            {view.deadline.clone().map(|text| view! { <p class="notice">{text}</p> })}
            <Answers view=view.clone() />
            {button}
            <p><a href=format!("/ansokningar/{}", view.id)>"Tillbaka till översikten"</a></p>
        </Page>
    }
    .into_any()
}
