//! The HTTP side of the follow-up (`app::features::follow_up`): the association's draft
//! and submission, its documents (multipart, streamed to storage), the officer's review
//! and due date, the finance unit's record of a repaid reclaim and the overview's
//! exports. Each handler reads the form, calls one command and maps the outcome.
use app::{
    components::form::FormState,
    features::follow_up::{commands, field, queries, report_href, review_href, RECLAIMS},
};
use axum::{
    extract::{DefaultBodyLimit, Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::{
    members::not_found,
    toolkit::{refused, refused_at, saved_or_refused, Finance, Posted, SignedIn, Verifier},
    uploads,
};
use crate::startup::AppState;

/// The documents' route, with the uploads' body limit.
pub fn upload_router(limit: usize) -> Router<AppState> {
    Router::new().route(
        "/ansokningar/{id}/aterrapport/{nr}/bilagor",
        post(attach).layer(DefaultBodyLimit::max(limit)),
    )
}

/// The feature's other routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ansokningar/{id}/aterrapport/{nr}", post(save))
        .route(
            "/ansokningar/{id}/aterrapport/{nr}/bilagor/{document}/ta-bort",
            post(remove),
        )
        .route("/handlaggning/arenden/{id}/aterrapport/{nr}", post(review))
        .route(
            "/handlaggning/arenden/{id}/aterrapport/{nr}/sista-dag",
            post(set_due),
        )
        .route(
            "/handlaggning/arenden/{id}/aterrapport/{nr}/aterkrav",
            post(committee_decision),
        )
        .route("/ekonomi/aterkrav/{id}/betald", post(reclaim_paid))
        .route("/ekonomi/oversikt.csv", get(totals_csv))
        .route("/ekonomi/oversikt.xlsx", get(totals_xlsx))
}

/// `POST /ansokningar/{id}/aterrapport/{n}`: the draft saved, or sent in
/// (`atgard=skicka`). A refusal shows everything typed again.
async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let values = form.map();
    let submit = form.one(field::ACTION) == "skicka";
    let page = report_href(id, number);
    match commands::save(&state.ctx(), user.id, id, number, &values, submit).await {
        Ok(_) => {
            let saved = if submit { "skickad" } else { "utkast" };
            Redirect::to(&format!("{page}?sparat={saved}")).into_response()
        }
        Err(error) => {
            let mut kept = FormState {
                values,
                ..Default::default()
            };
            // The page puts the stored revision back, so the next save can go through.
            kept.values.remove(field::REVISION);
            refused_at(&state, parts, &page, kept, error).await
        }
    }
}

/// `POST /ansokningar/{id}/aterrapport/{n}/bilagor` (multipart): one document.
async fn attach(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let page = report_href(id, number);
    let missing = "Välj en fil att ladda upp.";
    let (parts, received) =
        match uploads::receive_or_answer(&state, request, field::DOCUMENT, &page, missing).await {
            Ok(form) => form,
            Err(answer) => return answer,
        };
    let status = received.refusal_status(StatusCode::UNPROCESSABLE_ENTITY);
    let file = match (
        received.first_error(),
        received.documents().into_iter().next(),
    ) {
        (Some(error), _) => Err(error.message()),
        (None, Some(file)) => Ok(file),
        (None, None) => Err(missing.to_owned()),
    };
    let kind = received.text(field::DOCUMENT_TYPE);
    match commands::attach(&state.ctx(), user.id, id, number, &kind, file).await {
        Ok(()) => Redirect::to(&format!("{page}?sparat=bilaga#rubrik-bilagor")).into_response(),
        Err(error) => {
            received.discard(&state).await;
            refused(&state, parts, &page, FormState::default(), error, status).await
        }
    }
}

/// `POST …/bilagor/{document}/ta-bort`: a document taken off the report.
async fn remove(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, number, document)): Path<(Uuid, i32, Uuid)>,
    request: Request,
) -> Response {
    let (parts, _) = Posted::read(&state, request).await;
    let page = report_href(id, number);
    match commands::remove_document(&state.ctx(), user.id, id, number, document).await {
        Ok(key) => {
            if let Err(error) = state.storage.delete(&key).await {
                // The row is gone; the sweep of unreferenced files takes it later.
                tracing::warn!(%error, "a removed report document could not be deleted");
            }
            Redirect::to(&format!("{page}?sparat=borttagen#rubrik-bilagor")).into_response()
        }
        Err(error) => refused_at(&state, parts, &page, FormState::default(), error).await,
    }
}

/// `POST /handlaggning/arenden/{id}/aterrapport/{n}`: the officer's review.
async fn review(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let input = commands::Review {
        verdict: form.one(field::DECISION),
        note: form.one(field::NOTE),
        amount: form.one(field::AMOUNT),
        reason: form.one(field::REASON),
    };
    let page = review_href(id, number);
    let kept = form.kept(&[field::DECISION, field::NOTE, field::AMOUNT, field::REASON]);
    match commands::review(
        &state.ctx(),
        user.id,
        id,
        number,
        input,
        &state.settings.payer,
    )
    .await
    {
        Ok(outcome) => {
            let saved = match outcome {
                commands::Reviewed::Approved => "godkand",
                commands::Reviewed::Changes => "andringar",
                commands::Reviewed::Reclaimed => "aterkrav",
                commands::Reviewed::Proposed => "forslag",
            };
            Redirect::to(&format!("{page}?sparat={saved}")).into_response()
        }
        Err(error) => refused_at(&state, parts, &page, kept, error).await,
    }
}

/// `POST …/aterrapport/{n}/sista-dag`: a new due date.
async fn set_due(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::set_due(&state.ctx(), user.id, id, number, &form.one(field::DUE_ON)).await;
    let kept = form.kept(&[field::DUE_ON]);
    saved_or_refused(
        &state,
        parts,
        &review_href(id, number),
        kept,
        done,
        "sista-dag",
    )
    .await
}

/// `POST …/aterrapport/{n}/aterkrav`: the committee's decision on a proposed reclaim.
async fn committee_decision(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path((id, number)): Path<(Uuid, i32)>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::record_committee_decision(
        &state.ctx(),
        user.id,
        id,
        number,
        &form.one(field::MEETING_ON),
        &form.one(field::PARAGRAPH),
        &state.settings.payer,
    )
    .await;
    let kept = form.kept(&[field::MEETING_ON, field::PARAGRAPH]);
    saved_or_refused(
        &state,
        parts,
        &review_href(id, number),
        kept,
        done,
        "namndbeslut",
    )
    .await
}

/// `POST /ekonomi/aterkrav/{id}/betald`: the repayment came in.
async fn reclaim_paid(
    State(state): State<AppState>,
    Finance(user): Finance,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::reclaim_paid(&state.ctx(), user.id, id, &form.one(field::PAID_ON)).await;
    saved_or_refused(
        &state,
        parts,
        RECLAIMS,
        FormState::default(),
        done,
        "betald",
    )
    .await
}

async fn totals(state: &AppState) -> Result<Vec<queries::Totals>, Response> {
    queries::totals(&state.db, app::backend::time::today())
        .await
        .map_err(super::account::internal)
}

fn download(bytes: Vec<u8>, name: String, content_type: &str) -> Response {
    let size = bytes.len() as u64;
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    uploads::file_download(&name, content_type, size, body)
}

/// `GET /ekonomi/oversikt.csv`: paid, due, held and reclaimed money per programme and
/// year.
async fn totals_csv(State(state): State<AppState>, Finance(_): Finance) -> Response {
    let rows = match totals(&state).await {
        Ok(rows) => rows,
        Err(answer) => return answer,
    };
    match queries::totals_csv(&rows) {
        Ok(bytes) => download(
            bytes,
            format!("ekonomi-{}.csv", app::backend::time::today()),
            "text/csv; charset=utf-8",
        ),
        Err(error) => {
            tracing::error!(%error, "writing the finance overview");
            not_found()
        }
    }
}

/// `GET /ekonomi/oversikt.xlsx`: the same as an Excel workbook.
async fn totals_xlsx(State(state): State<AppState>, Finance(_): Finance) -> Response {
    let rows = match totals(&state).await {
        Ok(rows) => rows,
        Err(answer) => return answer,
    };
    match queries::totals_xlsx(&rows) {
        Ok(bytes) => download(
            bytes,
            format!("ekonomi-{}.xlsx", app::backend::time::today()),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Err(error) => {
            tracing::error!(%error, "writing the finance overview workbook");
            not_found()
        }
    }
}
