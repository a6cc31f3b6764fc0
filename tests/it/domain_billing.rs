//! The billing rules of SPEC §1–3 as tables, and their invariants as properties.

use crate::fixtures::listing;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use rust_decimal::{dec, Decimal};
use souk::domain::billing::calendar::{day_start, local_date, next_charge_date};
use souk::domain::billing::ledger::MAX_CONNECTIONS_PER_MODULE;
use souk::domain::billing::{default_name, Clock, Ledger, OperationKind, Quote, Refusal, Status};
use souk::domain::ConnectionId;
use souk::domain::{ApiVersion, Listing, Pricing, Section};
use std::collections::{BTreeMap, HashSet};

const MOSCOW: Tz = chrono_tz::Europe::Moscow;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn at(s: &str) -> Clock {
    Clock { now: utc(s), tz: MOSCOW }
}

fn monthly(price: Decimal, trial_days: Option<u16>) -> Pricing {
    Pricing::Monthly { price, discounted: None, trial_days }
}

fn module(code: &str, section: Section, pricing: Pricing) -> Listing {
    listing(code, section, pricing, &["RU"], ApiVersion::V3)
}

fn prices(listings: &[&Listing]) -> BTreeMap<String, Pricing> {
    listings.iter().map(|l| (l.code.to_string(), l.pricing.clone())).collect()
}

fn ledger_with(balance: Decimal) -> Ledger {
    Ledger { balance, ..Ledger::default() }
}

fn kinds(ops: &[souk::domain::billing::Operation]) -> Vec<OperationKind> {
    ops.iter().map(|o| o.kind).collect()
}

#[test]
fn the_anchor_day_comes_back_when_the_month_has_it() {
    let mut charged = date(2028, 1, 31);
    let mut seen = vec![charged];
    for _ in 0..4 {
        charged = next_charge_date(charged, 31);
        seen.push(charged);
    }
    assert_eq!(seen, [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30), date(2028, 5, 31)]);

    let table = [
        // (last charge, anchor day, next charge)
        (date(2027, 1, 31), 31, date(2027, 2, 28)),
        (date(2027, 2, 28), 31, date(2027, 3, 31)),
        (date(2027, 12, 31), 31, date(2028, 1, 31)),
        (date(2027, 12, 15), 15, date(2028, 1, 15)),
        (date(2028, 2, 29), 29, date(2028, 3, 29)),
        (date(2029, 1, 29), 29, date(2029, 2, 28)),
        (date(2029, 2, 28), 29, date(2029, 3, 29)),
        (date(2027, 8, 30), 30, date(2027, 9, 30)),
        (date(2027, 1, 30), 30, date(2027, 2, 28)),
        (date(2028, 1, 30), 30, date(2028, 2, 29)),
    ];
    for (last, anchor, next) in table {
        assert_eq!(next_charge_date(last, anchor), next, "{last} anchored on {anchor}");
    }
}

#[test]
fn days_are_counted_in_the_account_time_zone() {
    // 21:30 UTC on Jan 30 is already Jan 31 in Moscow (UTC+3).
    assert_eq!(local_date(utc("2027-01-30T21:30:00Z"), MOSCOW), date(2027, 1, 31));
    assert_eq!(local_date(utc("2027-01-30T20:59:59Z"), MOSCOW), date(2027, 1, 30));
    assert_eq!(day_start(date(2027, 2, 28), MOSCOW), utc("2027-02-27T21:00:00Z"));
    assert_eq!(day_start(date(2027, 2, 28), Tz::UTC), utc("2027-02-28T00:00:00Z"));

    let pbx = module("pbx", Section::Telephony, monthly(dec!(1000), None));
    let mut ledger = ledger_with(dec!(5000));
    ledger.activate(&pbx, "c1".into(), "PBX", &at("2027-01-30T21:30:00Z")).unwrap();
    let connection = &ledger.connections[0];
    assert_eq!((connection.anchor_day, connection.due_on), (Some(31), Some(date(2027, 2, 28))));

    // Due from Moscow midnight of Feb 28, that is 21:00 UTC on Feb 27, not a second earlier.
    let list = prices(&[&pbx]);
    let before = ledger.run_billing(&list, &at("2027-02-27T20:59:59Z"));
    assert!(before.operations.is_empty());
    let due = ledger.run_billing(&list, &at("2027-02-27T21:00:00Z"));
    assert_eq!(kinds(&due.operations), [OperationKind::Charge]);
    assert_eq!(ledger.connections[0].due_on, Some(date(2027, 3, 31)));
    assert_eq!(ledger.balance, dec!(3000));
}

#[test]
fn every_activation_charges_and_deactivation_refunds_nothing() {
    let crm = module("crm", Section::Other, monthly(dec!(990), None));
    let clock = at("2027-03-10T09:00:00Z");
    let mut ledger = ledger_with(dec!(3000));
    for (i, balance) in [dec!(2010), dec!(1020), dec!(30)].into_iter().enumerate() {
        let effects = ledger.activate(&crm, format!("c{i}").into(), "CRM", &clock).unwrap();
        assert_eq!(kinds(&effects.operations), [OperationKind::Charge]);
        assert_eq!(effects.operations[0].amount, dec!(-990));
        ledger.deactivate(&format!("c{i}").into()).unwrap();
        assert_eq!(ledger.balance, balance);
    }
    let refused = ledger.activate(&crm, "c9".into(), "CRM", &clock);
    assert_eq!(refused, Err(Refusal::InsufficientFunds { price: dec!(990), balance: dec!(30) }));
    assert!(ledger.connections.is_empty());
    assert_eq!(ledger.balance, dec!(30));
}

#[test]
fn the_discounted_price_is_what_is_charged() {
    let voip = module(
        "voip",
        Section::Telephony,
        Pricing::Monthly { price: dec!(1490), discounted: Some(dec!(990)), trial_days: None },
    );
    let mut ledger = ledger_with(dec!(1000));
    assert_eq!(
        ledger.quote(&voip, &at("2027-03-10T09:00:00Z")),
        Quote::Charge { amount: dec!(990), balance_after: dec!(10) }
    );
    ledger.activate(&voip, "c1".into(), "VoIP", &at("2027-03-10T09:00:00Z")).unwrap();
    assert_eq!(ledger.balance, dec!(10));
}

#[test]
fn the_trial_is_granted_once_at_the_first_activation() {
    let sms = module("sms", Section::SmsEmail, monthly(dec!(500), Some(14)));
    let clock = at("2027-03-10T09:00:00Z");
    let mut ledger = ledger_with(dec!(2000));
    assert_eq!(ledger.quote(&sms, &clock), Quote::Trial { days: 14, ends_on: date(2027, 3, 24), then: dec!(500) });
    let first = ledger.activate(&sms, "c1".into(), "SMS", &clock).unwrap();
    assert_eq!(kinds(&first.operations), [OperationKind::TrialStart]);
    assert_eq!(ledger.balance, dec!(2000));
    assert_eq!(ledger.connections[0].status, Status::Trial);

    // A second connection during the trial is charged at once…
    let second = ledger.activate(&sms, "c2".into(), "SMS 2", &clock).unwrap();
    assert_eq!(kinds(&second.operations), [OperationKind::Charge]);
    // …and so is the module activated again after a deactivation.
    ledger.deactivate_module(&"sms".into()).unwrap();
    let again = ledger.activate(&sms, "c3".into(), "SMS", &at("2027-06-01T09:00:00Z")).unwrap();
    assert_eq!(kinds(&again.operations), [OperationKind::Charge]);
    assert_eq!(ledger.balance, dec!(1000));
}

#[test]
fn free_and_service_side_modules_charge_nothing() {
    let free = module("free", Section::Delivery, Pricing::Free);
    let service = module("service", Section::Delivery, Pricing::ServiceSide);
    let mut ledger = ledger_with(Decimal::ZERO);
    let clock = at("2027-03-10T09:00:00Z");
    assert_eq!(ledger.quote(&free, &clock), Quote::Free);
    assert_eq!(ledger.quote(&service, &clock), Quote::ServiceSide);
    assert!(ledger.activate(&free, "c1".into(), "Free", &clock).unwrap().operations.is_empty());
    assert!(ledger.activate(&service, "c2".into(), "Service", &clock).unwrap().operations.is_empty());
    assert!(ledger.connections.iter().all(|c| c.status == Status::Unbilled && c.due_on.is_none()));
    let later = at("2028-03-10T09:00:00Z");
    assert_eq!(ledger.run_billing(&prices(&[&free, &service]), &later), Default::default());
}

#[test]
fn exclusive_sections_allow_one_module_but_many_connections() {
    let zvonar = module("zvonar", Section::Telephony, Pricing::Free);
    let kolokol = module("kolokol", Section::Telephony, Pricing::Free);
    let sklad = module("sklad", Section::Warehouse, Pricing::Free);
    let chat = module("chat", Section::Messengers, Pricing::Free);
    let chat2 = module("chat2", Section::Messengers, Pricing::Free);
    let clock = at("2027-03-10T09:00:00Z");
    let mut ledger = ledger_with(Decimal::ZERO);
    ledger.activate(&zvonar, "c1".into(), "Zvonar", &clock).unwrap();

    let table: [(&Listing, Result<(), Refusal>); 5] = [
        (&kolokol, Err(Refusal::Exclusive { active: "zvonar".into() })),
        (&zvonar, Ok(())),
        (&sklad, Ok(())),
        (&chat, Ok(())),
        (&chat2, Ok(())),
    ];
    for (i, (listing, expected)) in table.into_iter().enumerate() {
        let got = ledger.activate(listing, format!("t{i}").into(), "x", &clock).map(|_| ());
        assert_eq!(got, expected, "{}", listing.code);
    }
    assert_eq!(ledger.quote(&kolokol, &clock), Quote::Exclusive { active: "zvonar".into() });
    ledger.deactivate_module(&"zvonar".into()).unwrap();
    assert!(ledger.activate(&kolokol, "c9".into(), "Kolokol", &clock).is_ok());
}

#[test]
fn a_trial_ending_without_money_freezes_and_a_top_up_unfreezes() {
    let track = module("track", Section::CallTracking, monthly(dec!(3490), Some(14)));
    let list = prices(&[&track]);
    let mut ledger = ledger_with(dec!(3000));
    ledger.activate(&track, "c1".into(), "Track", &at("2027-01-10T09:00:00Z")).unwrap();
    assert_eq!(ledger.connections[0].due_on, Some(date(2027, 1, 24)));

    // The notice comes two days before the first charge after the trial.
    let notice = ledger.run_billing(&list, &at("2027-01-21T21:00:00Z"));
    assert_eq!(notice.notices.len(), 1);
    assert!(notice.notices[0].after_trial);
    assert_eq!(notice.notices[0].due_on, date(2027, 1, 24));
    assert!(ledger.run_billing(&list, &at("2027-01-22T12:00:00Z")).notices.is_empty());

    let end = ledger.run_billing(&list, &at("2027-01-24T06:00:00Z"));
    assert_eq!(kinds(&end.operations), [OperationKind::TrialEnd, OperationKind::Freeze]);
    assert_eq!(ledger.connections[0].status, Status::Frozen);
    assert_eq!(ledger.balance, dec!(3000));
    // Frozen is not charged again, however long it waits.
    assert_eq!(ledger.run_billing(&list, &at("2027-04-01T06:00:00Z")), Default::default());

    // A top-up that does not cover the price leaves it frozen.
    let small = ledger.top_up(dec!(100), &list, &at("2027-02-03T10:00:00Z")).unwrap();
    assert_eq!(kinds(&small.operations), [OperationKind::TopUp]);
    assert_eq!(ledger.connections[0].status, Status::Frozen);

    let enough = ledger.top_up(dec!(1000), &list, &at("2027-02-05T10:00:00Z")).unwrap();
    assert_eq!(kinds(&enough.operations), [OperationKind::TopUp, OperationKind::Charge, OperationKind::Unfreeze]);
    assert_eq!(ledger.balance, dec!(610));
    let connection = &ledger.connections[0];
    assert_eq!(connection.status, Status::Paid);
    // The anchor moved to the day of the payment.
    assert_eq!((connection.anchor_day, connection.due_on), (Some(5), Some(date(2027, 3, 5))));
}

#[test]
fn renewal_notices_come_two_days_before_each_charge() {
    let crm = module("crm", Section::Other, monthly(dec!(100), None));
    let list = prices(&[&crm]);
    let mut ledger = ledger_with(dec!(1000));
    ledger.activate(&crm, "c1".into(), "CRM", &at("2027-01-31T09:00:00Z")).unwrap();
    // Next charge on Feb 28: the notice is due from Moscow midnight of Feb 26.
    assert!(ledger.run_billing(&list, &at("2027-02-25T20:59:00Z")).notices.is_empty());
    let notice = ledger.run_billing(&list, &at("2027-02-25T21:00:00Z"));
    assert_eq!(notice.notices.len(), 1);
    assert_eq!((notice.notices[0].due_on, notice.notices[0].amount), (date(2027, 2, 28), dec!(100)));
    assert!(!notice.notices[0].after_trial);
    let charge = ledger.run_billing(&list, &at("2027-02-28T00:00:00Z"));
    assert_eq!(kinds(&charge.operations), [OperationKind::Charge]);
    assert!(charge.notices.is_empty());
    assert_eq!(ledger.run_billing(&list, &at("2027-03-29T21:00:00Z")).notices[0].due_on, date(2027, 3, 31));
}

#[test]
fn an_account_holds_at_most_a_hundred_connections_of_one_module_with_names_of_their_own() {
    let free = module("polka-stock", Section::Warehouse, Pricing::Free);
    let mut ledger = ledger_with(dec!(0));
    let clock = at("2027-01-10T09:00:00Z");
    for n in 0..MAX_CONNECTIONS_PER_MODULE {
        let name = default_name("Polka", ledger.connections_of("polka-stock").map(|c| c.name.as_str()));
        ledger.activate(&free, ConnectionId::new(format!("c{n}")), &name, &clock).unwrap();
    }
    let names: HashSet<&str> = ledger.connections.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 100, "each generated name is new");
    assert!(names.contains("Polka") && names.contains("Polka 100"));
    assert_eq!(ledger.quote(&free, &clock), Quote::TooMany { max: 100 });
    let refused = ledger.activate(&free, ConnectionId::new("c100"), "One more", &clock);
    assert_eq!(refused.err(), Some(Refusal::TooManyConnections { max: 100 }));
    // Another module is not counted against it.
    let other = module("docs-gen", Section::Other, Pricing::Free);
    assert!(ledger.activate(&other, ConnectionId::new("d1"), "Docs", &clock).is_ok());
}

/// The charges a billing run at `when` made, by amount.
fn charged(ledger: &mut Ledger, listing: &Listing, when: &str) -> Vec<Decimal> {
    let effects = ledger.run_billing(&prices(&[listing]), &at(when));
    effects.operations.iter().filter(|o| o.kind == OperationKind::Charge).map(|o| -o.amount).collect()
}

#[test]
fn a_module_briefly_free_does_not_make_its_subscriptions_free_for_good() {
    let mut crm = module("crm", Section::Other, monthly(dec!(1000), None));
    let mut ledger = ledger_with(dec!(5000));
    ledger.activate(&crm, "c1".into(), "CRM", &at("2027-01-10T09:00:00Z")).unwrap();
    crm.pricing = Pricing::Free;
    assert!(charged(&mut ledger, &crm, "2027-02-10T09:00:00Z").is_empty(), "a free month costs nothing");
    assert_eq!(ledger.connections[0].status, Status::Paid, "and the subscription stays");
    crm.pricing = monthly(dec!(1000), None);
    charged(&mut ledger, &crm, "2027-03-08T09:00:00Z");
    assert_eq!(charged(&mut ledger, &crm, "2027-03-10T09:00:00Z"), [dec!(1000)], "charged again with the price");
}

#[test]
fn a_price_raise_applies_from_the_charge_after_the_notice_that_announced_it() {
    let mut crm = module("crm", Section::Other, monthly(dec!(1000), None));
    let mut ledger = ledger_with(dec!(10000));
    ledger.activate(&crm, "c1".into(), "CRM", &at("2027-01-10T09:00:00Z")).unwrap();
    let notice = ledger.run_billing(&prices(&[&crm]), &at("2027-02-08T09:00:00Z"));
    assert_eq!(notice.notices[0].amount, dec!(1000));
    // Raised after the notice: this charge is what the notice said.
    crm.pricing = monthly(dec!(1500), None);
    assert_eq!(charged(&mut ledger, &crm, "2027-02-10T09:00:00Z"), [dec!(1000)]);
    let notice = ledger.run_billing(&prices(&[&crm]), &at("2027-03-08T09:00:00Z"));
    assert_eq!(notice.notices[0].amount, dec!(1500), "the next notice says the new price");
    assert_eq!(charged(&mut ledger, &crm, "2027-03-10T09:00:00Z"), [dec!(1500)]);
    // Billing that did not run at the notice's time still does not charge an unannounced raise.
    crm.pricing = monthly(dec!(2000), None);
    assert_eq!(charged(&mut ledger, &crm, "2027-04-10T09:00:00Z"), [dec!(1500)]);
    // A cut applies at once.
    crm.pricing = monthly(dec!(700), None);
    assert_eq!(charged(&mut ledger, &crm, "2027-05-10T09:00:00Z"), [dec!(700)]);
}

#[test]
fn connection_names_are_checked() {
    let free = module("free", Section::Delivery, Pricing::Free);
    let clock = at("2027-03-10T09:00:00Z");
    let mut ledger = ledger_with(Decimal::ZERO);
    ledger.activate(&free, "c1".into(), "Free", &clock).unwrap();
    ledger.rename(&"c1".into(), "  Main store  ").unwrap();
    assert_eq!(ledger.connections[0].name, "Main store");
    use souk::domain::billing::NameError;
    assert_eq!(ledger.rename(&"c1".into(), "   "), Err(Refusal::Name(NameError::Empty)));
    assert_eq!(ledger.rename(&"c1".into(), &"я".repeat(65)), Err(Refusal::Name(NameError::TooLong)));
    assert!(ledger.rename(&"c1".into(), &"я".repeat(64)).is_ok());
    assert_eq!(ledger.rename(&"nope".into(), "x"), Err(Refusal::UnknownConnection));
    assert_eq!(souk::domain::billing::default_name("Free", ["Free", "Free 2"].into_iter()), "Free 3");
}

// Properties: random histories of an account keep the books straight.

#[derive(Debug, Clone)]
enum Step {
    Activate(usize),
    Deactivate(usize),
    TopUp(u32),
    Bill,
    Wait(u32),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..5usize).prop_map(Step::Activate),
        1 => (0..8usize).prop_map(Step::Deactivate),
        2 => (1..400_000u32).prop_map(Step::TopUp),
        3 => Just(Step::Bill),
        4 => (1..(24 * 40u32)).prop_map(Step::Wait),
    ]
}

fn catalog() -> Vec<Listing> {
    vec![
        module("pbx", Section::Telephony, monthly(dec!(1990), Some(14))),
        module(
            "voip",
            Section::Telephony,
            Pricing::Monthly { price: dec!(1490), discounted: Some(dec!(990.50)), trial_days: Some(7) },
        ),
        module("sms", Section::SmsEmail, monthly(dec!(450), None)),
        module("free", Section::Delivery, Pricing::Free),
        module("crm", Section::Other, monthly(dec!(2500), Some(1))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_books_always_balance(steps in proptest::collection::vec(step(), 1..60), start in 0i64..(4 * 365 * 24)) {
        let listings = catalog();
        let list = prices(&listings.iter().collect::<Vec<_>>());
        let mut clock = Clock { now: Utc.timestamp_opt(1_800_000_000 + start * 3600, 0).unwrap(), tz: MOSCOW };
        let mut ledger = Ledger::default();
        let mut history = Vec::new();
        let mut next_id = 0;
        for step in steps {
            match step {
                Step::Activate(i) => {
                    next_id += 1;
                    if let Ok(effects) = ledger.activate(&listings[i], format!("c{next_id}").into(), "x", &clock) {
                        history.extend(effects.operations);
                    }
                }
                Step::Deactivate(i) => {
                    if let Some(id) = ledger.connections.get(i).map(|c| c.id.clone()) {
                        ledger.deactivate(&id).unwrap();
                    }
                }
                Step::TopUp(kopecks) => {
                    let effects = ledger.top_up(Decimal::new(i64::from(kopecks), 2), &list, &clock).unwrap();
                    history.extend(effects.operations);
                }
                Step::Bill => {
                    let effects = ledger.run_billing(&list, &clock);
                    history.extend(effects.operations);
                    // Nothing billed is left due.
                    for connection in ledger.connections.iter().filter(|c| c.is_billed()) {
                        prop_assert!(connection.due_at(MOSCOW).unwrap() > clock.now);
                    }
                    // Billing again at the same moment changes nothing.
                    let before = ledger.clone();
                    prop_assert_eq!(ledger.run_billing(&list, &clock), Default::default());
                    prop_assert_eq!(&ledger, &before);
                }
                Step::Wait(hours) => clock.now += chrono::Duration::hours(i64::from(hours)),
            }
            prop_assert!(ledger.balance >= Decimal::ZERO);
            prop_assert_eq!(ledger.balance, history.iter().map(|o| o.amount).sum::<Decimal>());
            if let Some(last) = history.last() {
                prop_assert_eq!(last.balance_after, ledger.balance);
            }
        }
        // One row per key: a connection is never charged twice for one period.
        let keys: HashSet<&str> = history.iter().map(|o| o.key.as_str()).collect();
        prop_assert_eq!(keys.len(), history.len());
        let seqs: Vec<u64> = history.iter().map(|o| o.seq).collect();
        prop_assert_eq!(seqs, (0..history.len() as u64).collect::<Vec<_>>());
    }
}
