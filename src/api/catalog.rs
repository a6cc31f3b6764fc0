//! The published modules the signed-in user may see.

use super::{ApiError, CatalogModule};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "catalog", input = Json))]
pub async fn catalog() -> Result<Vec<CatalogModule>, ApiError> {
    run!(catalog::catalog())
}
