//! Sign-in, sign-out and the current session.

use super::{ApiError, SessionInfo};
use leptos::server;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "session", input = Json)]
pub async fn current_session() -> Result<Option<SessionInfo>, ApiError> {
    crate::server::fns::current_session().await
}

#[server(prefix = "/api", endpoint = "sign_in", input = Json)]
pub async fn sign_in(email: String, password: String) -> Result<SessionInfo, ApiError> {
    crate::server::fns::sign_in(email, password).await
}

#[server(prefix = "/api", endpoint = "sign_out", input = Json)]
pub async fn sign_out() -> Result<(), ApiError> {
    crate::server::fns::sign_out().await
}
