//! The catalog rules an account meets: visibility, search, filters, sort, counts.

use chrono::NaiveDate;

use crate::fixtures::{country, listing};
use souk::domain::lang::Localized;
use souk::domain::section::{AddedSection, Shelf};
use souk::domain::{Account, ApiVersion, CatalogQuery, Lang, Listing, PriceFilter, Pricing, Section, SortOrder};
use std::collections::HashSet;
use std::str::FromStr;

fn account(countries: &[&str], api: ApiVersion) -> Account {
    Account {
        id: "acc".into(),
        name: "Account".into(),
        countries: countries.iter().map(|c| country(c)).collect(),
        api_version: api,
        lang: Lang::Ru,
        timezone: "Europe/Moscow".into(),
    }
}

fn monthly(price: &str) -> Pricing {
    Pricing::Monthly { price: rust_decimal::Decimal::from_str(price).unwrap(), discounted: None, trial_days: None }
}

#[test]
fn visibility_needs_a_shared_country_and_a_recent_enough_api() {
    use souk::domain::visibility::is_visible;
    let ru_v5 = account(&["RU"], ApiVersion::V5);
    let kz_by_v4 = account(&["KZ", "BY"], ApiVersion::V4);
    let cases = [
        (&["RU"][..], ApiVersion::V5, true, false),
        (&["RU", "KZ"][..], ApiVersion::V4, true, true),
        (&["BY"][..], ApiVersion::V3, false, true),
        (&["KZ"][..], ApiVersion::V5, false, false),
        (&["UZ"][..], ApiVersion::V3, false, false),
        (&[][..], ApiVersion::V3, false, false),
    ];
    for (countries, api, for_ru, for_kz) in cases {
        let module = listing("m", Section::Other, Pricing::Free, countries, api);
        assert_eq!(is_visible(&module, &ru_v5), for_ru, "{countries:?} {api:?} for RU/v5");
        assert_eq!(is_visible(&module, &kz_by_v4), for_kz, "{countries:?} {api:?} for KZ+BY/v4");
    }
}

fn sample() -> Vec<Listing> {
    let mut modules = vec![
        listing("phone", Section::Telephony, monthly("1990"), &["RU"], ApiVersion::V4),
        listing("sklad", Section::Warehouse, Pricing::Free, &["RU"], ApiVersion::V4),
        listing("chat", Section::Messengers, Pricing::ServiceSide, &["RU"], ApiVersion::V4),
        listing("cheap", Section::Messengers, monthly("490"), &["RU"], ApiVersion::V4),
    ];
    modules[0].installs = 10;
    modules[1].installs = 30;
    modules[2].installs = 20;
    modules[3].installs = 5;
    modules[3].published = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    modules[0].materials.ru.short = "Облачная АТС и запись звонков".into();
    modules[0].materials.ru.description = "Ёмкая интеграция".into();
    modules
}

fn codes<T: AsRef<Listing>>(found: Vec<&T>) -> Vec<String> {
    found.into_iter().map(|m| m.as_ref().code.to_string()).collect()
}

#[test]
fn search_matches_every_word_in_name_or_descriptions_of_the_shown_language() {
    let modules = sample();
    let none = HashSet::<String>::new();
    let search =
        |text: &str, lang| codes(CatalogQuery { text: text.into(), ..Default::default() }.apply(&modules, lang, &none));
    assert_eq!(search("атс", Lang::Ru), ["phone"]);
    assert_eq!(search("ОБЛАЧНАЯ звонков", Lang::Ru), ["phone"]);
    assert_eq!(search("облачная склад", Lang::Ru), Vec::<String>::new());
    // ё and е are the same letter to a searcher.
    assert_eq!(search("емкая", Lang::Ru), ["phone"]);
    assert_eq!(search("module sklad", Lang::En), ["sklad"]);
    assert_eq!(search("атс", Lang::En), Vec::<String>::new());
    assert_eq!(search("   ", Lang::Ru).len(), 4);
}

#[test]
fn filters_by_section_price_and_activity() {
    let modules = sample();
    let active: HashSet<String> = ["chat".to_string()].into();
    let apply = |query: CatalogQuery| {
        let mut found = codes(query.apply(&modules, Lang::Ru, &active));
        found.sort();
        found
    };
    assert_eq!(
        apply(CatalogQuery { section: Some(Shelf::Section(Section::Messengers)), ..Default::default() }),
        ["chat", "cheap"]
    );
    assert_eq!(apply(CatalogQuery { price: PriceFilter::Free, ..Default::default() }), ["sklad"]);
    assert_eq!(apply(CatalogQuery { price: PriceFilter::Paid, ..Default::default() }), ["chat", "cheap", "phone"]);
    assert_eq!(apply(CatalogQuery { active_only: true, ..Default::default() }), ["chat"]);
}

#[test]
fn sorts_by_popularity_novelty_and_price() {
    let modules = sample();
    let none = HashSet::<String>::new();
    let sorted = |sort| codes(CatalogQuery { sort, ..Default::default() }.apply(&modules, Lang::Ru, &none));
    assert_eq!(sorted(SortOrder::Popular), ["sklad", "chat", "phone", "cheap"]);
    assert_eq!(sorted(SortOrder::Newest)[0], "cheap");
    assert_eq!(sorted(SortOrder::Price), ["sklad", "cheap", "phone", "chat"]);
}

#[test]
fn sorts_by_the_bayesian_rating_and_filters_four_stars_and_up() {
    use souk::api::CatalogModule;
    use souk::domain::review::rating::Rating;
    let rated =
        |listing: Listing, bars: [u32; 5]| CatalogModule { listing, logo_url: String::new(), rating: Rating { bars } };
    let mut modules = sample().into_iter();
    let mut next = |bars| rated(modules.next().unwrap(), bars);
    // One five-star review, fifty at 4.8 on average, three at 4.0, none.
    let modules = vec![next([0, 0, 0, 0, 1]), next([0, 0, 0, 10, 40]), next([0, 0, 0, 3, 0]), next([0; 5])];
    let codes_of = |query: CatalogQuery| -> Vec<String> {
        query.apply(&modules, Lang::Ru, &HashSet::<String>::new()).iter().map(|m| m.listing.code.to_string()).collect()
    };
    let code = |at: usize| modules[at].listing.code.to_string();
    let by_rating = codes_of(CatalogQuery { sort: SortOrder::Rating, ..Default::default() });
    // Fifty 4.8s beat three 4s, which beat a single 5; the unreviewed come last.
    assert_eq!(by_rating, [code(1), code(2), code(0), code(3)]);
    let high = codes_of(CatalogQuery { high_rated: true, ..Default::default() });
    assert_eq!(high.len(), 2, "4.8 and 4.0 are shown averages; one review is still new: {high:?}");
    assert!(high.contains(&code(1)) && high.contains(&code(2)));
    let counts = CatalogQuery { high_rated: true, ..Default::default() }.section_counts(
        &modules,
        Lang::Ru,
        &HashSet::<String>::new(),
    );
    assert_eq!(counts.values().sum::<usize>(), 2, "the tabs count what the filter keeps");
}

#[test]
fn section_counts_follow_the_search_but_not_the_section_tab() {
    let modules = sample();
    let none = HashSet::<String>::new();
    let query = CatalogQuery {
        section: Some(Shelf::Section(Section::Telephony)),
        price: PriceFilter::Paid,
        ..Default::default()
    };
    let counts = query.section_counts(&modules, Lang::Ru, &none);
    assert_eq!(counts.len(), 12, "every section has a count, zero included");
    assert_eq!(counts[&Shelf::Section(Section::Telephony)], 1);
    assert_eq!(counts[&Shelf::Section(Section::Messengers)], 2);
    assert_eq!(counts[&Shelf::Section(Section::Warehouse)], 0);
}

#[test]
fn a_module_in_an_added_section_has_a_tab_of_its_own() {
    let mut modules = sample();
    let mut feed = listing("feed", Section::Other, Pricing::Free, &["RU"], ApiVersion::V5);
    feed.added_section = Some(AddedSection::approved(&Localized { ru: "Фиды".into(), en: "Feeds".into() }));
    modules.push(feed);
    let none = HashSet::<String>::new();
    let feeds = Shelf::Added("added-feeds".into());
    let counts = CatalogQuery::default().section_counts(&modules, Lang::Ru, &none);
    assert_eq!((counts.len(), counts[&feeds]), (13, 1));
    let query = CatalogQuery { section: Some(feeds.clone()), ..Default::default() };
    let codes: Vec<&str> = query.apply(&modules, Lang::Ru, &none).iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["feed"]);
    let other = CatalogQuery { section: Some(Shelf::Section(Section::Other)), ..Default::default() };
    assert!(other.apply(&modules, Lang::Ru, &none).iter().all(|l| l.code != "feed"), "not under Other");
    let paid = CatalogQuery { price: PriceFilter::Paid, ..Default::default() };
    assert_eq!(paid.section_counts(&modules, Lang::Ru, &none)[&feeds], 0, "the tab stays while filtered out");
}
