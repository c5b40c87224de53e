//! `GET /ansokningar/{id}`: a draft's task list, or the case as the applicant follows
//! it (where it stands, when to expect a decision, what was sent, what happened);
//! `/kvitto` after submit; `/aterkalla` asks before the case is withdrawn.
use leptos::prelude::*;

use super::{with_application, Answers};
use crate::components::{confirm::ConfirmPage, page::Page};
use crate::features::applications::{
    api::ApplicationView, step_href, step_title, Status, ATTACHMENTS, STEPS,
};

#[component]
pub fn ApplicationPage() -> impl IntoView {
    with_application(render)
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    with_application(receipt)
}

#[component]
pub fn WithdrawPage() -> impl IntoView {
    with_application(|view| {
        if view.status == Status::Withdrawn {
            return view! { <crate::components::not_found::NotFound /> }.into_any();
        }
        let name = view.dnr.clone().unwrap_or_else(|| "utkastet".into());
        let (title, question, consequence, confirm_label) = match view.status {
            Status::Draft => (
                "Ta bort utkastet",
                "Vill du ta bort utkastet?".to_owned(),
                "Utkastet kan inte längre fyllas i eller skickas in. Det finns kvar i föreningens lista som återkallat. En ny ansökan kan börja som en kopia av det.",
                "Ja, ta bort utkastet",
            ),
            _ => (
                "Återkalla ansökan",
                format!("Vill du återkalla ansökan {name}?"),
                "Ansökan handläggs inte vidare och kan inte skickas in igen. Den finns kvar i föreningens lista som återkallad. Vill ni söka igen gör ni en ny ansökan.",
                "Ja, återkalla ansökan",
            ),
        };
        view! {
            <ConfirmPage
                title=title
                question=question
                consequence=consequence
                action=format!("/ansokningar/{}/aterkalla", view.id)
                confirm_label=confirm_label
                back=format!("/ansokningar/{}", view.id)
            />
        }
        .into_any()
    })
}

fn timeline(view: &ApplicationView) -> impl IntoView {
    let rows = view
        .timeline
        .iter()
        .map(|t| view! { <li><time>{t.date.clone()}</time>" – "{t.what.clone()}" ("{t.by.clone()}")"</li> })
        .collect_view();
    view! {
        <section aria-labelledby="rubrik-handelser">
            <h2 id="rubrik-handelser">"Händelser"</h2>
            <ol class="timeline">{rows}</ol>
        </section>
    }
}

fn render(view: ApplicationView) -> AnyView {
    if view.status.editable() {
        return task_list(view);
    }
    let title = view
        .dnr
        .clone()
        .map(|d| format!("Ansökan {d}"))
        .unwrap_or_else(|| "Ansökan".into());
    let standing = match view.status {
        Status::Submitted | Status::Assessed | Status::Attested | Status::OnAgenda => format!(
            "Ansökan har kommit in och handläggs. Beslut väntas {}.",
            view.expected_decision.clone().unwrap_or_default()
        ),
        Status::Granted | Status::PartlyGranted | Status::Rejected => {
            "Nämnden har beslutat om ansökan.".to_owned()
        }
        _ => "Ansökan är återkallad och handläggs inte vidare.".to_owned(),
    };
    let decision = view.decision.clone().map(|d| {
        let outcome = match (&d.outcome, &d.amount) {
            (Some(outcome), Some(amount)) => format!("{outcome}, {amount}"),
            (Some(outcome), None) => outcome.clone(),
            (None, _) => "Inte beslutat än".to_owned(),
        };
        let clock = match (&d.justered, &d.appeal_until, &d.legal_force) {
            (Some(justered), Some(until), Some(force)) => format!(
                "Protokollet justerades {justered}. Den som är medlem i kommunen kan begära laglighetsprövning hos förvaltningsrätten till och med {until}. Om ingen överklagar vinner beslutet laga kraft {force}."
            ),
            _ => "Beslutet gäller när protokollet är justerat.".to_owned(),
        };
        view! {
            <section aria-labelledby="rubrik-beslut">
                <h2 id="rubrik-beslut">"Beslut"</h2>
                <dl class="facts">
                    <dt>"Sammanträde"</dt><dd>{format!("{}, {}, § {}", d.body, d.meeting, d.paragraph)}</dd>
                    <dt>"Beslut"</dt><dd><strong>{outcome}</strong></dd>
                </dl>
                <p>{clock}</p>
                <p>{crate::features::committee::MINUTES_KEPT}</p>
            </section>
        }
    });
    let id = view.id;
    let withdrawable = matches!(
        view.status,
        Status::Submitted | Status::Assessed | Status::Attested | Status::OnAgenda
    );
    let events = timeline(&view);
    view! {
        <Page title=title.clone() heading=title>
            <dl class="facts">
                <dt>"Förening"</dt><dd>{view.association.clone()}</dd>
                <dt>"Status"</dt><dd><strong>{view.status.label()}</strong></dd>
                <dt>"Inskickad"</dt><dd>{view.submitted.clone().unwrap_or_else(|| "–".into())}</dd>
                <dt>"Handläggare"</dt>
                <dd>{match view.handler.clone() {
                    Some((name, phone)) if !phone.is_empty() => format!("{name}, telefon {phone}"),
                    Some((name, _)) => name,
                    None => "Ingen handläggare är utsedd ännu.".to_owned(),
                }}</dd>
            </dl>
            <p class="lead">{standing}</p>
            {decision}
            <crate::features::follow_up::pages::CaseReports case=id />
            {events}
            <Answers view=view.clone() />
            {withdrawable.then(|| view! { <p><a class="button button--secondary" href=format!("/ansokningar/{id}/aterkalla")>"Återkalla ansökan"</a></p> })}
            <p><a href=format!("/foreningar/{}/ansokningar", view.association_id)>"Till föreningens ansökningar"</a></p>
        </Page>
    }
    .into_any()
}

fn task_list(view: ApplicationView) -> AnyView {
    let tasks: Vec<(&str, &str)> = STEPS
        .iter()
        .map(|s| (s.slug, s.title))
        .chain(std::iter::once((ATTACHMENTS, step_title(ATTACHMENTS))))
        .collect();
    let complete = |slug: &str| !view.problems.iter().any(|(step, _, _)| step == slug);
    let done = tasks.iter().filter(|(slug, _)| complete(slug)).count();
    let total = tasks.len();
    let tasks = tasks
        .into_iter()
        .map(|(slug, title)| {
            let complete = complete(slug);
            let (label, class) = if complete {
                ("Klar", "tag tag--done")
            } else {
                ("Inte klar", "tag")
            };
            view! {
                <li class="task-list__item">
                    <a href=step_href(view.id, slug)>{title}</a>
                    <strong class=class>{label}</strong>
                </li>
            }
        })
        .collect_view();
    let name = if view.content.activity_name.is_empty() {
        "Ny ansökan".to_owned()
    } else {
        view.content.activity_name.clone()
    };
    let completion = view.completion.clone();
    let completing = completion.is_some() || view.status == Status::Completion;
    let (title, lead) = if completing {
        (
            format!("{name} ({}, komplettering)", view.dnr.clone().unwrap_or_default()),
            "Handläggaren har bett er komplettera ansökan. Ändra det som behövs; varje del sparas när du går vidare. Skicka sedan in ansökan igen – den får samma diarienummer och den tidigare versionen finns kvar i ärendet.".to_owned(),
        )
    } else {
        (
            format!("{name} (utkast)"),
            format!("Ansökan om {} för {}. Utkastet sparas vid varje steg; alla i föreningen kan fortsätta på det.", view.programme.to_lowercase(), view.association),
        )
    };
    let request = completion.map(|r| {
        view! {
            <section aria-labelledby="rubrik-begaran">
                <h2 id="rubrik-begaran">"Det här behöver ni komplettera"</h2>
                {crate::features::completion::pages::request_block(&r)}
            </section>
        }
    });
    let events = timeline(&view);
    let withdraw_label = if completing {
        "Återkalla ansökan"
    } else {
        "Ta bort utkastet"
    };
    view! {
        <Page title=title heading=name>
            <p class="lead">{lead}</p>
            {request}
            {view.deadline.clone().map(|text| view! { <p class="notice">{text}</p> })}
            <p class="step-progress">{format!("Du har fyllt i {done} av {total} delar.")}</p>
            <ol class="task-list">{tasks}</ol>
            <p><a class="button" href=format!("/ansokningar/{}/skicka-in", view.id)>"Granska och skicka in"</a></p>
            <p><a href=format!("/ansokningar/{}/aterkalla", view.id)>{withdraw_label}</a>" · "<a href=format!("/foreningar/{}/ansokningar", view.association_id)>"Till föreningens ansökningar"</a></p>
            {completing.then_some(events)}
        </Page>
    }
    .into_any()
}

fn receipt(view: ApplicationView) -> AnyView {
    let Some(dnr) = view.dnr.clone() else {
        return view! { <crate::components::not_found::NotFound /> }.into_any();
    };
    view! {
        <Page title=format!("Ansökan har kommit in – {dnr}") heading="Ansökan har kommit in">
            <div class="panel panel--success">
                <p>"Diarienummer"</p>
                <p class="panel__big"><strong>{dnr.clone()}</strong></p>
            </div>
            <p class="lead">{format!("Tack! {}s ansökan om {} har kommit in. Alla i föreningen får ett kvitto med e-post.", view.association, view.programme.to_lowercase())}</p>
            <h2>"Vad händer nu?"</h2>
            <ol>
                <li>"En handläggare går igenom ansökan och hör av sig om något behöver kompletteras."</li>
                <li>{format!("Beslut brukar fattas inom {} veckor. Beslut väntas {}.", view.handling_weeks, view.expected_decision.clone().unwrap_or_default())}</li>
                <li>"Beslutet skickas till föreningen och syns här under ansökan."</li>
            </ol>
            <p>"Ange diarienumret när du kontaktar oss om ansökan."</p>
            <p><a href=format!("/ansokningar/{}", view.id)>"Följ ärendet"</a></p>
            <h2>"Det här skickade ni"</h2>
            <Answers view=view.clone() />
        </Page>
    }
    .into_any()
}
