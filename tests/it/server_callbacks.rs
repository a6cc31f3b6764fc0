//! Lifecycle callbacks (`MODULE-API.md` §3) over real HTTP, on SQLite and
//! PostgreSQL: a module's `actions.activity` hears of a freeze (a billing run
//! with an empty balance), an unfreeze (a top-up) and a deactivation; a
//! failed delivery is retried on schedule; the partner reads the log, sends a
//! test event and redelivers; private addresses are refused.

use crate::common::{ok, TestServer};
use axum::extract::{Form, State};
use axum::http::StatusCode;
use chrono::{TimeDelta, Utc};
use serde_json::{json, Value};
use souk::api::api_keys::NewApiKey;
use souk::api::deliveries::DeliveryView;
use souk::api::types::{BillingView, Page};
use souk::domain::Coded;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
/// The demo registration of Volga Trade's Chatterbox (`public/demo/catalog.json`).
const REGISTRATION: &str = "govorun-volga-trade";

/// A module's backend on this machine: it keeps every callback's fields and
/// answers each with the next status it was given (200 once they run out).
#[derive(Clone, Default)]
struct Module {
    received: Arc<Mutex<Vec<HashMap<String, String>>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Module {
    async fn start(answers: &[u16]) -> (Module, String) {
        let module = Module::default();
        module.answers.lock().unwrap().extend(answers);
        let app =
            axum::Router::new().route("/actions/activity", axum::routing::post(activity)).with_state(module.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (module, url)
    }

    fn received(&self) -> Vec<HashMap<String, String>> {
        self.received.lock().unwrap().clone()
    }
}

async fn activity(State(module): State<Module>, Form(fields): Form<HashMap<String, String>>) -> (StatusCode, String) {
    module.received.lock().unwrap().push(fields);
    let status = module.answers.lock().unwrap().pop_front().unwrap_or(200);
    (StatusCode::from_u16(status).unwrap(), json!({ "success": status == 200 }).to_string())
}

/// Points the demo registration of Volga Trade's Chatterbox at `base`, as its backend would with `edit`.
async fn register_at(server: &TestServer, owner: &TestServer, base: &str) {
    let view: souk::api::api_keys::ApiKeysView = ok(owner.call("api_keys", &[]).await).await;
    let connection = view.targets.iter().find(|t| t.module == "chatterbox").unwrap().connection.to_string();
    let body = json!({ "connection": connection, "scopes": ["integration_write"] });
    let key: NewApiKey = ok(owner.call_json("create_api_key", body).await).await;
    let registration = json!({
        "code": REGISTRATION, "integrationCode": "chatterbox", "clientId": "volga-42",
        "baseUrl": base, "actions": { "activity": "/actions/activity" },
    });
    let edited = reqwest::Client::new()
        .post(server.url(&format!("/api/v5/integration-modules/{REGISTRATION}/edit")))
        .header("X-API-KEY", &key.key)
        .form(&[("integrationModule", registration.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 200, "the demo registration is updated");
}

async fn log(partner: &TestServer) -> Vec<DeliveryView> {
    let page: Page<DeliveryView> =
        ok(partner.call_json("deliveries", json!({ "listing": "lst-chatterbox" })).await).await;
    page.items
}

fn activity_of(fields: &HashMap<String, String>) -> Value {
    serde_json::from_str(&fields["activity"]).unwrap()
}

#[tokio::test]
async fn a_module_hears_of_freezes_unfreezes_and_deactivation_and_failures_are_retried() {
    for server in crate::common::servers().await {
        let (module, base) = Module::start(&[500]).await;
        let owner = server.as_user(VOLGA).await;
        register_at(&server, &owner, &base).await;

        // The trial ends on an empty balance: frozen, and the module is told (the first attempt fails).
        let store = server.store().await;
        sqlx::query("UPDATE accounts SET balance_kopecks = 0 WHERE id = 'volga-trade'")
            .execute(&store.pool)
            .await
            .unwrap();
        store.pool.close().await;
        let now = Utc::now() + TimeDelta::days(20);
        server.run_billing(&now.to_rfc3339()).await;
        assert_eq!(server.send_callbacks(now).await, 1, "{}", server.label);
        let first = &module.received()[0];
        assert_eq!(first["clientId"], "volga-42");
        assert_eq!(activity_of(first), json!({ "active": true, "freeze": true }));
        assert_eq!(first["systemUrl"], server.base);

        // Not again before its retry is due; then delivered.
        assert_eq!(server.send_callbacks(now + TimeDelta::seconds(30)).await, 0);
        assert_eq!(server.send_callbacks(now + TimeDelta::seconds(61)).await, 1);
        assert_eq!(module.received().len(), 2);
        let partner = server.as_user(PARTNER).await;
        let rows = log(&partner).await;
        assert_eq!(rows.len(), 1, "{}", server.label);
        assert_eq!((rows[0].event.code().to_string(), rows[0].attempts), ("frozen".to_string(), 2));
        assert_eq!(rows[0].status, souk::domain::delivery::DeliveryStatus::Delivered);
        assert_eq!(rows[0].last_status, Some(200));

        // A top-up unfreezes it; deactivating it says it is gone.
        let started =
            owner.call("top_up", &[("amount", "5000"), ("idempotency_key", &souk::app::tokens::random_hex(16))]).await;
        crate::server_payments::pay_on_page(&owner, started).await;
        let billing: BillingView = ok(owner.call("billing", &[]).await).await;
        let chatterbox = billing.ledger.connections.iter().find(|c| c.module == "chatterbox").unwrap().id.to_string();
        ok::<BillingView>(owner.call("deactivate_connection", &[("id", &chatterbox)]).await).await;
        server.send_callbacks(Utc::now()).await;
        let activities: Vec<Value> = module.received()[2..].iter().map(activity_of).collect();
        assert_eq!(
            activities,
            [json!({ "active": true, "freeze": false }), json!({ "active": false, "freeze": false })]
        );
        let events: Vec<String> = log(&partner).await.iter().map(|d| d.event.code().to_string()).collect();
        // Newest first: the freeze happened at the billing run's moved clock, 20 days ahead.
        assert_eq!(events, ["frozen", "deactivated", "unfrozen"]);
    }
}

#[tokio::test]
async fn the_partner_sends_a_test_event_and_redelivers_and_only_they_read_the_log() {
    for server in crate::common::servers().await {
        let (module, base) = Module::start(&[503, 503, 503, 503, 503, 503]).await;
        let owner = server.as_user(VOLGA).await;
        register_at(&server, &owner, &base).await;
        let partner = server.as_user(PARTNER).await;
        assert!(log(&partner).await.is_empty());

        // A test event tells the registered connection its state as it stands.
        let test: DeliveryView =
            ok(partner.call_json("send_test_event", json!({ "listing": "lst-chatterbox" })).await).await;
        assert_eq!((test.event.code().to_string(), test.client_id.as_str()), ("test".to_string(), "volga-42"));
        // Every attempt refused: given up after the last retry (1 min, 5 min, 30 min, 2 h, 12 h).
        let mut at = Utc::now();
        for wait in [0, 1, 5, 30, 120, 720] {
            at += TimeDelta::minutes(wait);
            assert_eq!(server.send_callbacks(at).await, 1, "{} after {wait} min", server.label);
        }
        assert_eq!(server.send_callbacks(at + TimeDelta::days(2)).await, 0);
        let failed = log(&partner).await.remove(0);
        assert_eq!((failed.status, failed.attempts), (souk::domain::delivery::DeliveryStatus::Failed, 6));
        assert_eq!(failed.last_status, Some(503));
        assert!(failed.excerpt.contains("false"), "{}", failed.excerpt);

        // Redelivered: a new delivery of the same event, taken this time.
        let again = json!({ "listing": "lst-chatterbox", "id": failed.id });
        ok::<DeliveryView>(partner.call_json("redeliver", again).await).await;
        server.send_callbacks(Utc::now()).await;
        let rows = log(&partner).await;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, souk::domain::delivery::DeliveryStatus::Delivered);
        assert_eq!(activity_of(module.received().last().unwrap()), json!({ "active": true, "freeze": false }));

        // Nobody else reads it or sends to it.
        for call in ["deliveries", "send_test_event"] {
            let response = owner.call_json(call, json!({ "listing": "lst-chatterbox" })).await;
            assert_eq!(response.status(), 403, "{call}");
        }
        let unknown = partner.call_json("redeliver", json!({ "listing": "lst-chatterbox", "id": "dlv-nope" })).await;
        assert_eq!(unknown.status(), 404);
    }
}

#[tokio::test]
async fn calls_to_loopback_and_private_addresses_are_refused_unless_allowed() {
    let (module, base) = Module::start(&[]).await;
    let guarded = souk::server::outgoing::ModuleClient::new(false, "https://souk.example".into()).unwrap();
    let port = base.rsplit(':').next().unwrap();
    for url in [
        format!("{base}/actions/activity"),
        format!("http://localhost:{port}/actions/activity"),
        format!("http://[::1]:{port}/actions/activity"),
        "http://10.0.0.7/actions/activity".to_string(),
        "http://169.254.169.254/latest/meta-data".to_string(),
        "file:///etc/passwd".to_string(),
    ] {
        let outcome = guarded.post_form(&url, &[("clientId", "x".to_string())]).await;
        assert_eq!(outcome.status, None, "{url}");
        assert!(outcome.error.as_deref().is_some_and(|e| e.contains("refused")), "{url}: {:?}", outcome.error);
    }
    assert!(module.received().is_empty(), "nothing reached the module");
    let allowed = souk::server::outgoing::ModuleClient::new(true, "https://souk.example".into()).unwrap();
    let outcome = allowed.post_form(&format!("{base}/actions/activity"), &[("clientId", "x".to_string())]).await;
    assert_eq!(outcome.status, Some(200));
    assert_eq!(module.received().len(), 1);
}
