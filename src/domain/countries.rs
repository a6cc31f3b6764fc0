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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_standard() {
        let codes: Vec<_> = all().map(|c| c.code).collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|pair| pair[0] < pair[1]), "sorted and unique");
        assert!(all().all(|c| c.code.len() == 2 && !c.en.is_empty() && !c.ru.is_empty()));
        assert!(is_known(&CountryCode::try_from("KZ".to_string()).unwrap()));
        assert!(!is_known(&CountryCode::try_from("XK".to_string()).unwrap()));
    }

    #[test]
    fn search_by_either_name_or_code() {
        let names = |q| search(q).map(|c| c.code).collect::<Vec<_>>();
        assert_eq!(names("казах"), ["KZ"]);
        assert_eq!(names("kazakh"), ["KZ"]);
        assert!(names("ru").contains(&"RU"));
        assert_eq!(names("").len(), 249);
    }
}
