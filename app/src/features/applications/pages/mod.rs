//! The applications' pages: the association's list, a draft's task list and steps,
//! the review before submit, the receipt, and the case as the applicant follows it.
pub mod attachments;
pub mod case;
pub mod list;
pub mod step;
pub mod submit;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::api::{application, ApplicationView};
use crate::domain::{budget::IncomeStatus, money};

/// The `:id` of the path.
pub(crate) fn path_id() -> Option<Uuid> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| Uuid::parse_str(&id).ok()))
}

/// Loads the application of the path and renders `page` with it, or the 404 page.
pub(crate) fn with_application(page: fn(ApplicationView) -> AnyView) -> AnyView {
    if crate::auth::require_signed_in().is_none() {
        return ().into_any();
    }
    let id = path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => application(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The answers, read-only, in the order of the form (the case page, the review before
/// submit and the receipt show the same).
#[component]
pub fn Answers(view: ApplicationView) -> impl IntoView {
    let c = view.content.clone();
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
    let text = |t: &str| {
        if t.is_empty() {
            "–".to_owned()
        } else {
            t.to_owned()
        }
    };
    let share = |s: Option<u8>| s.map(|s| format!("{s} %")).unwrap_or_else(|| "–".into());
    let youth = match (c.children, c.young_adults) {
        (true, true) => "Barn och unga 0–17 år och unga vuxna 18–25 år",
        (true, false) => "Barn och unga 0–17 år",
        (false, true) => "Unga vuxna 18–25 år",
        (false, false) => "Nej",
    };
    let activities = c
        .activities
        .iter()
        .map(|a| {
            let n = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
            view! { <tr><td>{a.kind.clone()}</td><td class="number">{n(a.occasions)}</td><td class="number">{n(a.participants)}</td></tr> }
        })
        .collect_view();
    let goals = c
        .goals
        .iter()
        .map(|g| view! { <li>{g.text.clone()}</li> })
        .collect_view();
    let requested = c.requested_ore.unwrap_or(0);
    let income = c
        .budget
        .income
        .iter()
        .map(|l| {
            let status = if l.status == IncomeStatus::Granted { String::new() } else { format!(", {}", l.status.label()) };
            view! { <tr><td>{l.source.clone()}{status}</td><td class="number">{money::format(l.amount_ore)}</td></tr> }
        })
        .collect_view();
    let costs = c
        .budget
        .costs
        .iter()
        .map(|l| {
            let what = if l.description.is_empty() {
                l.category.clone()
            } else {
                format!("{}: {}", l.category, l.description)
            };
            view! { <tr><td>{what}</td><td class="number">{money::format(l.amount_ore)}</td></tr> }
        })
        .collect_view();
    let difference = view.income_total - view.cost_total;
    let files = view
        .attachments
        .iter()
        .map(|f| view! { <li>{format!("{}: ", f.type_label)}<a href=format!("/dokument/{}", f.id)>{f.name.clone()}</a>{format!(" ({}, {})", f.kind, f.size)}</li> })
        .collect_view();
    let no_files = view.attachments.is_empty();
    view! {
        <section aria-labelledby="rubrik-aktuell">
            <h2 id="rubrik-aktuell">"Aktuell ansökan"</h2>
            <dl class="facts">
                <dt>"Bidragsform"</dt><dd>{view.programme.clone()}</dd>
                <dt>"Verksamhet"</dt><dd>{text(&c.activity_name)}</dd>
                <dt>"Period"</dt><dd>{match (c.period_from, c.period_to) {
                    (None, None) => "–".to_owned(),
                    (from, to) => format!("{} – {}", date(from), date(to)),
                }}</dd>
                <dt>"Sökt belopp"</dt><dd>{money::format_kr(requested)}</dd>
                <dt>"Sammanfattning"</dt><dd class="prose">{text(&c.summary)}</dd>
            </dl>
        </section>
        <section aria-labelledby="rubrik-malgrupp">
            <h2 id="rubrik-malgrupp">"Målgrupp"</h2>
            <p class="prose">{text(&c.target_group)}</p>
            <p>"Barn och unga: " {youth}</p>
        </section>
        <section aria-labelledby="rubrik-verksamhet">
            <h2 id="rubrik-verksamhet">"Verksamhet"</h2>
            <p class="prose">{text(&c.activity_description)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Aktiviteter">
                <table>
                    <thead><tr><th scope="col">"Aktivitet"</th><th scope="col" class="number">"Tillfällen"</th><th scope="col" class="number">"Deltagare per tillfälle"</th></tr></thead>
                    <tbody>{activities}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="rubrik-mal">
            <h2 id="rubrik-mal">"Mål"</h2>
            <ul>{goals}</ul>
        </section>
        <section aria-labelledby="rubrik-kompetens">
            <h2 id="rubrik-kompetens">"Kompetens"</h2>
            <p class="prose">{text(&c.competence)}</p>
        </section>
        <section aria-labelledby="rubrik-jamstalldhet">
            <h2 id="rubrik-jamstalldhet">"Jämställdhet"</h2>
            <p class="prose">{text(&c.gender_equality)}</p>
            <p>{format!("Deltagare: kvinnor {}, män {}, annan könstillhörighet {}", share(c.share_women), share(c.share_men), share(c.share_other))}</p>
        </section>
        <section aria-labelledby="rubrik-likabehandling">
            <h2 id="rubrik-likabehandling">"Likabehandling"</h2>
            <p class="prose">{text(&c.equal_treatment)}</p>
        </section>
        <section aria-labelledby="rubrik-lokal">
            <h2 id="rubrik-lokal">"Lokal"</h2>
            <p class="prose">{text(&c.premises)}</p>
        </section>
        <section aria-labelledby="rubrik-budget">
            <h2 id="rubrik-budget">"Budget för sökt verksamhet"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Budget">
                <table class="budget">
                    <thead><tr><th scope="col">"Intäkter"</th><th scope="col" class="number">"Belopp (kr)"</th></tr></thead>
                    <tbody>
                        <tr><td>"Sökt från nämnden"</td><td class="number">{money::format(requested)}</td></tr>
                        {income}
                        <tr class="budget__sum"><th scope="row">"Summa intäkter"</th><td class="number">{money::format(view.income_total)}</td></tr>
                    </tbody>
                    <thead><tr><th scope="col">"Kostnader"</th><th scope="col" class="number">"Belopp (kr)"</th></tr></thead>
                    <tbody>
                        {costs}
                        <tr class="budget__sum"><th scope="row">"Summa kostnader"</th><td class="number">{money::format(view.cost_total)}</td></tr>
                    </tbody>
                </table>
            </div>
            {(difference != 0).then(|| view! {
                <p class="notice">{format!("Budgeten går inte jämnt ut: intäkterna är {} kronor {} än kostnaderna.", money::format(difference.abs()), if difference > 0 { "högre" } else { "lägre" })}</p>
            })}
        </section>
        <section aria-labelledby="rubrik-bilagor">
            <h2 id="rubrik-bilagor">"Bilagor"</h2>
            {if no_files { view! { <p>"Inga bilagor."</p> }.into_any() } else { view! { <ul>{files}</ul> }.into_any() }}
        </section>
    }
}
