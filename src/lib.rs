//! Souk, the integrations marketplace: one crate built as the browser app
//! (feature `csr`) and as the server (feature `server`).

pub mod api;
pub mod apps;
pub mod demo;
pub mod domain;
pub mod texts;

// The `i18n` module: translations generated from `locales/` by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

#[cfg(feature = "csr")]
pub mod backend;
#[cfg(feature = "csr")]
pub mod ui;

#[cfg(feature = "server")]
pub mod server;
