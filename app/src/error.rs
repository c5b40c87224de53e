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

    /// What went wrong decoding a call (serde's words, the argument's type) is for the
    /// log, never for the caller: anyone may send anything to `/api/*`.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            tracing::debug!(error = %value, "server function call refused");
            AppError::bad_request()
        }
        // In the browser this is a call that never reached the server or its answer.
        #[cfg(not(feature = "ssr"))]
        {
            let _ = value;
            AppError::Request("försök igen om en stund.".to_owned())
        }
    }
}

impl AppError {
    /// A call whose arguments could not be read.
    pub fn bad_request() -> Self {
        AppError::Request("uppgifterna i förfrågan kunde inte läsas.".to_owned())
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
