//! API keys and the module API (`MODULE-API.md` §2) over real HTTP, on SQLite
//! and PostgreSQL: the owner's keys screen, every method with good, wrong,
//! missing, revoked, frozen and other modules' keys, both body encodings, and
//! RetailCRM's official Python client driving it unchanged.

use crate::common::{ok, TestServer};
use serde_json::{json, Value};
use souk::api::api_keys::{ApiKeysView, NewApiKey};
use souk::api::types::BillingView;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const INTEGRATION: [&str; 2] = ["integration_read", "integration_write"];

async fn keys(owner: &TestServer) -> ApiKeysView {
    ok(owner.call("api_keys", &[]).await).await
}

/// The owner's connection of `module` (the first, when there are several).
async fn connection_of(owner: &TestServer, module: &str) -> String {
    let view = keys(owner).await;
    let target = view.targets.iter().find(|t| t.module == module);
    target.unwrap_or_else(|| panic!("{}: no connection of {module}", owner.label)).connection.to_string()
}

async fn create_key(owner: &TestServer, connection: &str, scopes: &[&str]) -> reqwest::Response {
    owner.call_json("create_api_key", json!({ "connection": connection, "scopes": scopes })).await
}

async fn new_key(owner: &TestServer, module: &str, scopes: &[&str]) -> String {
    let connection = connection_of(owner, module).await;
    let created: NewApiKey = ok(create_key(owner, &connection, scopes).await).await;
    created.key
}

async fn activate(owner: &TestServer, module: &str) -> BillingView {
    let key = souk::app::tokens::random_hex(16);
    ok(owner.call("activate", &[("code", module), ("idempotency_key", &key)]).await).await
}

/// A module's call: `GET` with the key in the header.
async fn get(server: &TestServer, path: &str, key: Option<&str>) -> (u16, Value) {
    let mut request = reqwest::Client::new().get(server.url(path));
    if let Some(key) = key {
        request = request.header("X-API-KEY", key);
    }
    answer(request.send().await.unwrap()).await
}

/// A module's call: a form-urlencoded `POST`, the key among the fields.
async fn post_form(server: &TestServer, path: &str, fields: &[(&str, &str)]) -> (u16, Value) {
    answer(reqwest::Client::new().post(server.url(path)).form(fields).send().await.unwrap()).await
}

/// Every answer of the module API is JSON, refusals included.
async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let kind = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    let body = response.text().await.unwrap();
    assert_eq!(kind.as_deref(), Some("application/json"), "{status} {body}");
    (status, serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}")))
}

fn refused(answer: &(u16, Value), status: u16, message: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["success"], false, "{}", answer.1);
    assert_eq!(answer.1["errorMsg"], message, "{}", answer.1);
}

fn registration(code: &str, module: &str) -> String {
    json!({
        "code": code,
        "integrationCode": module,
        "active": true,
        "name": "Chatterbox",
        "clientId": "client-1",
        "baseUrl": "https://module.example",
        "accountUrl": "https://module.example/settings",
        "actions": { "activity": "/actions/activity" },
        "integrations": { "mgTransport": { "webhookUrl": "https://module.example/webhook" } },
    })
    .to_string()
}

#[tokio::test]
async fn keys_are_shown_once_kept_as_hashes_and_limited_to_declared_scopes() {
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let chatterbox = connection_of(&owner, "chatterbox").await;
        let created: NewApiKey = ok(create_key(&owner, &chatterbox, &INTEGRATION).await).await;
        assert_eq!(created.key.len(), 40);
        assert!(created.key.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(created.view.prefix, created.key[..6]);
        assert_eq!(created.view.scopes.iter().map(|s| s.to_string()).collect::<Vec<_>>(), INTEGRATION);

        // Listed without the key, which the database does not hold either.
        let listed = keys(&owner).await;
        assert_eq!(listed.keys.len(), 1);
        assert_eq!(listed.keys[0].connection.as_str(), chatterbox);
        assert_eq!(
            listed.keys[0].connection_name,
            listed.targets.iter().find(|t| t.module == "chatterbox").unwrap().connection_name
        );
        assert!(!serde_json::to_string(&listed).unwrap().contains(&created.key));
        let store = server.store().await;
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key_hash, prefix FROM api_keys").fetch_all(&store.pool).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, souk::app::tokens::sha256_hex(&created.key));
        store.pool.close().await;

        // Scopes the listing does not declare, or no scopes, or none at all: refused, nothing kept.
        for (scopes, kind) in [
            (&["integration_read", "file_read"][..], "undeclared"),
            (&["integration_read", "orders_everything"][..], "unknown"),
            (&[][..], "empty"),
        ] {
            let response = create_key(&owner, &chatterbox, scopes).await;
            assert_eq!(response.status(), 422, "{}", server.label);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "key");
            assert_eq!(body["detail"]["kind"], kind, "{body}");
        }
        assert_eq!(keys(&owner).await.keys.len(), 1);

        // Another account can neither make a key for this connection nor revoke this key.
        let stranger = server.as_user(STEPPE).await;
        assert_eq!(create_key(&stranger, &chatterbox, &INTEGRATION).await.status(), 404);
        let revoke = json!({ "id": created.view.id });
        assert_eq!(stranger.call_json("revoke_api_key", revoke.clone()).await.status(), 404);
        let (status, _) = get(&server, "/api/credentials", Some(&created.key)).await;
        assert_eq!(status, 200, "{}", server.label);

        // Revoked by its owner, it stops working at once.
        assert_eq!(owner.call_json("revoke_api_key", revoke).await.status(), 200);
        assert!(keys(&owner).await.keys.is_empty());
        refused(&get(&server, "/api/credentials", Some(&created.key)).await, 403, "Wrong \"apiKey\" value.");
    }
}

#[tokio::test]
async fn an_account_holds_at_most_fifty_keys() {
    let server = crate::common::servers().await.remove(0);
    let owner = server.as_user(VOLGA).await;
    let chatterbox = connection_of(&owner, "chatterbox").await;
    for _ in 0..souk::domain::api_key::MAX_KEYS_PER_ACCOUNT {
        ok::<NewApiKey>(create_key(&owner, &chatterbox, &["integration_read"]).await).await;
    }
    let response = create_key(&owner, &chatterbox, &["integration_read"]).await;
    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["detail"]["kind"], "too_many", "{body}");
}

#[tokio::test]
async fn every_method_answers_as_retailcrm_does() {
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        // Two keys of one connection, so that neither passes the ten calls a second a key may make.
        let key = new_key(&owner, "chatterbox", &INTEGRATION).await;
        let writer = new_key(&owner, "chatterbox", &INTEGRATION).await;
        let edit = "/api/v5/integration-modules/chatterbox-volga/edit";

        // The key in the header, the query, or a form field.
        let versions = get(&server, "/api/api-versions", Some(&key)).await;
        assert_eq!(versions, (200, json!({ "success": true, "versions": ["3.0", "4.0", "5.0"] })));
        let (status, credentials) = get(&server, &format!("/api/credentials?apiKey={key}"), None).await;
        assert_eq!(status, 200);
        assert_eq!(credentials["scopes"], json!(INTEGRATION));
        assert_eq!(credentials["siteAccess"], "access_full");
        assert!(credentials["credentials"]
            .as_array()
            .unwrap()
            .contains(&json!("/api/v5/integration-modules/{code}/edit")));
        let (status, info) = get(&server, "/api/system-info", None).await;
        assert_eq!((status, &info["success"]), (200, &json!(true)), "no key needed");
        assert!(info["publicUrl"].as_str().unwrap().starts_with("http"));

        // No key, a wrong one, one of another form.
        refused(&get(&server, "/api/credentials", None).await, 401, "\"apiKey\" is missing.");
        refused(&get(&server, "/api/credentials", Some(&"x".repeat(40))).await, 403, "Wrong \"apiKey\" value.");
        refused(&get(&server, "/api/credentials", Some("' OR 1=1 --")).await, 403, "Wrong \"apiKey\" value.");
        refused(&get(&server, "/api/v5/integration-modules/nobody", Some(&key)).await, 404, "Not found");
        refused(&get(&server, "/api/v5/orders", Some(&key)).await, 404, "Method not found");
        refused(&post_form(&server, "/api/credentials", &[("apiKey", &key)]).await, 405, "Method not allowed");

        // Registered form-urlencoded (201), then updated (200); read back as it was sent.
        let body = registration("chatterbox-volga", "chatterbox");
        let created = post_form(&server, edit, &[("apiKey", &writer), ("integrationModule", &body)]).await;
        assert_eq!(created, (201, json!({ "success": true, "info": {} })));
        let (status, read) = get(&server, "/api/v5/integration-modules/chatterbox-volga", Some(&writer)).await;
        assert_eq!(status, 200);
        let module = &read["integrationModule"];
        assert_eq!(module["clientId"], "client-1");
        assert_eq!((&module["active"], &module["freeze"]), (&json!(true), &json!(false)));
        assert_eq!(module["integrations"]["mgTransport"]["webhookUrl"], "https://module.example/webhook");
        assert_eq!(module["actions"]["activity"], "/actions/activity");

        // Multipart, as old PHP clients send it; `freeze` is the platform's to set.
        let mut changed: Value = serde_json::from_str(&body).unwrap();
        changed["clientId"] = json!("client-2");
        changed["freeze"] = json!(true);
        let form = reqwest::multipart::Form::new().text("integrationModule", changed.to_string());
        let response = reqwest::Client::new().post(server.url(edit)).header("X-API-KEY", &writer).multipart(form);
        assert_eq!(answer(response.send().await.unwrap()).await, (200, json!({ "success": true, "info": {} })));
        let (_, read) = get(&server, "/api/v5/integration-modules/chatterbox-volga", Some(&writer)).await;
        assert_eq!(
            (&read["integrationModule"]["clientId"], &read["integrationModule"]["freeze"]),
            (&json!("client-2"), &json!(false))
        );

        // A missing field, bad JSON, a wrong field, another module's code.
        refused(
            &post_form(&server, edit, &[("apiKey", &writer)]).await,
            400,
            "Parameter 'integrationModule' is missing",
        );
        let bad = post_form(&server, edit, &[("apiKey", &writer), ("integrationModule", "{\"code\":")]).await;
        refused(&bad, 400, "Errors in the entity format");
        assert!(bad.1["errors"]["integrationModule"].is_string(), "{}", bad.1);
        let mut wrong: Value = serde_json::from_str(&body).unwrap();
        wrong["accountUrl"] = json!("javascript:alert(1)");
        let bad = post_form(&server, edit, &[("apiKey", &writer), ("integrationModule", &wrong.to_string())]).await;
        refused(&bad, 400, "Errors in the entity format");
        assert!(bad.1["errors"]["accountUrl"].is_string(), "{}", bad.1);
        let theirs = registration("chatterbox-volga", "vibe-chat");
        refused(
            &post_form(&server, edit, &[("apiKey", &writer), ("integrationModule", &theirs)]).await,
            403,
            "Access denied.",
        );

        // A key without the scope a method needs.
        let reader = new_key(&owner, "chatterbox", &["integration_read"]).await;
        refused(
            &post_form(&server, edit, &[("apiKey", &reader), ("integrationModule", &body)]).await,
            403,
            "Access denied.",
        );
        assert_eq!(get(&server, "/api/v5/integration-modules/chatterbox-volga", Some(&reader)).await.0, 200);

        // Another module's key reaches only its own module's registrations.
        activate(&owner, "vibe-chat").await;
        let vibe = new_key(&owner, "vibe-chat", &["integration_write"]).await;
        refused(
            &post_form(&server, edit, &[("apiKey", &vibe), ("integrationModule", &body)]).await,
            403,
            "Access denied.",
        );
        let own = registration("vibe-volga", "vibe-chat");
        let vibe_edit = "/api/v5/integration-modules/vibe-volga/edit";
        assert_eq!(post_form(&server, vibe_edit, &[("apiKey", &vibe), ("integrationModule", &own)]).await.0, 201);
        refused(&get(&server, "/api/v5/integration-modules/vibe-volga", Some(&key)).await, 403, "Access denied.");
    }
}

#[tokio::test]
async fn update_scopes_swaps_the_key_within_the_declared_permissions() {
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let key = new_key(&owner, "chatterbox", &INTEGRATION).await;
        let body = registration("chatterbox-volga", "chatterbox");
        post_form(
            &server,
            "/api/v5/integration-modules/chatterbox-volga/edit",
            &[("apiKey", &key), ("integrationModule", &body)],
        )
        .await;
        let path = "/api/v5/integration-modules/chatterbox-volga/update-scopes";

        // A scope the listing does not declare: refused, and the key stays as it was.
        let requires = json!({ "scopes": ["integration_read", "integration_write", "file_read"] }).to_string();
        let bad = post_form(&server, path, &[("apiKey", &key), ("requires", &requires)]).await;
        refused(&bad, 400, "Errors in the entity format");
        assert!(bad.1["errors"]["scopes"].as_str().unwrap().contains("file_read"), "{}", bad.1);
        assert_eq!(get(&server, "/api/credentials", Some(&key)).await.1["scopes"], json!(INTEGRATION));
        refused(&post_form(&server, path, &[("apiKey", &key)]).await, 400, "Parameter 'requires' is missing");

        // Within them: a new key with the new scopes replaces the old one.
        let requires = json!({ "scopes": ["integration_read", "integration_write", "order_read"] }).to_string();
        let (status, swapped) = post_form(&server, path, &[("apiKey", &key), ("requires", &requires)]).await;
        assert_eq!(status, 200, "{swapped}");
        let fresh = swapped["apiKey"].as_str().unwrap();
        assert_ne!(fresh, key);
        refused(&get(&server, "/api/credentials", Some(&key)).await, 403, "Wrong \"apiKey\" value.");
        let scopes = get(&server, "/api/credentials", Some(fresh)).await.1["scopes"].clone();
        assert_eq!(scopes, json!(["order_read", "integration_read", "integration_write"]));
        assert_eq!(keys(&owner).await.keys.len(), 1);
    }
}

#[tokio::test]
async fn a_key_works_only_while_its_connection_does() {
    for server in crate::common::servers().await {
        // Frozen for an unpaid charge: refused; paid, it works again.
        let owner = server.as_user(STEPPE).await;
        activate(&owner, "sled-calltracking").await;
        let key = new_key(&owner, "sled-calltracking", &["order_read"]).await;
        assert_eq!(get(&server, "/api/api-versions", Some(&key)).await.0, 200);
        server.run_billing(&(chrono::Utc::now() + chrono::Duration::days(15)).to_rfc3339()).await;
        refused(&get(&server, "/api/api-versions", Some(&key)).await, 403, "Wrong \"apiKey\" value.");
        assert!(!keys(&owner).await.keys[0].works);
        let started =
            owner.call("top_up", &[("amount", "5000"), ("idempotency_key", &souk::app::tokens::random_hex(16))]).await;
        crate::server_payments::pay_on_page(&owner, started).await;
        assert_eq!(get(&server, "/api/api-versions", Some(&key)).await.0, 200, "{}", server.label);
        assert!(keys(&owner).await.keys[0].works);

        // Deactivated by its owner: refused, and gone from the list.
        let connection = connection_of(&owner, "sled-calltracking").await;
        ok::<BillingView>(owner.call("deactivate_connection", &[("id", &connection)]).await).await;
        refused(&get(&server, "/api/api-versions", Some(&key)).await, 403, "Wrong \"apiKey\" value.");
        assert!(keys(&owner).await.keys.is_empty());

        // Deactivated by its module (`active: false`): the connection goes, as if its owner did it.
        let volga = server.as_user(VOLGA).await;
        let key = new_key(&volga, "chatterbox", &INTEGRATION).await;
        let mut body: Value = serde_json::from_str(&registration("chatterbox-volga", "chatterbox")).unwrap();
        body["active"] = json!(false);
        let edit = "/api/v5/integration-modules/chatterbox-volga/edit";
        assert_eq!(
            post_form(&server, edit, &[("apiKey", &key), ("integrationModule", &body.to_string())]).await.0,
            201
        );
        let billing: BillingView = ok(volga.call("billing", &[]).await).await;
        assert!(billing.ledger.connections.iter().all(|c| c.module != "chatterbox"), "{}", server.label);
        refused(&get(&server, "/api/credentials", Some(&key)).await, 403, "Wrong \"apiKey\" value.");
    }
}

#[tokio::test]
async fn a_key_calling_too_often_is_told_to_wait() {
    let server = crate::common::servers().await.remove(0);
    let owner = server.as_user(VOLGA).await;
    let key = new_key(&owner, "chatterbox", &INTEGRATION).await;
    let calls = (0..30).map(|_| get(&server, "/api/api-versions", Some(&key)));
    let answers = futures_util::future::join_all(calls).await;
    let limited: Vec<_> = answers.iter().filter(|(status, _)| *status == 503).collect();
    assert!(!limited.is_empty(), "30 calls at once, at most 10 a second");
    refused(limited[0], 503, "Service temporary unavailable");
    assert!(answers.iter().filter(|(status, _)| *status == 200).count() <= 10);
}

#[tokio::test]
async fn retailcrm_python_client_drives_the_module_api_unchanged() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (python, script) = (here.join("tools/venv/bin/python"), here.join("tests/python/retailcrm_client.py"));
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let key = new_key(&owner, "chatterbox", &INTEGRATION).await;
        let mut client = std::process::Command::new(&python);
        client.arg(&script).args([server.base.as_str(), &key, "chatterbox-py", "chatterbox"]);
        // Off the test's thread, which also serves the server it calls.
        let output = tokio::task::spawn_blocking(move || client.output()).await.unwrap();
        let output = output.expect("tools/venv has RetailCRM's client (scripts/setup.sh test)");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let calls: Vec<Value> =
            String::from_utf8(output.stdout).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect();
        let call = |name: &str| calls.iter().find(|c| c["call"] == name).unwrap_or_else(|| panic!("{name}: {calls:?}"));
        assert_eq!(call("api_versions")["body"]["versions"], json!(["3.0", "4.0", "5.0"]));
        assert_eq!(call("api_credentials")["body"]["scopes"], json!(INTEGRATION));
        assert_eq!(call("integration_module_edit")["status"], 201);
        let read = &call("integration_module")["body"]["integrationModule"];
        assert_eq!(
            (&read["code"], &read["clientId"], &read["name"]),
            (&json!("chatterbox-py"), &json!("client-42"), &json!("Chatterbox (Python)"))
        );
        let swapped = &call("integration_module_update_scopes")["body"];
        assert_eq!(swapped["success"], true, "{swapped}");
        let fresh = swapped["apiKey"].as_str().unwrap();
        assert_eq!(
            get(&server, "/api/credentials", Some(fresh)).await.1["scopes"],
            json!(["order_read", "integration_read", "integration_write"])
        );
    }
}

#[tokio::test]
async fn an_operator_creates_and_revokes_a_key_from_the_command_line() {
    use crate::server_deployment::{souk_server, text};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let server = crate::common::server_in(dir, crate::common::Setup::DEMO).await;
    let create = |scopes: &str, module: &str| {
        let args = ["api-key", "create", "--account", "owner@volga.demo", "--module", module, "--scopes", scopes];
        souk_server(&path, &[], &args, "")
    };
    let created = create("integration_read,integration_write", "chatterbox");
    assert!(created.status.success(), "{}", text(&created));
    let key = String::from_utf8(created.stdout).unwrap().trim().to_string();
    assert_eq!(get(&server, "/api/credentials", Some(&key)).await.1["scopes"], json!(INTEGRATION));

    let undeclared = create("integration_read,file_read", "chatterbox");
    assert!(!undeclared.status.success() && text(&undeclared).contains("file_read"), "{}", text(&undeclared));
    let inactive = create("store_read", "sklad-pro");
    assert!(
        !inactive.status.success() && text(&inactive).contains("no connection of sklad-pro"),
        "{}",
        text(&inactive)
    );

    let revoked = souk_server(&path, &[], &["api-key", "revoke", &key[..6]], "");
    assert!(revoked.status.success(), "{}", text(&revoked));
    assert!(!text(&revoked).contains(&key), "the key is never printed again");
    refused(&get(&server, "/api/credentials", Some(&key)).await, 403, "Wrong \"apiKey\" value.");
    let again = souk_server(&path, &[], &["api-key", "revoke", &key[..6]], "");
    assert!(!again.status.success() && text(&again).contains("no key starts with"), "{}", text(&again));
}
