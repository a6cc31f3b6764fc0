//! A small stand-in of the payment provider (YooKassa's API v3, the parts
//! Souk uses), so the demo and the tests pay offline: it creates payments
//! under the shop's id and secret (once per `Idempotence-Key`), shows the
//! payer a page with "Pay" and "Decline", tells the shop what happened at its
//! notification address, and answers `GET /payments/{id}`. It moves no money.

use super::wire::{Amount, Confirmation, CreatePayment, PaymentObject};
use crate::domain::money::format_rub;
use crate::domain::payment::ProviderStatus;
use crate::domain::{Coded, Lang};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Standin {
    shop_id: String,
    secret: String,
    /// Where payers reach it, e.g. `http://127.0.0.1:8080/demo-payments`.
    public_base: String,
    /// The shop's notification address.
    notify: String,
    book: Mutex<Book>,
    http: reqwest::Client,
}

#[derive(Default)]
struct Book {
    payments: HashMap<String, Entry>,
    by_key: HashMap<String, String>,
}

#[derive(Clone)]
struct Entry {
    payment: PaymentObject,
    return_url: String,
}

impl Standin {
    pub fn new(shop_id: &str, secret: &str, public_base: &str, notify: &str) -> Arc<Standin> {
        Arc::new(Standin {
            shop_id: shop_id.into(),
            secret: secret.into(),
            public_base: public_base.trim_end_matches('/').into(),
            notify: notify.into(),
            book: Mutex::default(),
            http: reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap_or_default(),
        })
    }

    fn book(&self) -> std::sync::MutexGuard<'_, Book> {
        self.book.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn authorized(&self, headers: &HeaderMap) -> bool {
        use base64::Engine;
        let expected = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.shop_id, self.secret));
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) == Some(&format!("Basic {expected}"))
    }
}

/// Its API under `/v3`, and the payer's page under `/checkout`.
pub fn router<S: Clone + Send + Sync + 'static>(standin: Arc<Standin>) -> Router<S> {
    Router::new()
        .route("/v3/payments", post(create))
        .route("/v3/payments/{id}", get(read))
        .route("/checkout/{id}", get(page))
        .route("/checkout/{id}/{decision}", post(decide))
        .with_state(standin)
}

fn problem(status: StatusCode, code: &str, description: &str) -> Response {
    let body = serde_json::json!({"type": "error", "code": code, "description": description});
    (status, Json(body)).into_response()
}

async fn create(State(standin): State<Arc<Standin>>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    if !standin.authorized(&headers) {
        return problem(StatusCode::UNAUTHORIZED, "invalid_credentials", "Wrong shop id or secret key");
    }
    let Some(key) = headers.get("Idempotence-Key").and_then(|v| v.to_str().ok()).filter(|k| !k.is_empty()) else {
        return problem(StatusCode::BAD_REQUEST, "invalid_request", "Idempotence-Key is required");
    };
    let request: CreatePayment = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return problem(StatusCode::BAD_REQUEST, "invalid_request", &error.to_string()),
    };
    let valid = request.amount.value.parse::<rust_decimal::Decimal>().is_ok_and(|v| v > rust_decimal::Decimal::ZERO);
    if !valid || request.confirmation.kind != "redirect" {
        return problem(StatusCode::BAD_REQUEST, "invalid_request", "amount and a redirect confirmation are required");
    }
    let mut book = standin.book();
    if let Some(entry) = book.by_key.get(key).and_then(|id| book.payments.get(id)) {
        return Json(entry.payment.clone()).into_response();
    }
    let id =
        format!("{}-000f-5000-8000-{}", hex::encode(rand::random::<[u8; 4]>()), hex::encode(rand::random::<[u8; 6]>()));
    let payment = PaymentObject {
        id: id.clone(),
        status: ProviderStatus::Pending,
        paid: false,
        amount: Amount { value: request.amount.value, currency: request.amount.currency },
        confirmation: Some(Confirmation {
            kind: "redirect".into(),
            confirmation_url: Some(format!("{}/checkout/{id}", standin.public_base)),
            return_url: Some(request.confirmation.return_url.clone()),
        }),
        description: request.description,
        metadata: request.metadata,
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        test: true,
    };
    book.by_key.insert(key.to_string(), id.clone());
    book.payments.insert(id, Entry { payment: payment.clone(), return_url: request.confirmation.return_url });
    Json(payment).into_response()
}

async fn read(State(standin): State<Arc<Standin>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if !standin.authorized(&headers) {
        return problem(StatusCode::UNAUTHORIZED, "invalid_credentials", "Wrong shop id or secret key");
    }
    match standin.book().payments.get(&id) {
        Some(entry) => Json(entry.payment.clone()).into_response(),
        None => problem(StatusCode::NOT_FOUND, "not_found", "Payment not found"),
    }
}

/// The payer's page: what is paid, and the two buttons. No script; its own
/// policy, since it is not one of the app's pages.
async fn page(State(standin): State<Arc<Standin>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let lang = if headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("ru"))
    {
        Lang::Ru
    } else {
        Lang::En
    };
    let Some(entry) = standin.book().payments.get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "no such payment").into_response();
    };
    let amount = entry.payment.amount.value.parse().map(|v| format_rub(v, lang)).unwrap_or_default();
    let t = |en: &'static str, ru: &'static str| if lang == Lang::Ru { ru } else { en };
    let decided = entry.payment.status != ProviderStatus::Pending;
    let body = format!(
        r#"<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; background: #f3f4f8; color: #111827; margin: 0; }}
main {{ max-width: 28rem; margin: 4rem auto; background: #fff; border-radius: 16px; padding: 2rem; box-shadow: 0 1px 3px #0002; }}
.demo {{ background: #fef3c7; color: #713f12; border-radius: 8px; padding: .75rem 1rem; font-size: .9rem; }}
.amount {{ font-size: 2rem; font-weight: 700; margin: .5rem 0; }}
form {{ display: flex; gap: .75rem; margin-top: 1.5rem; }}
button {{ flex: 1; font: inherit; font-weight: 600; padding: .75rem; border-radius: 8px; border: 2px solid #4338ca; cursor: pointer; }}
button:focus-visible {{ outline: 3px solid #111827; outline-offset: 2px; }}
.pay {{ background: #4338ca; color: #fff; }}
.decline {{ background: #fff; color: #4338ca; }}
</style></head>
<body><main>
<h1>{title}</h1>
<p class="demo" data-testid="standin-notice">{notice}</p>
<p>{description}</p>
<p class="amount" data-testid="standin-amount">{amount}</p>
{actions}
</main></body></html>"#,
        lang = lang.code(),
        title = t("Payment", "Оплата"),
        notice = t(
            "A demo payment page: it stands in for the payment provider, and no money moves.",
            "Демонстрационная страница оплаты: она заменяет платёжный сервис, деньги не списываются."
        ),
        description = escape(&entry.payment.description),
        actions = if decided {
            format!("<p role=\"status\">{}</p>", t("This payment is already decided.", "Этот платёж уже завершён."))
        } else {
            format!(
                r#"<form method="post" action="{id}/pay"><button class="pay" type="submit" data-testid="standin-pay">{pay}</button>
<button class="decline" type="submit" formaction="{id}/decline" data-testid="standin-decline">{decline}</button></form>"#,
                id = escape(&id),
                pay = t("Pay", "Оплатить"),
                decline = t("Decline", "Отказаться"),
            )
        },
    );
    let policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
    ([(header::CONTENT_SECURITY_POLICY, policy), (header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
}

/// The payer's choice: the payment is decided, the shop told, the payer sent back.
async fn decide(State(standin): State<Arc<Standin>>, Path((id, decision)): Path<(String, String)>) -> Response {
    let status = match decision.as_str() {
        "pay" => ProviderStatus::Succeeded,
        "decline" => ProviderStatus::Canceled,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let entry = {
        let mut book = standin.book();
        let Some(entry) = book.payments.get_mut(&id) else { return StatusCode::NOT_FOUND.into_response() };
        if entry.payment.status == ProviderStatus::Pending {
            entry.payment.status = status;
            entry.payment.paid = status == ProviderStatus::Succeeded;
        }
        entry.clone()
    };
    let event = match entry.payment.status {
        ProviderStatus::Succeeded => "payment.succeeded",
        _ => "payment.canceled",
    };
    let notification = serde_json::json!({"type": "notification", "event": event, "object": entry.payment});
    // Told before the payer is sent back, as a real provider usually manages;
    // the shop asks again on the payer's return anyway.
    if let Err(error) = standin.http.post(&standin.notify).json(&notification).send().await {
        tracing::warn!("payments stand-in: notifying {}: {error}", standin.notify);
    }
    Redirect::to(&entry.return_url).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
