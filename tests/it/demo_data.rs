//! The demo data set: big enough to feel real, in both languages, and shaped
//! so the two demo accounts see visibly different catalogs.

use souk::demo::DemoData;
use souk::domain::visibility::is_visible;
use souk::domain::{Lang, Section};
use std::collections::HashSet;

fn demo() -> DemoData {
    DemoData::parse(include_str!("../../public/demo/catalog.json")).expect("the demo data parses")
}

#[test]
fn has_forty_modules_or_more_across_all_twelve_sections() {
    let demo = demo();
    assert!(demo.modules.len() >= 40, "{} modules", demo.modules.len());
    let sections: HashSet<Section> = demo.modules.iter().map(|m| m.listing.section).collect();
    assert_eq!(sections.len(), 12);
    let codes: HashSet<&str> = demo.modules.iter().map(|m| m.listing.code.as_str()).collect();
    assert_eq!(codes.len(), demo.modules.len(), "symbol codes are unique");
}

#[test]
fn every_listing_is_complete_in_both_languages() {
    for module in demo().modules {
        let listing = &module.listing;
        for lang in Lang::ALL {
            let m = listing.materials(lang);
            assert!(!m.name.is_empty() && !m.short.is_empty() && !m.description.is_empty(), "{}", listing.code);
            assert!(m.features.len() >= 2 && !m.install.is_empty(), "{} {lang:?}", listing.code);
        }
        assert_ne!(listing.materials(Lang::Ru).name, listing.materials(Lang::En).name.to_uppercase());
        assert!(!listing.scopes.is_empty(), "{}", listing.code);
        assert!(listing.links.documentation.starts_with("https://"), "{}", listing.code);
        assert!(module.logo.starts_with("<svg") && module.logo.contains("viewBox"), "{}", listing.code);
        assert!(!module.logo.contains("<script") && !module.logo.contains("href"), "{}", listing.code);
    }
}

#[test]
fn covers_every_kind_of_pricing() {
    use souk::domain::PriceLine;
    let lines: Vec<PriceLine> = demo().modules.iter().map(|m| m.listing.pricing.price_line()).collect();
    assert!(lines.iter().any(|l| matches!(l, PriceLine::Free)));
    assert!(lines.iter().any(|l| matches!(l, PriceLine::Monthly { .. })));
    assert!(lines.iter().any(|l| matches!(l, PriceLine::Discounted { .. })));
    assert!(lines.iter().any(|l| matches!(l, PriceLine::ServiceSide)));
    assert!(demo().modules.iter().any(|m| m.listing.pricing.trial_days().is_some()));
}

#[test]
fn the_two_demo_accounts_see_different_catalogs() {
    let demo = demo();
    let listings: Vec<_> = demo.modules.iter().map(|m| m.listing.clone()).collect();
    let seen = |i: usize| listings.iter().filter(|l| is_visible(l, &demo.accounts[i].account)).count();
    assert_eq!(seen(0), 43, "the Russian account");
    assert_eq!(seen(1), 26, "the Kazakh and Belarusian account on API v4");
    for account in &demo.accounts {
        for code in &account.active {
            let listing = listings.iter().find(|l| &l.code == code).expect("active modules exist");
            assert!(is_visible(listing, &account.account), "{code}");
        }
    }
}

#[test]
fn locale_files_have_the_same_keys() {
    let keys = |json: &str| -> Vec<String> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut keys = Vec::new();
        for (key, value) in value.as_object().unwrap() {
            match value.as_object() {
                Some(forms) => keys.extend(forms.keys().map(|form| format!("{key}.{form}"))),
                None => keys.push(key.clone()),
            }
        }
        keys.sort();
        keys
    };
    let (ru, en) = (keys(include_str!("../../locales/ru.json")), keys(include_str!("../../locales/en.json")));
    assert_eq!(ru, en);
}

/// Every demo listing is one a partner could have submitted: it passes the
/// partner form's rules, so its partner can send a revision of it.
#[test]
fn every_demo_listing_passes_the_partner_form_rules() {
    use souk::domain::submission::{Context, ListingDraft};
    let data = demo();
    let mut wrong = Vec::new();
    for module in &data.modules {
        let draft = ListingDraft::from_listing(&module.listing, &module.logo);
        let context = Context { code_taken: false, published_code: Some(module.listing.code.to_string()) };
        for problem in draft.problems(&context) {
            wrong.push(format!("{}: {:?} {:?}", module.listing.code, problem.field, problem.issue));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_generated_catalog_is_the_search_anchor_pages() {
    use souk::demo::generated;
    use souk::domain::Pricing;
    use std::str::FromStr;
    // The first and last of `../shared/bench/search-baseline.html?n=10000`, as its script draws them.
    let modules = generated::modules(10_000);
    let en = |i: usize| {
        (modules[i].listing.materials.en.name.as_str(), modules[i].listing.materials.en.description.as_str())
    };
    assert_eq!(en(0), ("messenger analytics 0", "sync reseller courier reseller integration"));
    assert_eq!(en(1), ("telephony call 1", "tracking export invoice reseller integration"));
    assert_eq!(en(9999), ("billing booking 9999", "courier reseller delivery loyalty integration"));
    assert_eq!(modules[1].listing.materials.ru.name, "телефония звонок 1");
    let price = |text| Some(rust_decimal::Decimal::from_str(text).unwrap());
    assert!(
        matches!(modules[0].listing.pricing, Pricing::Monthly { price: p, discounted, .. } if Some(p) == price("2605") && discounted == price("2084"))
    );
    assert!(matches!(modules[1].listing.pricing, Pricing::Monthly { discounted: None, .. }));
    // The anchor page finds 2,850 of them for "telephony".
    let found = modules.iter().filter(|m| {
        let en = &m.listing.materials.en;
        format!("{} {}", en.name, en.description).contains("telephony")
    });
    assert_eq!(found.count(), 2850);
    let demo = demo();
    for account in &demo.accounts {
        assert!(
            modules.iter().all(|m| is_visible(&m.listing, &account.account)),
            "{} sees them all",
            account.account.id
        );
    }
}

#[tokio::test]
async fn seeding_generated_modules_again_doubles_nothing() {
    use souk::app::seed::{seed_demo_if_empty, seed_generated};
    use souk::store::memory::MemoryStore;
    use souk::store::{Modules, Store};
    let store = MemoryStore::default();
    let demo = demo();
    seed_demo_if_empty(&store, &demo, souk::app::passwords::Passwords::Preview, chrono::Utc::now()).await.unwrap();
    assert_eq!(seed_generated(&store, 2500).await.unwrap(), 2500);
    seed_generated(&store, 2500).await.unwrap();
    let modules = store.read().await.unwrap().modules().await.unwrap();
    assert_eq!(modules.len(), demo.modules.len() + 2500);
}
