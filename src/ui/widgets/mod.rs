//! Small pieces shared by several screens.

pub mod async_view;
pub mod confirm;
pub mod error_panel;
pub mod field;
pub mod form;
pub mod locale_switch;
pub mod modal;
pub mod paged;
pub mod price_tag;
pub mod rating_line;
pub mod submit;
pub mod text;

pub use async_view::{list, loaded, Loading};
pub use confirm::ConfirmAction;
pub use error_panel::ErrorPanel;
pub use field::{use_field, Field, Input, Select, Text, TextArea};
pub use form::Form;
pub use locale_switch::LocaleSwitch;
pub use modal::Modal;
pub use paged::Paged;
pub use price_tag::PriceTag;
pub use rating_line::RatingLine;
pub use submit::submit;
pub use text::shown;
pub(crate) use text::tr;
