//! `GET /ansokningar/{id}/bilagor`: the documents the programme asks for, what is
//! attached (each downloadable, removable and replaceable while the application is a
//! draft), and the upload form: a plain file input that takes several files, posted as
//! `multipart/form-data`; once hydrated, the upload shows a progress bar per file.
use leptos::prelude::*;

use super::with_application;
use crate::components::{
    form::{field_id, ErrorSummary, FormState},
    page::Page,
};
use crate::features::applications::{
    api::ApplicationView, document_field, document_label, OTHER_DOCUMENT, STEPS,
};
use crate::islands::upload_progress::UploadProgress;

/// What the file inputs accept (the server decides by content all the same).
const ACCEPT: &str =
    ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,application/pdf,image/png,image/jpeg";

#[component]
pub fn AttachmentsPage() -> impl IntoView {
    with_application(render)
}

fn render(view: ApplicationView) -> AnyView {
    if !view.status.editable() {
        return view! { <crate::components::not_found::NotFound /> }.into_any();
    }
    let posted = FormState::current();
    let duplicate = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("dubblett").is_some())
        .then(|| view! { <p class="notice" role="status">"En av filerna fanns redan bland bilagorna och sparades bara en gång."</p> });
    let max_mb = crate::site::SiteInfo::current().upload_max_mb();
    let id = view.id;
    let required = view
        .required_documents
        .iter()
        .map(|(slug, label, attached)| {
            let (tag, class) = if *attached {
                ("Bifogad", "tag tag--done")
            } else {
                ("Saknas", "tag")
            };
            view! {
                <li class="task-list__item" id=field_id(&document_field(slug))>
                    <span>{label.clone()}</span>
                    <strong class=class>{tag}</strong>
                </li>
            }
        })
        .collect_view();
    let rows = view
        .attachments
        .iter()
        .map(|file| {
            let replace_id = format!("byt-{}", file.id);
            let file_input = format!("{replace_id}-fil");
            let form_id = replace_id.clone();
            view! {
                <tr>
                    <td>{file.type_label.clone()}</td>
                    <td><a href=format!("/dokument/{}", file.id) download>{file.name.clone()}</a></td>
                    <td>{format!("{}, {}", file.kind, file.size)}</td>
                    <td>
                        <form method="post" action=format!("/ansokningar/{id}/bilagor/{}/ta-bort", file.id) class="inline-form">
                            <button class="button button--secondary button--small" type="submit">
                                "Ta bort"<span class="visually-hidden">{format!(" {}", file.name)}</span>
                            </button>
                        </form>
                        <details class="replace">
                            <summary>"Byt ut"<span class="visually-hidden">{format!(" {}", file.name)}</span></summary>
                            <form method="post" enctype="multipart/form-data" action=format!("/ansokningar/{id}/bilagor") id=form_id>
                                <input type="hidden" name="replaces" value=file.id.to_string() />
                                <input type="hidden" name="document_type" value=file.document_type.clone() />
                                <label class="label" for=file_input.clone()>"Ny fil"</label>
                                <input class="file" type="file" id=file_input name="document" accept=ACCEPT />
                                <button class="button button--small" type="submit">"Byt ut filen"</button>
                                <UploadProgress form=replace_id />
                            </form>
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let has_files = !view.attachments.is_empty();
    let chosen = posted.value("document_type");
    let options = view
        .required_documents
        .iter()
        .map(|(slug, label, _)| (slug.clone(), label.clone()))
        .chain(std::iter::once((
            OTHER_DOCUMENT.to_owned(),
            document_label(OTHER_DOCUMENT).to_owned(),
        )))
        .map(|(slug, label)| {
            let selected = chosen == slug;
            view! { <option value=slug selected=selected>{label}</option> }
        })
        .collect_view();
    let type_error = posted.error("document_type");
    let type_class = if type_error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    let file_error = posted.error("document");
    let file_class = if file_error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    let number = STEPS.len() + 1;
    view! {
        <Page title=format!("Bilagor – steg {number} av {number}") heading="Bilagor">
            <p class="step-progress">{format!("Steg {number} av {number} · {}", view.programme)}</p>
            <p class="lead">"Bifoga de handlingar som bidragsformen kräver. Ni kan bifoga flera filer åt gången och byta ut eller ta bort dem så länge ansökan är ett utkast."</p>
            <ErrorSummary />
            {duplicate}
            <h2>"Handlingar som krävs"</h2>
            <ul class="task-list">{required}</ul>
            <h2>"Bifogade filer"</h2>
            {if has_files {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Bifogade filer">
                        <table>
                            <thead><tr><th scope="col">"Handling"</th><th scope="col">"Fil"</th><th scope="col">"Typ och storlek"</th><th scope="col">"Ändra"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            } else {
                view! { <p>"Inga filer är bifogade ännu."</p> }.into_any()
            }}
            <h2>"Ladda upp"</h2>
            <form class="form" id="ladda-upp" method="post" enctype="multipart/form-data" action=format!("/ansokningar/{id}/bilagor") novalidate>
                <div class=type_class>
                    <label class="label" for="document_type">"Vilken handling är det?"</label>
                    {type_error.map(|m| view! { <p class="field__error" id="document_type-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                    <select id="document_type" name="document_type">{options}</select>
                </div>
                <div class=file_class>
                    <label class="label" for="document">"Filer"</label>
                    <p class="field__hint" id="document-hint">{format!("PDF, JPEG, PNG eller ett dokument från Word, Excel eller LibreOffice. Högst {max_mb} MB per fil och fem filer åt gången.")}</p>
                    {file_error.map(|m| view! { <p class="field__error" id="document-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                    <input class="file" type="file" id="document" name="document" multiple accept=ACCEPT aria-describedby="document-hint" />
                </div>
                <UploadProgress form="ladda-upp".to_owned() />
                <div class="button-row">
                    <button class="button button--secondary" type="submit">"Ladda upp"</button>
                </div>
            </form>
            <p><a class="button" href=format!("/ansokningar/{id}/skicka-in")>"Fortsätt till granska och skicka in"</a></p>
            <p><a href=format!("/ansokningar/{id}")>"Till översikten"</a></p>
        </Page>
    }
    .into_any()
}
