//! The domain's values: codes, ids, money, dates, plurals, prices, scopes, sections.

mod account {
    use souk::domain::account::*;

    #[test]
    fn country_codes_are_two_upper_case_letters() {
        assert!(CountryCode::try_from("RU".to_string()).is_ok());
        for bad in ["ru", "RUS", "R", "", "R1", "ÄB"] {
            assert!(CountryCode::try_from(bad.to_string()).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<CountryCode>("\"kz\"").is_err());
    }

    #[test]
    fn api_versions_are_ordered() {
        assert!(ApiVersion::V3 < ApiVersion::V4 && ApiVersion::V4 < ApiVersion::V5);
        assert_eq!(serde_json::to_string(&ApiVersion::V4).unwrap(), "\"v4\"");
    }
}

mod amount {
    use rust_decimal::dec;
    use souk::domain::billing::amount::*;

    #[test]
    fn top_up_amounts() {
        assert_eq!(parse_top_up("1 500,50"), Ok(dec!(1500.50)));
        assert_eq!(parse_top_up("300"), Ok(dec!(300)));
        assert_eq!(parse_top_up("0.01"), Ok(dec!(0.01)));
        assert_eq!(parse_top_up("1000000"), Ok(dec!(1000000)));
        assert_eq!(parse_top_up("1000000.01"), Err(AmountError::TooLarge));
        assert_eq!(parse_top_up("10.005"), Err(AmountError::TooPrecise));
        assert_eq!(parse_top_up("10.500"), Ok(dec!(10.5)));
        assert_eq!(parse_top_up("0"), Err(AmountError::NotPositive));
        assert_eq!(parse_top_up("-5"), Err(AmountError::NotPositive));
        for bad in ["", "abc", "1e3", "1.2.3", "--1"] {
            assert_eq!(parse_top_up(bad), Err(AmountError::NotANumber), "{bad:?}");
        }
    }
}

mod history {
    use rust_decimal::dec;
    use souk::domain::billing::history::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let rows =
            [vec!["a".to_string(), "b, c".to_string()], vec!["say \"hi\"".to_string(), "two\nlines".to_string()]];
        assert_eq!(csv_document(rows), "a,\"b, c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
        assert_eq!(csv_amount(dec!(-990)), "-990.00");
        assert_eq!(csv_amount(dec!(1500.5)), "1500.50");
    }

    #[test]
    fn names_that_a_spreadsheet_would_run_are_shown_instead() {
        for formula in ["=1+1", "+7 495", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(csv_text(formula), format!("'{formula}"), "{formula:?}");
        }
        for plain in ["Склад на Тверской", "1-я касса", "a=b", ""] {
            assert_eq!(csv_text(plain), plain);
        }
    }
}

mod countries {
    use souk::domain::countries::*;
    use souk::domain::CountryCode;

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

mod dates {
    use chrono::{DateTime, NaiveDate, Utc};
    use souk::domain::dates::*;
    use souk::domain::Lang;

    #[test]
    fn both_languages() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(format_date(date, Lang::Ru), "05.01.2027");
        assert_eq!(format_date(date, Lang::En), "5 Jan 2027");
        assert_eq!(format_date(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(), Lang::En), "31 Dec 2027");
        let at = DateTime::parse_from_rfc3339("2027-01-30T21:30:09Z").unwrap().with_timezone(&Utc);
        assert_eq!(format_date_time(at, chrono_tz::Europe::Moscow, Lang::Ru), "31.01.2027 00:30 MSK");
        assert_eq!(format_date_time(at, chrono_tz::Europe::Moscow, Lang::En), "31 Jan 2027, 00:30 MSK");
        assert_eq!(format_date_time(at, chrono_tz::Asia::Almaty, Lang::En), "31 Jan 2027, 02:30 UTC+5");
        assert_eq!(format_date_time(at, chrono_tz::UTC, Lang::En), "30 Jan 2027, 21:30 UTC");
        assert_eq!(iso_date_time(at, chrono_tz::Europe::Moscow), "2027-01-31 00:30:09");
    }

    #[test]
    fn date_inputs() {
        assert_eq!(parse_iso_date("2028-02-29"), NaiveDate::from_ymd_opt(2028, 2, 29));
        for bad in ["", "2027-02-29", "2027-1", "2027-01-01-01", "31.01.2027", "2027-01-xx"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}

mod ids {
    use souk::domain::ids::*;

    #[test]
    fn emails_are_parsed_once_trimmed_and_lower_case() {
        assert_eq!(Email::parse(" Owner@Volga.Demo ").unwrap(), "owner@volga.demo");
        assert!(Email::parse("not an address").is_err());
        assert!(serde_json::from_str::<Email>("\"a@b\"").is_err());
        let email: Email = serde_json::from_str("\"A@B.C\"").unwrap();
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"a@b.c\"");
    }

    #[test]
    fn ids_are_their_plain_string_on_the_wire() {
        let code = ModuleCode::new("chatterbox");
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"chatterbox\"");
        assert_eq!(code, "chatterbox");
        let map: std::collections::HashMap<ModuleCode, u8> = [(code, 1)].into();
        assert_eq!(map.get("chatterbox"), Some(&1));
    }
}

mod money {
    use rust_decimal::Decimal;
    use souk::domain::money::*;
    use souk::domain::Lang;
    use std::str::FromStr;

    fn rub(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_in_both_languages() {
        let cases = [
            ("0", "0\u{a0}₽", "₽0"),
            ("5", "5\u{a0}₽", "₽5"),
            ("990", "990\u{a0}₽", "₽990"),
            ("1990", "1\u{a0}990\u{a0}₽", "₽1,990"),
            ("1990.5", "1\u{a0}990,50\u{a0}₽", "₽1,990.50"),
            ("1990.05", "1\u{a0}990,05\u{a0}₽", "₽1,990.05"),
            ("25000", "25\u{a0}000\u{a0}₽", "₽25,000"),
            ("1000000", "1\u{a0}000\u{a0}000\u{a0}₽", "₽1,000,000"),
            ("149.999", "150\u{a0}₽", "₽150"),
            ("-300", "−300\u{a0}₽", "−₽300"),
        ];
        for (amount, ru, en) in cases {
            assert_eq!(format_rub(rub(amount), Lang::Ru), ru, "ru {amount}");
            assert_eq!(format_rub(rub(amount), Lang::En), en, "en {amount}");
        }
    }

    #[test]
    fn rounds_half_kopecks_away_from_zero() {
        assert_eq!(to_kopecks(rub("10.005")), rub("10.01"));
        assert_eq!(to_kopecks(rub("10.004")), rub("10.00"));
    }
}

mod plural {
    use souk::domain::plural::*;
    use souk::domain::Lang;

    #[test]
    fn russian_forms() {
        let cases = [
            (0, Plural::Many),
            (1, Plural::One),
            (2, Plural::Few),
            (3, Plural::Few),
            (4, Plural::Few),
            (5, Plural::Many),
            (11, Plural::Many),
            (12, Plural::Many),
            (14, Plural::Many),
            (21, Plural::One),
            (22, Plural::Few),
            (25, Plural::Many),
            (101, Plural::One),
            (111, Plural::Many),
            (112, Plural::Many),
            (122, Plural::Few),
            (365, Plural::Many),
        ];
        for (n, expected) in cases {
            assert_eq!(plural(Lang::Ru, n), expected, "{n}");
        }
    }

    #[test]
    fn english_forms() {
        assert_eq!(plural(Lang::En, 1), Plural::One);
        for n in [0, 2, 5, 11, 21, 101] {
            assert_eq!(plural(Lang::En, n), Plural::Other, "{n}");
        }
    }
}

mod pricing {
    use rust_decimal::dec;
    use souk::domain::pricing::*;

    #[test]
    fn price_lines() {
        let monthly = |price, discounted| Pricing::Monthly { price, discounted, trial_days: None };
        assert_eq!(Pricing::Free.price_line(), PriceLine::Free);
        assert_eq!(Pricing::ServiceSide.price_line(), PriceLine::ServiceSide);
        assert_eq!(monthly(dec!(1990), None).price_line(), PriceLine::Monthly { price: dec!(1990) });
        assert_eq!(
            monthly(dec!(1990), Some(dec!(1490))).price_line(),
            PriceLine::Discounted { regular: dec!(1990), price: dec!(1490) }
        );
        // A "discount" that is not lower is no discount: the regular price stands.
        assert_eq!(monthly(dec!(1990), Some(dec!(1990))).price_line(), PriceLine::Monthly { price: dec!(1990) });
    }

    #[test]
    fn only_monthly_pricing_has_a_trial() {
        let trial = |trial_days| Pricing::Monthly { price: dec!(900), discounted: None, trial_days };
        assert_eq!(trial(Some(14)).trial_days(), Some(14));
        assert_eq!(trial(Some(0)).trial_days(), None);
        assert_eq!(trial(None).trial_days(), None);
        assert_eq!(Pricing::ServiceSide.trial_days(), None);
        assert_eq!(Pricing::Free.trial_days(), None);
    }

    #[test]
    fn serde_shape() {
        let json = r#"{"monthly":{"price":"1990.00","discounted":"1490","trial_days":7}}"#;
        let pricing: Pricing = serde_json::from_str(json).unwrap();
        assert_eq!(pricing.price_line(), PriceLine::Discounted { regular: dec!(1990), price: dec!(1490) });
        assert_eq!(serde_json::from_str::<Pricing>(r#""service_side""#).unwrap(), Pricing::ServiceSide);
        assert_eq!(serde_json::from_str::<Pricing>(r#""free""#).unwrap(), Pricing::Free);
    }
}

mod scope {
    use souk::domain::scope::*;

    #[test]
    fn every_scope_round_trips() {
        for section in ApiSection::ALL {
            for access in [Access::Read, Access::Write] {
                let scope = Scope { section, access };
                assert_eq!(scope.to_string().parse::<Scope>(), Ok(scope));
            }
        }
    }

    #[test]
    fn rejects_unknown_scopes() {
        for bad in ["order", "order_delete", "orders_read", "_read", "", "ORDER_READ"] {
            assert_eq!(bad.parse::<Scope>(), Err(UnknownScope), "{bad}");
        }
    }
}

mod section {
    use souk::domain::lang::Localized;
    use souk::domain::section::*;
    use souk::domain::Coded;

    #[test]
    fn exactly_four_sections_are_exclusive() {
        let exclusive: Vec<_> = Section::ALL.into_iter().filter(|s| s.is_exclusive()).collect();
        assert_eq!(exclusive, [Section::Telephony, Section::Warehouse, Section::CashRegisters, Section::CallTracking]);
    }

    #[test]
    fn codes_match_serde() {
        for section in Section::ALL {
            let json = serde_json::to_string(&section).unwrap();
            assert_eq!(json, format!("\"{}\"", section.code()));
            assert_eq!(serde_json::from_str::<Section>(&json).unwrap(), section);
        }
        assert!(serde_json::from_str::<Section>("\"crm\"").is_err());
    }

    #[test]
    fn an_added_section_is_coded_by_its_english_name() {
        let names = |ru: &str, en: &str| Localized { ru: ru.to_string(), en: en.to_string() };
        let marketplaces = AddedSection::approved(&names("Маркетплейсы ", " Marketplaces & Feeds"));
        assert_eq!(marketplaces.code, "added-marketplaces-feeds");
        assert_eq!(marketplaces.names, names("Маркетплейсы", "Marketplaces & Feeds"));
        assert_eq!(AddedSection::approved(&names("Склады", "Склады")).code, "added");
    }
}
