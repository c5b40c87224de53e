//! The HTTP side of the minutes (`app::features::minutes`): the staff's posts (save, or
//! show the preview) and the public Atom feed. The pages are Leptos routes.
use app::features::minutes::{
    commands::{self, MinutesInput},
    field, href, queries, LIST, PREVIEW, STAFF,
};
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use chrono::NaiveDate;

use super::{
    members::not_found,
    render::page_with_form,
    toolkit::{refused_here, Posted, SignedIn},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(&format!("{STAFF}/ny"), post(create))
        .route(&format!("{STAFF}/{{date}}"), post(edit))
        .route(&format!("{LIST}.atom"), get(feed))
}

const FIELDS: [&str; 4] = [field::DATE, field::TITLE, field::ATTENDEES, field::TEXT];

/// `POST /handlaggning/minnesanteckningar/ny`: new minutes.
async fn create(state: State<AppState>, user: SignedIn, request: Request) -> Response {
    save(state, user, None, request).await
}

/// `POST /handlaggning/minnesanteckningar/{date}`: changed minutes.
async fn edit(
    state: State<AppState>,
    user: SignedIn,
    Path(date): Path<String>,
    request: Request,
) -> Response {
    match NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
        Ok(day) => save(state, user, Some(day), request).await,
        Err(_) => not_found(),
    }
}

async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    original: Option<NaiveDate>,
    request: Request,
) -> Response {
    if !user.role.is_staff() {
        return not_found();
    }
    let (parts, form) = Posted::read(&state, request).await;
    let mut kept = form.kept(&FIELDS);
    if form.one(field::ACTION) == PREVIEW {
        kept.values
            .insert(field::ACTION.to_owned(), PREVIEW.to_owned());
        return page_with_form(&state, parts, kept, StatusCode::OK).await;
    }
    let input = MinutesInput {
        date: form.one(field::DATE),
        title: form.one(field::TITLE),
        attendees: form.one(field::ATTENDEES),
        text: form.one(field::TEXT),
    };
    match commands::save(&state.ctx(), user.id, original, &input).await {
        Ok(day) => Redirect::to(&format!("{}?sparat=1", href(&day.to_string()))).into_response(),
        Err(error) => refused_here(&state, parts, kept, error).await,
    }
}

/// `GET …/minnesanteckningar.atom`: the minutes as an Atom feed, newest first.
async fn feed(State(state): State<AppState>) -> Response {
    let meetings = match queries::all(&state.db).await {
        Ok(meetings) => meetings,
        Err(error) => {
            tracing::error!(%error, "the minutes feed could not be read");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let base = state
        .settings
        .public_url
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    let link = |href: String, rel: &str| Link {
        href,
        rel: rel.to_owned(),
        ..Link::default()
    };
    let entries: Vec<Entry> = meetings
        .iter()
        .take(50)
        .map(|m| {
            let address = format!("{base}{}", href(&m.held_on.to_string()));
            let mut entry = Entry::default();
            entry.set_id(format!("urn:uuid:{}", m.id));
            entry.set_title(Text::plain(format!(
                "{} – {}",
                m.title,
                app::domain::programme_window::long_date(m.held_on)
            )));
            entry.set_updated(m.updated_at.fixed_offset());
            entry.set_published(Some(m.created_at.fixed_offset()));
            entry.set_links(vec![link(address, "alternate")]);
            let mut content = Content::default();
            content.set_content_type(Some("html".to_owned()));
            // Sanitised when saved (backend::markdown).
            content.set_value(Some(m.html.clone()));
            entry.set_content(Some(content));
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_id(format!("{base}{LIST}"));
    feed.set_title(Text::plain(
        "Minnesanteckningar från Gemensam utvecklingsgrupp",
    ));
    feed.set_lang(Some("sv".to_owned()));
    feed.set_authors(vec![Person {
        name: "Socialförvaltningen".to_owned(),
        ..Person::default()
    }]);
    feed.set_links(vec![
        link(format!("{base}{LIST}"), "alternate"),
        link(format!("{base}{LIST}.atom"), "self"),
    ]);
    feed.set_updated(
        meetings
            .iter()
            .map(|m| m.updated_at)
            .max()
            .unwrap_or_default()
            .fixed_offset(),
    );
    feed.set_entries(entries);
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response()
}
