//! The HTTP side of the IOP partnerships (`app::features::partnerships`): the officer's
//! new partnership, notice, group members and meeting notes, review and
//! tjänsteutlåtande (page and PDF); the partner's report. Each handler reads the form,
//! calls one command and maps the outcome.
use app::{
    components::form::FormState,
    features::partnerships::{
        commands::{self, Verdict},
        field, queries, report_href, review_href, staff_href, NEW,
    },
};
use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::{
    members::not_found,
    toolkit::{refused_at, saved_or_refused, Posted, SignedIn, Verifier},
};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(NEW, post(create))
        .route("/handlaggning/partnerskap/{id}/uppsagning", post(notice))
        .route(
            "/handlaggning/partnerskap/{id}/uppsagning/aterkalla",
            post(withdraw_notice),
        )
        .route("/handlaggning/partnerskap/{id}/ledamoter", post(add_member))
        .route(
            "/handlaggning/partnerskap/{id}/ledamoter/{member}/ta-bort",
            post(remove_member),
        )
        .route("/handlaggning/partnerskap/{id}/moten", post(add_meeting))
        .route("/handlaggning/partnerskap/{id}/rapport/{nr}", post(review))
        .route(
            "/handlaggning/partnerskap/{id}/rapport/{nr}/tjansteutlatande",
            post(statement),
        )
        .route(
            "/handlaggning/partnerskap/{id}/rapport/{nr}/papper",
            post(on_paper),
        )
        .route(
            "/handlaggning/partnerskap/{id}/rapport/{nr}/dagordning",
            post(put_on_agenda),
        )
        .route(
            "/handlaggning/partnerskap/{id}/rapport/{nr}/namndbeslut",
            post(decide),
        )
        .route(
            "/handlaggning/partnerskap/{id}/rapport/{nr}/tjansteutlatande.pdf",
            get(statement_pdf),
        )
        .route("/partnerskap/{id}/rapport/{nr}", post(save_report))
}

/// Everything typed, to show again after a refusal.
fn everything(form: &Posted) -> FormState {
    FormState {
        values: form.map(),
        ..Default::default()
    }
}

/// `POST /handlaggning/partnerskap/nytt`: a new partnership.
async fn create(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    match commands::create(&state.ctx(), user.id, &form.map()).await {
        Ok(id) => Redirect::to(&format!("{}?sparat=skapat", staff_href(id))).into_response(),
        Err(error) => refused_at(&state, parts, NEW, everything(&form), error).await,
    }
}

/// `POST …/{id}/uppsagning`: a notice recorded.
async fn notice(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::give_notice(&state.ctx(), user.id, id, &form.map())
        .await
        .map(|_| ());
    saved_or_refused(
        &state,
        parts,
        &staff_href(id),
        everything(&form),
        done,
        "uppsagt",
    )
    .await
}

/// `POST …/{id}/uppsagning/aterkalla`: a notice withdrawn, both parties agreeing.
async fn withdraw_notice(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::withdraw_notice(&state.ctx(), user.id, id, &form.map()).await;
    saved_or_refused(
        &state,
        parts,
        &staff_href(id),
        FormState::default(),
        done,
        "aterkallad",
    )
    .await
}

/// `POST …/rapport/{nr}/papper`: a report due before the portal, handed in on paper.
async fn on_paper(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, _) = Posted::read(&state, request).await;
    let done = commands::mark_on_paper(&state.ctx(), user.id, id, number).await;
    saved_or_refused(
        &state,
        parts,
        &staff_href(id),
        FormState::default(),
        done,
        "papper",
    )
    .await
}

/// The committee meeting page a follow-up goes to: where a refused agenda or decision
/// post is shown again (the review page while no meeting is chosen).
async fn meeting_page(state: &AppState, id: Uuid, number: i32) -> String {
    match commands::report_of(&state.db, id, number).await {
        Ok(report) => match report.meeting_id {
            Some(meeting) => format!("/handlaggning/moten/{meeting}"),
            None => review_href(id, number),
        },
        Err(_) => review_href(id, number),
    }
}

/// The meeting's page after a follow-up command: `saved` on success (the command names
/// the meeting), or the refusal on the page it came from.
async fn on_meeting_page(
    state: &AppState,
    parts: axum::http::request::Parts,
    (id, number): (Uuid, i32),
    done: Result<Uuid, app::backend::command::CommandError>,
    saved: &str,
) -> Response {
    match done {
        Ok(meeting) => {
            Redirect::to(&format!("/handlaggning/moten/{meeting}?sparat={saved}")).into_response()
        }
        Err(error) => {
            let page = meeting_page(state, id, number).await;
            refused_at(state, parts, &page, FormState::default(), error).await
        }
    }
}

/// `POST …/rapport/{nr}/dagordning`: the follow-up onto its meeting's agenda.
async fn put_on_agenda(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, _) = Posted::read(&state, request).await;
    let done = commands::put_on_agenda(&state.ctx(), user.id, id, number).await;
    on_meeting_page(&state, parts, (id, number), done, "dagordning").await
}

/// `POST …/rapport/{nr}/namndbeslut`: the committee's decision on the follow-up.
async fn decide(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::decide_follow_up(&state.ctx(), user.id, id, number, &form.map()).await;
    on_meeting_page(&state, parts, (id, number), done, "beslut").await
}

/// `POST …/{id}/ledamoter`: a member added to a group.
async fn add_member(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::add_member(&state.ctx(), user.id, id, &form.map()).await;
    saved_or_refused(
        &state,
        parts,
        &staff_href(id),
        everything(&form),
        done,
        "ledamot",
    )
    .await
}

/// `POST …/{id}/ledamoter/{member}/ta-bort`: a member taken off a group.
async fn remove_member(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, member)): Path<(Uuid, Uuid)>,
    request: Request,
) -> Response {
    let (parts, _) = Posted::read(&state, request).await;
    let done = commands::remove_member(&state.ctx(), user.id, id, member).await;
    saved_or_refused(
        &state,
        parts,
        &staff_href(id),
        FormState::default(),
        done,
        "ledamot-borttagen",
    )
    .await
}

/// `POST …/{id}/moten`: a meeting's notes.
async fn add_meeting(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::add_meeting(&state.ctx(), user.id, id, &form.map()).await;
    saved_or_refused(
        &state,
        parts,
        &staff_href(id),
        everything(&form),
        done,
        "mote",
    )
    .await
}

/// `POST /handlaggning/partnerskap/{id}/rapport/{nr}`: the officer's review.
async fn review(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let page = review_href(id, number);
    match commands::review(
        &state.ctx(),
        user.id,
        id,
        number,
        &form.one(field::DECISION),
        &form.one(field::NOTE),
    )
    .await
    {
        Ok(Verdict::Approve) => Redirect::to(&format!("{page}?sparat=godkand")).into_response(),
        Ok(Verdict::Changes) => Redirect::to(&format!("{page}?sparat=andringar")).into_response(),
        Err(error) => {
            let kept = form.kept(&[field::DECISION, field::NOTE]);
            refused_at(&state, parts, &page, kept, error).await
        }
    }
}

/// `POST …/rapport/{nr}/tjansteutlatande`: the statement's sections and meeting.
async fn statement(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::save_statement(&state.ctx(), user.id, id, number, &form.map()).await;
    saved_or_refused(
        &state,
        parts,
        &review_href(id, number),
        everything(&form),
        done,
        "utlatande",
    )
    .await
}

/// `GET …/rapport/{nr}/tjansteutlatande.pdf`: for officers and admins; typeset in a
/// blocking task.
async fn statement_pdf(
    State(state): State<AppState>,
    Verifier(_): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
) -> Response {
    let document =
        match queries::statement_document(&state.db, id, number, app::backend::time::today()).await
        {
            Ok(Some(document)) => document,
            Ok(None) => return not_found(),
            Err(error) => return super::account::internal(error),
        };
    let name = format!(
        "Tjänsteutlåtande {} rapport {number}.pdf",
        document.dnr.replace(['/', ' '], "-")
    );
    let made = tokio::task::spawn_blocking(move || {
        app::features::report::pdf::render_partnership(&document)
    })
    .await;
    super::report::pdf_download(&name, made)
}

/// `POST /partnerskap/{id}/rapport/{nr}`: the partner's draft saved, or sent in
/// (`atgard=skicka`). A refusal shows everything typed again.
async fn save_report(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let values = form.map();
    let submit = form.one(field::ACTION) == "skicka";
    let page = report_href(id, number);
    match commands::save_report(&state.ctx(), user.id, id, number, &values, submit).await {
        Ok(_) => {
            let saved = if submit { "skickad" } else { "utkast" };
            Redirect::to(&format!("{page}?sparat={saved}")).into_response()
        }
        Err(error) => {
            let mut kept = FormState {
                values,
                ..Default::default()
            };
            kept.values.remove(field::REVISION);
            refused_at(&state, parts, &page, kept, error).await
        }
    }
}
