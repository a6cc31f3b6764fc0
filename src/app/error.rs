//! The one boundary between storage failures and the wire: the failure goes
//! to the log in full, the caller gets `ApiError::Internal`.

use crate::api::ApiError;
use crate::store::StoreError;

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        log(&error);
        ApiError::Internal
    }
}

#[cfg(feature = "server")]
fn log(error: &StoreError) {
    tracing::error!("storage: {error}");
}

#[cfg(not(feature = "server"))]
fn log(error: &StoreError) {
    leptos::logging::error!("storage: {error}");
}
