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
