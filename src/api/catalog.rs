//! The published modules the signed-in user may see, and the search's synonyms.

use super::{ApiError, CatalogView};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "catalog", input = Json))]
pub async fn catalog() -> Result<CatalogView, ApiError> {
    run!(catalog::catalog())
}
