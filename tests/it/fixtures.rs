//! Listings and accounts for the domain tests.

use chrono::NaiveDate;
use souk::domain::lang::Localized;
use souk::domain::{ApiVersion, CountryCode, Links, Listing, Materials, Pricing, Section};

pub fn country(code: &str) -> CountryCode {
    CountryCode::try_from(code.to_string()).unwrap()
}

pub fn materials(name: &str, short: &str) -> Materials {
    Materials {
        name: name.into(),
        short: short.into(),
        description: format!("{name}: {short}"),
        features: vec![],
        install: String::new(),
    }
}

pub fn listing(code: &str, section: Section, pricing: Pricing, countries: &[&str], api: ApiVersion) -> Listing {
    Listing {
        code: code.into(),
        section,
        vendor: "Vendor".into(),
        pricing,
        countries: countries.iter().map(|c| country(c)).collect(),
        min_api: api,
        scopes: vec![],
        links: Links {
            documentation: String::new(),
            support: String::new(),
            website: String::new(),
            connection: String::new(),
            simple_connection: None,
        },
        materials: Localized {
            ru: materials(&format!("Модуль {code}"), "описание"),
            en: materials(&format!("Module {code}"), "about"),
        },
        installs: 0,
        published: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        added_section: None,
    }
}
