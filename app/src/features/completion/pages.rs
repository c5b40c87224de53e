//! The completion on the officers' case page (the requests, the versions and the form
//! to ask for more) and `/handlaggning/arenden/:id/versioner`: what changed between two
//! submitted versions.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{api::versions, field, Change, CompletionWork, Piece, RequestRow, VersionDiff};
use crate::components::form::{field_id, CheckboxGroup, FormState, TextArea, TextField};
use crate::components::page::Page;

/// A request as a block: when, by whom, what, by when, the documents.
pub fn request_block(request: &RequestRow) -> impl IntoView {
    let documents = (!request.documents.is_empty()).then(|| {
        let items = request
            .documents
            .iter()
            .map(|d| view! { <li>{d.clone()}</li> })
            .collect_view();
        view! { <p>"Bilagor som behövs:"</p><ul>{items}</ul> }
    });
    let answer = match (&request.answered, request.answered_version) {
        (Some(day), Some(version)) => format!("Besvarad {day} med version {version}."),
        (Some(day), None) => format!("Besvarad {day}."),
        _ if request.overdue => format!(
            "Inte besvarad. Svaret skulle ha kommit senast {}.",
            request.reply_by
        ),
        _ => format!("Väntar på svar senast {}.", request.reply_by),
    };
    view! {
        <div class="panel" class:panel--warning=request.overdue>
            <p class="muted">{format!("Begärd {} av {}", request.requested, request.by)}</p>
            <p class="note__body">{request.message.clone()}</p>
            {documents}
            <p><strong>{answer}</strong></p>
        </div>
    }
}

/// The completion section of the officers' case page.
#[component]
pub fn CompletionSection(id: uuid::Uuid, work: CompletionWork, handles: bool) -> impl IntoView {
    let requests = work
        .requests
        .iter()
        .rev()
        .map(|r| view! { <li>{request_block(r)}</li> })
        .collect_view();
    let versions = work
        .versions
        .iter()
        .map(|v| {
            let link = (v.number > 1).then(|| {
                view! {
                    " – "
                    <a href=format!("/handlaggning/arenden/{id}/versioner?fran={}&till={}", v.number - 1, v.number)>
                        {format!("vad ändrades från version {}", v.number - 1)}
                    </a>
                }
            });
            view! { <li>{format!("Version {}: inskickad {} av {}", v.number, v.submitted, v.by)}{link}</li> }
        })
        .collect_view();
    let posted = FormState::current();
    let checked: Vec<String> = posted
        .value(field::DOCUMENTS)
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let form = (handles && work.may_request).then(|| {
        view! {
            <form method="post" action=format!("/handlaggning/arenden/{id}/komplettering") novalidate>
                <h3>"Begär komplettering"</h3>
                <p>"Föreningens medlemmar får begäran med e-post. Ärendet väntar tills en företrädare har skickat in ansökan igen; den nya versionen sparas bredvid den gamla."</p>
                <TextArea name=field::MESSAGE label="Vad ska föreningen komplettera?" required=true />
                <TextField name=field::REPLY_BY label="Svara senast" input_type="date" required=true hint="Högst 90 dagar från i dag." />
                <CheckboxGroup name=field::DOCUMENTS legend="Bilagor som saknas (frivilligt)" options=work.documents.clone() checked=checked />
                <button type="submit" class="button">"Skicka begäran om komplettering"</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="rubrik-komplettering">
            <h2 id="rubrik-komplettering">"Komplettering och versioner"</h2>
            {if work.requests.is_empty() {
                view! { <p>"Ingen komplettering har begärts."</p> }.into_any()
            } else {
                view! { <ol class="plain-list">{requests}</ol> }.into_any()
            }}
            <h3>"Inskickade versioner"</h3>
            <ol class="plain-list">{versions}</ol>
            {form}
        </section>
    }
}

/// `/handlaggning/arenden/:id/versioner?fran=1&till=2`.
#[component]
pub fn VersionsPage() -> impl IntoView {
    if crate::features::queue::pages::require_case_reader().is_none() {
        return crate::auth::denied();
    }
    let id = crate::features::applications::pages::path_id();
    let query = use_query_map();
    let number = move |name: &str| {
        query.with_untracked(|q| q.get(name).and_then(|v| v.trim().parse::<i32>().ok()))
    };
    let (from, to) = (number("fran"), number("till"));
    let loaded = Resource::new(
        move || (id, from, to),
        |(id, from, to)| async move {
            match id {
                Some(id) => versions(id, from, to).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar versionerna …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(diff) => diff_page(diff),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn choice(
    name: &'static str,
    label: &'static str,
    diff: &VersionDiff,
    chosen: i32,
) -> impl IntoView {
    let options = diff
        .versions
        .iter()
        .map(|v| {
            view! { <option value=v.number.to_string() selected=v.number == chosen>{format!("Version {} ({})", v.number, v.submitted)}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=field_id(name)>{label}</label>
            <select id=field_id(name) name=name>{options}</select>
        </div>
    }
}

fn change_view(change: &Change) -> impl IntoView {
    let body = if change.lines {
        let lines = change
            .pieces
            .iter()
            .map(|(piece, text)| match piece {
                Piece::Added => view! { <li class="diff__added"><span aria-hidden="true">"+ "</span><ins><span class="visually-hidden">"Tillagt: "</span>{text.clone()}</ins></li> }.into_any(),
                Piece::Removed => view! { <li class="diff__removed"><span aria-hidden="true">"− "</span><del><span class="visually-hidden">"Borttaget: "</span>{text.clone()}</del></li> }.into_any(),
                Piece::Same => view! { <li class="diff__same"><span aria-hidden="true">"  "</span>{text.clone()}</li> }.into_any(),
            })
            .collect_view();
        view! { <ul class="diff diff--lines">{lines}</ul> }.into_any()
    } else {
        let words = change
            .pieces
            .iter()
            .map(|(piece, text)| match piece {
                Piece::Added => view! { <ins><span class="visually-hidden">" [tillagt: "</span>{text.clone()}<span class="visually-hidden">"] "</span></ins> }.into_any(),
                Piece::Removed => view! { <del><span class="visually-hidden">" [borttaget: "</span>{text.clone()}<span class="visually-hidden">"] "</span></del> }.into_any(),
                Piece::Same => text.clone().into_any(),
            })
            .collect_view();
        view! { <p class="diff diff--text">{words}</p> }.into_any()
    };
    view! {
        <section class="diff__change">
            <h3>{change.label.clone()}</h3>
            {body}
        </section>
    }
}

fn diff_page(diff: VersionDiff) -> AnyView {
    let title = format!("Versioner av {}", diff.dnr);
    let id = diff.id;
    let summary = if diff.from == diff.to {
        "Välj två olika versioner att jämföra.".to_owned()
    } else if diff.changes.is_empty() {
        format!(
            "Inga svar ändrades från version {} till version {}.",
            diff.from, diff.to
        )
    } else {
        format!(
            "{} svar ändrades från version {} till version {}. Borttaget är överstruket, tillagt är understruket.",
            diff.changes.len(),
            diff.from,
            diff.to
        )
    };
    let changes = diff.changes.iter().map(change_view).collect_view();
    view! {
        <Page title=title.clone() heading=title wide=true>
            <p class="lead">{diff.association.clone()}</p>
            <form method="get" action=format!("/handlaggning/arenden/{id}/versioner") class="filters">
                {choice("fran", "Jämför version", &diff, diff.from)}
                {choice("till", "med version", &diff, diff.to)}
                <button type="submit" class="button button--secondary">"Jämför"</button>
            </form>
            <p role="status">{summary}</p>
            {changes}
            <p><a href=format!("/handlaggning/arenden/{id}")>"Till ärendet"</a></p>
        </Page>
    }
    .into_any()
}
