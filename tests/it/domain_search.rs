//! Search that forgives (issue 17): each kind of forgiveness in both
//! languages, the ranking, and what is not forgiven.

use souk::domain::search::{distance, query_words, skeleton, stem, swap_layout, words, Strength};

/// How well `query` (one word) finds `text`'s best word.
fn found(query: &str, text: &str) -> Option<Strength> {
    let query = query_words(query);
    assert_eq!(query.len(), 1);
    query[0].best(&words(text))
}

#[test]
fn each_kind_of_forgiveness_finds_the_word() {
    use Strength::{Exact, Forgiving};
    for (query, text, expected) in [
        // As typed, any case, ё as е, part of a word.
        ("Телефон", "IP-телефония для отдела продаж", Some(Exact)),
        ("ёлка", "Елка", Some(Exact)),
        ("chat", "Chatterbox", Some(Exact)),
        // The wrong keyboard layout, both ways.
        ("ntktajybz", "Телефония", Some(Forgiving)),
        ("ьщвгдуы", "Modules for delivery", Some(Forgiving)),
        ("rfccf", "Онлайн-касса", Some(Forgiving)),
        // Transliteration, both ways.
        ("sdek", "Доставка СДЭК", Some(Forgiving)),
        ("сдэк", "SDEK delivery", Some(Forgiving)),
        ("telegram", "Бот в телеграм", Some(Forgiving)),
        ("телеграм", "Telegram bot", Some(Forgiving)),
        ("dostavista", "Достависта Экспресс", Some(Forgiving)),
        // One typo from five letters, two from eight.
        ("telefonia", "Телефония", Some(Forgiving)),
        ("склодской", "Складской учёт", Some(Forgiving)),
        ("тилефония", "телефония", Some(Forgiving)),
        ("delivry", "delivery", Some(Forgiving)),
        ("sklda", "склад", Some(Forgiving)),
        // Russian forms.
        ("кассой", "Онлайн-касса", Some(Forgiving)),
        ("кассы", "Работа с кассой", Some(Forgiving)),
        ("складами", "Управление складом", Some(Forgiving)),
        // Not forgiven: a typo in a short word, two in a word of five to seven, another word.
        ("кот", "кит", None),
        ("склдо", "склад", None),
        ("телефония", "Доставка", None),
        ("bonus", "Онлайн-касса", None),
    ] {
        assert_eq!(found(query, text), expected, "{query:?} in {text:?}");
    }
}

#[test]
fn the_parts_behave_as_they_say() {
    assert_eq!(swap_layout("ntktajybz"), "телефония");
    assert_eq!(swap_layout("ьщвгдуы"), "modules");
    assert_eq!(skeleton("сдэк"), "sdek");
    assert_eq!(skeleton("телеграмм"), skeleton("telegram"));
    assert_eq!(skeleton("хабаровск"), skeleton("khabarovsk"));
    assert_eq!(stem("кассой"), "касс");
    assert_eq!(stem("касса"), "касс");
    assert_eq!(stem("кот"), "кот", "never below three letters");
    assert_eq!(distance("sklodskoi", "skladskoi"), 1);
    assert_eq!(distance("ab", "ba"), 1, "a swap of neighbours is one");
    assert_eq!(distance("", "abc"), 3);
}

#[test]
fn the_catalog_ranks_name_above_description_and_exact_above_forgiving() {
    use crate::fixtures::listing;
    use souk::domain::{ApiVersion, CatalogQuery, Lang, Pricing, Section};
    let mut modules = vec![
        listing("in-text", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4),
        listing("forgiven", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4),
        listing("exact", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4),
        listing("other", Section::Warehouse, Pricing::Free, &["RU"], ApiVersion::V4),
    ];
    modules[0].materials.ru.short = "Звонки и телефония в карточке клиента".into();
    modules[1].materials.ru.name = "Телефонии облачные".into();
    modules[2].materials.ru.name = "Телефония".into();
    // Far more popular, yet found only in its description: it comes last of the three.
    modules[0].installs = 1000;
    let none = std::collections::HashSet::<String>::new();
    for typed in ["телефония", "ntktajybz", "telefonia"] {
        let found = CatalogQuery { text: typed.into(), ..Default::default() }.apply(&modules, Lang::Ru, &none);
        let codes: Vec<&str> = found.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes.len(), 3, "{typed}: {codes:?}");
        assert_eq!(codes[2], "in-text", "{typed}: the name first");
    }
    let found = CatalogQuery { text: "телефония".into(), ..Default::default() }.apply(&modules, Lang::Ru, &none);
    let codes: Vec<&str> = found.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["exact", "forgiven", "in-text"], "exact above forgiving");
}

#[test]
fn on_the_demo_catalog_the_best_is_first() {
    use souk::demo::DemoData;
    use souk::domain::{CatalogQuery, Lang};
    let demo = DemoData::parse(include_str!("../../public/demo/catalog.json")).unwrap();
    let listings: Vec<souk::domain::Listing> = demo.modules.iter().map(|m| m.listing.clone()).collect();
    let none = std::collections::HashSet::<String>::new();
    for (typed, first) in
        [("касса онлайн", "chek-online"), ("звонарь", "zvonar"), ("Амбар", "ambar"), ("rfccf jykfqy", "chek-online")]
    {
        let found = CatalogQuery { text: typed.into(), ..Default::default() }.apply(&listings, Lang::Ru, &none);
        let codes: Vec<&str> = found.iter().map(|m| m.code.as_str()).collect();
        assert!(codes.first().is_some_and(|code| code.starts_with(first)), "{typed}: {codes:?}");
    }
}
