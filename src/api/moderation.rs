//! The moderator's review queue: listings and revisions waiting for a decision.

use super::ApiError;
use crate::domain::submission::ListingDraft;
use chrono::{DateTime, Utc};
use leptos::server;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: String,
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

#[server(prefix = "/api", endpoint = "review_queue", input = Json)]
pub async fn review_queue() -> Result<Vec<ReviewItem>, ApiError> {
    crate::server::moderation_fns::review_queue().await
}

/// Publishes the revision: it replaces the live one, or goes live for the first time.
#[server(prefix = "/api", endpoint = "approve_listing", input = Json)]
pub async fn approve_listing(id: String) -> Result<(), ApiError> {
    crate::server::moderation_fns::approve_listing(id).await
}

/// Adds the new section the listing asks for: the marketplace gets a tab under its names
/// once the listing is approved. Declining the section is rejecting the listing with a reason.
#[server(prefix = "/api", endpoint = "add_section", input = Json)]
pub async fn add_section(id: String) -> Result<(), ApiError> {
    crate::server::moderation_fns::add_section(id).await
}

/// Sends the revision back with a reason the partner reads; a live revision stays live.
#[server(prefix = "/api", endpoint = "reject_listing", input = Json)]
pub async fn reject_listing(id: String, reason: String) -> Result<(), ApiError> {
    crate::server::moderation_fns::reject_listing(id, reason).await
}
