//! The SMS service over real HTTP, on SQLite and PostgreSQL, against the
//! gateway's stand-in (`souk-server smsc`): an owner activates it, signs in
//! to the gateway with the password or the additional password, checks the
//! balance, sends a test message that the gateway charges, reads the access
//! log with the password masked; the events follow the loyalty programme;
//! the password never comes back and no one else reads any of it.

use crate::common::{ok, TestServer};
use serde_json::{json, Value};
use souk::api::sms::{SmsView, TestSms};
use souk::api::types::{BillingView, Page};
use souk::domain::builtin::ApiCall;
use souk::domain::sms::gateway::Balance;
use souk::domain::sms::SmsEvent;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");

async fn stand_in() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    format!("http://{}", souk::server::smsc::start(listener).await.unwrap())
}

/// Activates the SMS service for the owner; answers its connection's id.
async fn activate(owner: &TestServer) -> String {
    let key = souk::app::tokens::random_hex(16);
    let view: BillingView = ok(owner.call("activate", &[("code", "souk-sms"), ("idempotency_key", &key)]).await).await;
    let connection = view.ledger.connections.iter().find(|c| c.module == "souk-sms").expect("activated");
    assert_eq!(connection.status, souk::domain::billing::Status::Unbilled, "the SMS service is free");
    connection.id.to_string()
}

fn gateway(url: &str, login: &str, kind: &str, password: Option<&str>, sender: &str) -> Value {
    json!({ "gateway_url": url, "login": login, "password_kind": kind, "password": password, "sender": sender })
}

async fn save(owner: &TestServer, connection: &str, gateway: Value) -> reqwest::Response {
    owner.call_json("save_sms_gateway", json!({ "connection": connection, "gateway": gateway })).await
}

async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn an_owner_signs_in_to_the_gateway_checks_the_balance_and_sends_a_test_sms() {
    for server in crate::common::servers().await {
        let url = stand_in().await;
        let owner = server.as_user(VOLGA).await;
        let connection = activate(&owner).await;
        let one = json!({ "connection": connection });
        let fresh: SmsView = ok(owner.call_json("sms_service", one.clone()).await).await;
        assert_eq!(fresh.settings.gateway_url, souk::domain::sms::settings::DEFAULT_GATEWAY);
        assert!(!fresh.password_saved && !fresh.settings.enabled);

        // Nothing to sign in with yet.
        let (status, error) = error_of(owner.call_json("check_sms_balance", one.clone()).await).await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("not_set_up")), "{}", server.label);

        // A wrong password is saved (the gateway decides), and the gateway says so.
        let saved: SmsView =
            ok(save(&owner, &connection, gateway(&url, "demo", "main", Some("wrong"), "Souk")).await).await;
        assert!(saved.password_saved);
        let _: () = ok(owner.call_json("set_api_log", json!({ "connection": connection, "on": true })).await).await;
        let (status, error) = error_of(owner.call_json("check_sms_balance", one.clone()).await).await;
        assert_eq!(status, 409);
        assert_eq!(error["detail"]["detail"], json!({ "kind": "refused", "detail": { "code": "wrong_credentials" } }));

        // Kept as it was when none is typed; fixed with the additional password.
        let _: SmsView = ok(save(&owner, &connection, gateway(&url, "demo", "main", None, "Souk")).await).await;
        assert_eq!(owner.call_json("check_sms_balance", one.clone()).await.status(), 409);
        let _: SmsView =
            ok(save(&owner, &connection, gateway(&url, "demo", "additional", Some("demo-api"), "Souk")).await).await;
        let balance: Balance = ok(owner.call_json("check_sms_balance", one.clone()).await).await;
        assert_eq!((balance.amount.to_string(), balance.currency.as_str()), ("1500.00".into(), "RUB"));

        // A test message: counted, charged by the gateway, received with the sender name.
        let body = json!({ "connection": connection, "phone": "+7 999 123-45-67", "lang": "en" });
        let sent: TestSms = ok(owner.call_json("send_test_sms", body).await).await;
        assert_eq!((sent.phone.as_str(), sent.parts, sent.count.parts), ("79991234567", 1, 1));
        assert_eq!((sent.cost.to_string(), sent.balance.to_string()), ("3.80".into(), "1496.20".into()));
        assert_eq!(sent.message, "Souk: SMS check: the service is connected.");
        // In Russian it is UCS-2, and still one part.
        let body = json!({ "connection": connection, "phone": "79991234567", "lang": "ru" });
        let sent: TestSms = ok(owner.call_json("send_test_sms", body).await).await;
        assert_eq!((sent.count.encoding, sent.parts), (souk::domain::sms::Encoding::Ucs2, 1));
        let balance: Balance = ok(owner.call_json("check_sms_balance", one.clone()).await).await;
        assert_eq!(balance.amount.to_string(), "1492.40", "the gateway charged both");

        // The same message again within a minute: the gateway's error 9, as it says.
        let body = json!({ "connection": connection, "phone": "79991234567", "lang": "ru" });
        let (status, error) = error_of(owner.call_json("send_test_sms", body).await).await;
        assert_eq!((status, &error["detail"]["detail"]["detail"]["code"]), (409, &json!("duplicate")));
        // A phone the gateway would refuse is refused before the call, naming the field.
        let body = json!({ "connection": connection, "phone": "+1 202 555 0100", "lang": "en" });
        let (status, error) = error_of(owner.call_json("send_test_sms", body).await).await;
        assert_eq!((status, &error["detail"]["detail"]["field"]), (422, &json!("phone")));

        // The log: newest first, every call, the password masked, the gateway's code kept.
        let page: Page<ApiCall> = ok(owner.call_json("api_log", json!({ "connection": connection })).await).await;
        let paths: Vec<&str> = page.items.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/sys/send.php",
                "/sys/balance.php",
                "/sys/send.php",
                "/sys/send.php",
                "/sys/balance.php",
                "/sys/balance.php",
                "/sys/balance.php"
            ],
            "{}",
            server.label
        );
        assert_eq!(page.items[0].error_code, Some(9));
        assert_eq!(page.items.last().unwrap().error_code, Some(2));
        assert!(page.items.iter().all(|c| c.params.contains("psw=***") && c.status == Some(200)));
        let raw = owner.call_json("api_log", json!({ "connection": connection })).await.text().await.unwrap();
        let view = owner.call_json("sms_service", one.clone()).await.text().await.unwrap();
        for secret in ["demo-api", "wrong"] {
            assert!(!raw.contains(secret) && !view.contains(secret), "{secret} came back");
        }
        // Stored sealed, not as typed.
        let sealed = server.sealed_builtin_secret(&connection).await;
        assert!(sealed.starts_with("v1:") && !sealed.contains("demo-api"));

        // Deactivated, the connection takes its settings and log with it.
        let _: BillingView = ok(owner.call_json("deactivate_connection", json!({ "id": connection })).await).await;
        let store = server.store().await;
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM builtin_settings WHERE connection_id = $1")
            .bind(&connection)
            .fetch_one(&store.pool)
            .await
            .unwrap();
        let (calls,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM api_calls WHERE connection_id = $1")
            .bind(&connection)
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!((left, calls), (0, 0));
        store.pool.close().await;

        let messages: Value = reqwest::get(format!("{url}/_stand-in/messages")).await.unwrap().json().await.unwrap();
        let texts: Vec<&str> = messages.as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
        assert_eq!(texts, ["Souk: SMS check: the service is connected.", "Souk: Проверка SMS: сервис подключён."]);
    }
}

#[tokio::test]
async fn the_events_follow_the_loyalty_programme() {
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let connection = activate(&owner).await;
        let switches =
            |enabled: bool, events: Value| json!({ "connection": connection, "enabled": enabled, "events": events });
        let view: SmsView = ok(owner.call_json("set_sms_switches", switches(true, json!({}))).await).await;
        assert!(view.settings.enabled && view.settings.sends(SmsEvent::PointsExpiring, &view.programme));

        // Points never expire: the reminder cannot happen, is off, and cannot be switched on.
        let never = json!({ "accrual": true, "expiry_days": null, "birthday_bonus": true, "welcome_bonus": true });
        let body = json!({ "connection": connection, "programme": never });
        let view: SmsView = ok(owner.call_json("save_loyalty_programme", body).await).await;
        assert!(!view.settings.sends(SmsEvent::PointsExpiring, &view.programme));
        let (status, error) =
            error_of(owner.call_json("set_sms_switches", switches(true, json!({ "points_expiring": true }))).await)
                .await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("impossible")), "{}", server.label);
        let view: SmsView =
            ok(owner.call_json("set_sms_switches", switches(true, json!({ "welcome": false }))).await).await;
        assert!(!view.settings.sends(SmsEvent::Welcome, &view.programme));

        // Points expire again: the reminder comes back as it was chosen.
        let yearly = json!({ "accrual": true, "expiry_days": 365, "birthday_bonus": true, "welcome_bonus": true });
        let body = json!({ "connection": connection, "programme": yearly });
        let view: SmsView = ok(owner.call_json("save_loyalty_programme", body).await).await;
        assert!(view.settings.sends(SmsEvent::PointsExpiring, &view.programme));
        let bad = json!({ "accrual": true, "expiry_days": 0, "birthday_bonus": true, "welcome_bonus": true });
        let body = json!({ "connection": connection, "programme": bad });
        assert_eq!(owner.call_json("save_loyalty_programme", body).await.status(), 422);
    }
}

#[tokio::test]
async fn bad_input_names_its_field_and_no_one_else_reads_or_changes_the_settings() {
    let url = stand_in().await;
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let connection = activate(&owner).await;
        let _: SmsView = ok(save(&owner, &connection, gateway(&url, "demo", "main", Some("demo"), "Souk")).await).await;
        let balance: Balance =
            ok(owner.call_json("check_sms_balance", json!({ "connection": connection })).await).await;
        assert_eq!(balance.amount.to_string(), "1500.00", "the account's own password works too");
        // Wherever its owner points it, a connection calls out at most 20 times a minute.
        let mut statuses = Vec::new();
        for _ in 0..20 {
            let checked = owner.call_json("check_sms_balance", json!({ "connection": connection })).await;
            statuses.push(checked.status().as_u16());
        }
        assert_eq!(statuses.iter().filter(|status| **status == 200).count(), 19, "{statuses:?}");
        let (status, error) =
            error_of(owner.call_json("check_sms_balance", json!({ "connection": connection })).await).await;
        assert_eq!((status, &error["error"]), (429, &json!("too_many_attempts")));
        for (wrong, field) in [
            (gateway("ftp://smsc.ru", "demo", "main", None, "Souk"), "gateway_url"),
            (gateway(&url, "", "main", None, "Souk"), "login"),
            (gateway(&url, "demo", "main", Some(""), "Souk"), "password"),
            (gateway(&url, "demo", "main", None, "Волга Трейд"), "sender"),
        ] {
            let (status, error) = error_of(save(&owner, &connection, wrong).await).await;
            assert_eq!((status, &error["detail"]["detail"]["field"]), (422, &json!(field)), "{}", server.label);
        }
        let view: SmsView = ok(owner.call_json("sms_service", json!({ "connection": connection })).await).await;
        assert_eq!((view.settings.login.as_str(), view.settings.sender.as_str()), ("demo", "Souk"), "nothing changed");

        // Another account's owner, a partner, no one signed in: none of them reach it.
        let steppe = server.as_user(STEPPE).await;
        let partner = server.as_user(PARTNER).await;
        let one = json!({ "connection": connection });
        for (caller, expected) in [(&steppe, 404), (&partner, 403)] {
            for (name, body) in [
                ("sms_service", one.clone()),
                ("api_log", one.clone()),
                ("check_sms_balance", one.clone()),
                ("set_api_log", json!({ "connection": connection, "on": true })),
                (
                    "save_sms_gateway",
                    json!({ "connection": connection, "gateway": gateway(&url, "x", "main", Some("y"), "") }),
                ),
            ] {
                assert_eq!(caller.call_json(name, body).await.status(), expected, "{name} {}", server.label);
            }
        }
        let anonymous = server.another_client();
        assert_eq!(anonymous.call_json("sms_service", one.clone()).await.status(), 401);
        // A partner module's connection is not an SMS service.
        let billing: BillingView = ok(owner.call("billing", &[]).await).await;
        let chatterbox = billing.ledger.connections.iter().find(|c| c.module == "chatterbox").unwrap().id.to_string();
        assert_eq!(owner.call_json("sms_service", json!({ "connection": chatterbox })).await.status(), 404);
        let view: SmsView = ok(owner.call_json("sms_service", one).await).await;
        assert_eq!(view.settings.login, "demo", "still the owner's own");
    }
}
