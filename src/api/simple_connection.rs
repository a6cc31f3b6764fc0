//! Simple connection: the module's configuration for the pop-up, and Connect.

use super::types::BillingView;
use super::ApiError;
use crate::domain::api_key::KeyRefusal;
use crate::domain::{IdempotencyKey, ModuleCode, Scope};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The scopes a module asks for, and why they cannot all be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigView {
    /// The scopes asked for that Souk knows, in the order asked.
    pub requested: Vec<Scope>,
    /// Asked for but not declared by the listing (or not scopes at all): Connect is refused.
    pub refused: Option<KeyRefusal>,
}

/// A module connected: where its settings page is, and the account's books after the charge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connected {
    pub account_url: String,
    /// The module's id for the connection, when it registered it.
    pub client_id: Option<String>,
    pub billing: BillingView,
}

/// Asks the module of `code` for its configuration (within 5 s).
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "connection_config", input = Json))]
pub async fn connection_config(code: ModuleCode) -> Result<ConfigView, ApiError> {
    run!(simple_connection::connection_config(&code))
}

/// Connects the module of `code` by simple connection; sent again with the
/// same `idempotency_key`, it does nothing more.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "connect", input = Json))]
pub async fn connect(code: ModuleCode, idempotency_key: IdempotencyKey) -> Result<Connected, ApiError> {
    run!(simple_connection::connect(&code, &idempotency_key))
}
