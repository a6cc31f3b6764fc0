//! Souk, the integrations marketplace: one crate built as the browser app
//! (feature `csr`; `offline` for the preview that runs without a server) and
//! as the server (feature `server`).

pub mod api;
pub mod apps;
pub mod demo;
pub mod domain;
pub mod form;
pub mod texts;

// The `i18n` module: translations generated from `locales/` by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

// The use cases and their storage run where the data is: on the server, or in
// the offline preview's browser. The server-mode browser app only calls them.
#[cfg(any(feature = "server", feature = "offline"))]
pub mod app;
#[cfg(any(feature = "server", feature = "offline"))]
pub mod standins;
#[cfg(any(feature = "server", feature = "offline"))]
pub mod store;

#[cfg(feature = "csr")]
pub mod ui;

#[cfg(feature = "server")]
pub mod server;
