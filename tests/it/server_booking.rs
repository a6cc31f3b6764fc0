//! The booking channel over real HTTP, on SQLite and PostgreSQL, against the
//! partner's stand-in (`souk-server booking`, its calls read back from it):
//! the account's own services; the channel activated only with both
//! consents, published, kept in step with the exact calls each change
//! needs, ended by the traffic permission, a failed call retried; the
//! partner's letters; and no one else reaching any of it.

use crate::common::{ok, Setup, TestServer};
use chrono::{TimeDelta, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use souk::api::booking::ChannelView;
use souk::api::types::BillingView;
use souk::domain::booking::channel::PARTNER_EMAIL;
use souk::domain::booking::services::OwnService;
use souk::server::booking::Shared;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const CLINIC: (&str, &str) = ("owner@clinic.demo", "clinic-demo-2026");

fn input(ru: &str, en: &str, minutes: &str, price: &str) -> Value {
    json!({ "name_ru": ru, "name_en": en, "duration_min": minutes, "price": price })
}

async fn save(owner: &TestServer, id: Option<&str>, service: Value) -> reqwest::Response {
    owner.call_json("save_account_service", json!({ "id": id, "service": service })).await
}

#[tokio::test]
async fn an_owner_keeps_the_services_the_channel_will_publish() {
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let none: Vec<OwnService> = ok(owner.call_json("account_services", json!({})).await).await;
        assert!(none.is_empty(), "{}", server.label);
        let _: Vec<OwnService> =
            ok(save(&owner, None, input("МРТ головного мозга", "Brain MRI", "40", "4500")).await).await;
        let _: Vec<OwnService> = ok(save(&owner, None, input("ЭКГ", "ECG", "15", "1200,50")).await).await;
        let services: Vec<OwnService> =
            ok(save(&owner, None, input(" Общий анализ крови ", "Blood count", "10", "350")).await).await;
        let names: Vec<&str> = services.iter().map(|s| s.name.ru.as_str()).collect();
        assert_eq!(names, ["МРТ головного мозга", "ЭКГ", "Общий анализ крови"], "oldest first, trimmed");
        assert_eq!(services[1].price, Decimal::new(120_050, 2));

        // A longer examination: changed in place.
        let mri = services[0].id.clone();
        let changed: Vec<OwnService> =
            ok(save(&owner, Some(&mri), input("МРТ головного мозга", "Brain MRI", "60", "4500")).await).await;
        assert_eq!((changed.len(), changed[0].duration_min), (3, 60));

        // Each wrong field is named; nothing changes.
        for (service, field) in [
            (input("", "Brain MRI", "60", "4500"), "name_ru"),
            (input("МРТ", &"x".repeat(101), "60", "4500"), "name_en"),
            (input("МРТ", "MRI", "4", "4500"), "duration"),
            (input("МРТ", "MRI", "60", "0"), "price"),
            (input("МРТ", "MRI", "60", "10.001"), "price"),
        ] {
            let response = save(&owner, Some(&mri), service).await;
            assert_eq!(response.status(), 422, "{field}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["detail"]["detail"]["field"], field, "{error}");
        }
        assert_eq!(save(&owner, Some("svc-nobody"), input("МРТ", "MRI", "60", "100")).await.status(), 404);
        let kept: Vec<OwnService> = ok(owner.call_json("account_services", json!({})).await).await;
        assert_eq!(kept, changed);

        // No one else reads or changes them.
        let other = server.as_user(STEPPE).await;
        let theirs: Vec<OwnService> = ok(other.call_json("account_services", json!({})).await).await;
        assert!(theirs.is_empty());
        assert_eq!(save(&other, Some(&mri), input("МРТ", "MRI", "60", "1")).await.status(), 404);
        assert_eq!(other.call_json("delete_account_service", json!({ "id": mri })).await.status(), 404);
        let partner = server.as_user(PARTNER).await;
        assert_eq!(partner.call_json("account_services", json!({})).await.status(), 403);
        assert_eq!(server.another_client().call_json("account_services", json!({})).await.status(), 401);

        let left: Vec<OwnService> = ok(owner.call_json("delete_account_service", json!({ "id": mri })).await).await;
        assert_eq!(left.len(), 2);
        assert_eq!(owner.call_json("delete_account_service", json!({ "id": mri })).await.status(), 404);
    }
}

/// The partner's stand-in, and its state for a test to read and change.
async fn stand_in() -> (&'static str, Shared) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let partner = Shared::default();
    let addr = souk::server::booking::start(listener, partner.clone()).await.unwrap();
    (Box::leak(format!("http://{addr}").into_boxed_str()), partner)
}

/// The calls the partner received since the last look, as `METHOD path?query`.
fn calls(partner: &Shared) -> Vec<String> {
    let mut partner = partner.lock().unwrap();
    let events = std::mem::take(&mut partner.events);
    events.into_iter().map(|e| format!("{} {}", e.method, e.path)).collect()
}

async fn channel(owner: &TestServer, name: &str, args: Value) -> ChannelView {
    ok(owner.call_json(name, args).await).await
}

#[tokio::test]
async fn a_channel_publishes_the_ticked_services_and_keeps_the_partner_in_step() {
    let (url, partner) = stand_in().await;
    for server in crate::common::servers_with(Setup { booking: Some(url), ..Setup::DEMO }).await {
        *partner.lock().unwrap() = Default::default();
        let owner = server.as_user(CLINIC).await;
        let billing: BillingView = ok(owner.call("billing", &[]).await).await;
        let id = billing.ledger.connections.iter().find(|c| c.module == "souk-booking").unwrap().id.to_string();
        let at = |path: &str| format!("/v1/partners/premium-organizer/merchants/{id}{path}");
        let connection = json!({ "connection": id });
        let view = channel(&owner, "booking_channel", connection.clone()).await;
        assert_eq!(
            (view.rows.len(), view.consent.is_some()),
            (12, false),
            "{}: the demo clinic's examinations",
            server.label
        );
        let services: Vec<String> = view.rows.iter().map(|row| row.service.id.clone()).collect();

        // No one else reaches the channel.
        let other = server.as_user(VOLGA).await;
        assert_eq!(other.call_json("booking_channel", connection.clone()).await.status(), 404);
        assert_eq!(other.call_json("publish_channel", connection.clone()).await.status(), 404);
        let partner_user = server.as_user(PARTNER).await;
        assert_eq!(partner_user.call_json("booking_channel", connection.clone()).await.status(), 403);
        let anonymous = server.another_client();
        for (name, args) in [
            ("booking_channel", connection.clone()),
            ("activate_channel", json!({ "connection": id, "accepted": { "declaration": "2026-09", "terms": "3.1" } })),
            ("tick_service", json!({ "connection": id, "service": services[0], "ticked": true })),
            ("publish_channel", connection.clone()),
            ("set_traffic", json!({ "connection": id, "on": false })),
            ("undo_prices", connection.clone()),
        ] {
            assert_eq!(anonymous.call_json(name, args).await.status(), 401, "{name} with no session");
        }

        // Activation needs both texts, in their current versions; publishing needs activation.
        for (accepted, missing) in [
            (json!({ "declaration": "2026-09", "terms": null }), "terms"),
            (json!({ "declaration": null, "terms": "3.1" }), "declaration"),
            (json!({ "declaration": "2025-01", "terms": "3.1" }), "declaration"),
        ] {
            let response = owner.call_json("activate_channel", json!({ "connection": id, "accepted": accepted })).await;
            assert_eq!(response.status(), 422, "{accepted}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["detail"], json!({ "kind": "consent_missing", "detail": missing }), "{error}");
        }
        assert_eq!(owner.call_json("publish_channel", connection.clone()).await.status(), 409);
        assert!(channel(&owner, "booking_channel", connection.clone()).await.consent.is_none(), "nothing kept");
        let accepted = json!({ "declaration": "2026-09", "terms": "3.1" });
        let view = channel(&owner, "activate_channel", json!({ "connection": id, "accepted": accepted })).await;
        let consent = view.consent.expect("recorded");
        assert_eq!((consent.declaration_version.as_str(), consent.terms_version.as_str()), ("2026-09", "3.1"));
        assert!(calls(&partner).is_empty(), "nothing is sent before publishing");

        // Three services ticked, two of them 10 % cheaper on the channel, published.
        for service in &services[..3] {
            channel(&owner, "tick_service", json!({ "connection": id, "service": service, "ticked": true })).await;
        }
        // Hostile edits are refused with the problem named, and change nothing.
        for (kind, value, problem) in [
            ("percent", "abc", "not_a_number"),
            ("percent", "-100", "percent"),
            ("percent", "NaN", "not_a_number"),
            ("amount", "1e400", "not_a_number"),
            ("set", "-5", "out_of_range"),
            ("teleport", "10", "kind"),
        ] {
            let edit = json!({ "services": [services[0]], "kind": kind, "value": value, "round": false });
            let response = owner.call_json("edit_prices", json!({ "connection": id, "edit": edit })).await;
            assert_eq!(response.status(), 422, "{kind} {value}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["detail"]["detail"], problem, "{kind} {value}: {error}");
        }
        let edit = json!({ "services": ["svc-of-another-account"], "kind": "set", "value": "1", "round": false });
        let response = owner.call_json("edit_prices", json!({ "connection": id, "edit": edit })).await;
        assert_eq!(response.status(), 422, "a row not the account's is not chosen");
        let untouched = channel(&owner, "booking_channel", connection.clone()).await;
        assert!(untouched.rows.iter().all(|row| row.channel_price == row.service.price), "nothing changed");
        let edit = json!({ "services": [services[0], services[1]], "kind": "percent", "value": "-10", "round": true });
        let view = channel(&owner, "edit_prices", json!({ "connection": id, "edit": edit })).await;
        assert_eq!(view.rows[0].channel_price, Decimal::new(2250, 0), "2 500 ₽ − 10 %");
        assert_eq!(view.rows[0].service.price, Decimal::new(2500, 0), "the account's own price stays");
        let view = channel(&owner, "publish_channel", connection.clone()).await;
        assert!(view.live && view.rows[..3].iter().all(|row| row.shown && row.in_step));
        assert_eq!(
            calls(&partner),
            [
                format!("POST /v1/partners/premium-organizer/merchants?merchantId={id}"),
                format!("POST {}?serviceId={}", at("/services"), services[0]),
                format!("POST {}?serviceId={}", at("/services"), services[1]),
                format!("POST {}?serviceId={}", at("/services"), services[2]),
            ]
        );
        let shown = partner.lock().unwrap().merchants[&id].services[&services[0]].clone();
        assert_eq!(shown["price"]["priceMicros"], "2250000000");

        // A longer examination: one PATCH naming the duration only.
        let first = &view.rows[0].service;
        let longer =
            json!({ "name_ru": first.name.ru, "name_en": first.name.en, "duration_min": "45", "price": "2500" });
        let _: Vec<OwnService> =
            ok(owner.call_json("save_account_service", json!({ "id": first.id, "service": longer })).await).await;
        assert_eq!(calls(&partner), [format!("PATCH {}/{}?updateMask=durationSec", at("/services"), first.id)]);
        let view = channel(&owner, "booking_channel", connection.clone()).await;
        let sync = view.rows[0].sync.clone().expect("the last sync");
        assert_eq!((sync.call.as_str(), sync.error.as_deref()), ("PATCH durationSec", None));

        // Undoing the bulk edit sends the prices back.
        channel(&owner, "undo_prices", connection.clone()).await;
        assert_eq!(calls(&partner).len(), 2, "one PATCH of the price per row changed");
        assert_eq!(owner.call_json("undo_prices", connection.clone()).await.status(), 409, "undone once");

        // Traffic permission off: the merchant is removed; on: it is back with its services.
        let off = channel(&owner, "set_traffic", json!({ "connection": id, "on": false })).await;
        assert!(!off.live);
        assert_eq!(calls(&partner), [format!("DELETE /v1/partners/premium-organizer/merchants/{id}")]);
        assert!(partner.lock().unwrap().shown().is_empty());
        channel(&owner, "set_traffic", json!({ "connection": id, "on": true })).await;
        assert_eq!(calls(&partner), [format!("POST /v1/partners/premium-organizer/merchants?merchantId={id}")]);
        assert_eq!(partner.lock().unwrap().shown().len(), 3, "its services restored");

        // A deleted service is removed from the channel.
        let _: Vec<OwnService> =
            ok(owner.call_json("delete_account_service", json!({ "id": services[2] })).await).await;
        assert_eq!(calls(&partner), [format!("DELETE {}/{}", at("/services"), services[2])]);

        // The partner failing once: the change waits on its row and is delivered by the retry.
        partner.lock().unwrap().failing = 1;
        channel(&owner, "tick_service", json!({ "connection": id, "service": services[3], "ticked": true })).await;
        let view = channel(&owner, "booking_channel", connection.clone()).await;
        let failed = view.rows.iter().find(|row| row.service.id == services[3]).unwrap();
        let sync = failed.sync.clone().unwrap();
        assert!(!failed.shown && !failed.in_step);
        assert!(sync.error.as_deref().unwrap().contains("INTERNAL"), "{sync:?}");
        assert!(sync.retry_at.unwrap() > Utc::now());
        server.retry_booking(url, Utc::now()).await;
        assert_eq!(calls(&partner).len(), 1, "the first attempt only; the retry waits for its backoff");
        server.retry_booking(url, Utc::now() + TimeDelta::minutes(2)).await;
        assert_eq!(calls(&partner), [format!("POST {}?serviceId={}", at("/services"), services[3])]);
        let view = channel(&owner, "booking_channel", connection.clone()).await;
        let delivered = view.rows.iter().find(|row| row.service.id == services[3]).unwrap();
        assert!(delivered.shown && delivered.sync.as_ref().unwrap().error.is_none());

        // The partner is told by e-mail of the activation and of each service published.
        let letters = server.posted_letters(Utc::now() + TimeDelta::minutes(3)).await;
        let to_partner: Vec<&(String, String, String)> = letters.iter().filter(|l| l.0 == PARTNER_EMAIL).collect();
        assert_eq!(to_partner.len(), 5, "{letters:?}");
        assert!(to_partner[0].2.contains("2026-09") && to_partner[0].2.contains(&id));
        assert!(to_partner[1].2.contains("General practitioner consultation"), "{to_partner:?}");
    }
}

#[tokio::test]
async fn a_published_channel_ends_only_once_the_partner_removed_its_services() {
    let (url, partner) = stand_in().await;
    for server in crate::common::servers_with(Setup { booking: Some(url), ..Setup::DEMO }).await {
        *partner.lock().unwrap() = Default::default();
        let owner = server.as_user(CLINIC).await;
        let billing: BillingView = ok(owner.call("billing", &[]).await).await;
        let id = billing.ledger.connections.iter().find(|c| c.module == "souk-booking").unwrap().id.to_string();
        let accepted = json!({ "declaration": "2026-09", "terms": "3.1" });
        channel(&owner, "activate_channel", json!({ "connection": id, "accepted": accepted })).await;
        let view = channel(&owner, "booking_channel", json!({ "connection": id })).await;
        let first = view.rows[0].service.id.clone();
        channel(&owner, "tick_service", json!({ "connection": id, "service": first, "ticked": true })).await;
        channel(&owner, "publish_channel", json!({ "connection": id })).await;
        assert_eq!(partner.lock().unwrap().shown().len(), 1, "{}", server.label);
        calls(&partner);

        // The partner down: the connection stays, saying why.
        partner.lock().unwrap().failing = 1;
        let refused = owner.call("deactivate_connection", &[("id", id.as_str())]).await;
        assert_eq!(refused.status(), 409);
        let error: Value = refused.json().await.unwrap();
        assert_eq!(error["detail"]["kind"], "not_withdrawn", "{error}");
        assert!(error["detail"]["detail"].as_str().unwrap().contains("INTERNAL"), "{error}");
        let billing: BillingView = ok(owner.call("billing", &[]).await).await;
        assert!(billing.ledger.connections.iter().any(|c| c.id.as_str() == id), "still connected");

        // Up again: the merchant is removed, then the connection ends.
        let _: BillingView = ok(owner.call("deactivate_connection", &[("id", id.as_str())]).await).await;
        assert_eq!(
            calls(&partner),
            [
                format!("DELETE /v1/partners/premium-organizer/merchants/{id}"),
                format!("DELETE /v1/partners/premium-organizer/merchants/{id}"),
            ],
            "the failed attempt, then the one that took"
        );
        assert!(partner.lock().unwrap().shown().is_empty());
    }
}
