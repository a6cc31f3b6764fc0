//! API scopes (`<section>_read` / `<section>_write`) a module asks for.

use super::Coded;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use strum::{EnumString, IntoStaticStr};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, IntoStaticStr, EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ApiSection {
    Order,
    Customer,
    Reference,
    Store,
    Delivery,
    Telephony,
    Payment,
    Loyalty,
    Integration,
    User,
    Analytics,
    File,
}

impl ApiSection {
    pub const ALL: [ApiSection; 12] = [
        ApiSection::Order,
        ApiSection::Customer,
        ApiSection::Reference,
        ApiSection::Store,
        ApiSection::Delivery,
        ApiSection::Telephony,
        ApiSection::Payment,
        ApiSection::Loyalty,
        ApiSection::Integration,
        ApiSection::User,
        ApiSection::Analytics,
        ApiSection::File,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    Read,
    Write,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Scope {
    pub section: ApiSection,
    pub access: Access,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let access = match self.access {
            Access::Read => "read",
            Access::Write => "write",
        };
        write!(f, "{}_{access}", self.section.code())
    }
}

impl std::str::FromStr for Scope {
    type Err = UnknownScope;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (section, access) = s.rsplit_once('_').ok_or(UnknownScope)?;
        let section = ApiSection::ALL.into_iter().find(|candidate| candidate.code() == section).ok_or(UnknownScope)?;
        let access = match access {
            "read" => Access::Read,
            "write" => Access::Write,
            _ => return Err(UnknownScope),
        };
        Ok(Scope { section, access })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an API scope")]
pub struct UnknownScope;

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|_| serde::de::Error::custom(format!("unknown scope {text:?}")))
    }
}
