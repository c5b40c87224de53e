//! `GET /foreningar/{id}/ansokningar`: the association's applications, and the
//! programmes it can apply for now (or why not, and when it can).
use leptos::prelude::*;

use super::path_id;
use crate::components::page::Page;
use crate::features::applications::{api::association_applications, Status};

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    if crate::auth::require_signed_in().is_none() {
        return ().into_any();
    }
    let id = path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => association_applications(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || {
                Suspend::new(async move {
                let Ok(data) = loaded.await else {
                    return view! { <crate::components::not_found::NotFound /> }.into_any();
                };
                let open: Vec<uuid::Uuid> = data.programmes.iter().filter(|p| p.open).map(|p| p.id).collect();
                let rows = data
                    .applications
                    .iter()
                    .map(|a| {
                        let status = a.status.label();
                        // A new application can start from an earlier one whose
                        // programme is open now.
                        let copy = open.contains(&a.programme_id).then(|| view! {
                            <form method="post" action=format!("/ansokningar/{}/kopiera", a.id)>
                                <input type="hidden" name="copy_key" value=data.copy_key.clone() />
                                <button class="button button--secondary" type="submit">
                                    "Kopiera"<span class="visually-hidden">{format!(" {}", a.activity)}</span>
                                </button>
                            </form>
                        });
                        let name = if a.activity.is_empty() { "Namnlös ansökan".to_owned() } else { a.activity.clone() };
                        view! {
                            <tr>
                                <td><a href=format!("/ansokningar/{}", a.id)>{name}</a></td>
                                <td>{a.dnr.clone().unwrap_or_else(|| "–".into())}</td>
                                <td>{a.programme.clone()}</td>
                                <td class="number">{a.requested.clone()}</td>
                                <td>{status}</td>
                                <td>{a.submitted.clone().unwrap_or_else(|| a.created.clone())}</td>
                                <td>{copy}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let empty = data.applications.is_empty();
                let drafts = data.applications.iter().filter(|a| a.status == Status::Draft).count();
                let action = format!("/foreningar/{}/ansokningar", data.association_id);
                let programmes = data
                    .programmes
                    .iter()
                    .map(|p| {
                        let start = if p.open {
                            view! {
                                <form method="post" action=action.clone()>
                                    <input type="hidden" name="programme" value=p.id.to_string() />
                                    <button class="button" type="submit">{format!("Starta en ansökan om {}", lower_first(&p.name))}</button>
                                </form>
                            }
                            .into_any()
                        } else {
                            view! { <p class="notice">{p.closed_because.clone()}</p> }.into_any()
                        };
                        view! {
                            <li class="card">
                                <h3>{p.name.clone()}</h3>
                                <p>{p.description.clone()}</p>
                                <p>{format!("Ansökan tas emot {}. Beslut brukar fattas inom {} veckor.", p.window, p.handling_weeks)}</p>
                                {p.late_until.clone().map(|text| view! { <p class="notice">{text}</p> })}
                                {start}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <Page title=format!("Ansökningar – {}", data.association) heading="Ansökningar">
                        <p class="lead">{format!("{}s ansökningar om bidrag.", data.association)}</p>
                        <crate::components::form::ErrorSummary />
                        {(!empty).then(|| view! { <p class="field__hint">"En kopia får samma svar och budget som ansökan den kopierar; bilagorna laddar du upp på nytt."</p> })}
                        {(drafts > 0).then(|| view! { <p>{format!("Ni har {drafts} utkast som inte är inskickade.")}</p> })}
                        {if empty {
                            view! { <p>"Föreningen har inga ansökningar än."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label="Ansökningar">
                                    <table class="table">
                                        <thead><tr>
                                            <th scope="col">"Verksamhet"</th><th scope="col">"Diarienummer"</th><th scope="col">"Bidragsform"</th>
                                            <th scope="col" class="number">"Sökt belopp"</th><th scope="col">"Status"</th><th scope="col">"Datum"</th>
                                            <th scope="col">"Ny ansökan som kopia"</th>
                                        </tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        <h2>"Sök bidrag"</h2>
                        <ul class="cards">{programmes}</ul>
                        <p><a href=format!("/foreningar/{}", data.association_id)>"Till föreningens sida"</a></p>
                    </Page>
                }
                .into_any()
            })}}
        </Suspense>
    }
    .into_any()
}

/// "Idéburet offentligt partnerskap (IOP)" → "idéburet offentligt partnerskap (IOP)":
/// only the first letter, so acronyms stay.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
