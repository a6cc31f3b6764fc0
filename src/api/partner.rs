//! The partner cabinet: a partner's own listings, edited as drafts and sent
//! to review. Every function answers only for the signed-in partner's listings.

use super::ApiError;
use crate::domain::lang::Localized;
use crate::domain::submission::lifecycle::{Lifecycle, Stage, Status};
use crate::domain::submission::{ListingDraft, Problem};
use crate::domain::ListingId;
use chrono::{DateTime, Utc};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A line of the partner's *Modules* list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingSummary {
    pub id: ListingId,
    pub code: String,
    pub name: Localized<String>,
    pub status: Status,
    /// The moderator's reason, when the last revision was rejected.
    pub reason: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl ListingSummary {
    /// The line for a listing's working copy, as it stands at `updated_at`.
    pub fn new(
        id: ListingId,
        draft: &ListingDraft,
        lifecycle: &Lifecycle,
        updated_at: DateTime<Utc>,
    ) -> ListingSummary {
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
    pub id: ListingId,
    pub draft: ListingDraft,
    pub lifecycle: Lifecycle,
    pub problems: Vec<Problem>,
    /// False for a listing kept before secrets could be read back: rotating
    /// its secret enables the simple connection.
    pub has_secret: bool,
}

/// What a save answers. The secret is there once: on the first save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub view: DraftView,
    pub secret: Option<String>,
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "my_listings", input = Json))]
pub async fn my_listings() -> Result<Vec<ListingSummary>, ApiError> {
    run!(partner::my_listings())
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "open_listing", input = Json))]
pub async fn open_listing(id: ListingId) -> Result<DraftView, ApiError> {
    run!(partner::open_listing(&id))
}

/// Saves the form as it is, problems and all; `id` is `None` for a new listing.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "save_listing", input = Json))]
pub async fn save_listing(id: Option<ListingId>, draft: ListingDraft) -> Result<Saved, ApiError> {
    run!(partner::save_listing(id.as_ref(), draft))
}

/// Sends the saved draft to the moderator, when it has no problems.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "submit_listing", input = Json))]
pub async fn submit_listing(id: ListingId) -> Result<DraftView, ApiError> {
    run!(partner::submit_listing(&id))
}

/// Whether `code` is free for the listing `id` (or for a new one).
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "code_available", input = Json))]
pub async fn code_available(code: String, id: Option<ListingId>) -> Result<bool, ApiError> {
    run!(partner::code_available(&code, id.as_ref()))
}

/// Replaces the module's secret and answers the new one, once.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "rotate_secret", input = Json))]
pub async fn rotate_secret(id: ListingId) -> Result<String, ApiError> {
    run!(partner::rotate_secret(&id))
}
