//! `souk-server smsc`: the SMS gateway's stand-in over HTTP, as SMSC.ru
//! answers (`/sys/<command>.php`, GET or POST, always HTTP 200), and what it
//! took at `GET /_stand-in/messages` (the stand-in's own).

use crate::standins::smsc::Smsc;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::Method;
use axum::routing::get;
use axum::{Json, Router};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const DEFAULT_PORT: u16 = 8091;

type Shared = Arc<Mutex<Smsc>>;

/// Serves the stand-in on `listener` until the process ends; answers where.
pub async fn start(listener: tokio::net::TcpListener) -> std::io::Result<SocketAddr> {
    let addr = listener.local_addr()?;
    let app = Router::new()
        .route("/sys/{command}", get(command).post(command))
        .route("/_stand-in/messages", get(messages))
        .with_state(Shared::default());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// `souk-server smsc [--port 8091]`, for `make run`: prints its demo accounts.
pub async fn run(port: u16) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
    let addr = start(listener).await.map_err(|e| e.to_string())?;
    println!("SMS gateway stand-in (SMSC.ru's API) at http://{addr}");
    println!("  login demo, password demo or additional password demo-api: 1500.00 RUB, senders Souk, VolgaTrade");
    println!("  login empty, password empty: no money");
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())
}

async fn command(
    State(smsc): State<Shared>,
    method: Method,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Json<serde_json::Value> {
    let mut fields: Vec<(String, String)> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    if method == Method::POST {
        fields.extend(form_urlencoded::parse(&body).into_owned());
    }
    let command = file.strip_suffix(".php").unwrap_or(&file);
    let mut smsc = smsc.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Json(smsc.answer(command, &fields, chrono::Utc::now()))
}

async fn messages(State(smsc): State<Shared>) -> Json<serde_json::Value> {
    let smsc = smsc.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Json(serde_json::to_value(&smsc.messages).unwrap_or_default())
}
