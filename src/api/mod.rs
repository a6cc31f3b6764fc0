//! The server-function layer: what the browser asks the server, and the types both sides carry.
//! Arguments travel as JSON: `serde_json` is in the app anyway, a URL-encoding codec would add weight.

pub mod applications;
pub mod auth;
pub mod billing;
pub mod catalog;
pub mod error;
pub mod moderation;
pub mod partner;
pub mod types;

pub use error::ApiError;
pub use types::{CatalogModule, SessionInfo, UserView};
