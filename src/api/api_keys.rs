//! The account owner's API keys: the keys modules' backends call the module
//! API with (`/api-keys`).

use super::ApiError;
use crate::domain::lang::Localized;
use crate::domain::{ApiKeyId, ConnectionId, ModuleCode, Scope};
use chrono::{DateTime, Utc};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// One key, as its owner sees it: never the key itself, only its first characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyView {
    pub id: ApiKeyId,
    pub prefix: String,
    pub module: ModuleCode,
    pub module_name: Localized<String>,
    pub connection: ConnectionId,
    pub connection_name: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// False while its connection is frozen.
    pub works: bool,
}

/// A connection a key can be created for, and the scopes its module declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyTarget {
    pub connection: ConnectionId,
    pub connection_name: String,
    pub module: ModuleCode,
    pub module_name: Localized<String>,
    pub scopes: Vec<Scope>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeysView {
    pub keys: Vec<ApiKeyView>,
    pub targets: Vec<KeyTarget>,
}

/// A key just created: the only time the key itself is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiKey {
    pub key: String,
    pub view: ApiKeyView,
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "api_keys", input = Json))]
pub async fn api_keys() -> Result<ApiKeysView, ApiError> {
    run!(api_keys::api_keys())
}

/// A key for one of the account's connections, limited to `scopes` (names
/// the module's listing declares).
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "create_api_key", input = Json))]
pub async fn create_api_key(connection: ConnectionId, scopes: Vec<String>) -> Result<NewApiKey, ApiError> {
    run!(api_keys::create_api_key(&connection, &scopes))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "revoke_api_key", input = Json))]
pub async fn revoke_api_key(id: ApiKeyId) -> Result<(), ApiError> {
    run!(api_keys::revoke_api_key(&id))
}
