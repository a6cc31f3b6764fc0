//! The booking partner's API (`BUILTINS.md` §C, modelled on Google's Maps
//! Booking inventory updates): a bearer token, JSON bodies, and errors as
//! `{"error": {"code", "message", "status"}}`.

use super::sync::{Field, ServiceCall};
use super::Published;
use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The account's acceptance of the channel's two texts, sent with the merchant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub declaration_version: String,
    pub terms_version: String,
    pub accepted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One call to the partner: its method, its path and query under the
/// partner's base address, and its JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRequest {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

fn merchants(partner: &str) -> String {
    format!("/v1/partners/{partner}/merchants")
}

/// Publishes the merchant, its consent with it (our extension of the contract).
pub fn create_merchant(partner: &str, merchant: &str, name: &str, consent: &Consent) -> PartnerRequest {
    PartnerRequest {
        method: Method::Post,
        path: format!("{}?merchantId={merchant}", merchants(partner)),
        body: Some(json!({
            "name": name,
            "consent": {
                "declarationAccepted": true,
                "termsAccepted": true,
                "acceptedAt": consent.accepted_at.to_rfc3339_opts(SecondsFormat::Secs, true),
                "termsVersion": consent.terms_version,
                "declarationVersion": consent.declaration_version,
            },
        })),
    }
}

/// Ends the channel: the partner hides every service of the merchant.
pub fn delete_merchant(partner: &str, merchant: &str) -> PartnerRequest {
    PartnerRequest { method: Method::Delete, path: format!("{}/{merchant}", merchants(partner)), body: None }
}

/// What the partner is told of a service: its names, price in micros, length in seconds.
pub fn service_body(service: &Published) -> Value {
    let micros = (service.price * Decimal::from(1_000_000)).trunc();
    json!({
        "localizedServiceName": {
            "value": service.name.ru,
            "localizedValue": [
                { "locale": "ru", "value": service.name.ru },
                { "locale": "en", "value": service.name.en },
            ],
        },
        "price": { "priceMicros": micros.to_string(), "currencyCode": "RUB" },
        "durationSec": (u64::from(service.duration_min) * 60).to_string(),
    })
}

/// The request carrying `call` for service `id` of the merchant.
pub fn service_request(
    partner: &str,
    merchant: &str,
    id: &str,
    call: &ServiceCall,
    service: Option<&Published>,
) -> PartnerRequest {
    let services = format!("{}/{merchant}/services", merchants(partner));
    match call {
        ServiceCall::Create => PartnerRequest {
            method: Method::Post,
            path: format!("{services}?serviceId={id}"),
            body: service.map(service_body),
        },
        ServiceCall::Patch { fields } => PartnerRequest {
            method: Method::Patch,
            path: format!("{services}/{id}?updateMask={}", ServiceCall::mask(fields)),
            body: service.map(|service| patch_body(service, fields)),
        },
        ServiceCall::Delete => PartnerRequest { method: Method::Delete, path: format!("{services}/{id}"), body: None },
    }
}

/// The fields a patch names, and no others.
fn patch_body(service: &Published, fields: &[Field]) -> Value {
    let whole = service_body(service);
    let kept = fields.iter().filter_map(|field| {
        let name = field.mask_name();
        whole.get(name).map(|value| (name.to_string(), value.clone()))
    });
    Value::Object(kept.collect())
}

/// The partner's error, as it answers one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerError {
    pub code: u16,
    pub status: String,
    pub message: String,
}

impl PartnerError {
    /// The error of an answer that is not a success; `None` for a success.
    pub fn of(status: u16, body: &str) -> Option<PartnerError> {
        if (200..300).contains(&status) {
            return None;
        }
        let error = serde_json::from_str::<Value>(body).ok().and_then(|value| value.get("error").cloned());
        let text = |name: &str| error.as_ref().and_then(|e| e.get(name)).and_then(Value::as_str).map(str::to_string);
        Some(PartnerError {
            code: status,
            status: text("status").unwrap_or_else(|| format!("HTTP {status}")),
            message: text("message").unwrap_or_default(),
        })
    }

    /// Whether sending the same call later may succeed (the partner's or the
    /// network's trouble, not the request's).
    pub fn is_transient(&self) -> bool {
        self.code >= 500 || self.code == 429
    }

    pub fn answer(code: u16, status: &str, message: &str) -> Value {
        json!({ "error": { "code": code, "message": message, "status": status } })
    }
}
