//! ISO 3166-1 countries with their names in both languages, for the partner
//! form's country picker and for checking the codes a listing names.

use super::{CountryCode, Lang};

const TABLE: &str = include_str!("countries.tsv");

pub struct Country {
    pub code: &'static str,
    pub en: &'static str,
    pub ru: &'static str,
}

impl Country {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// Every country, ordered by code.
pub fn all() -> impl Iterator<Item = Country> {
    TABLE.lines().filter(|line| !line.starts_with('#')).filter_map(|line| {
        let mut columns = line.split('\t');
        Some(Country { code: columns.next()?, en: columns.next()?, ru: columns.next()? })
    })
}

pub fn is_known(code: &CountryCode) -> bool {
    all().any(|country| country.code == code.as_str())
}

/// Countries whose code or name in either language contains `query`, ignoring case.
pub fn search(query: &str) -> impl Iterator<Item = Country> + '_ {
    let query = query.trim().to_lowercase();
    all().filter(move |c| {
        query.is_empty() || [c.code, c.en, c.ru].iter().any(|text| text.to_lowercase().contains(&query))
    })
}
