//! `/handlaggning/partnerskap`: every partnership with its current end, next notice
//! deadline and reports; `/handlaggning/partnerskap/nytt`: a new one;
//! `/handlaggning/partnerskap/:id`: the officer's page (notice, groups, meeting notes,
//! reports); `…/rapport/:nr`: the review and the tjänsteutlåtande's text;
//! `…/tjansteutlatande`: the print page (and `.pdf`). The partner's side:
//! `/partnerskap/:id` and `/partnerskap/:id/rapport/:nr`.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::{
    api::{
        load_new_form, load_of_association, load_overview, load_partner, load_report, load_review,
        load_staff, load_statement, NewForm,
    },
    field, report_href, review_href, staff_href, statement_href, GroupView, OverviewRow,
    PartnershipView, ReportStatus, ReportView, StatementDocument, MAX_ROWS, NEW, OVERVIEW,
    SPARE_ROWS,
};
use crate::auth::denied;
use crate::components::{
    form::{field_id, ErrorSummary, FormState, Select, TextArea, TextField},
    page::Page,
};
use crate::features::follow_up::pages::{input, text_area};
use crate::features::representatives::pages::require_verifier;

fn saved_message(what: &str) -> Option<&'static str> {
    match what {
        "skapat" => Some("Partnerskapet är skapat. Rapportperioderna hittills är inlagda."),
        "uppsagt" => Some("Uppsägningen är registrerad."),
        "ledamot" => Some("Personen är tillagd i gruppen."),
        "ledamot-borttagen" => Some("Personen är borttagen ur gruppen."),
        "mote" => Some("Mötesanteckningarna är sparade."),
        "utkast" => Some("Utkastet är sparat."),
        "skickad" => Some("Rapporten är inskickad. Handläggaren granskar den och hör av sig."),
        "godkand" => Some("Rapporten är godkänd. Föreningen har fått besked."),
        "andringar" => Some("Föreningen har fått besked om vad som behöver ändras."),
        "utlatande" => Some("Tjänsteutlåtandet är sparat."),
        "aterkallad" => {
            Some("Uppsägningen är återkallad. Avtalet löper vidare enligt förlängningsregeln.")
        }
        "papper" => Some("Rapporten är markerad som lämnad på papper."),
        _ => None,
    }
}

fn saved_notice() -> Option<impl IntoView> {
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    saved
        .as_deref()
        .and_then(saved_message)
        .map(|m| view! { <p class="notice" role="status">{m}</p> })
}

fn path_id() -> Option<Uuid> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| Uuid::parse_str(&id).ok()))
}

fn path() -> Option<(Uuid, i32)> {
    use_params_map().with_untracked(|p| {
        let id = p.get("id").and_then(|id| Uuid::parse_str(&id).ok())?;
        let number = p.get("nr").and_then(|n| n.parse().ok())?;
        Some((id, number))
    })
}

fn not_found() -> AnyView {
    view! { <crate::components::not_found::NotFound /> }.into_any()
}

// ---- the officers' overview ---------------------------------------------------------

#[component]
pub fn OverviewPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let loaded = Resource::new(|| (), |_| load_overview());
    view! {
        <Page title="Partnerskap (IOP)" wide=true>
            <p>"Idéburna offentliga partnerskap: när avtalen upphör, sista dag för uppsägning och partnernas rapporter. Partnerskap där sista dag för uppsägning är inom 60 dagar är markerade."</p>
            <p><a class="button" href=NEW>"Nytt partnerskap"</a></p>
            <Suspense fallback=|| view! { <p>"Hämtar partnerskapen …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(rows) => overview_table(rows).into_any(),
                        Err(_) => not_found(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

fn overview_table(rows: Vec<OverviewRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"Det finns inga partnerskap ännu."</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .map(|r| {
            let deadline = if r.deadline_near {
                view! { <strong class="flag">{r.deadline.clone()}" (inom 60 dagar)"</strong> }.into_any()
            } else {
                view! { {r.deadline.clone()} }.into_any()
            };
            view! {
                <tr>
                    <td><a href=staff_href(r.id)>{r.partner.clone()}" – "{r.activity.clone()}</a><br/><span class="muted">{r.dnr.clone()}</span></td>
                    <td>{r.status.clone()}</td>
                    <td>{r.ends_on.clone()}</td>
                    <td>{deadline}</td>
                    <td>{r.next_report.clone()}</td>
                    <td class="number">{r.waiting_reports}</td>
                    <td class="number">{if r.overdue_reports > 0 { view! { <strong class="flag">{r.overdue_reports}</strong> }.into_any() } else { view! { "0" }.into_any() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Partnerskap">
            <table class="table">
                <caption>"Partnerskap"</caption>
                <thead><tr>
                    <th scope="col">"Partner och verksamhet"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Gäller till"</th>
                    <th scope="col">"Sista dag för uppsägning"</th>
                    <th scope="col">"Nästa rapport senast"</th>
                    <th scope="col">"Väntar på granskning"</th>
                    <th scope="col">"Försenade rapporter"</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

// ---- a new partnership --------------------------------------------------------------

#[component]
pub fn NewPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let case =
        use_query_map().with_untracked(|q| q.get("arende").and_then(|c| Uuid::parse_str(&c).ok()));
    let loaded = Resource::new(move || case, load_new_form);
    view! {
        <Page title="Nytt partnerskap">
            <p>"Ett idéburet offentligt partnerskap är ett avtal mellan jämbördiga parter. Initiativet kommer från föreningen, och det ska finnas ett tydligt behov hos målgruppen."</p>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"Hämtar formuläret …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(form) => view! { <AgreementForm form /> }.into_any(),
                        Err(_) => not_found(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

#[component]
fn AgreementForm(form: NewForm) -> impl IntoView {
    let mut state = FormState::current();
    if !state.has_problems() {
        state.values.extend(form.values.clone());
    }
    provide_context(state.clone());
    let associations = form
        .associations
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect::<Vec<_>>();
    view! {
        <form class="form" method="post" action=NEW novalidate>
            <input type="hidden" name=field::CASE value=state.value(field::CASE) />
            <Select name=field::ASSOCIATION label="Förening" options=associations placeholder="Välj förening" />
            <TextField name=field::DNR label="Diarienummer" hint="Ärendets diarienummer, till exempel SOF 2023/202." required=true maxlength=40 />
            <TextField name=field::ACTIVITY label="Verksamhet" hint="Till exempel: Öppen verksamhet för deltagare inom Bostad Först." required=true maxlength=200 />
            <TextArea name=field::TARGET_GROUP label="Målgrupp" required=true />
            <TextArea name=field::PURPOSE label="Syfte och behov" hint="Vilket behov hos målgruppen partnerskapet möter." required=true />
            <TextArea name=field::CITY_COMMITMENTS label="Socialnämndens åtaganden" hint="Pengar och annat stöd, till exempel lokaler, kompetens eller forskning." required=true />
            <TextArea name=field::PARTNER_COMMITMENTS label="Föreningens åtaganden" required=true />
            <TextField name=field::YEARLY_AMOUNT label="Belopp per år i kronor" required=true />
            <fieldset class="report-row">
                <legend>"Avtalstid"</legend>
                <TextField name=field::STARTS_ON label="Gäller från" input_type="date" hint="ÅÅÅÅ-MM-DD" required=true />
                <TextField name=field::FIRST_END_ON label="Gäller till och med" input_type="date" hint="ÅÅÅÅ-MM-DD" required=true />
                <TextField name=field::EXTENSION_MONTHS label="Förlängs med (månader åt gången)" hint="0 om avtalet inte förlängs." required=true />
                <TextField name=field::LAST_END_ON label="Längst till och med" input_type="date" hint="Det sista datum avtalet kan förlängas till." />
                <TextField name=field::NOTICE_BY label="Sägs upp senast (varje år)" hint="Till exempel 31 december." required=true />
            </fieldset>
            <fieldset class="report-row">
                <legend>"Uppföljning och styrning"</legend>
                <TextField name=field::REPORT_MONTHS label="Rapportperiod i månader" hint="6 för halvår." required=true />
                <TextField name=field::REPORT_DUE_DAYS label="Rapporten lämnas inom (dagar efter periodens slut)" required=true />
                <TextField name=field::STEERING_CADENCE label="Styrgruppens mötesrytm" hint="Till exempel: tre gånger per halvår." maxlength=200 />
                <TextField name=field::COOPERATION_CADENCE label="Samverkansgruppens mötesrytm" hint="Till exempel: varje vecka." maxlength=200 />
            </fieldset>
            <button class="button" type="submit">"Skapa partnerskapet"</button>
        </form>
    }
}

// ---- the partnership's page ---------------------------------------------------------

#[component]
pub fn StaffPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let id = path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => load_staff(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar partnerskapet …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => partnership_page(view, true),
                    Err(_) => not_found(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    if crate::auth::require_signed_in().is_none() {
        return ().into_any();
    }
    let id = path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => load_partner(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar partnerskapet …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => partnership_page(view, false),
                    Err(_) => not_found(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn partnership_page(view: PartnershipView, staff: bool) -> AnyView {
    let title = format!("Partnerskap: {}", view.activity);
    let id = view.id;
    let deadline = match (&view.deadline, view.deadline_near) {
        (Some(d), true) => view! {
            <div class="warning" role="note"><p><strong>"Sista dag för uppsägning är den "{d.clone()}". "</strong>"Sägs avtalet upp senast då, upphör det den "{view.ends_on.clone()}". Annars förlängs det."</p></div>
        }.into_any(),
        _ => ().into_any(),
    };
    let reports = view
        .reports
        .iter()
        .map(|r| {
            let status = if r.overdue {
                view! { <strong class="flag">"Försenad"</strong> }.into_any()
            } else if r.before_portal {
                let paper = staff.then(|| view! {
                    <details class="confirm">
                        <summary>"Markera som lämnad på papper"<span class="visually-hidden">{format!(": rapport {}", r.number)}</span></summary>
                        <form method="post" action=format!("{}/papper", review_href(id, r.number)) class="inline-form">
                            <button class="button button--small button--secondary" type="submit">{format!("Ja, rapport {} lämnades på papper", r.number)}</button>
                        </form>
                    </details>
                });
                view! { <p>"Skulle ha lämnats innan partnerskapet fördes in i portalen."</p> {paper} }.into_any()
            } else {
                view! { {r.status.label()} }.into_any()
            };
            view! {
                <tr>
                    <td><a href=r.href.clone()>"Rapport "{r.number}<span class="visually-hidden">{format!(", {}", r.period)}</span></a></td>
                    <td>{r.period.clone()}</td>
                    <td>{r.due.clone()}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    let reports = if view.reports.is_empty() {
        view! { <p>"Ingen rapportperiod har börjat ännu."</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Rapporter">
                <table class="table">
                    <caption>"Rapporter per period"</caption>
                    <thead><tr><th scope="col">"Rapport"</th><th scope="col">"Period"</th><th scope="col">"Lämnas senast"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>{reports}</tbody>
                </table>
            </div>
        }.into_any()
    };
    let groups = view
        .groups
        .iter()
        .map(|g| group_section(id, g, staff))
        .collect_view();
    let notice_form =
        (staff && view.notice.is_none() && view.status != "Avslutat").then(|| notice_form(id));
    let withdraw_form = (staff && view.notice_withdrawable).then(|| withdraw_form(id));
    let back = if staff {
        view! { <p><a href=OVERVIEW>"Alla partnerskap"</a>{view.case_id.map(|case| view! { " · " <a href=format!("/handlaggning/arenden/{case}")>"Initiativärendet"</a> })}</p> }.into_any()
    } else {
        view! { <p><a href=format!("/foreningar/{}", view.association_id)>"Till föreningens sida"</a></p> }.into_any()
    };
    view! {
        <Page title=title wide=staff>
            <p class="lead">{view.partner.clone()}" · "{view.dnr.clone()}</p>
            {back}
            {saved_notice()}
            <ErrorSummary />
            {deadline}
            <dl class="facts">
                <dt>"Status"</dt><dd>{view.status.clone()}</dd>
                <dt>"Gäller till och med"</dt><dd>{view.ends_on.clone()}</dd>
                <dt>"Sista dag för uppsägning"</dt><dd>{view.deadline.clone().unwrap_or_else(|| if view.notice.is_some() { "Ingen: avtalet är uppsagt".into() } else { "Ingen: avtalet kan inte förlängas längre".into() })}</dd>
                <dt>"Belopp per år"</dt><dd>{view.yearly_amount.clone()}</dd>
                <dt>"Handläggare"</dt><dd>{if view.officer.is_empty() { "–".to_owned() } else { view.officer.clone() }}</dd>
            </dl>
            {view.notice.clone().map(|n| view! { <p class="notice">{n}</p> })}
            {view.notice_effect.clone().map(|n| view! { <p>{n}</p> })}
            <section aria-labelledby="rubrik-avtal">
                <h2 id="rubrik-avtal">"Avtalet"</h2>
                <p>{view.rules.clone()}</p>
                <h3>"Målgrupp"</h3><p class="prewrap">{view.target_group.clone()}</p>
                <h3>"Syfte"</h3><p class="prewrap">{view.purpose.clone()}</p>
                <h3>"Socialnämndens åtaganden"</h3><p class="prewrap">{view.city_commitments.clone()}</p>
                <h3>"Föreningens åtaganden"</h3><p class="prewrap">{view.partner_commitments.clone()}</p>
            </section>
            <section aria-labelledby="rubrik-rapporter">
                <h2 id="rubrik-rapporter">"Uppföljning"</h2>
                {reports}
            </section>
            {groups}
            {staff.then(|| governance_forms(id))}
            {notice_form}
            {withdraw_form}
        </Page>
    }
    .into_any()
}

/// The officer's forms for the groups: a member added, a meeting's notes kept.
fn governance_forms(id: Uuid) -> impl IntoView {
    let groups = || {
        super::Group::ALL
            .into_iter()
            .map(|g| (g.as_str().to_owned(), g.label().to_owned()))
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="rubrik-ny-ledamot">
            <h2 id="rubrik-ny-ledamot">"Lägg till en person i en grupp"</h2>
            <form class="form" method="post" action=format!("{}/ledamoter", staff_href(id)) novalidate>
                <Select name=field::GROUP label="Grupp" options=groups() placeholder="Välj grupp" />
                <TextField name=field::NAME label="Namn" required=true maxlength=200 />
                <Select name=field::MEMBER_PARTY label="Part" options=vec![("partner".to_owned(), "Föreningen".to_owned()), ("stad".to_owned(), "Staden".to_owned())] placeholder="Välj part" />
                <TextField name=field::ORGANISATION label="Organisation" hint="Till exempel föreningens namn eller socialförvaltningen." required=true maxlength=200 />
                <TextField name=field::ROLE label="Roll" maxlength=200 />
                <button class="button button--secondary" type="submit">"Lägg till"</button>
            </form>
        </section>
        <section aria-labelledby="rubrik-nytt-mote">
            <h2 id="rubrik-nytt-mote">"Skriv anteckningar från ett möte"</h2>
            <form class="form" method="post" action=format!("{}/moten", staff_href(id)) novalidate>
                <Select name=field::MEETING_GROUP label="Grupp" options=groups() placeholder="Välj grupp" />
                <TextField name=field::HELD_ON label="Mötesdatum" input_type="date" hint="ÅÅÅÅ-MM-DD" required=true />
                <TextArea name=field::NOTES label="Anteckningar" hint="Markdown: ## för rubriker, - för punkter." rows=8 required=true />
                <button class="button button--secondary" type="submit">"Spara anteckningarna"</button>
            </form>
        </section>
    }
}

fn group_section(id: Uuid, g: &GroupView, staff: bool) -> impl IntoView {
    let heading_id = format!("rubrik-{}", g.group.as_str());
    let labelled_by = heading_id.clone();
    let members = g
        .members
        .iter()
        .map(|m| {
            // Removing asks once more: the button is inside a disclosure.
            let remove = staff.then(|| view! {
                <details class="confirm">
                    <summary>"Ta bort"<span class="visually-hidden">{format!(" {}", m.name)}</span></summary>
                    <form method="post" action=format!("{}/ledamoter/{}/ta-bort", staff_href(id), m.id) class="inline-form">
                        <button class="button button--small button--secondary" type="submit">{format!("Ja, ta bort {} ur gruppen", m.name)}</button>
                    </form>
                </details>
            });
            view! { <tr><td>{m.name.clone()}</td><td>{m.organisation.clone()}</td><td>{m.role.clone()}</td>{staff.then(|| view! { <td>{remove}</td> })}</tr> }
        })
        .collect_view();
    let members = if g.members.is_empty() {
        view! { <p>"Inga ledamöter är inlagda."</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Ledamöter i {}", g.group.label().to_lowercase())>
                <table class="table">
                    <caption>{format!("Ledamöter i {}", g.group.label().to_lowercase())}</caption>
                    <thead><tr><th scope="col">"Namn"</th><th scope="col">"Organisation"</th><th scope="col">"Roll"</th>{staff.then(|| view! { <th scope="col"><span class="visually-hidden">"Åtgärder"</span></th> })}</tr></thead>
                    <tbody>{members}</tbody>
                </table>
            </div>
        }.into_any()
    };
    let meetings = g
        .meetings
        .iter()
        .map(|m| {
            view! {
                <article class="meeting-notes">
                    <h4>{m.held_on.clone()}</h4>
                    <div inner_html=m.html.clone()></div>
                </article>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{g.group.label()}</h2>
            <p>{match g.group {
                super::Group::Steering => "Styrgruppen beslutar om strategiska frågor för partnerskapet.",
                super::Group::Cooperation => "Samverkansgruppen sköter operativa frågor, utbyter erfarenheter och sammanställer information om partnerskapets åtaganden.",
            }}{(!g.cadence.is_empty()).then(|| format!(" Mötesrytm: {}.", g.cadence))}</p>
            {members}
            <h3>"Mötesanteckningar"</h3>
            {if g.meetings.is_empty() { view! { <p>"Inga anteckningar ännu."</p> }.into_any() } else { meetings.into_any() }}
        </section>
    }
}

fn notice_form(id: Uuid) -> impl IntoView {
    view! {
        <section aria-labelledby="rubrik-uppsagning">
            <h2 id="rubrik-uppsagning">"Registrera uppsägning"</h2>
            <p>"En uppsägning räknas till närmaste dag för uppsägning och avtalet upphör vid första slutdatum efter den dagen."</p>
            <form class="form" method="post" action=format!("{}/uppsagning", staff_href(id)) novalidate>
                <TextField name=field::NOTICE_ON label="Uppsagt den" input_type="date" hint="ÅÅÅÅ-MM-DD" required=true />
                <Select name=field::NOTICE_PARTY label="Uppsagt av" options=vec![("stad".into(), "Socialnämnden".into()), ("partner".into(), "Föreningen".into())] placeholder="Välj part" />
                <TextArea name=field::NOTICE_NOTE label="Kommentar" />
                <button class="button button--secondary" type="submit">"Registrera uppsägningen"</button>
            </form>
        </section>
    }
}

/// The officer withdraws a notice both parties agree to take back.
fn withdraw_form(id: Uuid) -> impl IntoView {
    let state = FormState::current();
    let error = state.error(field::AGREED);
    view! {
        <section aria-labelledby="rubrik-aterkalla">
            <h2 id="rubrik-aterkalla">"Återkalla uppsägningen"</h2>
            <p>"Är parterna överens om att fortsätta, återkallas uppsägningen. Avtalet löper då vidare och förlängs enligt förlängningsregeln."</p>
            <form class="form" method="post" action=format!("{}/uppsagning/aterkalla", staff_href(id)) novalidate>
                <div class="field" class:field--error=error.is_some()>
                    {error.clone().map(|m| view! { <p class="field__error" id="falt-overens-fel"><span class="visually-hidden">"Fel: "</span>{m}</p> })}
                    <div class="checkbox">
                        <input type="checkbox" id=field_id(field::AGREED) name=field::AGREED value="ja" aria-invalid=error.is_some().then_some("true") aria-describedby=error.is_some().then_some("falt-overens-fel") />
                        <label for=field_id(field::AGREED)>"Båda parter är överens om att uppsägningen återkallas"</label>
                    </div>
                </div>
                <button class="button button--secondary" type="submit">"Återkalla uppsägningen"</button>
            </form>
        </section>
    }
}

// ---- the partner's report -----------------------------------------------------------

#[component]
pub fn ReportPage() -> impl IntoView {
    if crate::auth::require_signed_in().is_none() {
        return ().into_any();
    }
    let at = path();
    let loaded = Resource::new(
        move || at,
        |at| async move {
            match at {
                Some((id, number)) => load_report(id, number).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar rapporten …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => report_page(view),
                    Err(_) => not_found(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn report_title(view: &ReportView) -> String {
    format!("Rapport {}: {}", view.number, view.period)
}

fn report_page(view: ReportView) -> AnyView {
    let status = match view.status {
        ReportStatus::Changes => Some(view! {
            <div class="warning" role="note">
                <p><strong>"Handläggaren behöver ändringar:"</strong></p>
                <p class="prewrap">{view.review_note.clone()}</p>
            </div>
        }.into_any()),
        ReportStatus::Submitted => Some(view! {
            <p class="notice">"Rapporten skickades in "{view.submitted.clone().unwrap_or_default()}". Handläggaren granskar den."</p>
        }.into_any()),
        ReportStatus::Approved if view.on_paper => Some(view! {
            <p class="notice">"Rapporten lämnades på papper innan partnerskapet fördes in i portalen."</p>
        }.into_any()),
        ReportStatus::Approved => Some(view! {
            <p class="notice">"Rapporten godkändes "{view.reviewed.clone().unwrap_or_default()}"."</p>
        }.into_any()),
        ReportStatus::Due => None,
    };
    let body = if view.editable {
        report_form(&view).into_any()
    } else {
        report_read(&view).into_any()
    };
    view! {
        <Page title=report_title(&view)>
            <p class="lead">{view.partner.clone()}" – "{view.activity.clone()}</p>
            <dl class="facts">
                <dt>"Period"</dt><dd>{view.period.clone()}</dd>
                <dt>"Lämnas senast"</dt><dd>{view.due.clone()}</dd>
                <dt>"Status"</dt><dd>{view.status.label()}</dd>
            </dl>
            <p><a href=super::partner_href(view.partnership_id)>"Tillbaka till partnerskapet"</a></p>
            {saved_notice()}
            <ErrorSummary />
            {view.overdue.then(|| view! { <p class="warning">"Rapporten är försenad."</p> })}
            {status}
            {view.committee.clone().map(|c| view! { <p class="notice">{c}</p> })}
            {body}
        </Page>
    }
    .into_any()
}

fn report_form(view: &ReportView) -> impl IntoView {
    let state = FormState::current();
    let values = if state.has_problems() || state.message.is_some() {
        state.values.clone()
    } else {
        view.report.values()
    };
    let activity_rows = (view.report.activities.len() + SPARE_ROWS).min(MAX_ROWS + SPARE_ROWS);
    let activities = (1..=activity_rows)
        .map(|row| view! {
            <fieldset class="report-row">
                <legend>{format!("Aktivitet {row}")}</legend>
                {input(&state, &values, field::of(field::ACTIVITY_NAME, row), "Namn".into(), None, "text")}
                {input(&state, &values, field::of(field::ACTIVITY_SCHEDULE, row), "När den hålls".into(), Some("Till exempel: måndagar kl. 13–15.".into()), "text")}
            </fieldset>
        })
        .collect_view();
    let event_rows = (view.report.events.len() + SPARE_ROWS).min(MAX_ROWS + SPARE_ROWS);
    let events = (1..=event_rows)
        .map(|row| view! {
            <fieldset class="report-row">
                <legend>{format!("Tillfälle {row}")}</legend>
                {input(&state, &values, field::of(field::EVENT_NAME, row), "Vad".into(), None, "text")}
                {input(&state, &values, field::of(field::EVENT_ATTENDANCE, row), "Antal deltagare".into(), None, "numeric")}
            </fieldset>
        })
        .collect_view();
    let submit = if let Some(opens) = &view.opens {
        view! { <p class="field__hint">{format!("Perioden pågår till och med {opens}. Spara utkast nu; rapporten kan skickas in från och med den {opens}.")}</p> }.into_any()
    } else if view.may_submit {
        view! { <button type="submit" class="button" name=field::ACTION value="skicka">"Skicka in rapporten"</button> }.into_any()
    } else {
        view! { <p class="field__hint">"Bara föreningens verifierade företrädare kan skicka in rapporten. Spara utkastet, så kan en företrädare skicka in det."</p> }.into_any()
    };
    view! {
        <form method="post" action=report_href(view.partnership_id, view.number) novalidate>
            <input type="hidden" name=field::REVISION value=view.revision.to_string() />
            <section aria-labelledby="rubrik-sammanfattning">
                <h2 id="rubrik-sammanfattning">"Perioden i korthet"</h2>
                {text_area(&state, &values, field::SUMMARY.into(), "Sammanfatta perioden".into(), Some("Vad har hänt i verksamheten, vad har ni arbetat med.".into()), 6)}
            </section>
            <section aria-labelledby="rubrik-aktiviteter">
                <h2 id="rubrik-aktiviteter">"Aktiviteter"</h2>
                <p class="field__hint">"Lämna tomma rader tomma. Behöver ni fler rader: spara, så kommer nya."</p>
                {activities}
                <fieldset class="report-row">
                    <legend>"Deltagare per dag"</legend>
                    {input(&state, &values, field::PER_DAY_MIN.into(), "Som minst".into(), None, "numeric")}
                    {input(&state, &values, field::PER_DAY_MAX.into(), "Som mest".into(), None, "numeric")}
                </fieldset>
            </section>
            <section aria-labelledby="rubrik-tillfallen">
                <h2 id="rubrik-tillfallen">"Särskilda tillfällen"</h2>
                {events}
            </section>
            <section aria-labelledby="rubrik-synpunkter">
                <h2 id="rubrik-synpunkter">"Deltagarnas synpunkter"</h2>
                {text_area(&state, &values, field::QUOTES.into(), "Citat och synpunkter".into(), Some("Ett citat per stycke: lämna en tom rad mellan dem.".into()), 6)}
                {text_area(&state, &values, field::OBSTACLES.into(), "Hinder för att delta".into(), None, 3)}
                {text_area(&state, &values, field::DEVELOPMENT.into(), "Utvecklingsområden för nästa period".into(), None, 4)}
            </section>
            <section aria-labelledby="rubrik-kon">
                <h2 id="rubrik-kon">"Jämställdhet"</h2>
                <fieldset class="report-row">
                    <legend>"Deltagarnas kön, i procent"</legend>
                    {input(&state, &values, field::WOMEN.into(), "Kvinnor".into(), None, "numeric")}
                    {input(&state, &values, field::MEN.into(), "Män".into(), None, "numeric")}
                </fieldset>
            </section>
            <section aria-labelledby="rubrik-medel">
                <h2 id="rubrik-medel">"Medel och samarbeten"</h2>
                {text_area(&state, &values, field::FUNDS.into(), "Hur medlen har använts".into(), None, 4)}
                {text_area(&state, &values, field::STAFF.into(), "Personal".into(), Some("Till exempel: en heltidsanställd koordinator och sex timavlönade.".into()), 2)}
                {input(&state, &values, field::HOURS.into(), "Avlönade timmar per vecka".into(), None, "numeric")}
                {text_area(&state, &values, field::RESEARCH.into(), "Forskningssamverkan".into(), None, 3)}
            </section>
            <div class="button-row">
                <button type="submit" class="button button--secondary" name=field::ACTION value="spara">"Spara utkast"</button>
                {submit}
            </div>
        </form>
    }
}

fn report_read(view: &ReportView) -> impl IntoView {
    let r = &view.report;
    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    let activities = r
        .activities
        .iter()
        .map(|a| view! { <li>{a.name.clone()}{(!a.schedule.is_empty()).then(|| format!(" ({})", a.schedule))}</li> })
        .collect_view();
    let events = r
        .events
        .iter()
        .map(|e| view! { <li>{e.name.clone()}": "{n(e.attendance)}" deltagare"</li> })
        .collect_view();
    let quotes = r
        .quotes
        .iter()
        .map(|q| view! { <blockquote><p>{q.clone()}</p></blockquote> })
        .collect_view();
    let text = |title: &'static str, value: &String| {
        (!value.is_empty())
            .then(|| view! { <h3>{title}</h3><p class="prewrap">{value.clone()}</p> })
    };
    view! {
        <section aria-labelledby="rubrik-rapport">
            <h2 id="rubrik-rapport">"Rapporten"</h2>
            {text("Perioden i korthet", &r.summary)}
            {(!r.activities.is_empty()).then(|| view! { <h3>"Aktiviteter"</h3><ul>{activities}</ul> })}
            {(r.per_day_min.is_some() || r.per_day_max.is_some()).then(|| view! { <p>{format!("Deltagare per dag: {}–{}.", n(r.per_day_min), n(r.per_day_max))}</p> })}
            {(!r.events.is_empty()).then(|| view! { <h3>"Särskilda tillfällen"</h3><ul>{events}</ul> })}
            {(!r.quotes.is_empty()).then(|| view! { <h3>"Deltagarnas synpunkter"</h3>{quotes} })}
            {text("Hinder för att delta", &r.obstacles)}
            {text("Utvecklingsområden", &r.development)}
            {(r.women.is_some() || r.men.is_some()).then(|| view! {
                <h3>"Jämställdhet"</h3>
                <p>{format!("Kvinnor {} procent, män {} procent.", n(r.women.map(u32::from)), n(r.men.map(u32::from)))}</p>
            })}
            {text("Hur medlen har använts", &r.funds)}
            {text("Personal", &r.staff)}
            {r.hours.map(|h| view! { <p>{format!("Avlönade timmar per vecka: {h}.")}</p> })}
            {text("Forskningssamverkan", &r.research)}
        </section>
    }
}

// ---- the officer's review -----------------------------------------------------------

#[component]
pub fn ReviewPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let at = path();
    let loaded = Resource::new(
        move || at,
        |at| async move {
            match at {
                Some((id, number)) => load_review(id, number).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar rapporten …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => review_page(view),
                    Err(_) => not_found(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn review_page(view: ReportView) -> AnyView {
    let href = review_href(view.partnership_id, view.number);
    let chosen = FormState::current().value(field::DECISION);
    let review = (view.status == ReportStatus::Submitted).then(|| view! {
        <section aria-labelledby="rubrik-granskning">
            <h2 id="rubrik-granskning">"Granskning"</h2>
            <form class="form" method="post" action=href.clone() novalidate>
                <fieldset>
                    <legend>"Beslut"</legend>
                    <div class="checkbox"><input type="radio" id="falt-beslut" name=field::DECISION value="godkann" checked=chosen == "godkann" /><label for="falt-beslut">"Godkänn rapporten"</label></div>
                    <div class="checkbox"><input type="radio" id="falt-beslut-andringar" name=field::DECISION value="andringar" checked=chosen == "andringar" /><label for="falt-beslut-andringar">"Be om ändringar"</label></div>
                </fieldset>
                <TextArea name=field::NOTE label="Meddelande till föreningen" hint="Krävs när du ber om ändringar." />
                <button class="button" type="submit">"Spara granskningen"</button>
            </form>
        </section>
    });
    let statement = if view.statement_locked {
        let print = statement_href(view.partnership_id, view.number);
        Some(view! {
            <section aria-labelledby="rubrik-utlatande">
                <h2 id="rubrik-utlatande">"Tjänsteutlåtande"</h2>
                <p>"Protokollet från sammanträdet är justerat, så tjänsteutlåtandet står som det behandlades."</p>
                <p><a href=print.clone()>"Visa tjänsteutlåtandet"</a>" · "<a href=format!("{print}.pdf")>"Ladda ner som PDF"</a></p>
            </section>
        }.into_any())
    } else {
        (!view.status.editable() && !view.on_paper).then(|| statement_form(&view).into_any())
    };
    let note = (!view.review_note.is_empty()).then(
        || view! { <p class="notice">"Meddelande till föreningen: "{view.review_note.clone()}</p> },
    );
    view! {
        <Page title=report_title(&view) wide=true>
            <p class="lead">{view.partner.clone()}" – "{view.activity.clone()}" · "{view.dnr.clone()}</p>
            <p><a href=staff_href(view.partnership_id)>"Tillbaka till partnerskapet"</a></p>
            <dl class="facts">
                <dt>"Period"</dt><dd>{view.period.clone()}</dd>
                <dt>"Lämnas senast"</dt><dd>{view.due.clone()}</dd>
                <dt>"Status"</dt><dd>{view.status.label()}</dd>
                <dt>"Inskickad"</dt><dd>{view.submitted.clone().unwrap_or_else(|| "–".into())}</dd>
            </dl>
            {saved_notice()}
            <ErrorSummary />
            {note}
            {view.committee.clone().map(|c| view! { <p class="notice">{c}</p> })}
            {if view.on_paper {
                view! { <p>"Rapporten lämnades på papper innan partnerskapet fördes in i portalen."</p> }.into_any()
            } else if view.submitted.is_none() {
                view! { <p>"Föreningen har inte skickat in rapporten ännu."</p> }.into_any()
            } else {
                view! {
                    {(view.status == ReportStatus::Changes).then(|| view! { <p class="notice">"Föreningen ändrar rapporten. Nedan står den senast inskickade versionen med föreningens utkast."</p> })}
                    {report_read(&view)}
                }.into_any()
            }}
            {review}
            {statement}
        </Page>
    }
    .into_any()
}

fn statement_form(view: &ReportView) -> impl IntoView {
    let state = FormState::current();
    let values: std::collections::HashMap<String, String> = if state.has_problems() {
        state.values.clone()
    } else {
        view.statement
            .sections()
            .into_iter()
            .map(|(name, _, text)| (name.to_owned(), text.clone()))
            .collect()
    };
    let sections = view
        .statement
        .sections()
        .into_iter()
        .map(|(name, heading, _)| text_area(&state, &values, name.into(), heading.into(), None, 6))
        .collect_view();
    let chosen = if state.has_problems() {
        state.value(field::MEETING)
    } else {
        view.meeting.map(|m| m.to_string()).unwrap_or_default()
    };
    let meetings = view
        .meetings
        .iter()
        .map(|(id, label)| {
            let value = id.to_string();
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label.clone()}</option> }
        })
        .collect_view();
    let print = statement_href(view.partnership_id, view.number);
    view! {
        <section aria-labelledby="rubrik-utlatande">
            <h2 id="rubrik-utlatande">"Tjänsteutlåtande"</h2>
            {if view.statement_saved {
                view! { <p><a href=print.clone()>"Visa tjänsteutlåtandet"</a>" · "<a href=format!("{print}.pdf")>"Ladda ner som PDF"</a></p> }.into_any()
            } else {
                view! { <p>"Texten nedan är ett utkast skrivet från avtalet och rapporten. Gå igenom den, komplettera ärendets beredning och spara."</p> }.into_any()
            }}
            <form class="form" method="post" action=format!("{}/tjansteutlatande", review_href(view.partnership_id, view.number)) novalidate>
                <div class="field">
                    <label for="falt-sammantrade">"Sammanträde"</label>
                    <p class="field__hint" id="falt-sammantrade-tips">"Nämndens sammanträde där uppföljningen tas upp."</p>
                    <select id="falt-sammantrade" name=field::MEETING aria-describedby="falt-sammantrade-tips">
                        <option value="">"Inget valt ännu"</option>
                        {meetings}
                    </select>
                </div>
                {sections}
                <button class="button" type="submit">"Spara tjänsteutlåtandet"</button>
            </form>
        </section>
    }
}

// ---- the tjänsteutlåtande -----------------------------------------------------------

#[component]
pub fn StatementPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let at = path();
    let loaded = Resource::new(
        move || at,
        |at| async move {
            match at {
                Some((id, number)) => load_statement(id, number).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar tjänsteutlåtandet …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(document) => statement_page(document),
                    Err(_) => not_found(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn statement_page(d: StatementDocument) -> AnyView {
    let title = format!("Tjänsteutlåtande {}", d.dnr);
    let sections = d
        .sections
        .iter()
        .map(|(heading, paragraphs)| {
            let body = paragraphs
                .iter()
                .map(|p| view! { <p class="prewrap">{p.clone()}</p> })
                .collect_view();
            view! { <h2>{heading.clone()}</h2>{body} }
        })
        .collect_view();
    let signers = d
        .signers
        .iter()
        .map(|(name, title)| view! { <p>{name.clone()}<br/>{title.clone()}<br/>"Socialförvaltningen"</p> })
        .collect_view();
    view! {
        <Page title=title>
            <article class="report">
                <p class="report__print">"Sidan är gjord för utskrift: skriv ut med webbläsarens utskriftsfunktion (Ctrl+P) eller spara som PDF. "<a href=format!("{}.pdf", statement_href(d.partnership_id, d.number))>"Ladda ner som PDF"</a>" · "<a href=review_href(d.partnership_id, d.number)>"Till rapporten"</a></p>
                <div class="report__head">
                    <p><strong>"Handläggare"</strong><br/>{d.handler.0.clone()}{(!d.handler.1.is_empty()).then(|| view! { <br/>"Telefon: "{d.handler.1.clone()} })}</p>
                    <p><strong>"Till"</strong><br/>{d.to.clone()}<br/>{d.date.clone()}</p>
                    <p><strong>"Diarienummer"</strong><br/>{d.dnr.clone()}</p>
                </div>
                <p class="lead">{d.title.clone()}</p>
                <p>{d.subtitle.clone()}</p>
                {sections}
                <div class="report__signers">{signers}</div>
            </article>
        </Page>
    }
    .into_any()
}

// ---- on the association's page ------------------------------------------------------

/// The association's partnerships, as links, for its members; nothing when it has none.
#[component]
pub fn AssociationPartnerships(association: Uuid) -> impl IntoView {
    let loaded = Resource::new(move || association, load_of_association);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(rows) if !rows.is_empty() => {
                        let items = rows
                            .into_iter()
                            .map(|(id, activity, status)| view! { <li><a href=super::partner_href(id)>{format!("Partnerskap: {activity}")}</a>{format!(" ({})", status.to_lowercase())}</li> })
                            .collect_view();
                        view! { <ul class="links">{items}</ul> }.into_any()
                    }
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// On a committee meeting's page: the partnership follow-ups going to it, with their
/// tjänsteutlåtanden; nothing when there are none.
#[component]
pub fn MeetingFollowUps(meeting: Uuid, open: bool) -> impl IntoView {
    let loaded = Resource::new(move || meeting, super::api::load_meeting_follow_ups);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(rows) if !rows.is_empty() => {
                        let items = rows
                            .iter()
                            .map(|item| follow_up_item(item, open))
                            .collect_view();
                        view! {
                            <section aria-labelledby="rubrik-iop">
                                <h2 id="rubrik-iop">"Uppföljningar av partnerskap (IOP)"</h2>
                                <p>"Förvaltningens förslag: nämnden godkänner uppföljningen."</p>
                                {items}
                            </section>
                        }.into_any()
                    }
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// One follow-up on the meeting's page: onto the agenda, then its decision.
fn follow_up_item(item: &super::FollowUpItem, open: bool) -> impl IntoView {
    use crate::features::committee::field as minutes;
    let base = review_href(item.partnership_id, item.number);
    let heading = match item.paragraph {
        Some(p) => format!("§ {p} – {}", item.label),
        None => item.label.clone(),
    };
    let action = match (item.paragraph, open) {
        (None, true) if item.ready => view! {
            <form method="post" action=format!("{base}/dagordning") class="inline-form">
                <button class="button button--secondary" type="submit">"Lägg till på dagordningen"<span class="visually-hidden">{format!(": {}", item.label)}</span></button>
            </form>
        }.into_any(),
        (None, false) => view! { <p>"Inte på dagordningen: protokollet är redan justerat. Välj ett kommande sammanträde i tjänsteutlåtandet."</p> }.into_any(),
        (None, true) => view! { <p>"Inte på dagordningen. Rapporten ska vara godkänd och tjänsteutlåtandet sparat först."</p> }.into_any(),
        (Some(p), true) => {
            let prefix = format!("uppf-{}-{}", item.partnership_id.simple(), item.number);
            // Nothing is chosen before the decision is recorded: saving without a choice
            // is refused, not taken as approval.
            let approved = item.decision.as_deref() == Some(super::FollowUpDecision::Approved.label());
            let returned = item.decision.as_deref() == Some(super::FollowUpDecision::Returned.label());
            view! {
                <form method="post" action=format!("{base}/namndbeslut") class="decision">
                    <fieldset class="field">
                        <legend>{format!("Beslut i § {p}")}</legend>
                        <div class="checkbox"><input type="radio" id=format!("{prefix}-godkand") name=minutes::DECISION value="godkand" checked=approved /><label for=format!("{prefix}-godkand")>"Godkänner uppföljningen (enligt förslaget)"</label></div>
                        <div class="checkbox"><input type="radio" id=format!("{prefix}-aterremiss") name=minutes::DECISION value="aterremitterad" checked=returned /><label for=format!("{prefix}-aterremiss")>"Återremitterar ärendet till förvaltningen"</label></div>
                    </fieldset>
                    <div class="field">
                        <label for=format!("{prefix}-reservation")>"Reservationer"</label>
                        <input type="text" id=format!("{prefix}-reservation") name=minutes::DISSENT value=item.dissent.clone() />
                    </div>
                    <div class="field">
                        <label for=format!("{prefix}-jav")>"Ledamöter som inte deltar på grund av jäv"</label>
                        <input type="text" id=format!("{prefix}-jav") name=minutes::RECUSED value=item.recused.clone() />
                    </div>
                    <button type="submit" class="button button--secondary">{format!("Spara beslutet i § {p}")}</button>
                </form>
            }.into_any()
        }
        (Some(_), false) => ().into_any(),
    };
    view! {
        <article class="paragraph card">
            <h3>{heading}</h3>
            <p><a href=item.href.clone()>"Tjänsteutlåtandet"</a></p>
            {(!item.recused.is_empty()).then(|| view! { <p>{format!("{} deltar inte i handläggningen på grund av jäv.", item.recused)}</p> })}
            {item.paragraph.map(|_| view! { <p>"Beslut: "<strong>{item.decision.clone().map(|d| format!("Nämnden {d}")).unwrap_or_else(|| "inte beslutat".into())}</strong></p> })}
            {(!item.dissent.is_empty()).then(|| view! { <p>{format!("Reservation: {}", item.dissent)}</p> })}
            {action}
        </article>
    }
}
