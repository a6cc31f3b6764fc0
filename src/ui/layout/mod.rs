//! The frame around every screen.

#[cfg(feature = "offline")]
pub mod role_switch;
#[cfg(feature = "offline")]
pub mod time_travel;
pub mod top_bar;
pub mod zone_switch;

pub use top_bar::TopBar;
