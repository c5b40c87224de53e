//! The HTTP side of the payments (`app::features::payments`): the officer's plan, holding
//! and releasing a payment; the finance unit's payment order, its attestation, the
//! pain.001 download and the payment. Each handler reads the form, calls one command and
//! maps the outcome.
use app::features::payments::{batch_href, commands, field, plan_href, FINANCE, MAX_INSTALMENTS};
use axum::{
    extract::{Path, Request, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use uuid::Uuid;

use super::toolkit::{refused_at, saved_or_refused, Finance, Posted, Verifier};
use crate::startup::AppState;

/// The feature's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/handlaggning/arenden/{id}/utbetalning/plan",
            post(set_plan),
        )
        .route("/handlaggning/arenden/{id}/utbetalning/stoppa", post(hold))
        .route(
            "/handlaggning/arenden/{id}/utbetalning/slapp",
            post(release),
        )
        .route("/ekonomi/utbetalningar/ny", post(prepare))
        .route("/ekonomi/utbetalningar/{id}/attestera", post(attest))
        .route("/ekonomi/utbetalningar/{id}/makulera", post(cancel))
        .route("/ekonomi/utbetalningar/{id}/betald", post(mark_paid))
        .route("/ekonomi/utbetalningar/{id}/fil", get(download))
}

/// `POST …/utbetalning/plan`: the officer's new payment plan.
async fn set_plan(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let names: Vec<String> = (1..=MAX_INSTALMENTS)
        .flat_map(|row| {
            [field::SHARE, field::VALUE, field::WHEN, field::DATE].map(|n| field::of(n, row))
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let kept = form.kept(&names);
    let done = commands::set_plan(&state.ctx(), user.id, id, &form.map())
        .await
        .map(drop);
    saved_or_refused(&state, parts, &plan_href(id), kept, done, "plan").await
}

/// `POST …/utbetalning/stoppa`: one payment held, with the reason.
async fn hold(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let payment = Uuid::parse_str(&form.one(field::PAYMENT)).unwrap_or_default();
    let reason = form.one(field::REASON);
    let done = commands::hold(&state.ctx(), user.id, payment, Some(&reason))
        .await
        .map(drop);
    let kept = form.kept(&[field::REASON]);
    saved_or_refused(&state, parts, &plan_href(id), kept, done, "stoppad").await
}

/// `POST …/utbetalning/slapp`: a held payment released.
async fn release(
    State(state): State<AppState>,
    Verifier(user): Verifier,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let payment = Uuid::parse_str(&form.one(field::PAYMENT)).unwrap_or_default();
    let done = commands::hold(&state.ctx(), user.id, payment, None)
        .await
        .map(drop);
    saved_or_refused(
        &state,
        parts,
        &plan_href(id),
        Default::default(),
        done,
        "slappt",
    )
    .await
}

/// `POST /ekonomi/utbetalningar/ny`: a payment order of every due payment.
async fn prepare(
    State(state): State<AppState>,
    Finance(user): Finance,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    match commands::prepare(&state.ctx(), user.id, &form.one(field::EXECUTE_ON)).await {
        Ok(id) => Redirect::to(&format!("{}?sparat=order", batch_href(id))).into_response(),
        Err(error) => {
            let kept = form.kept(&[field::EXECUTE_ON]);
            refused_at(&state, parts, FINANCE, kept, error).await
        }
    }
}

/// `POST /ekonomi/utbetalningar/{id}/attestera`: the second person attests.
async fn attest(
    State(state): State<AppState>,
    Finance(user): Finance,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, _) = Posted::read(&state, request).await;
    let done = commands::attest(&state.ctx(), user.id, id, &state.settings.payer).await;
    saved_or_refused(
        &state,
        parts,
        &batch_href(id),
        Default::default(),
        done,
        "attesterad",
    )
    .await
}

/// `POST /ekonomi/utbetalningar/{id}/makulera`: an order nobody attested is cancelled.
async fn cancel(
    State(state): State<AppState>,
    Finance(user): Finance,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, _) = Posted::read(&state, request).await;
    match commands::cancel(&state.ctx(), user.id, id).await {
        Ok(()) => Redirect::to(&format!("{FINANCE}?sparat=makulerad")).into_response(),
        Err(error) => refused_at(&state, parts, &batch_href(id), Default::default(), error).await,
    }
}

/// `POST /ekonomi/utbetalningar/{id}/betald`: the bank paid the order.
async fn mark_paid(
    State(state): State<AppState>,
    Finance(user): Finance,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, form) = Posted::read(&state, request).await;
    let done = commands::mark_paid(&state.ctx(), user.id, id, &form.one(field::PAID_ON)).await;
    let kept = form.kept(&[field::PAID_ON]);
    saved_or_refused(&state, parts, &batch_href(id), kept, done, "betald").await
}

/// `GET /ekonomi/utbetalningar/{id}/fil`: the attested order's pain.001 file. The first
/// download is the export; a later one gets the same bytes, and the header
/// `X-Earlier-Export` says when and by whom it was first taken.
async fn download(
    State(state): State<AppState>,
    Finance(user): Finance,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    match commands::export(&state.ctx(), user.id, id).await {
        Ok(export) => {
            let bytes = export.file.into_bytes();
            let size = bytes.len() as u64;
            let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
            let name = format!("betalningsorder-{}.xml", export.number);
            let mut response =
                super::uploads::file_download(&name, "application/xml; charset=utf-8", size, body);
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Some((when, by)) = export.earlier {
                let note = format!("{when}, {by}");
                let encoded = percent_encoding::utf8_percent_encode(
                    &note,
                    percent_encoding::NON_ALPHANUMERIC,
                )
                .to_string();
                if let Ok(value) = HeaderValue::from_str(&encoded) {
                    headers.insert("x-earlier-export", value);
                }
            }
            response
        }
        Err(error) => refused_at(&state, parts, &batch_href(id), Default::default(), error).await,
    }
}
