//! A partner's delivery log: the lifecycle callbacks sent to their modules.

use super::types::Page;
use super::ApiError;
use crate::domain::delivery::{Activity, DeliveryStatus, Event};
use crate::domain::{ConnectionId, ListingId};
use chrono::{DateTime, Utc};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// One callback as the partner reads it: what was sent where, and how its last attempt went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub id: String,
    pub event: Event,
    pub connection: ConnectionId,
    pub client_id: String,
    pub url: String,
    pub activity: Activity,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub next_at: Option<DateTime<Utc>>,
    /// The last attempt: when, the HTTP status, the latency, the answer's first characters, the error.
    pub last_at: Option<DateTime<Utc>>,
    pub last_status: Option<u16>,
    pub latency_ms: Option<u32>,
    pub excerpt: String,
    pub error: Option<String>,
}

/// A page of the deliveries to the module of one of the partner's published listings, newest first.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "deliveries", input = Json))]
pub async fn deliveries(listing: ListingId, from: Option<u32>) -> Result<Page<DeliveryView>, ApiError> {
    run!(deliveries::deliveries(&listing, from))
}

/// A test event to the module's most recently registered connection.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "send_test_event", input = Json))]
pub async fn send_test_event(listing: ListingId) -> Result<DeliveryView, ApiError> {
    run!(deliveries::send_test(&listing))
}

/// One of the module's deliveries sent again, as a new delivery.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "redeliver", input = Json))]
pub async fn redeliver(listing: ListingId, id: String) -> Result<DeliveryView, ApiError> {
    run!(deliveries::redeliver(&listing, &id))
}
