//! `souk-server booking`: the booking partner's stand-in over HTTP (the
//! inventory routes under `/v1/partners/…`), what it received at
//! `GET /_stand-in/events`, and `POST /_stand-in/fail?times=N` to answer the
//! next calls 500, as a partner having trouble (the stand-in's own).

use crate::standins::booking::{BookingPartner, PARTNER, TOKEN};
use axum::body::Bytes;
use axum::extract::{OriginalUri, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const DEFAULT_PORT: u16 = 8093;

/// The stand-in's state, which a test may read while it serves.
pub type Shared = Arc<Mutex<BookingPartner>>;

/// Serves `partner` on `listener` until the process ends; answers where.
pub async fn start(listener: tokio::net::TcpListener, partner: Shared) -> std::io::Result<SocketAddr> {
    let addr = listener.local_addr()?;
    let app = Router::new()
        .route("/v1/{*rest}", any(inventory))
        .route("/_stand-in/events", get(events))
        .route("/_stand-in/fail", post(fail))
        .with_state(partner);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// `souk-server booking [--port 8093]`, for `make run`: prints the partner and its token.
pub async fn run(port: u16) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
    let addr = start(listener, Shared::default()).await.map_err(|e| e.to_string())?;
    println!("Booking partner stand-in at http://{addr}");
    println!("  partner {PARTNER}, bearer token {TOKEN}");
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())
}

fn lock(partner: &Shared) -> std::sync::MutexGuard<'_, BookingPartner> {
    partner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn inventory(
    State(partner): State<Shared>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<serde_json::Value>) {
    let authorization = headers.get("authorization").and_then(|value| value.to_str().ok());
    let body = (!body.is_empty()).then(|| serde_json::from_slice(&body).ok()).flatten();
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let (status, answer) = lock(&partner).answer(method.as_str(), path, authorization, body);
    (StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), Json(answer))
}

async fn events(State(partner): State<Shared>) -> Json<serde_json::Value> {
    Json(serde_json::to_value(&lock(&partner).events).unwrap_or_default())
}

async fn fail(State(partner): State<Shared>, Query(query): Query<HashMap<String, u32>>) -> StatusCode {
    lock(&partner).failing = query.get("times").copied().unwrap_or(1);
    StatusCode::NO_CONTENT
}
