//! The partner cabinet: a partner's own listings, edited as drafts and sent
//! to review. Every function answers only for the signed-in partner's listings.

use super::ApiError;
use crate::domain::lang::Localized;
use crate::domain::submission::lifecycle::{Lifecycle, Stage, Status};
use crate::domain::submission::{ListingDraft, Problem};
use chrono::{DateTime, Utc};
use leptos::server;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A line of the partner's *Modules* list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingSummary {
    pub id: String,
    pub code: String,
    pub name: Localized<String>,
    pub status: Status,
    /// The moderator's reason, when the last revision was rejected.
    pub reason: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl ListingSummary {
    /// The line for a listing's working copy, as it stands at `updated_at`.
    pub fn new(id: String, draft: &ListingDraft, lifecycle: &Lifecycle, updated_at: DateTime<Utc>) -> ListingSummary {
        ListingSummary {
            id,
            code: draft.code.clone(),
            name: Localized { ru: draft.materials.ru.name.clone(), en: draft.materials.en.name.clone() },
            status: lifecycle.status(),
            reason: match &lifecycle.stage {
                Stage::Rejected(reason) => Some(reason.clone()),
                _ => None,
            },
            updated_at,
        }
    }
}

/// The working copy, where it stands, and what still keeps it from review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: String,
    pub draft: ListingDraft,
    pub lifecycle: Lifecycle,
    pub problems: Vec<Problem>,
}

/// What a save answers. The secret is there once: on the first save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub view: DraftView,
    pub secret: Option<String>,
}

#[server(prefix = "/api", endpoint = "my_listings", input = Json)]
pub async fn my_listings() -> Result<Vec<ListingSummary>, ApiError> {
    crate::server::partner_fns::my_listings().await
}

#[server(prefix = "/api", endpoint = "open_listing", input = Json)]
pub async fn open_listing(id: String) -> Result<DraftView, ApiError> {
    crate::server::partner_fns::open_listing(id).await
}

/// Saves the form as it is, problems and all; `id` is `None` for a new listing.
#[server(prefix = "/api", endpoint = "save_listing", input = Json)]
pub async fn save_listing(id: Option<String>, draft: ListingDraft) -> Result<Saved, ApiError> {
    crate::server::partner_fns::save_listing(id, draft).await
}

/// Sends the saved draft to the moderator, when it has no problems.
#[server(prefix = "/api", endpoint = "submit_listing", input = Json)]
pub async fn submit_listing(id: String) -> Result<DraftView, ApiError> {
    crate::server::partner_fns::submit_listing(id).await
}

/// Whether `code` is free for the listing `id` (or for a new one).
#[server(prefix = "/api", endpoint = "code_available", input = Json)]
pub async fn code_available(code: String, id: Option<String>) -> Result<bool, ApiError> {
    crate::server::partner_fns::code_available(code, id).await
}

/// Replaces the module's secret and answers the new one, once.
#[server(prefix = "/api", endpoint = "rotate_secret", input = Json)]
pub async fn rotate_secret(id: String) -> Result<String, ApiError> {
    crate::server::partner_fns::rotate_secret(id).await
}
