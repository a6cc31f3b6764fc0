//! Built-in modules: listings of Souk itself, activated and paid for like any
//! other, whose settings are a screen of Souk's own that talks to an outside
//! system (seeds 002–004, SPEC §6).

use super::ModuleCode;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Module codes starting with this are Souk's: no partner may take one.
pub const RESERVED_PREFIX: &str = "souk-";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    Sms,
    Reseller,
    Booking,
}

impl Builtin {
    pub const ALL: [Builtin; 3] = [Builtin::Sms, Builtin::Reseller, Builtin::Booking];

    pub fn code(self) -> &'static str {
        match self {
            Builtin::Sms => "souk-sms",
            Builtin::Reseller => "souk-reseller",
            Builtin::Booking => "souk-booking",
        }
    }

    /// The built-in module published under `code`, if it is one.
    pub fn of(code: &ModuleCode) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|builtin| builtin.code() == code.as_str())
    }

    /// Its settings screen for one connection (the built-ins' own app).
    pub fn settings_page(self, connection: &str) -> String {
        let screen = match self {
            Builtin::Sms => "sms",
            Builtin::Reseller => "reseller",
            Builtin::Booking => "booking",
        };
        format!("/builtins/{screen}/{connection}")
    }
}

/// One call a built-in made to its outside system, as its access log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiCall {
    pub at: DateTime<Utc>,
    pub method: String,
    pub path: String,
    /// The parameters sent, passwords and keys masked.
    pub params: String,
    pub status: Option<u16>,
    /// The outside system's own error code.
    pub error_code: Option<u16>,
    pub latency_ms: u32,
    /// Why no answer came.
    pub error: Option<String>,
}

/// How long a built-in's API access log keeps a call.
pub const LOG_KEPT: TimeDelta = TimeDelta::days(7);

/// The oldest call a log read at `now` still shows.
pub fn log_horizon(now: DateTime<Utc>) -> DateTime<Utc> {
    now - LOG_KEPT
}

/// Fields written `name=value&…`, any secret one as `***`.
pub fn masked<'a>(fields: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    fields
        .map(|(name, value)| if is_secret(name) { format!("{name}=***") } else { format!("{name}={value}") })
        .collect::<Vec<_>>()
        .join("&")
}

fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["psw", "pass", "key", "token", "secret", "auth"].iter().any(|secret| name.contains(secret))
}
