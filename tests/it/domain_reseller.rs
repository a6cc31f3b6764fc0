//! The reseller billing's rules (seed 002, `BUILTINS.md` §A): BILLmanager's
//! `doc` envelope read from recorded answers, which plans can be imported,
//! which handler places an order, and what a service can go through.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use souk::domain::reseller::doc::{doc, BillFailure};
use souk::domain::reseller::handler::{choose, details_problems, parse_min_balance, serving, sign_in_problems};
use souk::domain::reseller::plan::monthly_price;
use souk::domain::reseller::request::{BillRequest, SignIn};
use souk::domain::reseller::service::{parse_done, parse_ordered};
use souk::domain::reseller::{
    Department, Handler, HandlerDetails, HandlerProblem, NotImportable, OfferedPlan, Plan, PlanChange, ProductType,
    ResellerRefusal, SellingAccount, ServiceAction, ServiceStatus,
};
use std::collections::BTreeMap;

fn rub(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn whoami_reads_the_selling_account_with_numbers_as_strings() {
    let body =
        r#"{"doc": {"user": {"$name": "reseller1", "$level": "16", "$balance": "1500.00", "$currency": "RUB"}}}"#;
    let account = SellingAccount::parse(200, body).unwrap();
    assert_eq!(
        account,
        SellingAccount { name: "reseller1".into(), level: 16, balance: rub("1500.00"), currency: "RUB".into() }
    );
    assert!(account.is_client());
    let admin = r#"{"doc": {"user": {"$name": "admin", "$level": "28", "$balance": "0.00"}}}"#;
    assert!(!SellingAccount::parse(200, admin).unwrap().is_client());
}

#[test]
fn an_error_comes_as_doc_error_on_http_200() {
    let body = r#"{"doc": {"error": {"$type": "auth", "$object": "badpassword", "msg": {"$": "Неверное имя пользователя или пароль"}}}}"#;
    let failure = SellingAccount::parse(200, body).unwrap_err();
    assert_eq!(
        failure,
        BillFailure::Refused {
            kind: "auth".into(),
            object: "badpassword".into(),
            message: "Неверное имя пользователя или пароль".into()
        }
    );
    assert!(failure.is_bad_password());
    let missed = r#"{"doc": {"error": {"$type": "missed", "$object": "whoami2"}}}"#;
    assert!(matches!(doc(200, missed), Err(BillFailure::Refused { kind, .. }) if kind == "missed"));
}

#[test]
fn an_answer_that_is_not_billmanagers_is_told_apart() {
    for (status, body) in [
        (200, "<html>BILLmanager</html>"),
        (200, r#"{"balance": "1500.00"}"#),
        (200, r#"{"doc": "x"}"#),
        (404, r#"{"doc": {}}"#),
        (200, r#"{"doc": {"user": {"$name": "x"}}}"#),
    ] {
        assert!(matches!(SellingAccount::parse(status, body), Err(BillFailure::NotBillmanager(_))), "{status} {body}");
    }
}

const PRICELIST: &str = r#"{"doc": {"pricelist": [
  {"id": {"$": "2187"}, "name": {"$": "VDS Light"}, "itemtype_info": {"intname": {"$": "vds"}},
   "price": {"$currency": "RUB", "period": [{"$cost": "490.0000", "$type": "month", "$length": "1"}, {"$cost": "1410.0000", "$type": "month", "$length": "3"}]},
   "datacenter": [{"id": {"$": "4"}, "name": {"$": "Moscow"}}]},
  {"id": {"$": "2188"}, "name": {"$": "VDS Medium"}, "itemtype_info": {"intname": {"$": "vds"}},
   "price": {"$currency": "RUB", "period": {"$cost": "9600.0000", "$type": "year", "$length": "1"}}},
  {"id": {"$": "2190"}, "name": {"$": "VDS Daily"}, "itemtype_info": {"intname": {"$": "vds"}},
   "price": {"$currency": "RUB", "period": {"$cost": "20.0000", "$type": "day", "$length": "1"}}},
  {"id": {"$": "1103"}, "name": {"$": "Host Global"}, "itemtype_info": {"intname": {"$": "vhost"}},
   "price": {"$currency": "USD", "period": {"$cost": "5.0000", "$type": "month", "$length": "1"}}}
]}}"#;

#[test]
fn the_pricelist_reads_lists_of_one_as_objects_and_says_which_plans_can_be_imported() {
    let plans = OfferedPlan::parse_list(200, PRICELIST).unwrap();
    assert_eq!(plans.len(), 4);
    assert_eq!(plans[0].sold_periods(), vec![(1, rub("490")), (3, rub("1410"))]);
    assert_eq!(plans[0].importable(ProductType::Vds), Ok(()));
    // One period, as an object: a year is twelve months.
    assert_eq!(plans[1].sold_periods(), vec![(12, rub("9600"))]);
    // A month's price: the one-month period's, else the cheapest month of a longer one.
    assert_eq!(monthly_price(&plans[0].sold_periods()), Some(rub("490")));
    assert_eq!(monthly_price(&plans[1].sold_periods()), Some(rub("800")));
    assert_eq!(monthly_price(&[]), None);
    assert_eq!(plans[1].importable(ProductType::Vds), Ok(()));
    assert_eq!(plans[2].importable(ProductType::Vds), Err(NotImportable::Periods));
    assert_eq!(plans[3].importable(ProductType::Vhost), Err(NotImportable::Currency("USD".into())));
    assert_eq!(plans[0].importable(ProductType::Vhost), Err(NotImportable::Product));

    // A pricelist of one plan comes as that plan, and an empty one as nothing.
    let one = r#"{"doc": {"pricelist": {"id": {"$": "4401"}, "name": {"$": "ISPmanager Lite"}, "price": {"$currency": "RUB", "period": {"$cost": "320.0000", "$type": "month", "$length": "1"}}}}}"#;
    assert_eq!(OfferedPlan::parse_list(200, one).unwrap()[0].remote_id, "4401");
    assert!(OfferedPlan::parse_list(200, r#"{"doc": {}}"#).unwrap().is_empty());
    assert!(matches!(
        OfferedPlan::parse_list(
            200,
            r#"{"doc": {"pricelist": {"id": {"$": "1"}, "price": {"period": {"$cost": "x"}}}}}"#
        ),
        Err(BillFailure::NotBillmanager(_))
    ));
}

fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0).unwrap()
}

fn plan(enabled: bool) -> Plan {
    Plan {
        id: "pln-1".into(),
        product: ProductType::Vds,
        billing_url: "https://billing.example".into(),
        remote_id: "2187".into(),
        name: "VDS Light".into(),
        provider: "Volga".into(),
        periods: vec![(1, rub("490")), (3, rub("1410"))],
        enabled,
        imported_at: at(1),
        synced_at: at(1),
    }
}

fn handler(id: &str, product: ProductType, url: &str, priority: u32, min: &str, day: u32) -> Handler {
    Handler {
        id: id.into(),
        product,
        url: url.into(),
        user: id.into(),
        details: HandlerDetails {
            data_centre: "dc-1".into(),
            name: id.into(),
            department: Department::Support,
            priority,
            min_balance: rub(min),
        },
        created_at: at(day),
    }
}

#[test]
fn the_handler_with_the_lowest_priority_and_enough_balance_places_the_order() {
    let url = "https://billing.example";
    let handlers = vec![
        handler("second", ProductType::Vds, url, 20, "100", 1),
        handler("first-poor", ProductType::Vds, url, 10, "100", 2),
        handler("other-type", ProductType::Vhost, url, 0, "0", 1),
        handler("other-billing", ProductType::Vds, "https://elsewhere.example", 0, "0", 1),
    ];
    let order: Vec<&str> = serving(&plan(true), &handlers).iter().map(|h| h.id.as_str()).collect();
    assert_eq!(order, ["first-poor", "second"]);

    let balances = |pairs: &[(&str, &str)]| -> BTreeMap<String, Decimal> {
        pairs.iter().map(|(id, amount)| (id.to_string(), rub(amount))).collect()
    };
    let rich = balances(&[("first-poor", "1500"), ("second", "1500")]);
    assert_eq!(choose(&plan(true), &handlers, &rich).unwrap().id, "first-poor");
    // Below its minimum balance, the next one by priority places it.
    let poor = balances(&[("first-poor", "10"), ("second", "1500")]);
    assert_eq!(choose(&plan(true), &handlers, &poor).unwrap().id, "second");
    // Exactly the minimum is enough; a handler not heard from is passed over.
    let exact = balances(&[("second", "100")]);
    assert_eq!(choose(&plan(true), &handlers, &exact).unwrap().id, "second");
    let none = balances(&[("first-poor", "99.99"), ("second", "0")]);
    assert_eq!(choose(&plan(true), &handlers, &none).unwrap_err(), ResellerRefusal::NoBalance);
    // Only an enabled plan; only a plan a handler serves.
    assert_eq!(choose(&plan(false), &handlers, &rich).unwrap_err(), ResellerRefusal::PlanDisabled);
    assert_eq!(choose(&plan(true), &handlers[2..3], &rich).unwrap_err(), ResellerRefusal::NoHandler);
    // The same priority: the older handler first.
    let tied =
        vec![handler("newer", ProductType::Vds, url, 5, "0", 3), handler("older", ProductType::Vds, url, 5, "0", 1)];
    assert_eq!(choose(&plan(true), &tied, &balances(&[("newer", "1"), ("older", "1")])).unwrap().id, "older");
}

#[test]
fn synchronising_says_what_changed() {
    let mut kept = plan(true);
    let offered = OfferedPlan {
        remote_id: "2187".into(),
        name: "VDS Light 2".into(),
        product: Some(ProductType::Vds),
        currency: "RUB".into(),
        periods: vec![
            souk::domain::reseller::Period { kind: "month".into(), length: 1, cost: rub("590") },
            souk::domain::reseller::Period { kind: "year".into(), length: 1, cost: rub("5900") },
        ],
    };
    let changes = kept.synchronise(&offered, at(5));
    assert_eq!(
        changes,
        vec![
            PlanChange::Name { from: "VDS Light".into(), to: "VDS Light 2".into() },
            PlanChange::Price { months: 1, from: rub("490"), to: rub("590") },
            PlanChange::PeriodAdded { months: 12, cost: rub("5900") },
            PlanChange::PeriodRemoved { months: 3 },
        ]
    );
    assert_eq!((kept.monthly_price(), kept.synced_at), (Some(rub("590")), at(5)));
    assert!(kept.synchronise(&offered, at(6)).is_empty(), "nothing changed the second time");
}

#[test]
fn the_wizard_names_each_wrong_field() {
    assert_eq!(
        sign_in_problems("billing.example", " ", ""),
        vec![HandlerProblem::Url, HandlerProblem::User, HandlerProblem::Password]
    );
    assert!(sign_in_problems("https://billing.example/", "reseller1", "secret1").is_empty());
    let centres = vec!["dc-1".to_string()];
    assert_eq!(
        details_problems("dc-2", "", "-1", "ten", &centres),
        vec![HandlerProblem::DataCentre, HandlerProblem::Name, HandlerProblem::Priority, HandlerProblem::MinBalance]
    );
    assert!(details_problems("dc-1", "VDS", "10", "100,50", &centres).is_empty());
    assert_eq!(parse_min_balance("0.001"), None, "kopecks at most");
    assert_eq!(parse_min_balance("-1"), None);
    assert_eq!(details_problems("dc-1", "VDS", "10000", "0", &centres), vec![HandlerProblem::Priority]);
}

#[test]
fn calls_carry_the_password_in_the_body_and_the_log_masks_it() {
    let sign_in =
        SignIn { url: "https://billing.example".into(), user: "reseller1".into(), password: "secret1".into() };
    let order = BillRequest::order(&sign_in, ProductType::Vds, "2187", 3, "svc-abc");
    let masked = order.masked();
    assert_eq!(order.func(), "vds.order.param");
    for field in [
        "authinfo=***",
        "sok=ok",
        "pricelist=2187",
        "period=3",
        "skipbasket=on",
        "clicked_button=finish",
        "remoteid=svc-abc",
        "out=json",
    ] {
        assert!(masked.contains(field), "{field} in {masked}");
    }
    assert!(!masked.contains("secret1") && !format!("{sign_in:?}").contains("secret1"));
    assert_eq!(BillRequest::prolong(&sign_in, "7001", 1).func(), "service.prolong");
    assert_eq!(BillRequest::lifecycle(&sign_in, ProductType::Soft, "suspend", "7001").func(), "soft.suspend");
    assert_eq!(parse_ordered(200, r#"{"doc": {"id": {"$": "7001"}}}"#).unwrap(), "7001");
    assert!(parse_done(200, r#"{"doc": {"ok": {"$": "ok"}}}"#).is_ok());
    assert!(parse_done(200, r#"{"doc": {"error": {"$type": "balance", "$object": "account"}}}"#).is_err());
}

#[test]
fn a_service_goes_through_what_the_selling_billing_allows() {
    use ServiceAction::*;
    use ServiceStatus::*;
    assert_eq!(Suspend.after(Active), Some(Suspended));
    assert_eq!(Resume.after(Suspended), Some(Active));
    assert_eq!(Resume.after(Active), None);
    assert_eq!(Suspend.after(Suspended), None);
    assert_eq!(Prolong.after(Suspended), Some(Suspended));
    assert_eq!(Delete.after(Suspended), Some(Deleted));
    for action in [Prolong, Suspend, Resume, Delete] {
        assert_eq!(action.after(Deleted), None, "{action:?}");
    }
}

#[test]
fn the_stand_in_sells_as_the_wire_format_says() {
    use souk::standins::billmgr::Billmgr;
    let mut billing = Billmgr::default();
    let call = |billing: &mut Billmgr, pairs: &[(&str, &str)]| {
        let fields: Vec<(String, String)> = pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        billing.answer(&fields, at(1))
    };
    assert_eq!(call(&mut billing, &[("func", "whoami")]), None, "HTML without out=json");
    let me = [("out", "json"), ("authinfo", "reseller1:secret1")];
    let whoami = call(&mut billing, &[me[0], me[1], ("func", "whoami")]).unwrap().to_string();
    assert_eq!(SellingAccount::parse(200, &whoami).unwrap().balance, rub("1500.00"));
    let wrong = call(&mut billing, &[me[0], ("authinfo", "reseller1:nope"), ("func", "whoami")]).unwrap().to_string();
    assert!(SellingAccount::parse(200, &wrong).unwrap_err().is_bad_password());
    let missed = call(&mut billing, &[me[0], me[1], ("func", "nonsense")]).unwrap().to_string();
    assert!(matches!(doc(200, &missed), Err(BillFailure::Refused { kind, .. }) if kind == "missed"));

    // An order decrements the balance; the same remoteid again is the same service.
    let order = [
        me[0],
        me[1],
        ("func", "vds.order.param"),
        ("sok", "ok"),
        ("pricelist", "2187"),
        ("period", "1"),
        ("remoteid", "svc-1"),
    ];
    let first = parse_ordered(200, &call(&mut billing, &order).unwrap().to_string()).unwrap();
    let again = parse_ordered(200, &call(&mut billing, &order).unwrap().to_string()).unwrap();
    assert_eq!(first, again);
    assert_eq!(billing.accounts[0].balance, rub("1010.00"));
    // Not enough money: the stand-in's `balance` error.
    let poor = [
        ("out", "json"),
        ("authinfo", "poor:secret2"),
        ("func", "vds.order.param"),
        ("sok", "ok"),
        ("pricelist", "2187"),
        ("period", "1"),
    ];
    let refused = call(&mut billing, &poor).unwrap().to_string();
    assert!(matches!(doc(200, &refused), Err(BillFailure::Refused { kind, .. }) if kind == "balance"));
    // A session instead of authinfo.
    let auth = call(&mut billing, &[("out", "json"), ("func", "auth"), ("username", "poor"), ("password", "secret2")])
        .unwrap();
    let session = auth["doc"]["auth"]["$id"].as_str().unwrap().to_string();
    let whoami = call(&mut billing, &[("out", "json"), ("auth", &session), ("func", "whoami")]).unwrap().to_string();
    assert_eq!(SellingAccount::parse(200, &whoami).unwrap().name, "poor");
}

#[test]
fn every_refusal_has_its_own_words_in_both_languages() {
    use souk::i18n::Locale;
    use souk::texts::reseller::{change_text, failure_text, refusal_text};
    let refused =
        |kind: &str| BillFailure::Refused { kind: kind.into(), object: "elid".into(), message: String::new() };
    let refusals = vec![
        ResellerRefusal::Invalid(HandlerProblem::Url),
        ResellerRefusal::Invalid(HandlerProblem::MinBalance),
        ResellerRefusal::Billing(refused("auth")),
        ResellerRefusal::Billing(refused("access")),
        ResellerRefusal::Billing(refused("missed")),
        ResellerRefusal::Billing(refused("value")),
        ResellerRefusal::Billing(refused("balance")),
        ResellerRefusal::Billing(refused("strange")),
        ResellerRefusal::Billing(BillFailure::NoAnswer("connection refused".into())),
        ResellerRefusal::Billing(BillFailure::NotBillmanager("HTTP 404".into())),
        ResellerRefusal::NotClient(28),
        ResellerRefusal::HandlerTaken(ProductType::Vds),
        ResellerRefusal::HandlerInUse { plans: vec!["VDS Light".into()], services: 0 },
        ResellerRefusal::HandlerInUse { plans: vec![], services: 2 },
        ResellerRefusal::HandlerInUse { plans: vec!["VDS Light".into()], services: 2 },
        ResellerRefusal::DataCentreTaken("Moscow".into()),
        ResellerRefusal::NotImportable("Host Global".into(), NotImportable::Currency("USD".into())),
        ResellerRefusal::AlreadyImported("VDS Light".into()),
        ResellerRefusal::PlanGone("VDS Light".into()),
        ResellerRefusal::PlanDisabled,
        ResellerRefusal::NoSuchPeriod(6),
        ResellerRefusal::NoHandler,
        ResellerRefusal::NoBalance,
        ResellerRefusal::ServiceState(ServiceAction::Resume, ServiceStatus::Active),
        ResellerRefusal::Frozen,
    ];
    for locale in [Locale::ru, Locale::en] {
        let texts: Vec<String> = refusals.iter().map(|r| refusal_text(locale, r)).collect();
        let mut distinct = texts.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), refusals.len(), "{texts:#?}");
        assert!(texts.iter().all(|text| !text.is_empty() && !text.contains("{{")), "{texts:#?}");
        assert!(texts[10].contains("28") && texts[16].contains("USD") && texts[12].contains("VDS Light"));
        let change = change_text(locale, &PlanChange::Price { months: 1, from: rub("490"), to: rub("590") });
        assert!(change.contains("490") && change.contains("590"), "{change}");
    }
    let said =
        BillFailure::Refused {
            kind: "auth".into(), object: "badpassword".into(), message: "Неверное имя".into()
        };
    assert_eq!(
        failure_text(Locale::en, &said),
        "The selling billing refused the user name or password. It said: “Неверное имя”."
    );
    assert_eq!(
        refusal_text(Locale::ru, &ResellerRefusal::PlanDisabled),
        "Тариф выключен: заказать можно только включённые тарифы."
    );
}
