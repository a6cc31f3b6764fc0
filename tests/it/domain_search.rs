//! Search that forgives (issue 17): each kind of forgiveness in both
//! languages, the ranking, and what is not forgiven.

use crate::fixtures::listing;
use souk::domain::search::{distance, skeleton, stem, swap_layout, SearchIndex, Strength};
use souk::domain::{ApiVersion, Lang, Pricing, Section};

/// How well `query` finds a module named `text`, as the catalog ranks it.
fn found(query: &str, text: &str) -> Option<Strength> {
    let mut module = listing("one", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4);
    module.materials.ru.name = text.into();
    module.materials.ru.short.clear();
    module.materials.ru.description.clear();
    match SearchIndex::of([&module].into_iter()).relevance(query, Lang::Ru)[0] {
        Some(3) => Some(Strength::Exact),
        Some(2) => Some(Strength::Forgiving),
        None => None,
        other => panic!("{query:?} in the name {text:?} scored {other:?}"),
    }
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
        ("ккт", "Контакты", None),
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
    use souk::domain::CatalogQuery;
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
    use souk::domain::CatalogQuery;
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

#[test]
fn a_synonym_finds_what_its_meaning_finds_below_the_word_itself() {
    use souk::domain::search::synonyms::Synonym;
    let mut cash = listing("cash", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4);
    cash.materials.ru.name = "Онлайн-касса для магазина".into();
    let mut named = listing("named", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4);
    named.materials.ru.name = "ККТ в облаке".into();
    let mut half = listing("half", Section::Telephony, Pricing::Free, &["RU"], ApiVersion::V4);
    half.materials.ru.name = "Касса".into();
    let mut index = SearchIndex::of([&cash, &named, &half].into_iter());
    assert_eq!(index.relevance("ккт", Lang::Ru), [None, Some(3), None], "without the synonym");
    index.set_synonyms(vec![Synonym::parse("ККТ", "онлайн-касса", &[]).unwrap()]);
    // Every word of the meaning must be found; a match through it ranks as forgiving.
    assert_eq!(index.relevance("ккт", Lang::Ru), [Some(2), Some(3), None]);
    assert_eq!(index.relevance("rrn", Lang::Ru), [Some(2), Some(2), None], "typed in the other layout");
    assert_eq!(index.relevance("ккт магазина", Lang::Ru), [Some(5), None, None], "with the other words of the query");
    assert_eq!(index.relevance("ккт", Lang::En)[0], Some(2), "the meaning is found in either language");
}

#[test]
fn a_synonym_is_one_word_standing_for_up_to_five() {
    use souk::domain::search::synonyms::{missed_query, Synonym, SynonymProblem};
    let kept = vec![Synonym::parse("ККТ", "онлайн-касса", &[]).unwrap()];
    assert_eq!(kept[0], Synonym { term: "ккт".into(), meaning: "онлайн-касса".into() }, "the term folded");
    assert_eq!(
        Synonym::parse("  CRM ", " система   учёта  клиентов ", &kept).unwrap().meaning,
        "система учёта клиентов"
    );
    for (term, meaning, problem) in [
        ("", "касса", SynonymProblem::Term),
        ("две слова", "касса", SynonymProblem::Term),
        ("онлайн-касса", "касса", SynonymProblem::Term),
        (&"к".repeat(41) as &str, "касса", SynonymProblem::Term),
        ("ккм", "", SynonymProblem::Meaning),
        ("ккм", "- -", SynonymProblem::Meaning),
        ("ккм", "раз два три четыре пять шесть", SynonymProblem::Meaning),
        ("ккм", &"к".repeat(101), SynonymProblem::Meaning),
        ("Касса", "касса", SynonymProblem::Same),
        ("ккт", "касса", SynonymProblem::Taken),
        ("ККТ", "касса", SynonymProblem::Taken),
    ] {
        assert_eq!(Synonym::parse(term, meaning, &kept), Err(problem), "{term:?} → {meaning:?}");
    }
    assert_eq!(SynonymProblem::Taken.field(), "term");
    assert_eq!(SynonymProblem::Same.field(), "meaning");
    assert_eq!(missed_query("  ККТ   Атол "), Some("ккт атол".into()));
    assert_eq!(missed_query("Ёлка"), Some("елка".into()));
    assert_eq!(missed_query("   "), None);
    assert_eq!(missed_query(&"x".repeat(101)), None);
}
