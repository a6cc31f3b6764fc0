//! The partner form's rules (SPEC §4, seed 001) as tables, and the validator
//! over arbitrary input: problems for everything, never a panic.

use proptest::prelude::*;
use rust_decimal::dec;
use souk::domain::billing::amount::AmountError;
use souk::domain::lang::Localized;
use souk::domain::section::{AddedSection, Shelf};
use souk::domain::submission::code::{as_sent, check_code, CodeError};
use souk::domain::submission::install::{check_install, InstallError};
use souk::domain::submission::links::{check_url, UrlError};
use souk::domain::submission::{
    Context, Field, Held, Issue, ListingDraft, MaterialsDraft, PricingDraft, PricingKind, Problem, SectionChoice,
};
use souk::domain::{ApiSection, Coded, CountryCode, Lang, Pricing, Scope, Section};
use std::collections::BTreeSet;

const LOGO: &str =
    r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>"#;

fn valid_draft() -> ListingDraft {
    let materials = |name: &str, install: &str| MaterialsDraft {
        name: name.into(),
        short: "Calls in the CRM".into(),
        description: String::new(),
        features: "Call log\nClick to call\n".into(),
        install: install.into(),
    };
    ListingDraft {
        code: "volna-phone_2".into(),
        connection_url: "https://volna.example/connect".into(),
        scopes: ["telephony_write", "customer_read"].iter().map(|s| s.parse().unwrap()).collect(),
        section: SectionChoice::Existing(Section::Telephony),
        logo: LOGO.into(),
        pricing: PricingDraft { kind: PricingKind::Monthly, price: "1 990".into(), ..PricingDraft::default() },
        countries: [CountryCode::try_from("RU".to_string()).unwrap()].into(),
        materials: Localized {
            ru: materials("Волна", "Разрешите для ключа методы разделов «Телефония» и «Клиенты»."),
            en: materials("Volna", "Allow the key the methods of the Telephony and Customers sections."),
        },
        support_url: "https://volna.example/support".into(),
        documentation_url: "http://localhost:3000/docs".into(),
        ..ListingDraft::default()
    }
}

fn issues(draft: &ListingDraft) -> Vec<(Field, Issue)> {
    draft.problems(&Context::default()).into_iter().map(|p| (p.field, p.issue)).collect()
}

#[test]
fn a_complete_draft_has_no_problems() {
    assert_eq!(issues(&valid_draft()), []);
}

#[test]
fn an_empty_draft_names_every_required_field() {
    let fields: Vec<Field> = issues(&ListingDraft::default()).into_iter().map(|(f, _)| f).collect();
    let mut expected = vec![Field::Code, Field::ConnectionUrl, Field::Scopes, Field::Logo, Field::Countries];
    for lang in Lang::ALL {
        expected.extend([Field::Name(lang), Field::Short(lang), Field::Features(lang), Field::Install(lang)]);
    }
    expected.extend([Field::SupportUrl, Field::DocumentationUrl]);
    assert_eq!(fields, expected);
}

#[test]
fn symbol_codes() {
    for good in ["ab", "volna-phone_2", "A1", &"x".repeat(64)] {
        assert_eq!(check_code(good), Ok(()), "{good}");
    }
    assert_eq!(check_code("a"), Err(CodeError::TooShort));
    assert_eq!(check_code(&"x".repeat(65)), Err(CodeError::TooLong));
    assert_eq!(check_code("volna phone"), Err(CodeError::Character(' ')));
    assert_eq!(check_code("волна"), Err(CodeError::Character('в')));
    assert_eq!(check_code("a.b"), Err(CodeError::Character('.')));
    assert_eq!(as_sent("volna"), "integrationModule[integrationCode]=volna");

    let draft = valid_draft();
    let taken = Context { code_taken: true, ..Context::default() };
    assert_eq!(draft.problems(&taken)[0].issue, Issue::CodeTaken);
    let published = Context { published_code: Some("volna-old".into()), ..Context::default() };
    assert_eq!(draft.problems(&published)[0].issue, Issue::CodeFixed);
    let same = Context { published_code: Some(draft.code.clone()), code_taken: true };
    assert_eq!(draft.problems(&same), []);
}

#[test]
fn a_draft_keeps_what_its_listing_holds_and_claims_nothing_more() {
    let names = Localized { ru: "Маркетплейсы".to_string(), en: "Marketplaces".to_string() };
    let granted = AddedSection::approved(&names);
    let mut draft = ListingDraft { section: SectionChoice::Added(granted.clone()), ..valid_draft() };
    let refused = vec![Problem { field: Field::Section, issue: Issue::SectionNotAdded }];
    assert_eq!(draft.unstorable(&Held::default()), refused, "a new listing is given no section");
    let holds = Held { published_code: None, added_sections: vec![granted.clone()] };
    assert_eq!(draft.unstorable(&holds), []);
    draft.section = SectionChoice::Added(AddedSection { code: "added-featured".into(), ..granted });
    assert_eq!(draft.unstorable(&holds), refused, "nor another code under the granted names");

    let published = Held { published_code: Some("volna-old".into()), added_sections: Vec::new() };
    let draft = valid_draft();
    assert_eq!(draft.unstorable(&published), [Problem { field: Field::Code, issue: Issue::CodeFixed }]);
    assert_eq!(draft.unstorable(&Held { published_code: Some(draft.code.clone()), ..Held::default() }), []);
}

#[test]
fn addresses() {
    assert_eq!(check_url("https://volna.example/docs?x=1"), Ok(()));
    assert_eq!(check_url("http://localhost:8080/connect"), Ok(()));
    assert_eq!(check_url("http://127.0.0.1/connect"), Ok(()));
    assert_eq!(check_url("http://volna.example"), Err(UrlError::NotHttps));
    assert_eq!(check_url("ftp://volna.example"), Err(UrlError::NotHttps));
    assert_eq!(check_url("https://пример.рф/документация"), Ok(()));
    assert_eq!(check_url("http://[::1]:3000/"), Ok(()));
    for bad in [
        "volna.example",
        "/docs",
        "https://",
        "javascript:alert(1)",
        "mailto:a@b.c",
        "https://volna .example",
        "https://-volna.example",
        "https://volna..example",
        "https://volna.example:port/",
        "://volna.example",
    ] {
        assert_eq!(check_url(bad), Err(UrlError::NotAbsolute), "{bad}");
    }
}

#[test]
fn connection_page_is_required_only_without_simple_connection() {
    let mut draft = valid_draft();
    draft.connection_url.clear();
    assert_eq!(issues(&draft), [(Field::ConnectionUrl, Issue::Required)]);
    draft.simple_connection_url = "https://volna.example/config".into();
    assert_eq!(issues(&draft), []);
    draft.simple_connection_url = "volna.example/config".into();
    assert_eq!(issues(&draft), [(Field::SimpleConnectionUrl, Issue::Url(UrlError::NotAbsolute))]);
}

#[test]
fn prices() {
    let pricing = |kind, price: &str, discounted: &str, trial_days: &str| PricingDraft {
        kind,
        price: price.into(),
        discounted: discounted.into(),
        trial_days: trial_days.into(),
    };
    let monthly = |p, d, t| pricing(PricingKind::Monthly, p, d, t);
    assert_eq!(
        monthly("1 990", "1490,50", "14").pricing(),
        Ok(Pricing::Monthly { price: dec!(1990), discounted: Some(dec!(1490.50)), trial_days: Some(14) })
    );
    assert_eq!(monthly("0", "", "").pricing(), Ok(Pricing::Free), "seed 001: 0 means free");
    assert_eq!(pricing(PricingKind::ServiceSide, "abc", "", "").pricing(), Ok(Pricing::ServiceSide));
    assert_eq!(pricing(PricingKind::Free, "", "", "").pricing(), Ok(Pricing::Free));
    let refused = |draft: PricingDraft| draft.pricing().unwrap_err();
    assert_eq!(refused(monthly("", "", "")), [(Field::Price, Issue::Required)]);
    assert_eq!(refused(monthly("19.999", "", "")), [(Field::Price, Issue::Amount(AmountError::TooPrecise))]);
    assert_eq!(refused(monthly("-5", "", "")), [(Field::Price, Issue::Amount(AmountError::NotPositive))]);
    assert_eq!(refused(monthly("1990", "1990", "")), [(Field::Discounted, Issue::DiscountNotLower)]);
    assert_eq!(refused(monthly("1990", "2500", "")), [(Field::Discounted, Issue::DiscountNotLower)]);
    assert_eq!(refused(monthly("0", "10", "")), [(Field::Discounted, Issue::DiscountNotLower)]);
    assert_eq!(refused(monthly("0", "", "7")), [(Field::TrialDays, Issue::TrialWithoutPrice)]);
    for days in ["0", "366", "7.5", "week"] {
        assert_eq!(refused(monthly("1990", "", days)), [(Field::TrialDays, Issue::TrialDays)], "{days}");
    }
    assert_eq!(monthly("1990", "", "365").pricing().map(|p| p.trial_days()), Ok(Some(365)));
}

#[test]
fn permissions_countries_and_sections() {
    let mut draft = valid_draft();
    draft.scopes.clear();
    draft.countries = [CountryCode::try_from("XK".to_string()).unwrap()].into();
    draft.section = SectionChoice::Requested(Localized { ru: "Маркетплейсы".into(), en: " ".into() });
    let found = issues(&draft);
    assert!(found.contains(&(Field::Scopes, Issue::Required)));
    assert!(
        found.contains(&(Field::Countries, Issue::UnknownCountry(CountryCode::try_from("XK".to_string()).unwrap())))
    );
    assert!(found.contains(&(Field::NewSection(Lang::En), Issue::Required)));
    assert!(!found.iter().any(|(f, _)| *f == Field::NewSection(Lang::Ru)));
}

#[test]
fn materials_in_both_languages() {
    let mut draft = valid_draft();
    draft.materials.en.name = "x".repeat(81);
    draft.materials.ru.features = "\n  \n".into();
    draft.logo = "<svg/>".into();
    assert_eq!(
        issues(&draft),
        [
            (Field::Logo, Issue::Logo(souk::domain::logo::LogoError::NotSvg)),
            (Field::Features(Lang::Ru), Issue::Required),
            (Field::Name(Lang::En), Issue::TooLong(80)),
        ]
    );
    draft.materials.en.name = "Ё".repeat(80);
    assert!(!issues(&draft).iter().any(|(f, _)| *f == Field::Name(Lang::En)), "80 characters, not bytes");
}

#[test]
fn blanket_permission_wording_is_refused_in_both_languages() {
    let sections: BTreeSet<ApiSection> = [ApiSection::Store, ApiSection::Delivery].into();
    let blanket = [
        ("It is required to allow all methods for the API key.", "all methods"),
        ("Give the key all API methods.", "all api methods"),
        ("Grant full access to the API.", "full access"),
        ("Tick every permission when creating the key.", "every permission"),
        ("Enable all scopes.", "all scopes"),
        ("Необходимо разрешить все методы для API-ключа.", "все методы"),
        ("Дайте ключу доступ ко всем методам.", "всем методам"),
        ("Ключу нужен полный доступ.", "полный доступ"),
        ("Отметьте все разрешения.", "все разрешения"),
        ("Выдайте ВСЕ ПРАВА ключу.", "все права"),
        ("Включите все разделы API.", "все разделы"),
    ];
    for (text, phrase) in blanket {
        assert_eq!(check_install(text, &sections, false), Err(InstallError::Blanket(phrase.into())), "{text}");
        assert_eq!(check_install(text, &sections, true), Err(InstallError::Blanket(phrase.into())), "{text}");
    }
    let named = [
        "It's necessary to allow the methods of the Warehouse and Delivery sections.",
        "Разрешите методы разделов «Склад» и «Доставка».",
        "Нужны методы складов и доставки: store_read, delivery_write.",
        "Allow all the methods of the Store and Delivery sections.",
        "Разрешите все методы разделов «Склад» и «Доставка».",
    ];
    for text in named {
        assert_eq!(check_install(text, &sections, false), Ok(()), "{text}");
    }
    assert_eq!(
        check_install("Разрешите методы раздела «Склад».", &sections, false),
        Err(InstallError::SectionsNotNamed(vec![ApiSection::Delivery]))
    );
    // With simple connection the key is issued automatically: one line will do.
    assert_eq!(check_install("Нажмите «Подключить».", &sections, true), Ok(()));
}

fn arbitrary_draft() -> impl Strategy<Value = ListingDraft> {
    let text = || any::<String>();
    let scopes = proptest::collection::btree_set(
        (0usize..12, any::<bool>()).prop_map(|(i, w)| {
            format!("{}_{}", ApiSection::ALL[i].code(), if w { "write" } else { "read" }).parse::<Scope>().unwrap()
        }),
        0..4,
    );
    (
        (text(), text(), text(), scopes, text()),
        (text(), text(), text(), 0u8..3),
        (text(), text(), text(), text(), text(), text()),
    )
        .prop_map(
            |((code, simple, connection, scopes, logo), (price, discounted, trial, kind), (n, f, i, s, d, su))| {
                let materials = MaterialsDraft { name: n, short: s, description: d, features: f, install: i };
                ListingDraft {
                    code,
                    simple_connection_url: simple,
                    connection_url: connection,
                    scopes,
                    logo,
                    pricing: PricingDraft {
                        kind: [PricingKind::Free, PricingKind::Monthly, PricingKind::ServiceSide][kind as usize],
                        price,
                        discounted,
                        trial_days: trial,
                    },
                    materials: Localized { ru: materials.clone(), en: materials },
                    support_url: su.clone(),
                    documentation_url: su,
                    ..ListingDraft::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever a browser sends, the validator answers, and a draft it
    /// accepts has a pricing the catalog can show.
    #[test]
    fn any_draft_gets_problems_or_none(draft in arbitrary_draft(), taken in any::<bool>()) {
        let problems = draft.problems(&Context { code_taken: taken, published_code: None });
        if problems.is_empty() {
            prop_assert!(draft.pricing.pricing().is_ok());
        }
    }
}

#[test]
fn lifecycle_of_a_listing() {
    use souk::domain::submission::lifecycle::{Lifecycle, LifecycleError, Stage, Status};
    let mut listing = Lifecycle::default();
    assert_eq!(listing.status(), Status::Draft);
    assert_eq!(listing.approve(), Err(LifecycleError::NotInReview));
    listing.submit().unwrap();
    assert_eq!(listing.status(), Status::InReview);
    assert_eq!(listing.edit(), Err(LifecycleError::InReview), "frozen while the moderator reads it");
    assert_eq!(listing.submit(), Err(LifecycleError::InReview));
    assert_eq!(listing.reject("  "), Err(LifecycleError::NoReason));
    listing.reject("Логотип размыт").unwrap();
    assert_eq!((listing.status(), &listing.stage), (Status::Rejected, &Stage::Rejected("Логотип размыт".into())));
    listing.edit().unwrap();
    listing.submit().unwrap();
    listing.approve().unwrap();
    assert_eq!(listing.status(), Status::Published);
    assert_eq!(listing.submit(), Err(LifecycleError::Unchanged));

    // A revision of a live listing: the live one stays whatever the moderator decides.
    listing.edit().unwrap();
    assert_eq!(listing.status(), Status::PublishedRevisionDraft);
    listing.submit().unwrap();
    assert_eq!(listing.status(), Status::PublishedRevisionInReview);
    listing.reject("Нет описания установки").unwrap();
    assert!(listing.published);
    assert_eq!(listing.status(), Status::PublishedRevisionDraft);
    listing.submit().unwrap();
    listing.approve().unwrap();
    assert_eq!(listing.status(), Status::Published);
}

#[test]
fn a_valid_draft_becomes_the_listing_accounts_see_and_back() {
    use souk::domain::submission::Vendor;
    let draft = valid_draft();
    let vendor = Vendor { name: "Volna", website: "https://volna.example" };
    let published = chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    let listing = draft.listing(&vendor, 0, published).unwrap();
    assert_eq!(listing.code, "volna-phone_2");
    assert_eq!(listing.section, Section::Telephony);
    assert_eq!(listing.pricing, Pricing::Monthly { price: dec!(1990), discounted: None, trial_days: None });
    assert_eq!(listing.materials.en.features, ["Call log", "Click to call"]);
    assert_eq!(listing.links.website, "https://volna.example");
    let again = ListingDraft::from_listing(&listing, LOGO);
    assert_eq!(again.listing(&vendor, 0, published), Ok(listing));

    let mut requested = draft.clone();
    requested.section =
        SectionChoice::Requested(Localized { ru: "Маркетплейсы".into(), en: "Marketplaces".into() });
    // Not published while the moderator has not decided on the section; once added, shelved under it.
    let undecided = requested.listing(&vendor, 0, published).unwrap_err();
    assert_eq!(undecided, [Problem { field: Field::Section, issue: Issue::SectionUndecided }]);
    assert_eq!(requested.preview(&vendor, 0, published).section, Section::Other, "the form's preview");
    let names = Localized { ru: "Маркетплейсы".into(), en: "Marketplaces".into() };
    requested.section = SectionChoice::Added(AddedSection::approved(&names));
    let shelved = requested.listing(&vendor, 0, published).unwrap();
    assert_eq!((shelved.section, shelved.shelf()), (Section::Other, Shelf::Added("added-marketplaces".into())));
    let back = ListingDraft::from_listing(&shelved, LOGO);
    assert_eq!(back.section, requested.section, "the added section survives the way back to a draft");
    let mut broken = draft;
    broken.code.clear();
    assert_eq!(broken.listing(&vendor, 0, published).unwrap_err()[0].field, Field::Code);
}

#[test]
fn the_moderators_comparison_marks_what_changed() {
    use souk::domain::submission::diff::compare;
    let before = valid_draft();
    let mut after = before.clone();
    after.materials.en.name = "Volna 2".into();
    after.pricing.discounted = "1490".into();
    let changed: Vec<Field> =
        compare(Some(&before), &after).into_iter().filter(|l| l.changed()).map(|l| l.field).collect();
    assert_eq!(changed, [Field::Discounted, Field::Name(Lang::En)]);
    let line = compare(Some(&before), &after).into_iter().find(|l| l.field == Field::Discounted).unwrap();
    assert_eq!((line.before.as_deref(), line.after.as_str()), (Some(""), "1490"));
    assert!(compare(None, &after).iter().all(|l| l.changed()), "a new listing: everything is new");
}
