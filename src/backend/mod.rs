//! The one interface the UI calls: answered by the server through `crate::api`,
//! or, in the offline preview (feature `offline`), by a store in the browser.

use crate::api::{ApiError, CatalogModule, SessionInfo};
use crate::demo::DemoUser;

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
