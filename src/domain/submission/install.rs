//! The installation description must tell the customer which API sections to
//! enable for the key; blanket wording ("allow all methods") is refused
//! (seed 001). With simple connection the key is issued automatically, so a
//! short text without the sections is enough.

use crate::domain::{ApiSection, Coded};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallError {
    /// The words that asked for everything, as written.
    Blanket(String),
    /// The sections of the module's permissions the text does not name.
    SectionsNotNamed(Vec<ApiSection>),
}

/// Words that ask for "everything" …
const QUANTIFIERS: &[&str] = &[
    "all",
    "every",
    "any",
    "full",
    "unrestricted",
    "unlimited",
    "все",
    "всех",
    "всем",
    "всеми",
    "весь",
    "любые",
    "любых",
    "любым",
    "полный",
    "полного",
    "полным",
    "полные",
    "полных",
    "неограниченный",
    "неограниченные",
];

/// … of these.
const OBJECTS: &[&str] = &[
    "method",
    "methods",
    "permission",
    "permissions",
    "scope",
    "scopes",
    "access",
    "rights",
    "privileges",
    "sections",
    "методы",
    "методов",
    "методам",
    "методами",
    "метод",
    "права",
    "прав",
    "правами",
    "разрешения",
    "разрешений",
    "разрешениям",
    "разрешениями",
    "доступ",
    "доступа",
    "доступы",
    "доступов",
    "разделы",
    "разделов",
    "разделам",
    "разделами",
    "скоупы",
];

/// How a text may name each API section: word beginnings in both languages,
/// so that "Склад", "склада" and "складов" all count.
fn stems(section: ApiSection) -> &'static [&'static str] {
    match section {
        ApiSection::Order => &["order", "заказ"],
        ApiSection::Customer => &["customer", "client", "клиент", "покупател"],
        ApiSection::Reference => &["reference", "справочник"],
        ApiSection::Store => &["store", "warehouse", "inventor", "stock", "склад", "остатк"],
        ApiSection::Delivery => &["deliver", "доставк"],
        ApiSection::Telephony => &["telephon", "телефони"],
        ApiSection::Payment => &["payment", "платеж", "оплат"],
        ApiSection::Loyalty => &["loyalty", "лояльност"],
        ApiSection::Integration => &["integration", "интеграци"],
        ApiSection::User => &["user", "пользовател"],
        ApiSection::Analytics => &["analytic", "аналитик"],
        ApiSection::File => &["file", "файл"],
    }
}

/// Lower case, `ё` as `е`, words split on anything but letters, digits and `_`.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first blanket request: a quantifier followed by what it quantifies,
/// with at most one word between ("all API methods", "ко всем методам"),
/// unless a section follows closely ("all methods of the Store section").
fn blanket(words: &[String]) -> Option<String> {
    words.iter().enumerate().find_map(|(i, word)| {
        if !QUANTIFIERS.contains(&word.as_str()) {
            return None;
        }
        let object = (i + 1..(i + 3).min(words.len())).find(|&j| OBJECTS.contains(&words[j].as_str()))?;
        let qualified = words[object + 1..].iter().take(4).any(|w| ApiSection::ALL.into_iter().any(|s| names(s, w)));
        (!qualified).then(|| words[i..=object].join(" "))
    })
}

/// Whether `word` names `section`, by a stem or by its scope code.
fn names(section: ApiSection, word: &str) -> bool {
    stems(section).iter().any(|stem| word.starts_with(stem)) || word.starts_with(section.code())
}

/// Checks one language's installation description (already known not to be empty).
pub fn check_install(text: &str, sections: &BTreeSet<ApiSection>, simple_connection: bool) -> Result<(), InstallError> {
    let words = words(text);
    if let Some(phrase) = blanket(&words) {
        return Err(InstallError::Blanket(phrase));
    }
    if simple_connection {
        return Ok(());
    }
    let missing: Vec<ApiSection> = sections.iter().copied().filter(|s| !words.iter().any(|w| names(*s, w))).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(InstallError::SectionsNotNamed(missing))
    }
}
