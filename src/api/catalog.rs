//! The published modules the signed-in user may see.

use super::{ApiError, CatalogModule};
use leptos::server;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "catalog", input = Json)]
pub async fn catalog() -> Result<Vec<CatalogModule>, ApiError> {
    crate::server::fns::catalog().await
}
