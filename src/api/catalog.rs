//! The published modules the signed-in user may see.

use super::{ApiError, CatalogModule};
use leptos::server;

#[server(prefix = "/api", endpoint = "catalog")]
pub async fn catalog() -> Result<Vec<CatalogModule>, ApiError> {
    crate::server::fns::catalog().await
}
