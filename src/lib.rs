//! Souk, the integrations marketplace: one crate built as the browser app
//! (feature `csr`) and as the server (feature `server`).

pub mod api;
pub mod demo;
pub mod domain;

#[cfg(feature = "server")]
pub mod server;
