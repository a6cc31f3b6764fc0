//! The frame of built-in modules: their connections' API access logs.

use super::types::Page;
use super::ApiError;
use crate::domain::builtin::ApiCall;
use crate::domain::ConnectionId;
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "set_api_log", input = Json))]
pub async fn set_api_log(connection: ConnectionId, on: bool) -> Result<(), ApiError> {
    run!(builtins::set_api_log(&connection, on))
}

/// The last seven days of calls, newest first, a page from `from`.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "api_log", input = Json))]
pub async fn api_log(connection: ConnectionId, from: Option<u32>) -> Result<Page<ApiCall>, ApiError> {
    run!(builtins::api_log(&connection, from))
}
