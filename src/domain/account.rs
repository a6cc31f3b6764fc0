//! The account that browses the marketplace: its countries, API version, language.

use super::ids::AccountId;
use super::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;
use strum::{EnumString, IntoStaticStr};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, IntoStaticStr, EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ApiVersion {
    V3,
    V4,
    V5,
}

impl ApiVersion {
    pub const ALL: [ApiVersion; 3] = [ApiVersion::V3, ApiVersion::V4, ApiVersion::V5];
}

/// An ISO 3166-1 alpha-2 code, upper case ("RU", "KZ").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 3166-1 alpha-2 code: {0:?}")]
pub struct BadCountryCode(pub String);

impl TryFrom<String> for CountryCode {
    type Error = BadCountryCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(code))
        } else {
            Err(BadCountryCode(code))
        }
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl CountryCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub countries: Vec<CountryCode>,
    pub api_version: ApiVersion,
    pub lang: Lang,
    /// IANA name; dates are shown and days counted in it.
    pub timezone: String,
}
