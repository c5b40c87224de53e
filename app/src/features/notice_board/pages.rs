//! `/anslagstavla`: the notices of justerade minutes, up now and archived.
use leptos::prelude::*;

use super::{api::notices, how_to_appeal, NoticeBoard, NoticeRow};
use crate::components::page::Page;

#[component]
pub fn NoticeBoardPage() -> impl IntoView {
    let loaded = Resource::new(|| (), |_| notices());
    view! {
        <Page title="Anslagstavla">
            <p class="lead">"Socialnämndens digitala anslagstavla. När ett protokoll är justerat sätts ett tillkännagivande upp här samma dag. Det sitter uppe under de tre veckor då besluten kan överklagas; sedan finns det kvar i arkivet nedan."</p>
            <Suspense fallback=|| view! { <p>"Hämtar anslagen …"</p> }>
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
    let heading = format!("{}, sammanträde {}", row.body, row.meeting);
    view! {
        <article class="panel notice-board__item">
            <h3>{heading}</h3>
            <dl class="facts">
                <dt>"Protokoll"</dt><dd>{format!("{} ({})", row.paragraphs, row.body)}</dd>
                <dt>"Justerat"</dt><dd>{row.justered.clone()}</dd>
                <dt>"Anslaget"</dt><dd>{row.up.clone()}</dd>
                <dt>{if current { "Tas ned efter" } else { "Togs ned efter" }}</dt><dd>{row.down.clone()}</dd>
                <dt>"Laga kraft"</dt><dd>{format!("{} om ingen har överklagat", row.legal_force)}</dd>
                <dt>"Förvaringsplats"</dt><dd>{row.kept_at.clone()}</dd>
            </dl>
            <p>{how_to_appeal(&row.down)}</p>
            <p><a href=format!("/beslut?mote={}", row.meeting_id)>"Besluten från sammanträdet"</a></p>
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
            <h2 id="rubrik-uppe">"Anslag just nu"</h2>
            {if board.current.is_empty() { view! { <p>"Inga anslag sitter uppe just nu."</p> }.into_any() } else { current.into_any() }}
        </section>
        <section aria-labelledby="rubrik-arkiv">
            <h2 id="rubrik-arkiv">"Arkiv"</h2>
            {if board.archived.is_empty() { view! { <p>"Inga äldre anslag."</p> }.into_any() } else { archived.into_any() }}
        </section>
    }
    .into_any()
}
