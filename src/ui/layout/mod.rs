//! The frame around every screen.

pub mod role_switch;
pub mod time_travel;
pub mod top_bar;

pub use top_bar::TopBar;
