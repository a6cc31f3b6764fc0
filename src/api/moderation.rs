//! The moderator's review queue: listings and revisions waiting for a decision.

use super::types::{Page, Waiting};
use super::ApiError;
use crate::domain::submission::ListingDraft;
use crate::domain::ListingId;
use chrono::{DateTime, Utc};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: ListingId,
    /// The revision shown; a decision names it, and is refused once the listing changed.
    pub revision: u32,
    /// The partner's company and e-mail.
    pub partner: String,
    pub draft: ListingDraft,
    /// The revision live now, to compare against; `None` for a new listing.
    pub published: Option<ListingDraft>,
    pub submitted_at: DateTime<Utc>,
}

/// How the queue names a partner: "Company <e-mail>", or the e-mail alone.
pub fn partner_label(company: Option<&str>, email: &str) -> String {
    match company {
        Some(company) => format!("{company} <{email}>"),
        None => email.to_string(),
    }
}

/// A page of the review queue, first sent first: from its start, or `from` the last page's `next`.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "review_queue", input = Json))]
pub async fn review_queue(from: Option<u32>) -> Result<Page<ReviewItem>, ApiError> {
    run!(moderation::review_queue(from))
}

/// How many listings and applications wait, for the tabs.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "waiting", input = Json))]
pub async fn moderation_waiting() -> Result<Waiting, ApiError> {
    run!(moderation::waiting())
}

/// Publishes the revision: it replaces the live one, or goes live for the first time.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "approve_listing", input = Json))]
pub async fn approve_listing(id: ListingId, revision: u32) -> Result<(), ApiError> {
    run!(moderation::approve_listing(&id, revision))
}

/// Adds the new section the listing asks for: the marketplace gets a tab under its names
/// once the listing is approved. Declining the section is rejecting the listing with a reason.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "add_section", input = Json))]
pub async fn add_section(id: ListingId, revision: u32) -> Result<(), ApiError> {
    run!(moderation::add_section(&id, revision))
}

/// Sends the revision back with a reason the partner reads; a live revision stays live.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "reject_listing", input = Json))]
pub async fn reject_listing(id: ListingId, revision: u32, reason: String) -> Result<(), ApiError> {
    run!(moderation::reject_listing(&id, revision, &reason))
}
