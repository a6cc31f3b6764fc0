//! `souk-server billmgr`: the selling BILLmanager's stand-in over HTTP
//! (`/billmgr`, GET or POST, always HTTP 200: JSON with `out=json`, the
//! panel's HTML page without).

use crate::standins::billmgr::Billmgr;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::Method;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const DEFAULT_PORT: u16 = 8092;

/// The stand-in's state, which a test may change (a plan's price) while it serves.
pub type Shared = Arc<Mutex<Billmgr>>;

/// Serves `billing` on `listener` until the process ends; answers where.
pub async fn start(listener: tokio::net::TcpListener, billing: Shared) -> std::io::Result<SocketAddr> {
    let addr = listener.local_addr()?;
    let app = Router::new().route("/billmgr", get(billmgr).post(billmgr)).with_state(billing);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// `souk-server billmgr [--port 8092]`, for `make run`: prints its accounts.
pub async fn run(port: u16) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
    let addr = start(listener, Shared::default()).await.map_err(|e| e.to_string())?;
    println!("Selling BILLmanager stand-in at http://{addr}");
    println!("  reseller1 / secret1: a client, 1500.00 RUB");
    println!("  poor / secret2: a client, 10.00 RUB");
    println!("  admin / admin: an administrator (level 28), which a reseller cannot use");
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())
}

async fn billmgr(State(billing): State<Shared>, method: Method, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let mut fields: Vec<(String, String)> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    if method == Method::POST {
        fields.extend(form_urlencoded::parse(&body).into_owned());
    }
    let mut billing = billing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match billing.answer(&fields, chrono::Utc::now()) {
        Some(answer) => Json(answer).into_response(),
        None => Html("<!DOCTYPE html><html><head><title>BILLmanager</title></head><body>BILLmanager</body></html>")
            .into_response(),
    }
}
