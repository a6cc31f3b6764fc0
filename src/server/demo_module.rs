//! The demo module's backend, written as a partner writes one against
//! RetailCRM's protocol (`MODULE-API.md` §1, §3): it serves its simple
//! connection's configuration, checks a registration's token with the
//! listing's secret, registers its connection through the module API with the
//! key it was sent (while the registration is still open), answers with its
//! settings page, and keeps the activity callbacks it hears. `souk-server
//! demo-module` runs it; `make run` starts it beside the server.

use crate::app::tokens::{random_hex, register_token};
use crate::demo::DemoData;
use axum::extract::{Form, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The port `make run` gives it, and the demo data's listing names.
pub const DEFAULT_PORT: u16 = 8090;
/// Where the demo listing's configuration is, under the module's address.
pub const CONFIG_PATH: &str = "/simple/config";

pub fn default_url() -> String {
    format!("http://127.0.0.1:{DEFAULT_PORT}")
}

/// The demo listing this backend serves: the demo data's module with a secret.
#[derive(Clone)]
pub struct Listing {
    pub code: String,
    pub secret: String,
    pub scopes: Vec<String>,
}

impl Listing {
    pub fn of(demo: &DemoData) -> Option<Listing> {
        demo.modules.iter().find_map(|m| {
            m.listing.links.simple_connection.as_ref()?;
            Some(Listing {
                code: m.listing.code.to_string(),
                secret: m.secret.clone()?,
                scopes: m.listing.scopes.iter().map(|s| s.to_string()).collect(),
            })
        })
    }
}

/// What the module knows of one connection.
#[derive(Debug, Clone, Default)]
struct Connection {
    system_url: String,
    scopes: Vec<String>,
    key_prefix: String,
    code: String,
    activities: Vec<String>,
}

struct Module {
    listing: Listing,
    /// Its own address, told to the platform (`baseUrl`, `accountUrl`).
    base: String,
    http: reqwest::Client,
    connections: Mutex<HashMap<String, Connection>>,
}

/// Serves the module on `listener`; answers its address.
pub async fn start(listing: Listing, listener: tokio::net::TcpListener) -> std::io::Result<SocketAddr> {
    let addr = listener.local_addr()?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let module = Arc::new(Module { listing, base: format!("http://{addr}"), http, connections: Mutex::default() });
    let app = Router::new()
        .route(CONFIG_PATH, get(config))
        .route("/simple/register", post(register))
        .route("/settings", get(settings))
        .route("/actions/activity", post(activity))
        .with_state(module);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

async fn config(State(module): State<Arc<Module>>) -> Json<Value> {
    Json(json!({
        "success": true,
        "scopes": module.listing.scopes,
        "registerUrl": format!("{}/simple/register", module.base),
        "errorMsg": null,
    }))
}

fn refuse(status: u16, message: &str) -> Response {
    let status = axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::BAD_REQUEST);
    (status, Json(json!({ "success": false, "errorMsg": message }))).into_response()
}

#[derive(Deserialize)]
struct Registration {
    #[serde(rename = "systemUrl")]
    system_url: String,
    #[serde(rename = "apiKey")]
    api_key: String,
    token: String,
}

async fn register(State(module): State<Arc<Module>>, Form(form): Form<HashMap<String, String>>) -> Response {
    let Some(Ok(sent)) = form.get("register").map(|json| serde_json::from_str::<Registration>(json)) else {
        return refuse(400, "Parameter 'register' is missing or not JSON");
    };
    if register_token(&module.listing.secret, &sent.api_key) != sent.token {
        return refuse(401, "Invalid token");
    }
    match module.connect(&sent).await {
        Ok(client_id) => {
            let url = format!("{}/settings?clientId={client_id}", module.base);
            Json(json!({ "success": true, "accountUrl": url })).into_response()
        }
        Err(problem) => refuse(400, &problem),
    }
}

impl Module {
    /// Reads its key's scopes and registers its connection with it, as the
    /// registration is still open.
    async fn connect(&self, sent: &Registration) -> Result<String, String> {
        let api = sent.system_url.trim_end_matches('/');
        let credentials: Value = self.call(self.http.get(format!("{api}/api/credentials")), &sent.api_key).await?;
        let scopes = credentials["scopes"].as_array().cloned().unwrap_or_default();
        let client_id = random_hex(6);
        let code = format!("{}-{client_id}", self.listing.code);
        let registration = json!({
            "code": code,
            "integrationCode": self.listing.code,
            "active": true,
            "name": "Demo module",
            "clientId": client_id,
            "baseUrl": self.base,
            "accountUrl": format!("{}/settings?clientId={client_id}", self.base),
            "actions": { "activity": "/actions/activity" },
        });
        let edit = self
            .http
            .post(format!("{api}/api/v5/integration-modules/{code}/edit"))
            .form(&[("integrationModule", registration.to_string())]);
        self.call(edit, &sent.api_key).await?;
        let connection = Connection {
            system_url: sent.system_url.clone(),
            scopes: scopes.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            key_prefix: sent.api_key.chars().take(6).collect(),
            code,
            activities: Vec::new(),
        };
        self.connections.lock().unwrap_or_else(|p| p.into_inner()).insert(client_id.clone(), connection);
        Ok(client_id)
    }

    async fn call(&self, request: reqwest::RequestBuilder, key: &str) -> Result<Value, String> {
        let response = request.header("X-API-KEY", key).send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        let body: Value = response.json().await.map_err(|e| e.to_string())?;
        if status.is_success() && body["success"] == json!(true) {
            Ok(body)
        } else {
            Err(format!("the platform answered {status}: {}", body["errorMsg"]))
        }
    }
}

async fn activity(State(module): State<Arc<Module>>, Form(form): Form<HashMap<String, String>>) -> Json<Value> {
    let client_id = form.get("clientId").cloned().unwrap_or_default();
    let activity = form.get("activity").cloned().unwrap_or_default();
    let at = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC");
    let mut connections = module.connections.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(connection) = connections.get_mut(&client_id) {
        connection.activities.push(format!("{at}: {activity}"));
    }
    Json(json!({ "success": true }))
}

/// The module's own settings page: what it received from the platform.
async fn settings(State(module): State<Arc<Module>>, Query(query): Query<Vec<(String, String)>>) -> Html<String> {
    let client_id = query.iter().find(|(name, _)| name == "clientId").map(|(_, id)| id.as_str()).unwrap_or_default();
    let connections = module.connections.lock().unwrap_or_else(|p| p.into_inner());
    let escape =
        |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let body = match connections.get(client_id) {
        Some(c) => {
            let activities: String = if c.activities.is_empty() {
                "<li>none yet</li>".into()
            } else {
                c.activities.iter().map(|a| format!("<li>{}</li>", escape(a))).collect()
            };
            format!(
                "<dl><dt>Connection</dt><dd data-testid=\"demo-code\">{}</dd>\
                 <dt>System URL</dt><dd data-testid=\"demo-system\">{}</dd>\
                 <dt>Scopes of its key</dt><dd data-testid=\"demo-scopes\">{}</dd>\
                 <dt>Key</dt><dd>{}…</dd></dl><h2>Activity callbacks</h2><ul data-testid=\"demo-activities\">{activities}</ul>",
                escape(&c.code),
                escape(&c.system_url),
                escape(&c.scopes.join(" ")),
                escape(&c.key_prefix),
            )
        }
        None => "<p>No connection with this clientId.</p>".into(),
    };
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo module settings</title></head>\
         <body><main><h1 data-testid=\"demo-settings\">Demo module: settings</h1>\
         <p>A module's own page, which Souk opened after connecting it.</p>{body}</main></body></html>"
    ))
}

/// `souk-server demo-module`: serves the demo listing's backend on `port`.
pub async fn run(demo: &DemoData, port: u16) -> Result<(), String> {
    let listing = Listing::of(demo).ok_or("the demo data has no module with simple connection")?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
    let addr = start(listing.clone(), listener).await.map_err(|e| e.to_string())?;
    println!("The demo module ({}) is running at http://{addr}", listing.code);
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())
}
