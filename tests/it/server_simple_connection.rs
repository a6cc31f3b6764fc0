//! Simple connection (`MODULE-API.md` §1) over real HTTP, on SQLite and
//! PostgreSQL: the demo module's backend connected end to end (its token
//! checked, its `edit` with the new key accepted while the registration is
//! open, its settings page, the activation's callback), and every way it can
//! fail leaving nothing charged and no key.

use crate::common::{ok, TestServer};
use axum::routing::{get, post};
use axum::Json;
use serde_json::{json, Value};
use souk::api::api_keys::ApiKeysView;
use souk::api::simple_connection::{ConfigView, Connected};
use souk::api::types::BillingView;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
/// The demo listing with simple connection, served by `souk-server demo-module`.
const MODULE: &str = "vibe-chat";

/// The demo module's backend on a port of its own, and a server whose demo data points at it.
async fn with_demo_module() -> (TestServer, String) {
    let demo = souk::server::seed::demo_data().unwrap();
    let listing = souk::server::demo_module::Listing::of(&demo).expect("a demo listing with simple connection");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let module = format!("http://{}", souk::server::demo_module::start(listing, listener).await.unwrap());
    let setup = crate::common::Setup {
        demo_module: Some(Box::leak(module.clone().into_boxed_str())),
        ..crate::common::Setup::DEMO
    };
    (crate::common::server_in(tempfile::tempdir().unwrap(), setup).await, module)
}

async fn config(owner: &TestServer) -> reqwest::Response {
    owner.call("connection_config", &[("code", MODULE)]).await
}

async fn connect(owner: &TestServer) -> reqwest::Response {
    owner.call("connect", &[("code", MODULE), ("idempotency_key", &souk::app::tokens::random_hex(16))]).await
}

/// Nothing of a failed connection stays: no connection of the module, no key.
async fn nothing_kept(owner: &TestServer) {
    let billing: BillingView = ok(owner.call("billing", &[]).await).await;
    assert!(billing.ledger.connections.iter().all(|c| c.module != MODULE), "no connection");
    let keys: ApiKeysView = ok(owner.call("api_keys", &[]).await).await;
    assert!(keys.keys.is_empty(), "no key");
    let store = owner.store().await;
    let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM api_keys").fetch_one(&store.pool).await.unwrap();
    assert_eq!(left, 0, "not even a pending one");
    store.pool.close().await;
}

#[tokio::test]
async fn the_demo_module_connects_end_to_end() {
    let (server, module) = with_demo_module().await;
    let owner = server.as_user(VOLGA).await;

    let asked: ConfigView = ok(config(&owner).await).await;
    let names: Vec<String> = asked.requested.iter().map(|s| s.to_string()).collect();
    assert_eq!(names, ["customer_write", "integration_write"]);
    assert_eq!(asked.refused, None);

    let connected: Connected = ok(connect(&owner).await).await;
    let client_id = connected.client_id.clone().expect("the module registered its connection");
    assert_eq!(connected.account_url, format!("{module}/settings?clientId={client_id}"));
    let connection = connected.billing.ledger.connections.iter().find(|c| c.module == MODULE).expect("connected");

    // The key it got: limited to what it asked for, confirmed, listed.
    let keys: ApiKeysView = ok(owner.call("api_keys", &[]).await).await;
    assert_eq!(keys.keys.len(), 1);
    assert_eq!(keys.keys[0].connection, connection.id);
    let scopes: Vec<String> = keys.keys[0].scopes.iter().map(|s| s.to_string()).collect();
    assert_eq!(scopes, ["customer_write", "integration_write"]);

    // Its settings page shows what it received; the activation's callback reaches it.
    assert_eq!(server.send_callbacks(chrono::Utc::now()).await, 1);
    let page = reqwest::get(&connected.account_url).await.unwrap().text().await.unwrap();
    assert!(page.contains(&server.base), "{page}");
    assert!(page.contains("customer_write integration_write"), "{page}");
    assert!(page.contains(r#"{&quot;active&quot;:true,&quot;freeze&quot;:false}"#), "{page}");

    // A paid module is charged as Activate charges, once the module said yes.
    set_listing(&server, |listing| listing["pricing"] = json!({ "monthly": { "price": "990" } })).await;
    let before = connected.billing.ledger.balance;
    let again: Connected = ok(connect(&owner).await).await;
    assert_eq!(before - again.billing.ledger.balance, rust_decimal::Decimal::from(990));
    assert_eq!(again.billing.ledger.connections.iter().filter(|c| c.module == MODULE).count(), 2);
}

/// A module of the test's own, answering each path as it is told.
async fn scripted_module() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let register = format!("{base}/register");
    let config = move |scopes: Value, register: String| {
        move || async move { Json(json!({ "success": true, "scopes": scopes, "registerUrl": register, "errorMsg": null })) }
    };
    let refuse = |status: u16, message: &'static str| {
        move || async move {
            (axum::http::StatusCode::from_u16(status).unwrap(), Json(json!({ "success": false, "errorMsg": message })))
        }
    };
    let app = axum::Router::new()
        .route("/refuses", get(refuse(200, "Account blocked")))
        .route("/html", get(|| async { "<html>maintenance</html>" }))
        .route("/greedy", get(config(json!(["integration_write", "file_read"]), register.clone())))
        .route("/registers", get(config(json!(["integration_write"]), register)))
        .route("/register", post(refuse(401, "Invalid token")))
        .route(
            "/silent",
            get(|| async {
                tokio::time::sleep(std::time::Duration::from_secs(8)).await;
                "late"
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// Changes the demo listing as stored.
async fn set_listing(server: &TestServer, change: impl FnOnce(&mut Value)) {
    let store = server.store().await;
    let (listing,): (String,) = sqlx::query_as("SELECT listing FROM modules WHERE code = $1")
        .bind(MODULE)
        .fetch_one(&store.pool)
        .await
        .unwrap();
    let mut listing: Value = serde_json::from_str(&listing).unwrap();
    change(&mut listing);
    sqlx::query("UPDATE modules SET listing = $1 WHERE code = $2")
        .bind(listing.to_string())
        .bind(MODULE)
        .execute(&store.pool)
        .await
        .unwrap();
    store.pool.close().await;
}

/// Points the demo listing's simple connection at `url`.
async fn configure(server: &TestServer, url: &str) {
    set_listing(server, |listing| listing["links"]["simple_connection"] = json!(url)).await;
}

#[tokio::test]
async fn a_module_that_refuses_asks_too_much_or_is_silent_costs_nothing_and_keeps_nothing() {
    let base = scripted_module().await;
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let module = |path: &str| format!("{base}{path}");

        configure(&server, &module("/refuses")).await;
        let refused = config(&owner).await;
        assert_eq!(refused.status(), 409);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["detail"], json!({ "kind": "refused", "detail": "Account blocked" }), "{body}");
        assert_eq!(connect(&owner).await.status(), 409);

        configure(&server, &module("/html")).await;
        assert_eq!(config(&owner).await.status(), 502);
        assert_eq!(connect(&owner).await.status(), 502);

        // A scope outside the listing's permissions: shown, named, and Connect refused.
        configure(&server, &module("/greedy")).await;
        let asked: ConfigView = ok(config(&owner).await).await;
        let refused = serde_json::to_value(asked.refused).unwrap();
        assert_eq!(refused, json!({ "kind": "undeclared", "detail": ["file_read"] }));
        let response = connect(&owner).await;
        assert_eq!(response.status(), 422);

        // The registration refused by the module: the key it was sent is gone.
        configure(&server, &module("/registers")).await;
        let refused = connect(&owner).await;
        assert_eq!(refused.status(), 409);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["detail"], json!({ "kind": "refused", "detail": "Invalid token" }), "{body}");
        nothing_kept(&owner).await;
        if server.label == "sqlite" {
            // No answer within 5 s.
            configure(&server, &module("/silent")).await;
            let silent: Value = config(&owner).await.json().await.unwrap();
            assert_eq!(silent["detail"]["kind"], "no_answer", "{silent}");
        }
        nothing_kept(&owner).await;
    }
}
