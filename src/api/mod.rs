//! The server functions the app calls, and the types they carry. Each is an
//! edge of one use case of `crate::app`: a `#[server]` function in the
//! server's build (and its HTTP client in the browser's), a plain function
//! running the same use case in the offline preview's. Arguments travel as
//! JSON: `serde_json` is in the app anyway, a URL-encoding codec would add weight.

/// The body of an edge: its use case, with the context `edge` gives it.
#[cfg(any(feature = "server", feature = "offline"))]
macro_rules! run {
    ($($use_case:ident)::+ ($($arg:expr),*)) => {
        crate::api::edge::serve(async |cx| crate::app::$($use_case)::+(cx $(, $arg)*).await).await
    };
}

pub mod api_keys;
pub mod applications;
pub mod auth;
pub mod billing;
pub mod booking;
pub mod builtins;
pub mod catalog;
pub mod deliveries;
#[cfg(any(feature = "server", feature = "offline"))]
pub(crate) mod edge;
pub mod error;
pub mod moderation;
pub mod partner;
#[cfg(feature = "offline")]
pub mod preview;
pub mod reseller;
pub mod reviews;
pub mod search_terms;
pub mod simple_connection;
pub mod sms;
pub mod types;

pub use error::ApiError;
pub use types::{CatalogModule, CatalogView, SessionInfo, UserView};
