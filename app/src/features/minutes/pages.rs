//! The minutes' pages: the list by year with the search, one meeting's minutes, and the
//! staff's form (new or edit) with its preview.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{draft, meeting, minutes},
    field, href, Hit, MeetingDraft, MeetingRow, MeetingView, MinutesList, LIST, PREVIEW, STAFF,
};
use crate::components::form::{ErrorSummary, FormState, TextArea, TextField};
use crate::components::markdown::{preview, preview_section, HINT};
use crate::components::page::Page;
use crate::i18n::{t, Lang};

/// The meeting's date in the page's language (the row carries it in Swedish too).
pub fn shown_date(row: &MeetingRow) -> String {
    chrono::NaiveDate::parse_from_str(&row.date, "%Y-%m-%d")
        .map(|day| Lang::current().long_date(day))
        .unwrap_or_else(|_| row.long_date.clone())
}

/// The Atom feed's address.
pub const FEED: &str = "/gemensam-utvecklingsgrupp/minnesanteckningar.atom";

fn feed_link() -> impl IntoView {
    view! { <leptos_meta::Link rel="alternate" type_="application/atom+xml" href=FEED title=t("minutes-title") /> }
}

#[component]
pub fn MinutesPage() -> impl IntoView {
    let (search, page) = use_query_map().with_untracked(|q| {
        let page = q
            .get(field::PAGE)
            .and_then(|p| p.trim().parse::<u64>().ok());
        (q.get(field::SEARCH).unwrap_or_default(), page.unwrap_or(1))
    });
    let loaded = Resource::new(|| (), move |_| minutes(search.clone(), page));
    view! {
        {feed_link()}
        <Page title=t("minutes-title") heading=t("forum-minutes")>
            <p class="lead">
                {t("minutes-lead-before")}<a href="/gemensam-utvecklingsgrupp">{t("nav-forum")}</a>
                {t("minutes-lead-after")}
            </p>
            <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => list_view(list),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p><a href=FEED>{t("minutes-feed")}</a></p>
        </Page>
    }
}

fn meeting_link(row: &MeetingRow) -> impl IntoView {
    view! {
        <a href=href(&row.date)>{shown_date(row)}" – "<span lang="sv">{row.title.clone()}</span></a>
    }
}

fn hit_view(hit: Hit) -> impl IntoView {
    let context = hit
        .context
        .into_iter()
        .map(|(text, marked)| {
            if marked {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view();
    view! {
        <li>
            <p class="hit__title">{meeting_link(&hit.meeting)}</p>
            <p class="hit__context">{context}</p>
        </li>
    }
}

/// The address of page `page` of the hits of `search`.
fn hits_href(search: &str, page: u64) -> String {
    let search = crate::features::queue::encode(search);
    if page <= 1 {
        format!("{LIST}?{}={search}", field::SEARCH)
    } else {
        format!("{LIST}?{}={search}&{}={page}", field::SEARCH, field::PAGE)
    }
}

fn list_view(list: MinutesList) -> AnyView {
    let search_form = view! {
        <form method="get" action=LIST role="search" aria-label=t("minutes-search") class="filters">
            <div class="field">
                <label for="sok-minnesanteckningar">{t("minutes-search")}</label>
                <p class="field__hint" id="sok-minnesanteckningar-tips">{t("minutes-search-hint")}</p>
                <input id="sok-minnesanteckningar" type="search" name=field::SEARCH value=list.search.clone() maxlength="200" aria-describedby="sok-minnesanteckningar-tips" />
            </div>
            <p class="actions"><button type="submit" class="button">{t("minutes-search-submit")}</button></p>
        </form>
    };
    let new = list.can_edit.then(|| {
        view! { <p><a class="button button--secondary" href=format!("{STAFF}/ny")>"Skriv nya minnesanteckningar"</a></p> }
    });
    let search = list.search.clone();
    let pager =
        crate::components::pager::pager(list.page, list.pages, move |n| hits_href(&search, n));
    let body = match list.hits {
        Some(hits) => {
            let count = Lang::current().format(
                "minutes-hits",
                &[("count", list.total.into()), ("search", list.search.clone().into())],
            );
            let start = (list.page - 1) * super::HITS_PER_PAGE + 1;
            let items = hits.into_iter().map(hit_view).collect_view();
            view! {
                <section aria-labelledby="rubrik-traffar">
                    <h2 id="rubrik-traffar">{t("minutes-results")}</h2>
                    <p role="status">{count}</p>
                    <ol class="hits" start=start>{items}</ol>
                    {pager}
                    <p><a href=LIST>{t("minutes-show-all")}</a></p>
                </section>
            }
            .into_any()
        }
        None if list.years.is_empty() => {
            view! { <p>{t("minutes-none")}</p> }.into_any()
        }
        None => list
            .years
            .into_iter()
            .map(|(year, meetings)| {
                let id = format!("ar-{year}");
                let labelled_by = id.clone();
                let items = meetings
                    .iter()
                    .map(|m| view! { <li>{meeting_link(m)}{Lang::current().format("minutes-present-count", &[("count", m.attendees.into())])}</li> })
                    .collect_view();
                view! {
                    <section aria-labelledby=labelled_by>
                        <h2 id=id>{year}</h2>
                        <ul>{items}</ul>
                    </section>
                }
            })
            .collect_view()
            .into_any(),
    };
    view! { {search_form}{new}{body} }.into_any()
}

fn date_param() -> String {
    use_params_map().with_untracked(|p| p.get("date").unwrap_or_default())
}

#[component]
pub fn MinutesMeetingPage() -> impl IntoView {
    let date = date_param();
    let loaded = Resource::new(move || date.clone(), meeting);
    view! {
        {feed_link()}
        <Suspense fallback=|| view! { <p>{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => meeting_view(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn meeting_view(view: MeetingView) -> AnyView {
    let saved = use_query_map().with_untracked(|q| q.get("sparat").is_some());
    let day = shown_date(&view.meeting);
    let title = format!("{} – {day}", view.meeting.title);
    let links: std::collections::HashMap<String, String> = view.links.iter().cloned().collect();
    let attendees = view
        .attendees
        .iter()
        .map(|a| {
            // Each organisation of the attendee, linked to its association's public page
            // where one is registered under that name.
            let organisations = a
                .organisations()
                .map(|o| match links.get(o) {
                    Some(href) => view! { ", "<a href=href.clone()>{o.to_owned()}</a> }.into_any(),
                    None => format!(", {o}").into_any(),
                })
                .collect_view();
            view! { <li>{a.name.clone()}<span class="attendee__organisation">{organisations}</span></li> }
        })
        .collect_view();
    let edit = view.can_edit.then(|| {
        view! { <p><a class="button button--secondary" href=format!("{STAFF}/{}", view.meeting.date)>"Redigera minnesanteckningarna"</a></p> }
    });
    view! {
        <Page title=title heading=view.meeting.title.clone()>
            {saved.then(|| view! { <p class="notice" role="status">"Minnesanteckningarna är sparade och publicerade."</p> })}
            <p class="lead">
                {t("nav-forum")}", "
                <time datetime=view.meeting.date.clone()>{day}</time>
            </p>
            {edit}
            <section aria-labelledby="rubrik-narvarande">
                <h2 id="rubrik-narvarande">{Lang::current().format("minutes-present", &[("count", view.attendees.len().into())])}</h2>
                <ul class="attendees">{attendees}</ul>
            </section>
            // Sanitised by ammonia when it was saved (backend::markdown).
            // The minutes are written in Swedish, whatever the page's language.
            <div class="prose" lang="sv" inner_html=view.html></div>
            <p><a href=LIST>{t("minutes-all")}</a></p>
        </Page>
    }
    .into_any()
}

#[component]
pub fn EditMinutesPage() -> impl IntoView {
    if crate::features::queue::pages::require_case_reader().is_none() {
        return crate::auth::denied();
    }
    let date = date_param();
    let posted = FormState::current();
    let wants_preview = posted.value(field::ACTION) == PREVIEW;
    let typed = posted.value(field::TEXT);
    let loaded = Resource::new(
        move || date.clone(),
        move |date| {
            let typed = typed.clone();
            async move {
                let start = draft(date).await?;
                let shown = if wants_preview {
                    Some(preview(typed).await?)
                } else {
                    None
                };
                Ok::<_, crate::error::AppError>((start, shown))
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar formuläret …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((start, shown)) => edit_view(start, shown),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn edit_view(start: MeetingDraft, shown: Option<String>) -> AnyView {
    let posted = FormState::current();
    let mut values = std::collections::HashMap::from([
        (field::DATE.to_owned(), start.date.clone()),
        (field::TITLE.to_owned(), start.title.clone()),
        (field::ATTENDEES.to_owned(), start.attendees.clone()),
        (field::TEXT.to_owned(), start.text.clone()),
    ]);
    if !posted.values.is_empty() {
        values.extend(posted.values.clone());
    }
    provide_context(FormState { values, ..posted });
    let (title, action) = match &start.original {
        Some(date) => (
            format!("Redigera minnesanteckningarna från {date}"),
            format!("{STAFF}/{date}"),
        ),
        None => ("Nya minnesanteckningar".to_owned(), format!("{STAFF}/ny")),
    };
    let preview = shown.map(preview_section);
    view! {
        <Page title=title>
            <ErrorSummary />
            {preview}
            <form method="post" action=action novalidate>
                <TextField name=field::DATE label="Mötesdatum" hint="ÅÅÅÅ-MM-DD, till exempel 2017-11-27." required=true maxlength=10 />
                <TextField name=field::TITLE label="Rubrik" hint="Mötets namn eller huvudtema." required=true maxlength=200 />
                <TextArea name=field::ATTENDEES label="Närvarande" hint="En person per rad: namn, komma, organisation. Till exempel: Lotta Forsmark, Fontänhuset" rows=12 />
                <TextArea name=field::TEXT label="Minnesanteckningar (Markdown)" hint=HINT required=true rows=24 />
                <p class="actions">
                    <button type="submit" name=field::ACTION value=PREVIEW class="button button--secondary">"Förhandsgranska"</button>
                    " "
                    <button type="submit" name=field::ACTION value="spara" class="button">"Spara och publicera"</button>
                </p>
            </form>
        </Page>
    }
    .into_any()
}
