//! Where a server function meets its use case: the context a use case runs
//! with (store, clock, session) and what the answer does on the way out
//! (cookies, HTTP statuses). On the server that is the request; in the
//! offline preview, the browser.

#[cfg(feature = "offline")]
mod preview;
#[cfg(feature = "server")]
mod server;

#[cfg(feature = "offline")]
pub use preview::*;
#[cfg(feature = "server")]
pub use server::*;
