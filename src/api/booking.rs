//! The booking channel's screen (seed 004): so far the account's own services.

use super::ApiError;
use crate::domain::booking::services::{OwnService, ServiceInput};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "account_services", input = Json))]
pub async fn account_services() -> Result<Vec<OwnService>, ApiError> {
    run!(booking::account_services())
}

/// Adds a service (`id` is `None`) or changes one; answers the list.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "save_account_service", input = Json))]
pub async fn save_account_service(id: Option<String>, service: ServiceInput) -> Result<Vec<OwnService>, ApiError> {
    run!(booking::save_account_service(id, service))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "delete_account_service", input = Json))]
pub async fn delete_account_service(id: String) -> Result<Vec<OwnService>, ApiError> {
    run!(booking::delete_account_service(&id))
}
