//! The ids and codes that cross the layers, as types of their own: an account
//! id cannot be passed where a connection id is expected. On the wire and in
//! storage each is its plain string.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> $name {
                $name(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> $name {
                $name(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> $name {
                $name(value.to_string())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
    };
}

id!(
    /// An account: the company that activates and pays for modules.
    AccountId
);
id!(
    /// What a client names one intended money change by (an activation, a
    /// top-up), so that sending it twice does it once.
    IdempotencyKey
);

impl IdempotencyKey {
    /// 16 to 64 letters, digits, `-` or `_`: a UUID, or random hex.
    pub fn is_well_formed(&self) -> bool {
        (16..=64).contains(&self.0.len()) && self.0.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}
id!(
    /// One connection of a module in an account.
    ConnectionId
);
id!(
    /// A partner's listing (its working copy), `lst-…`.
    ListingId
);
id!(
    /// A module's symbol code: `integrationCode` in the module API and the URL slug.
    ModuleCode
);
id!(
    /// A partner application, `app-…`.
    ApplicationId
);
id!(
    /// A top-up paid through the payment provider, `pay-…`.
    PaymentId
);
id!(
    /// An API key's record, `key-…` (never the key itself).
    ApiKeyId
);
id!(
    /// An account's review of a module, `rev-…`.
    ReviewId
);
id!(
    /// A report of a review or of its reply, `rep-…`.
    ReportId
);

/// A user's e-mail, as users sign in with it: trimmed and lower-case, and an address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The address as typed, trimmed and lower-cased, or the reason it is not one.
    pub fn parse(input: &str) -> Result<Email, super::submission::Issue> {
        super::application::check_email(input)?;
        Ok(Email(input.trim().to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;

    fn try_from(value: String) -> Result<Email, String> {
        Email::parse(&value).map_err(|_| format!("not an e-mail address: {value:?}"))
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for Email {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<str> for Email {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}
