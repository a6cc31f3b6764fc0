//! Top-ups through the payment provider: its API client, the address it
//! notifies, and the stand-in the demo and the tests pay on.

mod client;
pub mod standin;
pub mod wire;

pub use client::{HttpProvider, PaymentsConfig};

use super::AppState;
use crate::api::ApiError;
use crate::app::payments::{settle, Payments};
use axum::extract::State;
use axum::http::StatusCode;

/// Where the provider posts its notifications (set in the shop's settings).
pub const NOTIFICATIONS_PATH: &str = "/payments/notifications";

/// Where the demo's stand-in is mounted, when no provider is configured.
pub const STANDIN_PATH: &str = "/demo-payments";

/// A notification only names a payment: `settle` asks the provider about it,
/// so a forged or replayed one credits nothing. An answer other than 200
/// makes the provider send it again later.
pub async fn notification(State(state): State<AppState>, body: axum::body::Bytes) -> StatusCode {
    let Ok(notification) = serde_json::from_slice::<wire::Notification>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let Payments::Provider(provider) = &state.payments else { return StatusCode::NOT_FOUND };
    match settle(&state.store, provider.as_ref(), &notification.object.id, chrono::Utc::now()).await {
        Ok(_) => StatusCode::OK,
        Err(ApiError::PaymentProvider) => StatusCode::BAD_GATEWAY,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
