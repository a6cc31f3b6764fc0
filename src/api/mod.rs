//! The server-function layer: what the browser asks the server, and the types both sides carry.

pub mod auth;
pub mod catalog;
pub mod error;
pub mod types;

pub use error::ApiError;
pub use types::{CatalogModule, SessionInfo, UserView};
