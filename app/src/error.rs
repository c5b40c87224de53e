//! The one error type users see: safe Swedish messages; causes stay in the server log.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Du behöver logga in.")]
    NotSignedIn,
    /// Also what someone gets who may not know that the thing exists.
    #[error("Det du sökte finns inte.")]
    NotFound,
    #[error("Något gick fel hos oss. Försök igen om en stund. Referens: {0}")]
    Internal(String),
    #[error("Förfrågan kunde inte behandlas: {0}")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    /// Logs the cause under a fresh reference and gives the user only the reference.
    fn from(error: sea_orm::DbErr) -> Self {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
        tracing::error!(%reference, %error, "database error");
        AppError::Internal(reference)
    }
}
