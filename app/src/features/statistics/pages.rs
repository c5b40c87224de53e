//! `/statistik`: the figures, each chart with its table beside it and a CSV download.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{api::statistics, percent_text, StatisticsView, CHILDREN_GOAL_PERCENT};
use crate::components::page::Page;
use crate::domain::money::format_kr;

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let year = use_query_map().with_untracked(|q| q.get("ar").and_then(|y| y.parse().ok()));
    let loaded = Resource::new(|| (), move |_| statistics(year));
    view! {
        <Page title="Statistik om föreningsbidragen" wide=true>
            <p class="lead">"Hur många ansökningar som kommit in och beviljats, hur mycket pengar som sökts och delats ut, hur stor del som går till barn och unga och vilka verksamheterna når. Siffrorna bygger på nämndens justerade beslut."</p>
            <Suspense fallback=|| view! { <p>"Hämtar statistiken …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(view) => render(view),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// A chart (hidden from assistive tech: the table beside it holds the same figures).
fn chart(svg: String) -> impl IntoView {
    (!svg.is_empty()).then(|| view! { <div class="chart" inner_html=svg></div> })
}

fn csv_link(table: &str, year: Option<i32>, what: &str) -> impl IntoView {
    let href = match year {
        Some(year) => format!("/statistik/{table}.csv?ar={year}"),
        None => format!("/statistik/{table}.csv"),
    };
    view! { <p><a href=href download>{format!("Ladda ned {what} som CSV")}</a></p> }
}

fn render(view: StatisticsView) -> AnyView {
    let year = view.year;
    let years = view
        .years
        .iter()
        .map(|y| view! { <option value=y.to_string() selected=*y == year>{y.to_string()}</option> })
        .collect_view();
    let programme_rows = view
        .programmes
        .iter()
        .chain(std::iter::once(&view.total))
        .map(|r| {
            let is_total = r.programme == view.total.programme;
            let cells = view! {
                <td class="number">{r.received}</td>
                <td class="number">{r.decided}</td>
                <td class="number">{r.granted}</td>
                <td class="number">{r.granted_percent().map(|p| format!("{p} %")).unwrap_or_else(|| "–".into())}</td>
                <td class="number">{format_kr(r.requested_ore)}</td>
                <td class="number">{format_kr(r.granted_ore)}</td>
            };
            if is_total {
                view! { <tr class="total"><th scope="row">{r.programme.clone()}</th>{cells}</tr> }.into_any()
            } else {
                view! { <tr><th scope="row">{r.programme.clone()}</th>{cells}</tr> }.into_any()
            }
        })
        .collect_view();
    let children_rows = view
        .children
        .iter()
        .map(|r| {
            let share = r.permille();
            let met = share.is_some_and(|p| p >= i64::from(CHILDREN_GOAL_PERCENT) * 10);
            view! {
                <tr>
                    <th scope="row">{r.year}</th>
                    <td class="number">{format_kr(r.granted_ore)}</td>
                    <td class="number">{format_kr(r.children_ore)}</td>
                    <td class="number">{share.map(percent_text).unwrap_or_else(|| "–".into())}</td>
                    <td>{if met { "Ja" } else { "Nej" }}</td>
                </tr>
            }
        })
        .collect_view();
    let gender_rows = view
        .gender
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.year}</th>
                    <td class="number">{format!("{} %", r.women)}</td>
                    <td class="number">{format!("{} %", r.men)}</td>
                    <td class="number">{format!("{} %", r.other)}</td>
                    <td class="number">{r.applications}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form method="get" action="/statistik" class="filters" aria-label="Välj år">
            <div class="field">
                <label for="statistik-ar">"År"</label>
                <select id="statistik-ar" name="ar">{years}</select>
            </div>
            <p class="actions"><button type="submit" class="button">"Visa"</button></p>
        </form>

        <section aria-labelledby="rubrik-bidragsformer">
            <h2 id="rubrik-bidragsformer">{format!("Ansökningar och beslut {year}")}</h2>
            <div class="figure">
                {chart(view.amounts_chart.clone())}
                <table>
                    <caption>{format!("Per bidragsform {year}: ansökningar som kom in, beslut, andel beviljade, sökt och beviljat belopp")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Bidragsform"</th>
                            <th scope="col">"Inkomna"</th>
                            <th scope="col">"Beslutade"</th>
                            <th scope="col">"Beviljade"</th>
                            <th scope="col">"Andel beviljade"</th>
                            <th scope="col">"Sökt belopp (beslutade)"</th>
                            <th scope="col">"Beviljat belopp"</th>
                        </tr>
                    </thead>
                    <tbody>{programme_rows}</tbody>
                </table>
            </div>
            {csv_link("bidragsformer", Some(year), "tabellen")}
        </section>

        <section aria-labelledby="rubrik-barn">
            <h2 id="rubrik-barn">"Pengar till barn och unga"</h2>
            <p>{format!("Nämndens mål är att minst {CHILDREN_GOAL_PERCENT} procent av bidragen ska gå till verksamhet för barn och unga. Här räknas beviljade belopp till verksamheter vars målgrupp är barn och unga (0–17 år) eller unga vuxna (18–25 år).")}</p>
            <div class="figure">
                {chart(view.children_chart.clone())}
                <table>
                    <caption>"Beviljat belopp per år och andelen till barn och unga"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"År"</th>
                            <th scope="col">"Beviljat totalt"</th>
                            <th scope="col">"Varav barn och unga"</th>
                            <th scope="col">"Andel"</th>
                            <th scope="col">{format!("Når målet ({CHILDREN_GOAL_PERCENT} %)")}</th>
                        </tr>
                    </thead>
                    <tbody>{children_rows}</tbody>
                </table>
            </div>
            {csv_link("barn-och-unga", None, "tabellen")}
        </section>

        <section aria-labelledby="rubrik-kon">
            <h2 id="rubrik-kon">"Vilka verksamheterna når"</h2>
            <p>"Fördelningen mellan kvinnor och män bland deltagarna, så som föreningarna med beviljade ansökningar har uppskattat den: medelvärdet av ansökningarnas andelar."</p>
            <div class="figure">
                {chart(view.gender_chart.clone())}
                <table>
                    <caption>"Deltagarnas könsfördelning per år"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"År"</th>
                            <th scope="col">"Kvinnor"</th>
                            <th scope="col">"Män"</th>
                            <th scope="col">"Annat eller vill inte ange"</th>
                            <th scope="col">"Antal ansökningar"</th>
                        </tr>
                    </thead>
                    <tbody>{gender_rows}</tbody>
                </table>
            </div>
            {csv_link("kon", None, "tabellen")}
        </section>
    }
    .into_any()
}
