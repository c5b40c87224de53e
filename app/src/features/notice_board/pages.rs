//! `/anslagstavla`: the notices of justerade minutes, up now and archived.
use leptos::prelude::*;

use super::{api::notices, how_to_appeal, NoticeBoard, NoticeRow};
use crate::components::page::Page;
use crate::i18n::{t, Lang};

#[component]
pub fn NoticeBoardPage() -> impl IntoView {
    let loaded = Resource::new(|| (), |_| notices());
    view! {
        <Page title=t("notice-title")>
            <p class="lead">{t("notice-lead")}</p>
            <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(board) => board_page(board),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn notice(row: &NoticeRow, current: bool) -> impl IntoView {
    let lang = Lang::current();
    let heading = lang.format(
        "notice-heading",
        &[
            ("body", row.body.clone().into()),
            ("meeting", row.meeting.clone().into()),
        ],
    );
    view! {
        <article class="panel notice-board__item">
            <h3>{heading}</h3>
            <dl class="facts">
                <dt>{t("notice-minutes")}</dt><dd>{format!("{} ({})", row.paragraphs, row.body)}</dd>
                <dt>{t("notice-justered")}</dt><dd>{row.justered.clone()}</dd>
                <dt>{t("notice-up")}</dt><dd>{row.up.clone()}</dd>
                <dt>{if current { t("notice-down") } else { t("notice-was-down") }}</dt><dd>{row.down.clone()}</dd>
                <dt>{t("decision-legal-force")}</dt><dd>{lang.format("notice-legal-force-text", &[("date", row.legal_force.clone().into())])}</dd>
                <dt>{t("notice-kept-at")}</dt><dd lang="sv">{row.kept_at.clone()}</dd>
            </dl>
            <p>{how_to_appeal(&row.down)}</p>
            <p><a href=format!("/beslut?mote={}", row.meeting_id)>{t("notice-decisions")}</a></p>
        </article>
    }
}

fn board_page(board: NoticeBoard) -> AnyView {
    let current = board.current.iter().map(|n| notice(n, true)).collect_view();
    let archived = board
        .archived
        .iter()
        .map(|n| notice(n, false))
        .collect_view();
    view! {
        <section aria-labelledby="rubrik-uppe">
            <h2 id="rubrik-uppe">{t("notice-current")}</h2>
            {if board.current.is_empty() { view! { <p>{t("notice-none-current")}</p> }.into_any() } else { current.into_any() }}
        </section>
        <section aria-labelledby="rubrik-arkiv">
            <h2 id="rubrik-arkiv">{t("notice-archive")}</h2>
            {if board.archived.is_empty() { view! { <p>{t("notice-none-archived")}</p> }.into_any() } else { archived.into_any() }}
        </section>
    }
    .into_any()
}
