//! Membership's pages: the member list (on `/medlemskap`), an association's own page
//! (`/foreningar/:id/helsam`: apply, or see where the application stands) and the
//! staff's page (`/handlaggning/helsam`).
use leptos::prelude::*;

use crate::i18n::{t, Lang};
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::{
    api::{association_umbrella, umbrella_members, umbrella_staff},
    field, AssociationMembership, StaffView, UmbrellaStatus, FEE_KR,
};
use crate::components::form::{field_id, ErrorSummary, FormState, TextArea, TextField};
use crate::components::page::Page;

/// The public list of members, for the information page.
#[component]
pub fn MemberList() -> impl IntoView {
    let loaded = Resource::new(|| (), |_| umbrella_members());
    view! {
        <section aria-labelledby="rubrik-medlemmar">
            <h2 id="rubrik-medlemmar">{t("members-title")}</h2>
            <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(members) if members.is_empty() => view! { <p>{t("members-none")}</p> }.into_any(),
                        Ok(members) => {
                            let items = members
                                .into_iter()
                                .map(|m| view! { <li>{m.association}<span class="muted">{Lang::current().format("members-since", &[("since", m.since.into())])}</span></li> })
                                .collect_view();
                            view! { <ul>{items}</ul> }.into_any()
                        }
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>{t("members-apply")}</h2>
            <p>{t("members-apply-text")}</p>
            <p><a class="button" href="/mina-sidor">{t("members-to-my-pages")}</a></p>
        </section>
    }
}

fn association_id() -> Option<Uuid> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| Uuid::parse_str(&id).ok()))
}

/// `/foreningar/:id/helsam`: the association applies, or sees its application.
#[component]
pub fn AssociationUmbrellaPage() -> impl IntoView {
    if crate::auth::require_signed_in().is_none() {
        return ().into_any();
    }
    let id = association_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => association_umbrella(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar medlemskapet …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => own_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn own_page(view: AssociationMembership) -> AnyView {
    let sent = use_query_map().with_untracked(|q| q.get("skickad").is_some());
    let id = view.association_id;
    let status = view.latest.as_ref().map(|latest| {
        let decided = latest
            .decided_on
            .clone()
            .map(|d| format!(", beslut {d}"))
            .unwrap_or_default();
        view! {
            <dl class="facts">
                <dt>"Status"</dt><dd><strong>{latest.status.label()}</strong></dd>
                <dt>"Ansökan skickad"</dt><dd>{format!("{}{decided}", latest.applied_on)}</dd>
                <dt>"Styrelsebeslut"</dt><dd>{latest.board_decided_on.clone()}</dd>
                <dt>"Protokoll"</dt><dd><a href=format!("/dokument/{}", latest.minutes_id)>{latest.minutes_name.clone()}</a></dd>
            </dl>
            {(!latest.note.is_empty()).then(|| view! { <p>"Meddelande: "{latest.note.clone()}</p> })}
        }
    });
    let can_apply = view.may_apply
        && !view.latest.as_ref().is_some_and(|l| {
            matches!(l.status, UmbrellaStatus::Pending | UmbrellaStatus::Approved)
        });
    let state = FormState::current();
    let minutes_error = state.error(field::MINUTES);
    let minutes_id = field_id(field::MINUTES);
    let form = can_apply.then(|| view! {
        <h2>"Ansök om medlemskap"</h2>
        <p>{format!("Medlemsavgiften är {FEE_KR} kronor per år och förening. Styrelsen ska ha beslutat att föreningen ska gå med.")}</p>
        <form class="form" method="post" action=format!("/foreningar/{id}/helsam") enctype="multipart/form-data" novalidate>
            <TextField name=field::BOARD_DECIDED_ON label="Datum för styrelsens beslut" input_type="date" hint="ÅÅÅÅ-MM-DD. Högst två år gammalt." required=true />
            <div class="field" class:field--error=minutes_error.is_some()>
                <label for=minutes_id.clone()>"Protokollet med styrelsens beslut"</label>
                <p class="field__hint" id=format!("{minutes_id}-hint")>{format!("PDF, JPEG eller PNG, högst {} MB.", crate::site::SiteInfo::current().upload_max_mb())}</p>
                {minutes_error.clone().map(|message| view! {
                    <p class="field__error" id=format!("{minutes_id}-fel")><span class="visually-hidden">"Fel: "</span>{message}</p>
                })}
                <input type="file" id=minutes_id.clone() name=field::MINUTES accept="application/pdf,image/jpeg,image/png"
                    aria-invalid=minutes_error.is_some().then_some("true")
                    aria-describedby=if minutes_error.is_some() { format!("{minutes_id}-hint {minutes_id}-fel") } else { format!("{minutes_id}-hint") } />
            </div>
            <button class="button" type="submit">"Skicka ansökan"</button>
        </form>
    });
    let not_representative = (!view.may_apply && view.latest.is_none()).then(|| view! {
        <p class="notice">"Ansökan görs av en verifierad företrädare för föreningen. Skicka in ett dokument som visar vem som företräder föreningen på "<a href=format!("/foreningar/{id}")>"föreningens sida"</a>"."</p>
    });
    view! {
        <Page title=format!("Medlemskap i Helsam – {}", view.association)>
            {sent.then(|| view! { <p class="notice" role="status">"Ansökan är skickad. Ni får e-post när den är avgjord."</p> })}
            <ErrorSummary />
            <p><a href="/medlemskap">"Om Helsam och medlemskapet"</a></p>
            {status}
            {not_representative}
            {form}
            <p><a href=format!("/foreningar/{id}")>"Till föreningens sida"</a></p>
        </Page>
    }
    .into_any()
}

/// `/handlaggning/helsam`: applications to decide, members and their fees.
#[component]
pub fn UmbrellaStaffPage() -> impl IntoView {
    let Some(user) = crate::auth::require_signed_in() else {
        return ().into_any();
    };
    if !user.role.handles_cases() {
        return view! { <crate::components::not_found::NotFound /> }.into_any();
    }
    let loaded = Resource::new(|| (), |_| umbrella_staff());
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar ansökningarna …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => staff_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn staff_page(view: StaffView) -> AnyView {
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    let pending = if view.pending.is_empty() {
        view! { <p>"Inga ansökningar väntar."</p> }.into_any()
    } else {
        view.pending
            .iter()
            .map(|row| {
                let heading = format!("ansokan-{}", row.id);
                let labelled_by = heading.clone();
                view! {
                    <section class="card" aria-labelledby=labelled_by>
                        <h3 id=heading>{row.association.clone()}</h3>
                        <dl class="facts">
                            <dt>"Organisationsnummer"</dt><dd>{row.org_number.clone()}</dd>
                            <dt>"Styrelsebeslut"</dt><dd>{row.board_decided_on.clone()}</dd>
                            <dt>"Skickad"</dt><dd>{format!("{} av {}", row.applied_on, row.applied_by)}</dd>
                            <dt>"Protokoll"</dt><dd><a href=format!("/dokument/{}", row.minutes_id)>{row.minutes_name.clone()}</a></dd>
                        </dl>
                        <form method="post" action=format!("/handlaggning/helsam/{}", row.id) novalidate>
                            <fieldset>
                                <legend>"Beslut"</legend>
                                <div class="choice"><input type="radio" id=format!("godkann-{}", row.id) name=field::DECISION value="godkann" /><label for=format!("godkann-{}", row.id)>"Godkänn"</label></div>
                                <div class="choice"><input type="radio" id=format!("avsla-{}", row.id) name=field::DECISION value="avsla" /><label for=format!("avsla-{}", row.id)>"Avslå"</label></div>
                            </fieldset>
                            <TextArea name=field::NOTE label="Meddelande till föreningen" hint="Krävs vid avslag." />
                            <button type="submit" class="button">"Spara beslutet"</button>
                        </form>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    let year_heads = view
        .years
        .iter()
        .map(|y| view! { <th scope="col">{format!("Avgift {y}")}</th> })
        .collect_view();
    let members = view
        .members
        .iter()
        .map(|m| {
            let fees = m
                .fees
                .iter()
                .map(|(year, paid)| {
                    let action = format!("/handlaggning/helsam/avgift/{}", m.association_id);
                    let (text, button, value) = match paid {
                        Some(day) => (format!("Betald {day}"), "Ångra", "0"),
                        None => ("Inte betald".to_owned(), "Markera som betald", "1"),
                    };
                    let label = format!("{button} {year} för {}", m.association);
                    view! {
                        <td>
                            {text}
                            <form method="post" action=action class="inline">
                                <input type="hidden" name=field::YEAR value=year.to_string() />
                                <input type="hidden" name=field::PAID value=value />
                                <button type="submit" class="button button--small button--secondary" aria-label=label>{button}</button>
                            </form>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{m.association.clone()}</th><td>{m.since.clone()}</td>{fees}</tr> }
        })
        .collect_view();
    view! {
        <Page title="Medlemskap i Helsam" wide=true>
            {saved.map(|_| view! { <p class="notice" role="status">"Sparat."</p> })}
            <ErrorSummary />
            <section aria-labelledby="rubrik-vantar">
                <h2 id="rubrik-vantar">{format!("Ansökningar som väntar ({})", view.pending.len())}</h2>
                {pending}
            </section>
            <section aria-labelledby="rubrik-medlemsavgifter">
                <h2 id="rubrik-medlemsavgifter">"Medlemmar och avgifter"</h2>
                <p>{format!("Avgiften är {FEE_KR} kronor per år och förening. Bara personal ser om den är betald.")}</p>
                <table>
                    <caption class="visually-hidden">"Medlemmar och betalda avgifter per år"</caption>
                    <thead><tr><th scope="col">"Förening"</th><th scope="col">"Medlem sedan"</th>{year_heads}</tr></thead>
                    <tbody>{members}</tbody>
                </table>
            </section>
        </Page>
    }
    .into_any()
}
