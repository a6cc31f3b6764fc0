//! Small pieces shared by several screens.

pub mod confirm;
pub mod error_panel;
pub mod focus;
pub mod locale_switch;
pub mod modal;
pub mod price_tag;
pub mod text_field;

pub use confirm::ConfirmAction;
pub use error_panel::ErrorPanel;
pub use focus::focus_first_invalid;
pub use locale_switch::LocaleSwitch;
pub use modal::Modal;
pub use price_tag::PriceTag;
pub use text_field::TextField;
