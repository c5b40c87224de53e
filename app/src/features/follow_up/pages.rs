//! `/ansokningar/:id/aterrapport/:nr`: the association's follow-up report;
//! `/handlaggning/arenden/:id/aterrapport/:nr`: the officer's review;
//! `/handlaggning/aterrapporter`: reports due, overdue and waiting for review;
//! `/ekonomi/aterkrav`: the reclaims the finance unit follows until paid.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::{
    api::{load_case_reports, load_overview, load_reclaims, load_report, load_review},
    document_label, field, report_href, review_href, LineOutcome, OverviewRow, Reached,
    ReclaimView, ReclaimsView, ReportStatus, ReportView, DOCUMENT_TYPES, OVERVIEW, RECLAIMS,
};
use crate::auth::denied;
use crate::components::{
    form::{field_id, ErrorSummary, FormState},
    page::Page,
};
use crate::domain::money;
use crate::features::representatives::pages::require_verifier;

fn saved_message(what: &str) -> Option<&'static str> {
    match what {
        "utkast" => Some("Utkastet är sparat."),
        "skickad" => Some("Återrapporten är inskickad. Handläggaren granskar den och hör av sig."),
        "bilaga" => Some("Bilagan är uppladdad."),
        "borttagen" => Some("Bilagan är borttagen."),
        "godkand" => Some("Återrapporten är godkänd. Föreningen har fått besked."),
        "andringar" => Some("Föreningen har fått besked om vad som behöver ändras."),
        "aterkrav" => {
            Some("Återrapporten är godkänd och beslutet om återkrav är skickat till föreningen.")
        }
        "sista-dag" => Some("Sista dagen är ändrad. Påminnelserna följer det nya datumet."),
        "betald" => Some("Inbetalningen är registrerad."),
        "forslag" => Some("Återrapporten är godkänd. Förslaget om återkrav går till nämnden; registrera beslutet här när protokollet är justerat."),
        "namndbeslut" => Some("Nämndens beslut är registrerat och brevet om återkrav är skickat till föreningen."),
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

/// The case id and report number of the path.
fn path() -> Option<(Uuid, i32)> {
    use_params_map().with_untracked(|p| {
        let id = p.get("id").and_then(|id| Uuid::parse_str(&id).ok())?;
        let number = p.get("nr").and_then(|n| n.parse().ok())?;
        Some((id, number))
    })
}

fn title_of(view: &ReportView) -> String {
    if view.of > 1 {
        format!("Återrapport {} av {} – {}", view.number, view.of, view.dnr)
    } else {
        format!("Återrapport – {}", view.dnr)
    }
}

/// The error of `name` by its field, with the id the field points to.
fn error_of(state: &FormState, name: &str) -> (Option<String>, Option<AnyView>) {
    match state.error(name) {
        Some(message) => {
            let id = format!("{}-fel", field_id(name));
            let shown = view! { <p class="field__error" id=id.clone()><span class="visually-hidden">"Fel: "</span>{message}</p> }.into_any();
            (Some(id), Some(shown))
        }
        None => (None, None),
    }
}

/// One input with its label, hint and error.
pub(crate) fn input(
    state: &FormState,
    values: &std::collections::HashMap<String, String>,
    name: String,
    label: String,
    hint: Option<String>,
    mode: &'static str,
) -> impl IntoView {
    let (error_id, error) = error_of(state, &name);
    let hint_id = hint.as_ref().map(|_| format!("{}-tips", field_id(&name)));
    let described = [hint_id.clone(), error_id]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let hint = hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> });
    let value = values.get(&name).cloned().unwrap_or_default();
    view! {
        <div class="field">
            <label for=field_id(&name)>{label}</label>
            {hint}
            {error}
            <input id=field_id(&name) name=name.clone() value=value inputmode=mode
                aria-describedby=(!described.is_empty()).then_some(described)
                aria-invalid=state.error(&name).is_some().then_some("true") />
        </div>
    }
}

/// One text area with its label, hint and error.
pub(crate) fn text_area(
    state: &FormState,
    values: &std::collections::HashMap<String, String>,
    name: String,
    label: String,
    hint: Option<String>,
    rows: u32,
) -> impl IntoView {
    let (error_id, error) = error_of(state, &name);
    let hint_id = hint.as_ref().map(|_| format!("{}-tips", field_id(&name)));
    let described = [hint_id.clone(), error_id]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let hint = hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> });
    let value = values.get(&name).cloned().unwrap_or_default();
    view! {
        <div class="field">
            <label for=field_id(&name)>{label}</label>
            {hint}
            {error}
            <textarea id=field_id(&name) name=name.clone() rows=rows
                aria-describedby=(!described.is_empty()).then_some(described)
                aria-invalid=state.error(&name).is_some().then_some("true")>{value}</textarea>
        </div>
    }
}

fn planned(occasions: Option<u32>, participants: Option<u32>) -> String {
    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    format!("{} tillfällen, {} deltagare", n(occasions), n(participants))
}

fn amount(ore: Option<i64>) -> String {
    ore.map(money::format_kr).unwrap_or_else(|| "–".into())
}

// ---- the report as read (the officer; the association after sending) ---------------

fn lines_table(caption: &'static str, lines: &[LineOutcome]) -> impl IntoView {
    let rows = lines
        .iter()
        .map(|l| {
            let flag = l
                .needs_comment()
                .then(|| view! { <strong>"över 10 %"</strong> });
            view! {
                <tr>
                    <th scope="row">{l.label.clone()}</th>
                    <td class="number">{money::format_kr(l.budget_ore)}</td>
                    <td class="number">{amount(l.actual_ore)}</td>
                    <td class="number">{amount(l.difference())}" "{flag}</td>
                    <td>{l.comment.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let budget: i64 = lines.iter().map(|l| l.budget_ore).sum();
    let actual: i64 = lines.iter().filter_map(|l| l.actual_ore).sum();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Rad"</th><th scope="col" class="number">"Budget"</th><th scope="col" class="number">"Utfall"</th><th scope="col" class="number">"Skillnad"</th><th scope="col">"Kommentar"</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">"Summa"</th><td class="number">{money::format_kr(budget)}</td><td class="number">{money::format_kr(actual)}</td><td class="number">{money::format_kr(actual - budget)}</td><td></td></tr></tfoot>
            </table>
        </div>
    }
}

fn documents_list(view: &ReportView, removable: bool) -> impl IntoView {
    if view.report.documents.is_empty() {
        return view! { <p>"Inga bilagor."</p> }.into_any();
    }
    let items = view
        .report
        .documents
        .iter()
        .map(|d| {
            let remove = removable.then(|| {
                view! {
                    <form method="post" class="inline-form" action=format!("{}/bilagor/{}/ta-bort", report_href(view.case_id, view.number), d.id)>
                        <button type="submit" class="button button--secondary">"Ta bort "<span class="visually-hidden">{d.file_name.clone()}</span></button>
                    </form>
                }
            });
            view! {
                <li>
                    <a href=format!("/dokument/{}", d.id)>{d.file_name.clone()}</a>" – "{document_label(&d.kind)}
                    {remove}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="documents">{items}</ul> }.into_any()
}

fn report_read(view: &ReportView) -> impl IntoView {
    let r = &view.report;
    let activities = r
        .activities
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">{a.kind.clone()}</th>
                    <td>{planned(a.planned_occasions, a.planned_participants)}</td>
                    <td>{planned(a.held_occasions, a.reached_participants)}</td>
                </tr>
            }
        })
        .collect_view();
    let goals = r
        .goals
        .iter()
        .map(|g| {
            view! {
                <tr>
                    <th scope="row">{g.text.clone()}</th>
                    <td>{g.reached.map(Reached::label).unwrap_or("–")}</td>
                    <td>{g.comment.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let share = |s: Option<u8>| s.map(|s| format!("{s} %")).unwrap_or_else(|| "–".into());
    view! {
        <section aria-labelledby="rubrik-gjort">
            <h2 id="rubrik-gjort">"Vad föreningen har gjort"</h2>
            <p class="prewrap">{r.summary.clone()}</p>
        </section>
        <section aria-labelledby="rubrik-aktiviteter">
            <h2 id="rubrik-aktiviteter">"Aktiviteter och deltagare"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Aktiviteter">
                <table class="table">
                    <caption>"Planerat i ansökan och genomfört"</caption>
                    <thead><tr><th scope="col">"Aktivitet"</th><th scope="col">"Planerat"</th><th scope="col">"Genomfört"</th></tr></thead>
                    <tbody>{activities}</tbody>
                </table>
            </div>
            <p>"Deltagarna: kvinnor "{share(r.share_women)}", män "{share(r.share_men)}", annan könsidentitet eller vill inte ange "{share(r.share_other)}"."</p>
        </section>
        <section aria-labelledby="rubrik-mal">
            <h2 id="rubrik-mal">"Mål"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Mål">
                <table class="table">
                    <caption>"Målen i ansökan"</caption>
                    <thead><tr><th scope="col">"Mål"</th><th scope="col">"Resultat"</th><th scope="col">"Kommentar"</th></tr></thead>
                    <tbody>{goals}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="rubrik-budget">
            <h2 id="rubrik-budget">"Budget mot utfall"</h2>
            {lines_table("Intäkter (utöver bidraget)", &r.income)}
            {lines_table("Kostnader", &r.costs)}
            <p>{view.reckoning_text.clone()}</p>
        </section>
        <section aria-labelledby="rubrik-bilagor">
            <h2 id="rubrik-bilagor">"Bilagor"</h2>
            {documents_list(view, false)}
        </section>
    }
}

fn reclaim_box(reclaim: &ReclaimView) -> AnyView {
    if reclaim.proposed {
        return view! {
            <section class="notice" aria-labelledby="rubrik-aterkrav">
                <h2 id="rubrik-aterkrav">"Förslag om återkrav"</h2>
                <p>"Handläggaren "{reclaim.decided_by.clone()}" föreslog "{reclaim.decided.clone()}" att "<strong>{reclaim.amount.clone()}</strong>" ska betalas tillbaka. Nämnden beslutar om återkrav i den här bidragsformen; beslutet kommer i ett brev."</p>
                <p>"Skäl: "<span class="prewrap">{reclaim.reason.clone()}</span></p>
                <p class="prewrap">{reclaim.calculation.clone()}</p>
            </section>
        }
        .into_any();
    }
    let paid = match &reclaim.paid {
        Some(day) => format!("Betalt {day}."),
        None if reclaim.overdue => {
            format!("Skulle ha betalats senast {}. Inte betalt än.", reclaim.due)
        }
        None => format!("Betala senast {}.", reclaim.due),
    };
    view! {
        <section class="notice" aria-labelledby="rubrik-aterkrav">
            <h2 id="rubrik-aterkrav">"Beslut om återkrav"</h2>
            <p>"Beslutat "{reclaim.decided.clone()}" "{reclaim.decided_how.clone()}"."</p>
            <p><strong>"Att betala tillbaka: "{reclaim.amount.clone()}</strong></p>
            <p>"Skäl: "<span class="prewrap">{reclaim.reason.clone()}</span></p>
            <p class="prewrap">{reclaim.calculation.clone()}</p>
            <p>"Betalas till "{reclaim.payee.clone()}", bankgiro "{reclaim.bankgiro.clone()}". Ange "<strong>{reclaim.reference.clone()}</strong>" som meddelande."</p>
            <p>{paid}</p>
        </section>
    }
    .into_any()
}

fn committee_form(view: &ReportView) -> impl IntoView {
    let state = FormState::current();
    let values = state.values.clone();
    view! {
        <section aria-labelledby="rubrik-namndbeslut">
            <h2 id="rubrik-namndbeslut">"Registrera nämndens beslut om återkrav"</h2>
            <p>"När protokollet med nämndens beslut är justerat: ange sammanträdet och paragrafen. Då går beslutsbrevet till föreningen."</p>
            <form method="post" action=format!("{}/aterkrav", review_href(view.case_id, view.number)) novalidate>
                {input(&state, &values, field::MEETING_ON.into(), "Sammanträdesdag (ÅÅÅÅ-MM-DD)".into(), None, "numeric")}
                {input(&state, &values, field::PARAGRAPH.into(), "Paragraf i protokollet".into(), Some("Till exempel 14.".into()), "numeric")}
                <button type="submit" class="button">"Registrera beslutet och skicka brevet"</button>
            </form>
        </section>
    }
}

// ---- the association's report -------------------------------------------------------

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
                Some((case, number)) => load_report(case, number).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar återrapporten …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => report_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
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
    let r = &view.report;
    let activities = r
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let row = i + 1;
            view! {
                <fieldset class="report-row">
                    <legend>{a.kind.clone()}</legend>
                    <p class="field__hint">"Planerat i ansökan: "{planned(a.planned_occasions, a.planned_participants)}"."</p>
                    {input(&state, &values, field::of(field::HELD, row), "Genomförda tillfällen".into(), None, "numeric")}
                    {input(&state, &values, field::of(field::REACHED, row), "Antal deltagare".into(), Some("Ungefär, om ni inte räknade exakt.".into()), "numeric")}
                </fieldset>
            }
        })
        .collect_view();
    let goals = r
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let row = i + 1;
            let name = field::of(field::GOAL, row);
            let current = values.get(&name).cloned().unwrap_or_default();
            let (error_id, error) = error_of(&state, &name);
            let options = Reached::ALL
                .into_iter()
                .map(|option| {
                    let id = format!("{}-{}", field_id(&name), option.as_str());
                    // The first radio carries the field's id, so the error summary's link lands on it.
                    let id = if option == Reached::Yes { field_id(&name) } else { id };
                    view! {
                        <div class="checkbox">
                            <input type="radio" id=id.clone() name=name.clone() value=option.as_str() checked={current == option.as_str()} />
                            <label for=id>{option.label()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="report-row" aria-describedby=error_id>
                    <legend>{g.text.clone()}</legend>
                    {error}
                    {options}
                    {text_area(&state, &values, field::of(field::GOAL_COMMENT, row), "Kommentar".into(), Some("Krävs om målet inte nåddes helt.".into()), 3)}
                </fieldset>
            }
        })
        .collect_view();
    let lines = |lines: &[LineOutcome], amount: &'static str, comment: &'static str| {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let row = i + 1;
                view! {
                    <fieldset class="report-row">
                        <legend>{l.label.clone()}</legend>
                        <p class="field__hint">"Budget i ansökan: "{money::format_kr(l.budget_ore)}"."</p>
                        {input(&state, &values, field::of(amount, row), "Faktiskt belopp i kronor".into(), None, "decimal")}
                        {text_area(&state, &values, field::of(comment, row), "Kommentar".into(), Some("Krävs om beloppet skiljer sig mer än 10 procent från budgeten.".into()), 2)}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let income = if r.income.is_empty() {
        view! { <p>"Ansökan hade inga andra intäkter än bidraget."</p> }.into_any()
    } else {
        lines(&r.income, field::INCOME, field::INCOME_COMMENT).into_any()
    };
    let costs = lines(&r.costs, field::COST, field::COST_COMMENT);
    let submit = if view.may_submit {
        view! { <button type="submit" class="button" name=field::ACTION value="skicka">"Skicka in återrapporten"</button> }.into_any()
    } else {
        view! { <p class="field__hint">"Bara föreningens verifierade företrädare kan skicka in återrapporten. Spara utkastet, så kan en företrädare skicka in det."</p> }.into_any()
    };
    view! {
        <form method="post" action=report_href(view.case_id, view.number) novalidate>
            <input type="hidden" name=field::REVISION value=view.revision.to_string() />
            <section aria-labelledby="rubrik-gjort">
                <h2 id="rubrik-gjort">"Vad ni har gjort"</h2>
                {text_area(&state, &values, field::SUMMARY.into(), "Beskriv vad ni har gjort under perioden".into(), Some("Vad blev som ni tänkt, vad blev annorlunda och varför.".into()), 8)}
            </section>
            <section aria-labelledby="rubrik-aktiviteter">
                <h2 id="rubrik-aktiviteter">"Aktiviteter och deltagare"</h2>
                {activities}
                <fieldset class="report-row">
                    <legend>"Deltagarnas kön, i procent"</legend>
                    {input(&state, &values, field::WOMEN.into(), "Kvinnor".into(), None, "numeric")}
                    {input(&state, &values, field::MEN.into(), "Män".into(), None, "numeric")}
                    {input(&state, &values, field::OTHER.into(), "Annan könsidentitet eller vill inte ange".into(), None, "numeric")}
                </fieldset>
            </section>
            <section aria-labelledby="rubrik-mal">
                <h2 id="rubrik-mal">"Mål"</h2>
                {goals}
            </section>
            <section aria-labelledby="rubrik-budget">
                <h2 id="rubrik-budget">"Budget mot utfall"</h2>
                <p>"Skriv vad varje rad i ansökans budget blev. Bidraget från nämnden, "{view.granted.clone()}", räknas inte som en intäkt här."</p>
                <h3>"Intäkter"</h3>
                {income}
                <h3>"Kostnader"</h3>
                {costs}
            </section>
            <div class="button-row">
                <button type="submit" class="button button--secondary" name=field::ACTION value="spara">"Spara utkast"</button>
                {submit}
            </div>
        </form>
    }
}

fn upload_form(view: &ReportView) -> impl IntoView {
    let state = FormState::current();
    let (error_id, error) = error_of(&state, field::DOCUMENT);
    let options = DOCUMENT_TYPES
        .iter()
        .map(|(slug, label)| view! { <option value=*slug>{*label}</option> })
        .collect_view();
    view! {
        <section aria-labelledby="rubrik-bilagor">
            <h2 id="rubrik-bilagor">"Bilagor"</h2>
            <p>"Bifoga den ekonomiska redovisningen för perioden (eller årsredovisningen) och, om föreningen har en revisor, revisionsberättelsen. PDF, Word, Excel eller bild, högst 25 MB."</p>
            {documents_list(view, true)}
            <form method="post" enctype="multipart/form-data" action=format!("{}/bilagor", report_href(view.case_id, view.number))>
                <p class="field__hint">"Spara det du har skrivit ovan innan du laddar upp en fil: sidan laddas om."</p>
                <div class="field">
                    <label for=field_id(field::DOCUMENT_TYPE)>"Vad är dokumentet?"</label>
                    <select id=field_id(field::DOCUMENT_TYPE) name=field::DOCUMENT_TYPE>{options}</select>
                </div>
                <div class="field">
                    <label for=field_id(field::DOCUMENT)>"Fil"</label>
                    {error}
                    <input type="file" id=field_id(field::DOCUMENT) name=field::DOCUMENT aria-describedby=error_id />
                </div>
                <button type="submit" class="button button--secondary">"Ladda upp"</button>
            </form>
        </section>
    }
}

fn report_page(view: ReportView) -> AnyView {
    let title = title_of(&view);
    let status = match view.status {
        ReportStatus::Changes => Some(view! {
            <div class="warning" role="note">
                <p><strong>"Handläggaren behöver ändringar:"</strong></p>
                <p class="prewrap">{view.review_note.clone()}</p>
            </div>
        }.into_any()),
        ReportStatus::Submitted => Some(view! {
            <p class="notice">"Återrapporten skickades in "{view.submitted.clone().unwrap_or_default()}". Handläggaren granskar den."</p>
        }.into_any()),
        ReportStatus::Approved => Some(view! {
            <p class="notice">"Återrapporten godkändes "{view.reviewed.clone().unwrap_or_default()}"."</p>
        }.into_any()),
        ReportStatus::Due => None,
    };
    let late = view.overdue.then(|| view! {
        <p class="warning">"Återrapporten är försenad. Så länge den saknas kan föreningen inte skicka in nya ansökningar om "{view.programme.clone()}"."</p>
    });
    let body = if view.editable {
        view! { {report_form(&view)}{upload_form(&view)} }.into_any()
    } else {
        report_read(&view).into_any()
    };
    let reclaim = view.reclaim.as_ref().map(reclaim_box);
    view! {
        <Page title=title>
            <p class="lead">{view.association.clone()}" – "{view.activity.clone()}</p>
            <dl class="facts">
                <dt>"Period"</dt><dd>{view.period.clone()}</dd>
                <dt>"Lämnas senast"</dt><dd>{view.due.clone()}</dd>
                <dt>"Beviljat"</dt><dd>{view.granted.clone()}</dd>
                <dt>"Status"</dt><dd>{view.status.label()}</dd>
            </dl>
            <p><a href=format!("/ansokningar/{}", view.case_id)>"Tillbaka till ansökan"</a></p>
            {saved_notice()}
            <ErrorSummary />
            {late}
            {status}
            {reclaim}
            {body}
        </Page>
    }
    .into_any()
}

// ---- the officer's review ----------------------------------------------------------

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
                Some((case, number)) => load_review(case, number).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar återrapporten …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => review_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn review_form(view: &ReportView) -> impl IntoView {
    let state = FormState::current();
    let mut values = state.values.clone();
    if !state.has_problems() {
        values.insert(
            field::AMOUNT.into(),
            if view.reckoning.unused > 0 {
                money::to_input(view.reckoning.unused)
            } else {
                String::new()
            },
        );
    }
    let chosen = values.get(field::DECISION).cloned().unwrap_or_default();
    let (error_id, error) = error_of(&state, field::DECISION);
    let radio = |value: &'static str, label: &'static str, first: bool| {
        let id = if first {
            field_id(field::DECISION)
        } else {
            format!("{}-{value}", field_id(field::DECISION))
        };
        view! {
            <div class="checkbox">
                <input type="radio" id=id.clone() name=field::DECISION value=value checked={chosen == value} />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section aria-labelledby="rubrik-granskning">
            <h2 id="rubrik-granskning">"Granska återrapporten"</h2>
            <form method="post" action=review_href(view.case_id, view.number) novalidate>
                <fieldset aria-describedby=error_id>
                    <legend>"Beslut"</legend>
                    {error}
                    {radio("godkann", "Godkänn återrapporten", true)}
                    {radio("andringar", "Be föreningen ändra eller komplettera", false)}
                    {radio("aterkrav", "Godkänn med återkrav av pengar som inte har använts", false)}
                </fieldset>
                {text_area(&state, &values, field::NOTE.into(), "Meddelande till föreningen".into(), Some("Krävs när föreningen ska ändra något.".into()), 4)}
                <fieldset>
                    <legend>"Återkrav"</legend>
                    <p class="field__hint">{view.reckoning_text.clone()}</p>
                    {input(&state, &values, field::AMOUNT.into(), "Belopp att återkräva i kronor".into(), Some("Föreslaget utifrån redovisningen. Ändra det om du har skäl.".into()), "decimal")}
                    {text_area(&state, &values, field::REASON.into(), "Skäl till återkravet".into(), Some("Står i beslutsbrevet till föreningen.".into()), 3)}
                </fieldset>
                <button type="submit" class="button">"Spara beslutet"</button>
            </form>
        </section>
    }
}

fn due_form(view: &ReportView) -> impl IntoView {
    let state = FormState::current();
    let mut values = state.values.clone();
    if !state.has_problems() {
        values.insert(field::DUE_ON.into(), view.due_input.clone());
    }
    let (error_id, error) = error_of(&state, field::DUE_ON);
    let value = values.get(field::DUE_ON).cloned().unwrap_or_default();
    view! {
        <section aria-labelledby="rubrik-sista-dag">
            <h2 id="rubrik-sista-dag">"Sista dag för återrapporten"</h2>
            <form method="post" action=format!("{}/sista-dag", review_href(view.case_id, view.number))>
                <div class="field">
                    <label for=field_id(field::DUE_ON)>"Ny sista dag (ÅÅÅÅ-MM-DD)"</label>
                    {error}
                    <input type="date" id=field_id(field::DUE_ON) name=field::DUE_ON value=value aria-describedby=error_id />
                </div>
                <button type="submit" class="button button--secondary">"Ändra sista dagen"</button>
            </form>
        </section>
    }
}

fn review_page(view: ReportView) -> AnyView {
    let title = title_of(&view);
    let waiting = (!view.waiting_payments.is_empty()).then(|| {
        let items = view
            .waiting_payments
            .iter()
            .map(|p| view! { <li>{p.clone()}</li> })
            .collect_view();
        view! {
            <p>"Väntar på att återrapporten godkänns:"</p>
            <ul>{items}</ul>
        }
    });
    let body = match view.status {
        ReportStatus::Submitted => view! { {report_read(&view)}{review_form(&view)} }.into_any(),
        ReportStatus::Approved => {
            let pending = view
                .reclaim
                .as_ref()
                .is_some_and(|r| r.proposed)
                .then(|| committee_form(&view));
            view! { {pending}{report_read(&view)} }.into_any()
        }
        ReportStatus::Due | ReportStatus::Changes => {
            let note = (view.status == ReportStatus::Changes).then(|| {
                view! { <p class="notice">"Du bad om ändringar: "<span class="prewrap">{view.review_note.clone()}</span></p> }
            });
            view! {
                <p>"Föreningen har inte skickat in återrapporten än."</p>
                {note}
                {due_form(&view)}
            }
            .into_any()
        }
    };
    let reclaim = view.reclaim.as_ref().map(reclaim_box);
    view! {
        <Page title=title wide=true>
            <p class="lead">{view.association.clone()}" – "{view.activity.clone()}</p>
            <dl class="facts">
                <dt>"Bidragsform"</dt><dd>{view.programme.clone()}</dd>
                <dt>"Period"</dt><dd>{view.period.clone()}</dd>
                <dt>"Lämnas senast"</dt><dd>{view.due.clone()}{view.overdue.then_some(" (försenad)")}</dd>
                <dt>"Beviljat"</dt><dd>{view.granted.clone()}</dd>
                <dt>"Status"</dt><dd>{view.status.label()}</dd>
                <dt>"Inskickad"</dt><dd>{view.submitted.clone().unwrap_or_else(|| "–".into())}</dd>
            </dl>
            <p><a href=format!("/handlaggning/arenden/{}", view.case_id)>"Tillbaka till ärendet"</a>" · "<a href=OVERVIEW>"Alla återrapporter"</a></p>
            {saved_notice()}
            <ErrorSummary />
            {waiting}
            {reclaim}
            {body}
        </Page>
    }
    .into_any()
}

// ---- the officers' list -------------------------------------------------------------

fn overview_table(caption: &'static str, rows: &[OverviewRow], empty: &'static str) -> AnyView {
    if rows.is_empty() {
        return view! { <h2>{caption}</h2><p>{empty}</p> }.into_any();
    }
    let body = rows
        .iter()
        .map(|r| {
            let late = match r.days_overdue {
                0 => None,
                1 => Some(" (1 dag sen)".to_owned()),
                n => Some(format!(" ({n} dagar sen)")),
            };
            let label = if r.of > 1 {
                format!("{} ({} av {})", r.dnr, r.number, r.of)
            } else {
                r.dnr.clone()
            };
            view! {
                <tr>
                    <td><a href=review_href(r.case_id, r.number)>{label}</a></td>
                    <td>{r.association.clone()}</td>
                    <td>{r.programme.clone()}</td>
                    <td>{r.activity.clone()}</td>
                    <td>{r.period.clone()}</td>
                    <td>{r.due.clone()}{late}</td>
                    <td>{r.status.label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="table">
                <caption>{format!("{caption} ({})", rows.len())}</caption>
                <thead><tr><th scope="col">"Dnr"</th><th scope="col">"Förening"</th><th scope="col">"Bidragsform"</th><th scope="col">"Verksamhet"</th><th scope="col">"Period"</th><th scope="col">"Sista dag"</th><th scope="col">"Status"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let loaded = Resource::new(|| (), |_| load_overview());
    view! {
        <Page title="Återrapporter" wide=true>
            <p class="lead">"Återrapporter som väntar på granskning, som är försenade och som ska lämnas inom 60 dagar."</p>
            <Suspense fallback=|| view! { <p>"Hämtar återrapporterna …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(o) => view! {
                            {overview_table("Väntar på granskning", &o.waiting, "Ingen återrapport väntar på granskning.")}
                            {overview_table("Försenade", &o.overdue, "Ingen återrapport är försenad.")}
                            {overview_table("Ska lämnas inom 60 dagar", &o.due, "Ingen återrapport ska lämnas de närmaste 60 dagarna.")}
                        }.into_any(),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

// ---- the finance unit's reclaims -----------------------------------------------------

fn reclaims_page(view: ReclaimsView) -> AnyView {
    let state = FormState::current();
    let open = view
        .open
        .iter()
        .map(|r| {
            let name = format!("{}-{}", field::PAID_ON, r.id);
            let late = r.overdue.then(|| view! { <p class="warning">"Förfallen"</p> });
            view! {
                <tr>
                    <td>{r.dnr.clone()}</td>
                    <td>{r.association.clone()}</td>
                    <td>{r.programme.clone()}</td>
                    <td class="number">{r.amount.clone()}</td>
                    <td>{r.decided.clone()}</td>
                    <td>{r.due.clone()}{late}</td>
                    <td>
                        <form method="post" action=format!("{RECLAIMS}/{}/betald", r.id)>
                            <div class="field">
                                <label for=name.clone()>"Betaldag"<span class="visually-hidden">" för "{r.dnr.clone()}</span></label>
                                <input type="date" id=name.clone() name=field::PAID_ON required />
                            </div>
                            <button type="submit" class="button button--secondary">"Registrera inbetalning"</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let paid = view
        .paid
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.dnr.clone()}</td>
                    <td>{r.association.clone()}</td>
                    <td class="number">{r.amount.clone()}</td>
                    <td>{r.decided.clone()}</td>
                    <td>{r.paid.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let problem = state
        .error(field::PAID_ON)
        .map(|e| view! { <p class="field__error" role="alert">{e}</p> });
    view! {
        {problem}
        <p>"Att få tillbaka: "<strong>{view.open_total.clone()}</strong>" i "{view.open.len()}" återkrav."</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Obetalda återkrav">
            <table class="table">
                <caption>"Obetalda återkrav"</caption>
                <thead><tr><th scope="col">"Dnr"</th><th scope="col">"Förening"</th><th scope="col">"Bidragsform"</th><th scope="col" class="number">"Belopp"</th><th scope="col">"Beslutat"</th><th scope="col">"Betalas senast"</th><th scope="col">"Inbetalning"</th></tr></thead>
                <tbody>{open}</tbody>
            </table>
        </div>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Betalda återkrav">
            <table class="table">
                <caption>"Betalda återkrav"</caption>
                <thead><tr><th scope="col">"Dnr"</th><th scope="col">"Förening"</th><th scope="col" class="number">"Belopp"</th><th scope="col">"Beslutat"</th><th scope="col">"Betalt"</th></tr></thead>
                <tbody>{paid}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn ReclaimsPage() -> impl IntoView {
    let allowed = crate::auth::require_signed_in().filter(|u| u.role.handles_payments());
    if allowed.is_none() {
        return denied();
    }
    let loaded = Resource::new(|| (), |_| load_reclaims());
    view! {
        <Page title="Återkrav" wide=true>
            <p class="lead">"Bidrag som föreningar ska betala tillbaka efter granskad återrapport. Registrera inbetalningen när pengarna har kommit in på bankgirot."</p>
            <p><a href=crate::features::payments::FINANCE>"Utbetalningar"</a>" · "<a href="/ekonomi/oversikt.csv">"Översikt per bidragsform och år (CSV)"</a>" · "<a href="/ekonomi/oversikt.xlsx">"(Excel)"</a></p>
            {saved_notice()}
            <Suspense fallback=|| view! { <p>"Hämtar återkraven …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(view) => reclaims_page(view),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

// ---- on the case pages ----------------------------------------------------------------

/// The case's follow-up reports with their due dates, linked (to the report for the
/// association, to the review for staff); nothing when the case has none.
#[component]
pub fn CaseReports(case: Uuid) -> impl IntoView {
    let loaded = Resource::new(move || case, load_case_reports);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(links) if !links.is_empty() => {
                        let items = links
                            .into_iter()
                            .map(|l| {
                                let late = l.overdue.then_some(" – försenad");
                                view! {
                                    <li><a href=l.href>{l.label}</a>": "{l.status}", lämnas senast "{l.due}{late}</li>
                                }
                            })
                            .collect_view();
                        view! {
                            <section aria-labelledby="rubrik-aterrapport">
                                <h2 id="rubrik-aterrapport">"Återrapportering"</h2>
                                <p>"Föreningen redovisar vad den har gjort och hur bidraget har använts, rad för rad mot budgeten i ansökan."</p>
                                <ul>{items}</ul>
                            </section>
                        }
                        .into_any()
                    }
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}
