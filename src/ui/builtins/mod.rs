//! Built-in modules' settings screens (an app of their own, `/builtins/…`): Souk's
//! own screens where a partner's module would open its page, and the API
//! access log they share.

mod api_log;
pub mod sms;

pub use api_log::ApiLog;
