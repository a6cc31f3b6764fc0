//! A published module listing: what the catalog and the pop-up show.

use super::ids::ModuleCode;
use super::lang::Localized;
use super::section::{AddedSection, Shelf};
use super::{ApiVersion, CountryCode, Lang, Pricing, Scope, Section};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The texts a partner writes once per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Materials {
    pub name: String,
    /// One sentence for the card.
    pub short: String,
    pub description: String,
    pub features: Vec<String>,
    pub install: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    pub documentation: String,
    pub support: String,
    pub website: String,
    /// Where Connect sends an account owner when there is no simple
    /// connection (with `?account=`); the developer's website when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub connection: String,
    /// The simple connection's configuration URL, when the module has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simple_connection: Option<String>,
}

impl Links {
    /// The page Connect opens for the account at `system_url` (no simple connection).
    pub fn connection_page(&self, system_url: &str) -> String {
        let page = if self.connection.is_empty() { &self.website } else { &self.connection };
        let separator = if page.contains('?') { '&' } else { '?' };
        let account: String = form_value(system_url);
        format!("{page}{separator}account={account}")
    }
}

/// A value as a query string carries it (RFC 3986 unreserved characters kept).
fn form_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    /// The symbol code: `integrationCode` in the module API, and the URL slug.
    pub code: ModuleCode,
    pub section: Section,
    pub vendor: String,
    pub pricing: Pricing,
    pub countries: Vec<CountryCode>,
    pub min_api: ApiVersion,
    pub scopes: Vec<Scope>,
    pub links: Links,
    pub materials: Localized<Materials>,
    /// How many accounts have it installed: the "popular" order.
    pub installs: u32,
    pub published: NaiveDate,
    /// The moderator-added section it is shelved under (its `section` is then "Other").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_section: Option<AddedSection>,
}

impl Listing {
    /// The tab the marketplace shows it under.
    pub fn shelf(&self) -> Shelf {
        match &self.added_section {
            Some(added) => Shelf::Added(added.code.clone()),
            None => Shelf::Section(self.section),
        }
    }

    pub fn materials(&self, lang: Lang) -> &Materials {
        self.materials.get(lang)
    }
}

impl AsRef<Listing> for Listing {
    fn as_ref(&self) -> &Listing {
        self
    }
}
