//! The SMS service's rules (`BUILTINS.md` §B): counting a message's parts,
//! the events the loyalty programme allows, the settings' fields, the
//! gateway's answers, and the stand-in's own rules.

use chrono::{TimeDelta, Utc};
use proptest::prelude::*;
use serde_json::json;
use souk::domain::sms::gateway::{self, Credentials, GatewayCode, GatewayFailure, Request};
use souk::domain::sms::settings::{
    check_sender, gateway_problems, parse_phone, SenderProblem, SmsProblem, TextProblem,
};
use souk::domain::sms::{count, with_sender, Encoding, Impossible, LoyaltyProgramme, SmsEvent, SmsSettings};
use souk::standins::smsc::Smsc;

fn parts(text: &str) -> (Encoding, u32, u32) {
    let counted = count(text);
    (counted.encoding, counted.units, counted.parts)
}

#[test]
fn parts_are_counted_by_the_vectors_of_builtins_md() {
    let cases: &[(String, (Encoding, u32, u32))] = &[
        ("A".repeat(160), (Encoding::Gsm7, 160, 1)),
        ("A".repeat(161), (Encoding::Gsm7, 161, 2)),
        // An escape pair is never split: 153 euros take 306 septets, two to a pair.
        ("€".repeat(153), (Encoding::Gsm7, 306, 3)),
        ("Я".repeat(70), (Encoding::Ucs2, 70, 1)),
        ("Я".repeat(71), (Encoding::Ucs2, 71, 2)),
        // A surrogate pair is never split either.
        ("😀".repeat(67), (Encoding::Ucs2, 134, 3)),
        (String::new(), (Encoding::Gsm7, 0, 0)),
    ];
    for (text, expected) in cases {
        assert_eq!(parts(text), *expected, "{:?}…", text.chars().take(3).collect::<String>());
    }
}

#[test]
fn the_extension_table_counts_twice_and_keeps_gsm_7() {
    for c in ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\u{c}'] {
        assert_eq!(parts(&c.to_string()), (Encoding::Gsm7, 2, 1), "{c:?}");
    }
    // 80 pairs fill one part exactly; one more character splits it.
    assert_eq!(parts(&"[".repeat(80)), (Encoding::Gsm7, 160, 1));
    assert_eq!(parts(&format!("{}a", "[".repeat(80))), (Encoding::Gsm7, 161, 2));
    // The basic table's own letters are one septet, accents and all.
    assert_eq!(parts("Ça coûte"), (Encoding::Ucs2, 8, 1), "û is not in GSM 03.38");
    assert_eq!(parts("Äpfel für Müller @ 5£ ¿ñ?"), (Encoding::Gsm7, 25, 1));
}

#[test]
fn one_cyrillic_look_alike_or_emoji_makes_the_whole_message_ucs_2() {
    // "Bonus" with a Cyrillic "о": looks Latin, costs as Cyrillic.
    let text = format!("B{}nus points: 150. Thank you for shopping with us, see you soon!", '\u{43e}');
    let counted = count(&text);
    assert_eq!(counted.encoding, Encoding::Ucs2);
    assert_eq!(counted.parts, 1);
    let latin = count(&text.replace('\u{43e}', "o"));
    assert_eq!(latin.encoding, Encoding::Gsm7);
    assert_eq!(parts(&format!("{}😀", "A".repeat(68))), (Encoding::Ucs2, 70, 1));
    assert_eq!(parts(&format!("{}😀", "A".repeat(69))), (Encoding::Ucs2, 71, 2));
}

#[test]
fn the_sender_name_is_added_to_every_message_and_counted() {
    assert_eq!(with_sender("", "Hello"), "Hello");
    assert_eq!(with_sender("  Souk ", "Hello"), "Souk: Hello");
    let text = "A".repeat(155);
    assert_eq!(count(&text).parts, 1);
    assert_eq!(count(&with_sender("Souk", &text)).parts, 2, "6 more characters split it");
}

proptest! {
    #[test]
    fn parts_always_hold_the_message_within_their_limits(text in "\\PC{0,400}") {
        let counted = count(&text);
        let (single, split) = counted.encoding.limits();
        if counted.units == 0 {
            prop_assert_eq!(counted.parts, 0);
        } else if counted.units <= single {
            prop_assert_eq!(counted.parts, 1);
        } else {
            // Enough parts for every unit, and no more than one per pair that could not be split.
            prop_assert!(counted.parts * split >= counted.units);
            prop_assert!(counted.parts <= counted.units.div_ceil(split - 1));
        }
    }
}

#[test]
fn an_event_the_programme_rules_out_says_why() {
    let all = LoyaltyProgramme::default();
    assert!(SmsEvent::ALL.iter().all(|event| all.rules_out(*event).is_none()));
    let never = LoyaltyProgramme { expiry_days: None, ..all };
    assert_eq!(never.rules_out(SmsEvent::PointsExpiring), Some(Impossible::NeverExpire));
    assert_eq!(never.rules_out(SmsEvent::PointsSpent), None);
    let bare = LoyaltyProgramme { accrual: false, expiry_days: Some(30), birthday_bonus: false, welcome_bonus: false };
    assert_eq!(bare.rules_out(SmsEvent::PointsAccrued), Some(Impossible::NoAccrual));
    assert_eq!(bare.rules_out(SmsEvent::PointsSpent), Some(Impossible::NoPoints));
    assert_eq!(bare.rules_out(SmsEvent::PointsExpiring), Some(Impossible::NoPoints));
    assert_eq!(bare.rules_out(SmsEvent::BirthdayBonus), Some(Impossible::NoBirthdayBonus));
    assert_eq!(bare.rules_out(SmsEvent::Welcome), Some(Impossible::NoWelcomeBonus));
    // A switched-on event is sent only while the programme allows it.
    let settings = SmsSettings::default();
    assert!(settings.sends(SmsEvent::PointsExpiring, &all));
    assert!(!settings.sends(SmsEvent::PointsExpiring, &never));
    assert!(LoyaltyProgramme { expiry_days: Some(0), ..all }.check().is_err());
    assert!(LoyaltyProgramme { expiry_days: Some(3650), ..all }.check().is_ok());
}

#[test]
fn the_gateway_form_names_each_wrong_field() {
    assert_eq!(gateway_problems("https://smsc.ru", "demo", Some("demo"), false, "Souk"), vec![]);
    assert_eq!(gateway_problems("https://smsc.ru", "demo", None, true, ""), vec![], "the saved password is kept");
    assert_eq!(
        gateway_problems("smsc.ru", " ", None, false, "Волга"),
        vec![
            SmsProblem::GatewayUrl,
            SmsProblem::Login(TextProblem::Empty),
            SmsProblem::Password(TextProblem::Empty),
            SmsProblem::Sender(SenderProblem::Character('В')),
        ]
    );
    assert_eq!(check_sender("VolgaTrade12"), Err(SmsProblem::Sender(SenderProblem::TooLong)));
    assert_eq!(check_sender("Volga-Trade"), Ok(()));
}

#[test]
fn phones_are_read_as_the_gateway_takes_them() {
    for typed in ["+7 999 123-45-67", "79991234567", "8 (999) 123 45 67", "+7.999.123.45.67"] {
        assert_eq!(parse_phone(typed), Ok("79991234567".into()), "{typed}");
    }
    for typed in ["", "9991234567", "+8 999 123 45 67", "+7 999 123 45 6", "+7 999 123 45 678", "7999123456x"] {
        assert_eq!(parse_phone(typed), Err(SmsProblem::Phone), "{typed}");
    }
}

#[test]
fn the_gateway_is_asked_by_post_and_its_log_masks_the_password() {
    let credentials = Credentials { login: "demo".into(), password: "s3cret".into() };
    let request = Request::send(&credentials, "79991234567", "Souk: hi", "Souk");
    assert_eq!(request.path, "/sys/send.php");
    let masked = request.masked();
    assert!(masked.contains("login=demo") && masked.contains("psw=***") && masked.contains("sender=Souk"), "{masked}");
    assert!(!masked.contains("s3cret"));
    assert!(!format!("{credentials:?}").contains("s3cret"));
    assert_eq!(
        souk::domain::builtin::masked([("apikey", "k"), ("token", "t"), ("phones", "7")].into_iter()),
        "apikey=***&token=***&phones=7"
    );
}

#[test]
fn the_gateways_answers_are_read() {
    let balance = gateway::parse_balance(200, r#"{"balance": "84.75", "currency": "RUB"}"#).unwrap();
    assert_eq!((balance.amount.to_string(), balance.currency), ("84.75".into(), "RUB".into()));
    let sent = gateway::parse_sent(200, r#"{"id": 50, "cnt": 2, "cost": "7.60", "balance": "77.15"}"#).unwrap();
    assert_eq!((sent.id, sent.parts, sent.cost.to_string()), (50, 2, "7.60".into()));
    for (number, code) in [
        (1, GatewayCode::BadParameters),
        (2, GatewayCode::WrongCredentials),
        (3, GatewayCode::NoMoney),
        (4, GatewayCode::AddressBlocked),
        (6, GatewayCode::MessageRefused),
        (7, GatewayCode::PhoneFormat),
        (8, GatewayCode::Undeliverable),
        (9, GatewayCode::Duplicate),
        (5, GatewayCode::Other(5)),
    ] {
        let body = json!({ "error": "…", "error_code": number }).to_string();
        assert_eq!(gateway::parse_balance(200, &body), Err(GatewayFailure::Refused(code)));
        assert_eq!(code.number(), number);
    }
    assert!(matches!(gateway::parse_balance(502, "{}"), Err(GatewayFailure::BadAnswer(_))));
    assert!(matches!(gateway::parse_balance(200, "<html>"), Err(GatewayFailure::BadAnswer(_))));
    assert!(matches!(gateway::parse_sent(200, r#"{"id": 1}"#), Err(GatewayFailure::BadAnswer(_))));
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

#[test]
fn the_stand_in_keeps_the_gateways_rules() {
    let mut smsc = Smsc::default();
    let now = Utc::now();
    let code = |answer: serde_json::Value| answer["error_code"].as_u64();
    assert_eq!(
        smsc.answer("balance", &fields(&[("login", "demo"), ("psw", "demo"), ("cur", "1")]), now)["balance"],
        "1500.00"
    );
    assert_eq!(smsc.answer("balance", &fields(&[("login", "demo"), ("psw", "demo-api")]), now)["balance"], "1500.00");
    assert_eq!(code(smsc.answer("balance", &fields(&[("login", "demo"), ("psw", "nope")]), now)), Some(2));
    assert_eq!(code(smsc.answer("balance", &fields(&[("login", "demo")]), now)), Some(1));
    let send = |phone: &'static str, text: &'static str, sender: &'static str| {
        fields(&[
            ("login", "demo"),
            ("psw", "demo"),
            ("phones", phone),
            ("mes", text),
            ("sender", sender),
            ("cost", "3"),
        ])
    };
    let long = "Я".repeat(71).leak();
    let sent = smsc.answer("send", &send("+79991234567", long, "Souk"), now);
    assert_eq!(
        (sent["cnt"].as_u64(), sent["cost"].as_str(), sent["balance"].as_str()),
        (Some(2), Some("7.60"), Some("1492.40"))
    );
    assert_eq!(code(smsc.answer("send", &send("+79991234567", long, "Souk"), now)), Some(9), "twice within a minute");
    assert!(smsc.answer("send", &send("+79991234567", long, "Souk"), now + TimeDelta::seconds(61))["id"].is_u64());
    assert_eq!(code(smsc.answer("send", &send("89991234567", "Hi", "Souk"), now)), Some(7));
    assert_eq!(code(smsc.answer("send", &send("79991234567", "Hi", "Other"), now)), Some(6));
    assert_eq!(
        code(smsc.answer(
            "send",
            &fields(&[("login", "empty"), ("psw", "empty"), ("phones", "79991234567"), ("mes", "Hi")]),
            now
        )),
        Some(3)
    );
    assert_eq!(smsc.messages.len(), 2);
    // Wrong passwords, again and again: the address is blocked for a while.
    for _ in 0..5 {
        smsc.answer("balance", &fields(&[("login", "empty"), ("psw", "wrong")]), now);
    }
    assert_eq!(code(smsc.answer("balance", &fields(&[("login", "empty"), ("psw", "empty")]), now)), Some(4));
    assert!(smsc.answer("balance", &fields(&[("login", "empty"), ("psw", "empty")]), now + TimeDelta::seconds(61))
        ["balance"]
        .is_string());
}

#[test]
fn codes_of_souks_own_modules_are_reserved() {
    use souk::domain::submission::code::{check_code, CodeError};
    assert_eq!(check_code("souk-sms"), Err(CodeError::Reserved));
    assert_eq!(check_code("Souk-Billing"), Err(CodeError::Reserved));
    assert_eq!(check_code("soukous"), Ok(()));
    assert_eq!(souk::domain::builtin::Builtin::Sms.settings_page("con-1"), "/builtins/sms/con-1");
}

#[test]
fn every_gateway_error_event_and_reason_has_its_own_words_in_both_languages() {
    use souk::i18n::Locale;
    use souk::texts::sms::{event_name, gateway_text, impossible_text};
    let codes = [1, 2, 3, 4, 6, 7, 8, 9, 42].map(GatewayCode::from_number);
    for locale in [Locale::ru, Locale::en] {
        let errors: Vec<String> =
            codes.iter().map(|code| gateway_text(locale, &GatewayFailure::Refused(*code))).collect();
        let mut distinct = errors.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), codes.len(), "{errors:?}");
        assert!(errors.last().unwrap().contains("42"), "an unknown code is named");
        let events: Vec<&str> = SmsEvent::ALL.iter().map(|e| event_name(locale, *e)).collect();
        assert!(events.iter().all(|name| !name.is_empty()));
        let reasons = [
            Impossible::NoAccrual,
            Impossible::NoPoints,
            Impossible::NeverExpire,
            Impossible::NoBirthdayBonus,
            Impossible::NoWelcomeBonus,
        ];
        assert!(reasons.iter().all(|why| !impossible_text(locale, *why).is_empty()));
    }
    let wrong = GatewayFailure::Refused(GatewayCode::WrongCredentials);
    assert_eq!(gateway_text(Locale::ru, &wrong), "Неверный логин или пароль аккаунта шлюза.");
    assert_eq!(gateway_text(Locale::en, &wrong), "Wrong login or password of the gateway account.");
}
