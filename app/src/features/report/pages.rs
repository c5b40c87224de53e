//! `/handlaggning/arenden/:id/tjansteutlatande`: the tjänsteutlåtande as a print-ready
//! page (the site's frame is left out when printed).
use leptos::prelude::*;

use super::{api::case_report, Report};
use crate::auth::denied;

#[component]
pub fn ReportPage() -> impl IntoView {
    if crate::features::queue::pages::require_case_reader().is_none() {
        return denied();
    }
    let id = crate::features::applications::pages::path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => case_report(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar tjänsteutlåtandet …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(report) => render(report),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn paragraphs(texts: &[String]) -> impl IntoView {
    texts
        .iter()
        .map(|t| view! { <p>{t.clone()}</p> })
        .collect_view()
}

fn section(title: &'static str, text: &str) -> impl IntoView {
    (!text.is_empty()).then(|| view! { <h3>{title}</h3><p>{text.to_owned()}</p> })
}

fn render(r: Report) -> AnyView {
    let title = format!("Tjänsteutlåtande {}", r.dnr);
    let points = r
        .proposal_points
        .iter()
        .map(|p| view! { <li>{p.clone()}</li> })
        .collect_view();
    let activities = (!r.activities.is_empty()).then(|| {
        let rows = r
            .activities
            .iter()
            .map(|(kind, occasions, participants)| view! { <tr><td>{kind.clone()}</td><td class="number">{occasions.clone()}</td><td class="number">{participants.clone()}</td></tr> })
            .collect_view();
        view! {
            <table class="table">
                <caption>"Planerade aktiviteter"</caption>
                <thead><tr><th scope="col">"Aktivitet"</th><th scope="col" class="number">"Tillfällen"</th><th scope="col" class="number">"Deltagare per tillfälle"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let goals = (!r.goals.is_empty()).then(|| {
        let items = r
            .goals
            .iter()
            .map(|g| view! { <li>{g.clone()}</li> })
            .collect_view();
        view! { <h3>"Mål"</h3><ul>{items}</ul> }
    });
    let line = |(text, amount): &(String, String)| view! { <tr><td>{text.clone()}</td><td class="number">{amount.clone()}</td></tr> };
    let income = r.income.iter().map(line).collect_view();
    let costs = r.costs.iter().map(line).collect_view();
    let criteria = r
        .criteria
        .iter()
        .map(|(label, verdict, text)| {
            view! {
                <h3>{label.clone()}</h3>
                <p>{text.clone()}</p>
                <p><strong>{format!("Bedömning: {}.", verdict.to_lowercase())}</strong></p>
            }
        })
        .collect_view();
    let signers = r
        .signers
        .iter()
        .map(|(name, title)| view! { <p class="signature">{name.clone()}<br />{title.clone()}<br />"Socialförvaltningen"</p> })
        .collect_view();
    let attested = r
        .attested
        .iter()
        .map(|(name, date)| view! { <tr><td>{name.clone()}</td><td>{date.clone()}</td></tr> })
        .collect_view();
    view! {
        <leptos_meta::Title text=title.clone() />
        <article class="report">
            <p class="report__print">"Sidan är gjord för utskrift: skriv ut med webbläsarens utskriftsfunktion (Ctrl+P) eller spara som PDF. "<a href=format!("/handlaggning/arenden/{}/tjansteutlatande.pdf", r.case_id)>"Ladda ner som PDF"</a>" · "<a href=format!("/handlaggning/arenden/{}", r.case_id)>"Till ärendet"</a></p>
            <div class="report__head">
                <p><strong>"Handläggare"</strong><br />{r.handler.0.clone()}<br />{(!r.handler.1.is_empty()).then(|| format!("Telefon: {}", r.handler.1))}</p>
                <p><strong>"Till"</strong><br />{r.to.clone()}<br />{r.date.clone()}</p>
                <p><strong>"Diarienummer"</strong><br />{r.dnr.clone()}</p>
            </div>
            <h1>{r.title.clone()}</h1>
            <p class="lead">{r.subtitle.clone()}</p>
            <h2>"Förvaltningens förslag till beslut"</h2>
            <ol>{points}</ol>
            <h2>"Sammanfattning"</h2>
            {paragraphs(&r.summary)}
            <h2>"Bakgrund"</h2>
            <p>{r.background.clone()}</p>
            <h2>"Ärendet"</h2>
            <p>{r.matter.clone()}</p>
            <h3>"Ärendets beredning"</h3>
            <p>{r.preparation.clone()}</p>
            <h3>"Sökande förening"</h3>
            {paragraphs(&r.applicant)}
            <h2>"Aktuell ansökan"</h2>
            {section("Målgrupp", &r.target_group)}
            <h3>"Verksamhet"</h3>
            {paragraphs(&r.activity)}
            {activities}
            {goals}
            {section("Kompetens", &r.competence)}
            {section("Jämställdhet", &r.gender_equality)}
            {section("Likabehandling", &r.equal_treatment)}
            {section("Lokal", &r.premises)}
            <h3>"Budget för sökt verksamhet"</h3>
            <table class="table budget">
                <caption class="visually-hidden">"Budget för sökt verksamhet"</caption>
                <thead><tr><th scope="col">"Intäkter"</th><th scope="col" class="number">"Belopp"</th></tr></thead>
                <tbody>{income}<tr class="sum"><th scope="row">"Summa intäkter"</th><td class="number"><strong>{r.income_total.clone()}</strong></td></tr></tbody>
                <thead><tr><th scope="col">"Kostnader"</th><th scope="col"></th></tr></thead>
                <tbody>{costs}<tr class="sum"><th scope="row">"Summa kostnader"</th><td class="number"><strong>{r.cost_total.clone()}</strong></td></tr></tbody>
            </table>
            <h2>"Förvaltningens bedömning"</h2>
            <p>"Av socialnämndens riktlinjer för bidrag till ideella föreningar framgår att verksamheten ska vara stadsövergripande och öppen, komplettera socialtjänstens verksamheter, drivas med god kvalitet och till rimliga kostnader för att bidrag ska kunna beviljas. Förvaltningen gör en samlad bedömning av hur verksamheten uppfyller kraven."</p>
            {criteria}
            {section("Jämställdhetsanalys", &r.equality_analysis)}
            <h2>"Förvaltningens synpunkter och förslag"</h2>
            {paragraphs(&r.views)}
            <div class="report__signers">{signers}</div>
            <h2>"Attesterat av"</h2>
            {if r.attested.is_empty() {
                view! { <p>"Inte attesterat ännu."</p> }.into_any()
            } else {
                view! {
                    <p>"Detta dokument har godkänts digitalt av följande personer:"</p>
                    <table class="table"><thead><tr><th scope="col">"Namn"</th><th scope="col">"Datum"</th></tr></thead><tbody>{attested}</tbody></table>
                }.into_any()
            }}
        </article>
    }
    .into_any()
}
