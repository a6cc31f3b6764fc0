//! The booking channel's rules (seed 004, `BUILTINS.md` §C): the bulk price
//! editor, which change makes which call to the partner, the partner's wire
//! format, and its stand-in's rules.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use souk::domain::booking::prices::{parse_change, BulkEdit, PriceBook, PriceChange, PriceProblem};
use souk::domain::booking::sync::{call_for, Field, ServiceCall};
use souk::domain::booking::wire::{create_merchant, delete_merchant, service_request, Consent, Method, PartnerError};
use souk::domain::booking::Published;
use souk::domain::lang::Localized;
use souk::standins::booking::{BookingPartner, PARTNER, TOKEN};
use std::collections::{BTreeMap, BTreeSet};

fn rub(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn prices(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
    pairs.iter().map(|(id, price)| (id.to_string(), rub(price))).collect()
}

fn chosen(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

#[test]
fn a_bulk_edit_changes_the_chosen_rows_only() {
    let book = prices(&[("mri", "4500"), ("ecg", "1200"), ("blood", "350")]);
    let minus_ten = BulkEdit { change: PriceChange::Percent(rub("-10")), round: false };
    assert_eq!(
        minus_ten.preview(&book, &chosen(&["mri", "blood"])),
        prices(&[("mri", "4050"), ("ecg", "1200"), ("blood", "315")])
    );
    let plus = BulkEdit { change: PriceChange::Amount(rub("99.99")), round: false };
    assert_eq!(plus.applied(rub("350")), rub("449.99"));
    let set = BulkEdit { change: PriceChange::Set(rub("990")), round: false };
    assert_eq!(set.preview(&book, &chosen(&["ecg"]))["ecg"], rub("990"));
}

#[test]
fn prices_round_to_kopecks_or_to_whole_rubles_and_never_fall_below_one_ruble() {
    let third = BulkEdit { change: PriceChange::Percent(rub("-33.333")), round: false };
    assert_eq!(third.applied(rub("100")), rub("66.67"));
    let rounded = BulkEdit { change: PriceChange::Percent(rub("-33.333")), round: true };
    assert_eq!(rounded.applied(rub("100")), rub("67"));
    let half = BulkEdit { change: PriceChange::Amount(rub("0.5")), round: true };
    assert_eq!(half.applied(rub("10")), rub("11"), "half a ruble rounds up");
    let down = BulkEdit { change: PriceChange::Amount(rub("-5000")), round: false };
    assert_eq!(down.applied(rub("350")), rub("1"));
    let almost_all = BulkEdit { change: PriceChange::Percent(rub("-99")), round: true };
    assert_eq!(almost_all.applied(rub("120")), rub("1"));
}

#[test]
fn the_editor_reads_what_is_typed_and_names_what_is_wrong() {
    assert_eq!(parse_change("percent", "-10"), Ok(PriceChange::Percent(rub("-10"))));
    assert_eq!(parse_change("amount", "-150,50"), Ok(PriceChange::Amount(rub("-150.50"))));
    assert_eq!(parse_change("set", "1 990"), Ok(PriceChange::Set(rub("1990"))));
    assert_eq!(parse_change("set", "0"), Err(PriceProblem::OutOfRange));
    assert_eq!(parse_change("percent", "-100"), Err(PriceProblem::Percent));
    assert_eq!(parse_change("amount", "ten"), Err(PriceProblem::NotANumber));
    assert_eq!(parse_change("teleport", "10"), Err(PriceProblem::Kind), "no other kind of change");
}

#[test]
fn the_last_change_can_be_undone_once() {
    // The book holds the channel's own prices; a row without one sells at the account's.
    let mut book = PriceBook::default();
    assert!(!book.undo(), "nothing to undo yet");
    let edit = BulkEdit { change: PriceChange::Percent(rub("-10")), round: true };
    assert_eq!(book.apply(&edit, &BTreeMap::new()), Err(PriceProblem::NothingChosen));
    book.apply(&edit, &prices(&[("mri", "4500"), ("ecg", "1200")])).unwrap();
    assert_eq!(book.prices, prices(&[("mri", "4050"), ("ecg", "1080")]));
    book.apply(&edit, &prices(&[("mri", "4050")])).unwrap();
    assert_eq!(book.prices["mri"], rub("3645"));
    assert!(book.undo());
    assert_eq!(book.prices, prices(&[("mri", "4050"), ("ecg", "1080")]), "only the last change is taken back");
    assert!(!book.undo());
    book.apply(&edit, &prices(&[("blood", "350")])).unwrap();
    assert!(book.undo());
    assert!(!book.prices.contains_key("blood"), "a row without a channel price of its own is left without one");
}

fn service(duration_min: u32, price: &str, name: &str) -> Published {
    Published { name: Localized { ru: name.into(), en: format!("{name} (en)") }, duration_min, price: rub(price) }
}

#[test]
fn each_change_makes_its_own_call() {
    let mri = service(40, "4500", "МРТ");
    assert_eq!(call_for(None, Some(&mri)), Some(ServiceCall::Create));
    assert_eq!(call_for(Some(&mri), None), Some(ServiceCall::Delete), "unticked or deleted");
    assert_eq!(call_for(Some(&mri), Some(&mri)), None);
    assert_eq!(call_for(None, None), None);
    let longer = service(60, "4500", "МРТ");
    assert_eq!(call_for(Some(&mri), Some(&longer)), Some(ServiceCall::Patch { fields: vec![Field::Duration] }));
    let both = service(60, "4900", "МРТ");
    let call = call_for(Some(&mri), Some(&both)).unwrap();
    assert_eq!(call, ServiceCall::Patch { fields: vec![Field::Price, Field::Duration] });
    let ServiceCall::Patch { fields } = &call else { unreachable!() };
    assert_eq!(ServiceCall::mask(fields), "price,durationSec");
    let renamed = service(40, "4500", "МРТ головы");
    assert_eq!(call_for(Some(&mri), Some(&renamed)), Some(ServiceCall::Patch { fields: vec![Field::Name] }));
}

#[test]
fn the_requests_follow_the_partners_contract() {
    let consent = Consent {
        declaration_version: "2026-09".into(),
        terms_version: "3.1".into(),
        accepted_at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
    };
    let merchant = create_merchant(PARTNER, "volga", "Клиника", &consent);
    assert_eq!(
        (merchant.method, merchant.path.as_str()),
        (Method::Post, "/v1/partners/premium-organizer/merchants?merchantId=volga")
    );
    let body = merchant.body.unwrap();
    assert_eq!(body["consent"]["acceptedAt"], "2026-11-30T09:00:00Z");
    assert_eq!(
        (body["consent"]["declarationAccepted"].clone(), body["consent"]["termsVersion"].clone()),
        (json!(true), json!("3.1"))
    );
    assert_eq!(delete_merchant(PARTNER, "volga").method, Method::Delete);

    let mri = service(30, "2500", "МРТ");
    let create = service_request(PARTNER, "volga", "mri", &ServiceCall::Create, Some(&mri));
    assert_eq!(create.path, "/v1/partners/premium-organizer/merchants/volga/services?serviceId=mri");
    let body = create.body.unwrap();
    assert_eq!(body["price"], json!({ "priceMicros": "2500000000", "currencyCode": "RUB" }));
    assert_eq!(body["durationSec"], "1800");
    assert_eq!(body["localizedServiceName"]["localizedValue"][1], json!({ "locale": "en", "value": "МРТ (en)" }));
    let patch =
        service_request(PARTNER, "volga", "mri", &ServiceCall::Patch { fields: vec![Field::Duration] }, Some(&mri));
    assert_eq!(
        (patch.method, patch.path.as_str()),
        (Method::Patch, "/v1/partners/premium-organizer/merchants/volga/services/mri?updateMask=durationSec")
    );
    assert_eq!(patch.body.unwrap(), json!({ "durationSec": "1800" }), "only the fields the mask names");

    let error = r#"{"error": {"code": 400, "message": "price must be above zero", "status": "INVALID_ARGUMENT"}}"#;
    let parsed = PartnerError::of(400, error).unwrap();
    assert_eq!(
        (parsed.status.as_str(), parsed.message.as_str(), parsed.is_transient()),
        ("INVALID_ARGUMENT", "price must be above zero", false)
    );
    assert!(PartnerError::of(503, "<html>").unwrap().is_transient());
    assert_eq!(PartnerError::of(200, "{}"), None);
}

fn call(partner: &mut BookingPartner, method: &str, path: &str, body: Option<Value>) -> u16 {
    partner.answer(method, path, Some(&format!("Bearer {TOKEN}")), body).0
}

#[test]
fn the_stand_in_keeps_the_contracts_rules() {
    let mut partner = BookingPartner::default();
    let merchants = "/v1/partners/premium-organizer/merchants";
    let services = format!("{merchants}/volga/services");
    let mri = souk::domain::booking::wire::service_body(&service(30, "2500", "МРТ"));
    assert_eq!(partner.answer("POST", &format!("{merchants}?merchantId=volga"), None, None).0, 401);
    assert_eq!(
        call(&mut partner, "POST", &format!("{services}?serviceId=mri"), Some(mri.clone())),
        400,
        "the merchant first"
    );
    let half = json!({ "name": "Клиника", "consent": { "declarationAccepted": true, "termsAccepted": false } });
    assert_eq!(call(&mut partner, "POST", &format!("{merchants}?merchantId=volga"), Some(half)), 400, "both consents");
    let both = json!({ "name": "Клиника", "consent": { "declarationAccepted": true, "termsAccepted": true } });
    assert_eq!(call(&mut partner, "POST", &format!("{merchants}?merchantId=volga"), Some(both.clone())), 200);
    assert_eq!(call(&mut partner, "POST", &format!("{services}?serviceId=mri"), Some(mri.clone())), 200);
    let mut free = mri.clone();
    free["price"]["priceMicros"] = json!("0");
    assert_eq!(
        call(&mut partner, "POST", &format!("{services}?serviceId=free"), Some(free)),
        400,
        "a price above zero"
    );
    assert_eq!(
        call(&mut partner, "PATCH", &format!("{services}/mri"), Some(json!({ "durationSec": "3600" }))),
        400,
        "no mask"
    );
    assert_eq!(
        call(
            &mut partner,
            "PATCH",
            &format!("{services}/mri?updateMask=durationSec"),
            Some(json!({ "durationSec": "3600" }))
        ),
        200
    );
    assert_eq!(partner.merchants["volga"].services["mri"]["durationSec"], "3600");

    // The merchant deleted hides its services; created again, they are back.
    assert_eq!(call(&mut partner, "DELETE", &format!("{merchants}/volga"), None), 200);
    assert!(partner.shown().is_empty());
    assert_eq!(call(&mut partner, "POST", &format!("{merchants}?merchantId=volga"), Some(both)), 200);
    assert_eq!(partner.shown(), vec![("volga".to_string(), "mri".to_string())]);
    assert_eq!(call(&mut partner, "DELETE", &format!("{services}/mri"), None), 200);
    assert!(partner.shown().is_empty());

    // Trouble on the partner's side, then fine again; every call kept in order.
    partner.failing = 1;
    assert_eq!(call(&mut partner, "DELETE", &format!("{merchants}/volga"), None), 500);
    assert_eq!(call(&mut partner, "DELETE", &format!("{merchants}/volga"), None), 200);
    let statuses: Vec<u16> = partner.events.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [401, 400, 400, 200, 200, 400, 400, 200, 200, 200, 200, 500, 200]);
}

#[tokio::test]
async fn the_stand_in_answers_over_http_and_lists_what_it_received() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let partner = souk::server::booking::Shared::default();
    let base = format!("http://{}", souk::server::booking::start(listener, partner.clone()).await.unwrap());
    let client = reqwest::Client::new();
    let merchant = format!("{base}/v1/partners/{PARTNER}/merchants?merchantId=volga");
    let consent = json!({ "name": "Клиника", "consent": { "declarationAccepted": true, "termsAccepted": true } });
    let refused = client.post(&merchant).json(&consent).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    let error: Value = refused.json().await.unwrap();
    assert_eq!(error["error"]["status"], "UNAUTHENTICATED");
    assert_eq!(client.post(format!("{base}/_stand-in/fail?times=1")).send().await.unwrap().status(), 204);
    let failed = client.post(&merchant).bearer_auth(TOKEN).json(&consent).send().await.unwrap();
    assert_eq!(failed.status(), 500);
    let created = client.post(&merchant).bearer_auth(TOKEN).json(&consent).send().await.unwrap();
    assert_eq!(created.status(), 200);
    let events: Value = client.get(format!("{base}/_stand-in/events")).send().await.unwrap().json().await.unwrap();
    let seen: Vec<(&str, u64)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["method"].as_str().unwrap(), e["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(seen, [("POST", 401), ("POST", 500), ("POST", 200)]);
    assert_eq!(events[2]["path"], format!("/v1/partners/{PARTNER}/merchants?merchantId=volga"));
    assert!(partner.lock().unwrap().merchants["volga"].live);
}

#[test]
fn a_service_is_kept_only_as_a_whole_and_each_wrong_field_is_named() {
    use souk::domain::booking::services::{ServiceInput, ServiceProblem};
    let typed = |ru: &str, en: &str, minutes: &str, price: &str| ServiceInput {
        name_ru: ru.into(),
        name_en: en.into(),
        duration_min: minutes.into(),
        price: price.into(),
    };
    let mri = typed(" МРТ ", "MRI", "40", "4 500,50").service("svc-1".into()).unwrap();
    assert_eq!((mri.name.ru.as_str(), mri.duration_min, mri.price), ("МРТ", 40, rub("4500.50")));
    assert_eq!(
        typed("", " ", "4", "0").problems(),
        vec![ServiceProblem::NameRu, ServiceProblem::NameEn, ServiceProblem::Duration, ServiceProblem::Price]
    );
    assert_eq!(typed("МРТ", "MRI", "721", "1").problems(), vec![ServiceProblem::Duration]);
    assert_eq!(typed("МРТ", "MRI", "720", "0.999").problems(), vec![ServiceProblem::Price], "kopecks at most");
    assert!(typed("МРТ", "MRI", "5", "1").problems().is_empty());
}

fn own(id: &str, minutes: u32, price: &str) -> souk::domain::booking::services::OwnService {
    souk::domain::booking::services::OwnService {
        id: id.into(),
        name: Localized { ru: id.into(), en: id.into() },
        duration_min: minutes,
        price: rub(price),
    }
}

#[test]
fn the_channel_plans_the_calls_from_what_the_partner_was_told() {
    use souk::domain::booking::channel::{backoff, Channel, Step};
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let services = [own("mri", 40, "4500"), own("ecg", 20, "1200")];
    let mut channel = Channel { ticked: chosen(&["mri", "ecg"]), ..Channel::default() };
    assert!(channel.plan(&services).is_empty(), "nothing before activation and publishing");
    channel.consent = Some(Consent { declaration_version: "d".into(), terms_version: "t".into(), accepted_at: at });
    channel.published = true;
    let steps = channel.plan(&services);
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0], Step::CreateMerchant, "the merchant before its services");
    for step in &steps {
        channel.succeeded(step, at);
    }
    assert!(channel.plan(&services).is_empty(), "in step");

    // A channel price of its own: a PATCH of the price; the account's own price no longer reaches it.
    channel.prices.prices.insert("mri".into(), rub("4000"));
    let cheaper = [own("mri", 40, "4700"), own("ecg", 20, "1200")];
    assert_eq!(
        channel.plan(&cheaper),
        [Step::Service {
            id: "mri".into(),
            call: ServiceCall::Patch { fields: vec![Field::Price] },
            after: Some(Published {
                name: Localized { ru: "mri".into(), en: "mri".into() },
                duration_min: 40,
                price: rub("4000")
            }),
        }]
    );
    channel.prices.prices.clear();
    // Unticked: deleted.
    channel.ticked.remove("ecg");
    assert!(
        matches!(&channel.plan(&services)[..], [Step::Service { id, call: ServiceCall::Delete, after: None }] if id == "ecg")
    );
    // Traffic off: the merchant goes, and nothing else is said.
    channel.traffic = false;
    assert_eq!(channel.plan(&services), [Step::DeleteMerchant]);

    // A failure waits a minute, then two, four…, an hour at most, and is said on its row.
    let step = Step::DeleteMerchant;
    channel.failed(&step, "500 INTERNAL: down".into(), at);
    assert!(!channel.is_due(&step, at) && channel.is_due(&step, at + backoff(1)));
    channel.failed(&step, "500 INTERNAL: down".into(), at);
    assert_eq!(channel.merchant_sync.as_ref().unwrap().retry_at, Some(at + chrono::TimeDelta::minutes(2)));
    assert_eq!(backoff(30), chrono::TimeDelta::hours(1));
    channel.succeeded(&step, at);
    assert!(channel.merchant_sync.as_ref().unwrap().error.is_none() && !channel.told.merchant);
    assert!(Step::DeleteMerchant.already_done(404) && Step::CreateMerchant.already_done(409));
}
