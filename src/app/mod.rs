//! The use cases, each written once: who may call, what to load, the domain's
//! decision, what to store, the answer. They are generic over `crate::store`:
//! the server runs them on SQL, the offline preview and the native tests in
//! memory, each through its edge in `crate::api`.

pub mod api_keys;
pub mod applications;
pub mod billing;
pub mod booking;
pub mod builtins;
pub mod catalog;
pub mod deliveries;
mod error;
pub mod limits;
pub mod moderation;
pub mod module_api;
pub mod module_calls;
pub mod partner;
pub mod passwords;
pub mod payments;
pub mod reseller;
pub mod reviews;
pub mod search_terms;
pub mod second_factor;
pub mod seed;
pub mod session;
pub mod simple_connection;
pub mod sms;
pub mod tokens;
#[cfg(feature = "server")]
pub mod users;

use crate::api::types::Page;
use crate::api::ApiError;
use crate::domain::{AccountId, Role};
use crate::store::{SessionTimes, Store, UserRecord, Window};
use chrono::{DateTime, Utc};
use limits::Limits;
use passwords::Passwords;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use tokens::SessionToken;

/// Items a page of a list holds.
pub const PAGE: u32 = 50;

/// The slice of a list a page from `from` reads: one item more than a page,
/// which tells whether another page follows.
pub(crate) fn window(from: Option<u32>) -> Window {
    Window { offset: from.unwrap_or(0), limit: PAGE + 1 }
}

/// The page of `items`, read through `window(from)`.
pub(crate) fn page<T>(items: Vec<T>, from: Option<u32>) -> Page<T> {
    let (items, more) = first_page(items);
    Page { items, next: more.then(|| from.unwrap_or(0) + PAGE) }
}

/// A page's worth of `items`, read one over, and whether another page follows.
pub(crate) fn first_page<T>(mut items: Vec<T>) -> (Vec<T>, bool) {
    let more = items.len() > PAGE as usize;
    items.truncate(PAGE as usize);
    (items, more)
}

/// What a use case runs with, besides its arguments.
pub struct Ctx<S> {
    pub store: S,
    /// The server's clock, or the preview's moved one.
    pub now: DateTime<Utc>,
    /// The session the call came with (the cookie, or the preview's remembered one).
    pub session: Option<SessionToken>,
    /// The caller's address, for the limits on what one client may try.
    pub client: Option<IpAddr>,
    /// `scheme://host` the app is reached at: links in letters start with it.
    pub origin: String,
    pub limits: Arc<Limits>,
    pub passwords: Passwords,
    /// Demo mode with no mail server (and the offline preview): the outbox is
    /// the demo's mailbox, so moderators see approval letters' links.
    pub demo_mail: bool,
    /// Demo mode (and the preview): a moderator's code step shows the code.
    pub demo: bool,
    /// How a top-up is paid.
    pub payments: payments::Payments,
    /// Calls to modules' backends (simple connection; callbacks are sent
    /// apart) and to the outside systems built-in modules talk to.
    pub modules: Arc<dyn module_calls::ModuleCalls>,
    /// Where built-ins reach their outside systems by default.
    pub outside: builtins::Outside,
    /// The session's times as the call's first `signed_in` read them, so that
    /// keeping the session alive afterwards needs no read of its own.
    pub session_times: OnceLock<SessionTimes>,
}

impl<S: Store> Ctx<S> {
    /// The signed-in user, looked up in `tx`.
    pub async fn signed_in(&self, tx: &mut S::Tx) -> Result<UserRecord, ApiError> {
        use crate::store::Sessions;
        let token = self.session.as_ref().ok_or(ApiError::NotSignedIn)?;
        let (user, times) = tx.session_user(&token.hash(), self.now).await?.ok_or(ApiError::NotSignedIn)?;
        // A session's times only move later: the first read is a floor, which
        // is all `session::keep_alive` needs.
        let _ = self.session_times.set(times);
        Ok(user)
    }

    /// The signed-in user when they have `role`; anyone else is refused.
    pub async fn signed_in_as(&self, tx: &mut S::Tx, role: Role) -> Result<UserRecord, ApiError> {
        let user = self.signed_in(tx).await?;
        if user.role == role {
            Ok(user)
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The account of the signed-in account owner; anyone else is refused.
    pub async fn account_owner(&self, tx: &mut S::Tx) -> Result<AccountId, ApiError> {
        self.signed_in_as(tx, Role::AccountOwner).await?.account.ok_or(ApiError::Forbidden)
    }
}
