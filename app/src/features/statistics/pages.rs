//! `/statistik`: the figures, each chart with its table beside it and a CSV download.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{api::statistics, percent_text, StatisticsView, CHILDREN_GOAL_PERCENT};
use crate::components::page::Page;
use crate::i18n::{t, Lang};

/// A share as the page's language writes it: `10,4 %` / `10.4%`.
fn share(lang: Lang, permille: i64) -> String {
    match lang {
        Lang::Sv => percent_text(permille),
        Lang::En => percent_text(permille).replace(',', ".").replace(" %", "%"),
    }
}

/// A whole percent: `67 %` / `67%`.
fn whole(lang: Lang, percent: u64) -> String {
    match lang {
        Lang::Sv => format!("{percent} %"),
        Lang::En => format!("{percent}%"),
    }
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let year = use_query_map().with_untracked(|q| q.get("ar").and_then(|y| y.parse().ok()));
    let loaded = Resource::new(|| (), move |_| statistics(year));
    view! {
        <Page title=t("stats-title") wide=true>
            <p class="lead">{t("stats-lead")}</p>
            <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
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

fn csv_link(table: &str, year: Option<i32>) -> impl IntoView {
    let href = match year {
        Some(year) => format!("/statistik/{table}.csv?ar={year}"),
        None => format!("/statistik/{table}.csv"),
    };
    view! { <p><a href=href download>{t("stats-csv")}</a></p> }
}

fn render(view: StatisticsView) -> AnyView {
    let lang = Lang::current();
    let format_kr = move |ore: i64| lang.kronor(ore);
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
            let name = if is_total { t("stats-total").to_owned() } else { r.programme.clone() };
            let cells = view! {
                <td class="number">{r.received}</td>
                <td class="number">{r.decided}</td>
                <td class="number">{r.granted}</td>
                <td class="number">{r.granted_percent().map(|p| whole(lang, p)).unwrap_or_else(|| "–".into())}</td>
                <td class="number">{format_kr(r.requested_ore)}</td>
                <td class="number">{format_kr(r.granted_ore)}</td>
            };
            if is_total {
                view! { <tr class="total"><th scope="row">{name}</th>{cells}</tr> }.into_any()
            } else {
                view! { <tr><th scope="row">{name}</th>{cells}</tr> }.into_any()
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
                    <td class="number">{share.map(|p| super::pages::share(lang, p)).unwrap_or_else(|| "–".into())}</td>
                    <td>{if met { t("yes") } else { t("no") }}</td>
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
                    <td class="number">{whole(lang, u64::from(r.women))}</td>
                    <td class="number">{whole(lang, u64::from(r.men))}</td>
                    <td class="number">{whole(lang, u64::from(r.other))}</td>
                    <td class="number">{r.applications}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form method="get" action="/statistik" class="filters" aria-label=t("stats-choose-year")>
            <div class="field">
                <label for="statistik-ar">{t("stats-year")}</label>
                <select id="statistik-ar" name="ar">{years}</select>
            </div>
            <p class="actions"><button type="submit" class="button">{t("stats-show")}</button></p>
        </form>

        <section aria-labelledby="rubrik-bidragsformer">
            <h2 id="rubrik-bidragsformer">{lang.format("stats-programmes", &[("year", year.into())])}</h2>
            <div class="figure">
                {chart(view.amounts_chart.clone())}
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rubrik-bidragsformer">
                <table>
                    <caption>{lang.format("stats-programmes-caption", &[("year", year.into())])}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("decisions-programme")}</th>
                            <th scope="col">{t("stats-received")}</th>
                            <th scope="col">{t("stats-decided")}</th>
                            <th scope="col">{t("stats-granted")}</th>
                            <th scope="col">{t("stats-granted-share")}</th>
                            <th scope="col">{t("stats-requested")}</th>
                            <th scope="col">{t("decision-granted")}</th>
                        </tr>
                    </thead>
                    <tbody>{programme_rows}</tbody>
                </table>
                </div>
            </div>
            {csv_link("bidragsformer", Some(year))}
        </section>

        <section aria-labelledby="rubrik-barn">
            <h2 id="rubrik-barn">{t("stats-children")}</h2>
            <p>{lang.format("stats-children-text", &[("goal", CHILDREN_GOAL_PERCENT.into())])}</p>
            <div class="figure">
                {chart(view.children_chart.clone())}
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rubrik-barn">
                <table>
                    <caption>{t("stats-children-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("stats-year")}</th>
                            <th scope="col">{t("stats-granted-total")}</th>
                            <th scope="col">{t("stats-of-which-children")}</th>
                            <th scope="col">{t("stats-share")}</th>
                            <th scope="col">{lang.format("stats-meets-goal", &[("goal", CHILDREN_GOAL_PERCENT.into())])}</th>
                        </tr>
                    </thead>
                    <tbody>{children_rows}</tbody>
                </table>
                </div>
            </div>
            {csv_link("barn-och-unga", None)}
        </section>

        <section aria-labelledby="rubrik-kon">
            <h2 id="rubrik-kon">{t("stats-gender")}</h2>
            <p>{t("stats-gender-text")}</p>
            <div class="figure">
                {chart(view.gender_chart.clone())}
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rubrik-kon">
                <table>
                    <caption>{t("stats-gender-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("stats-year")}</th>
                            <th scope="col">{t("stats-women")}</th>
                            <th scope="col">{t("stats-men")}</th>
                            <th scope="col">{t("stats-other")}</th>
                            <th scope="col">{t("stats-applications")}</th>
                        </tr>
                    </thead>
                    <tbody>{gender_rows}</tbody>
                </table>
                </div>
            </div>
            {csv_link("kon", None)}
        </section>
    }
    .into_any()
}
