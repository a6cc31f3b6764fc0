//! The booking channel's screen (seed 004): the account's own services, and
//! the channel that publishes them.

use super::ApiError;
use crate::domain::booking::channel::{Acceptance, SyncState};
use crate::domain::booking::services::{OwnService, ServiceInput};
use crate::domain::booking::wire::Consent;
use crate::domain::ConnectionId;
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One service as the channel's screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRow {
    pub service: OwnService,
    /// To publish.
    pub ticked: bool,
    pub channel_price: Decimal,
    /// The partner shows it now.
    pub shown: bool,
    /// The partner was told of it as it is now (nothing waits to be sent).
    pub in_step: bool,
    /// The last call about it.
    pub sync: Option<SyncState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelView {
    pub connection: ConnectionId,
    pub connection_name: String,
    pub frozen: bool,
    /// When and which versions the owner accepted; `None`: not activated.
    pub consent: Option<Consent>,
    pub declaration_version: String,
    pub terms_version: String,
    pub published: bool,
    pub traffic: bool,
    /// The partner shows the merchant now.
    pub live: bool,
    pub merchant_sync: Option<SyncState>,
    pub can_undo: bool,
    pub partner_email: String,
    pub rows: Vec<ServiceRow>,
    pub log_enabled: bool,
}

/// A bulk price edit as the editor holds it: `kind` is `set`, `percent` or `amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceEdit {
    pub services: Vec<String>,
    pub kind: String,
    pub value: String,
    pub round: bool,
}

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

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "booking_channel", input = Json))]
pub async fn booking_channel(connection: ConnectionId) -> Result<ChannelView, ApiError> {
    run!(booking::booking_channel(&connection))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "activate_channel", input = Json))]
pub async fn activate_channel(connection: ConnectionId, accepted: Acceptance) -> Result<ChannelView, ApiError> {
    run!(booking::activate_channel(&connection, accepted))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "tick_service", input = Json))]
pub async fn tick_service(connection: ConnectionId, service: String, ticked: bool) -> Result<ChannelView, ApiError> {
    run!(booking::tick_service(&connection, &service, ticked))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "edit_prices", input = Json))]
pub async fn edit_prices(connection: ConnectionId, edit: PriceEdit) -> Result<ChannelView, ApiError> {
    run!(booking::edit_prices(&connection, edit))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "undo_prices", input = Json))]
pub async fn undo_prices(connection: ConnectionId) -> Result<ChannelView, ApiError> {
    run!(booking::undo_prices(&connection))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "publish_channel", input = Json))]
pub async fn publish_channel(connection: ConnectionId) -> Result<ChannelView, ApiError> {
    run!(booking::publish_channel(&connection))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "set_traffic", input = Json))]
pub async fn set_traffic(connection: ConnectionId, on: bool) -> Result<ChannelView, ApiError> {
    run!(booking::set_traffic(&connection, on))
}
