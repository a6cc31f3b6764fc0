//! Marketplace sections, and which of them allow one active module at a time.

use super::lang::Localized;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, IntoStaticStr, EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Section {
    Telephony,
    Warehouse,
    CashRegisters,
    CallTracking,
    Delivery,
    Messengers,
    SmsEmail,
    Loyalty,
    Billing,
    Booking,
    Analytics,
    Other,
}

impl Section {
    /// In the order the marketplace shows its tabs.
    pub const ALL: [Section; 12] = [
        Section::Telephony,
        Section::Warehouse,
        Section::CashRegisters,
        Section::CallTracking,
        Section::Delivery,
        Section::Messengers,
        Section::SmsEmail,
        Section::Loyalty,
        Section::Billing,
        Section::Booking,
        Section::Analytics,
        Section::Other,
    ];

    /// Telephony, warehouse, cash registers and call tracking each allow one
    /// active module per account (seed 000).
    pub fn is_exclusive(self) -> bool {
        matches!(self, Section::Telephony | Section::Warehouse | Section::CashRegisters | Section::CallTracking)
    }
}

/// A section a partner asked for and a moderator added. The marketplace shows
/// it as a tab of its own; for the rules (one active module per section) it
/// counts as "Other".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedSection {
    pub code: String,
    pub names: Localized<String>,
}

impl AddedSection {
    /// The section the moderator adds with these names. Its code comes from
    /// the English name, so the same section asked for twice is one tab.
    pub fn approved(names: &Localized<String>) -> AddedSection {
        let slug: Vec<String> = names
            .en
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_string)
            .collect();
        let code = if slug.is_empty() { "added".to_string() } else { format!("added-{}", slug.join("-")) };
        AddedSection { code, names: Localized { ru: names.ru.trim().to_string(), en: names.en.trim().to_string() } }
    }
}

/// A marketplace tab: a built-in section, or one a moderator added (by code).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shelf {
    Section(Section),
    Added(String),
}
