//! The one interface the UI calls: answered by the server through `crate::api`,
//! or, in the offline preview (feature `offline`), by a store in the browser.

use crate::api::applications::{ApplicationView, Invitation};
use crate::api::moderation::ReviewItem;
use crate::api::partner::{DraftView, ListingSummary, Saved};
use crate::api::types::{BillingView, MailView};
use crate::api::{ApiError, CatalogModule, SessionInfo};
use crate::demo::DemoUser;
use crate::domain::application::Application;
use crate::domain::billing::{HistoryFilter, Operation};
use crate::domain::submission::ListingDraft;
use crate::domain::Lang;

#[cfg(feature = "offline")]
mod offline;
#[cfg(not(feature = "offline"))]
mod remote;

/// The app runs in one browser thread, so these futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Backend {
    /// True in the offline preview, where data lives in this browser only.
    const OFFLINE: bool;

    async fn current_session(&self) -> Result<Option<SessionInfo>, ApiError>;
    async fn sign_in(&self, email: String, password: String) -> Result<SessionInfo, ApiError>;
    async fn sign_out(&self) -> Result<(), ApiError>;
    async fn catalog(&self) -> Result<Vec<CatalogModule>, ApiError>;
    async fn billing(&self) -> Result<BillingView, ApiError>;
    /// Activates a module, or adds a connection to an active one.
    async fn activate(&self, code: String) -> Result<BillingView, ApiError>;
    async fn deactivate_connection(&self, id: String) -> Result<BillingView, ApiError>;
    async fn deactivate_module(&self, code: String) -> Result<BillingView, ApiError>;
    async fn rename_connection(&self, id: String, name: String) -> Result<BillingView, ApiError>;
    async fn top_up(&self, amount: String) -> Result<BillingView, ApiError>;
    async fn history(&self, filter: HistoryFilter) -> Result<Vec<Operation>, ApiError>;
    async fn history_csv(&self, filter: HistoryFilter, lang: Lang) -> Result<String, ApiError>;
    async fn notifications(&self) -> Result<Vec<MailView>, ApiError>;
    /// Moves the preview's clock forward and runs billing; the server's clock is the real one.
    async fn move_time(&self, step: TimeStep) -> Result<BillingView, ApiError>;
    async fn my_listings(&self) -> Result<Vec<ListingSummary>, ApiError>;
    async fn open_listing(&self, id: String) -> Result<DraftView, ApiError>;
    /// Saves the form as it is; `id` is `None` for a new listing.
    async fn save_listing(&self, id: Option<String>, draft: ListingDraft) -> Result<Saved, ApiError>;
    async fn submit_listing(&self, id: String) -> Result<DraftView, ApiError>;
    async fn code_available(&self, code: String, id: Option<String>) -> Result<bool, ApiError>;
    async fn rotate_secret(&self, id: String) -> Result<String, ApiError>;
    async fn review_queue(&self) -> Result<Vec<ReviewItem>, ApiError>;
    async fn approve_listing(&self, id: String) -> Result<(), ApiError>;
    async fn reject_listing(&self, id: String, reason: String) -> Result<(), ApiError>;
    /// Adds the new section a listing in review asks for.
    async fn add_section(&self, id: String) -> Result<(), ApiError>;
    /// Sends a partner application; `lang` is the applicant's, for the decision letter.
    async fn apply(&self, application: Application, lang: Lang) -> Result<(), ApiError>;
    async fn applications(&self) -> Result<Vec<ApplicationView>, ApiError>;
    async fn approve_application(&self, id: String) -> Result<ApplicationView, ApiError>;
    async fn decline_application(&self, id: String, reason: String) -> Result<ApplicationView, ApiError>;
    async fn open_invitation(&self, token: String) -> Result<Invitation, ApiError>;
    /// Sets the new partner's password through the letter's link and signs in.
    async fn accept_invitation(&self, token: String, password: String) -> Result<SessionInfo, ApiError>;
    /// Sign-ins the sign-in screen may offer: the demo users in the offline preview, none on a server.
    async fn demo_sign_ins(&self) -> Vec<DemoUser>;
}

#[cfg(feature = "offline")]
pub use offline::Offline as Active;
#[cfg(not(feature = "offline"))]
pub use remote::Remote as Active;

/// The backend this build talks to.
pub fn backend() -> Active {
    Active
}

/// An SVG logo as a data URL: shown through `<img>`, never as markup.
pub fn svg_data_url(svg: &str) -> String {
    format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(svg))
}

/// How far the offline preview's "Move time forward" control moves the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStep {
    Day,
    Week,
    Month,
}
