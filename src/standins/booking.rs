//! The booking partner's stand-in (`BUILTINS.md` §C): the inventory routes of
//! one partner, a static bearer token, the contract's rules (a merchant
//! before its services, both consents, a price above zero, a mask on every
//! patch), and every call it received, in order.

use crate::domain::booking::wire::PartnerError;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The partner the stand-in plays, and the token it accepts.
pub const PARTNER: &str = "premium-organizer";
pub const TOKEN: &str = "demo-booking-token";

/// One call the stand-in received, and what it answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    pub body: Option<Value>,
    pub status: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merchant {
    pub name: String,
    pub consent: Value,
    /// A deleted merchant's services are hidden; creating it again shows them.
    pub live: bool,
    pub services: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BookingPartner {
    pub merchants: BTreeMap<String, Merchant>,
    pub events: Vec<Event>,
    /// Calls still to be answered 500, as a partner having trouble would.
    pub failing: u32,
}

fn error(code: u16, status: &str, message: &str) -> (u16, Value) {
    (code, PartnerError::answer(code, status, message))
}

fn query_value(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes()).find(|(n, _)| n == name).map(|(_, v)| v.into_owned())
}

fn price_is_positive(body: &Value) -> bool {
    let micros = body
        .pointer("/price/priceMicros")
        .and_then(|m| m.as_str().map(str::to_string).or_else(|| m.as_i64().map(|n| n.to_string())));
    micros.and_then(|m| m.parse::<i64>().ok()).is_some_and(|m| m > 0)
}

impl BookingPartner {
    /// The answer to `method` on `path_and_query` with `authorization` and `body`;
    /// the call is kept among the events.
    pub fn answer(
        &mut self,
        method: &str,
        path_and_query: &str,
        authorization: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        let answer = if authorization != Some(&format!("Bearer {TOKEN}")) {
            error(401, "UNAUTHENTICATED", "a bearer token is required")
        } else if self.failing > 0 {
            self.failing -= 1;
            error(500, "INTERNAL", "the partner is temporarily unavailable")
        } else {
            let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
            self.route(method, &segments, query, body.as_ref())
        };
        self.events.push(Event { method: method.into(), path: path_and_query.into(), body, status: answer.0 });
        answer
    }

    fn route(&mut self, method: &str, segments: &[&str], query: &str, body: Option<&Value>) -> (u16, Value) {
        match (method, segments) {
            (_, ["v1", "partners", partner, ..]) if *partner != PARTNER => error(404, "NOT_FOUND", "no such partner"),
            ("POST", ["v1", "partners", _, "merchants"]) => match query_value(query, "merchantId") {
                Some(id) => self.create_merchant(&id, body),
                None => error(400, "INVALID_ARGUMENT", "merchantId is required"),
            },
            ("DELETE", ["v1", "partners", _, "merchants", merchant]) => match self.merchants.get_mut(*merchant) {
                Some(found) if found.live => {
                    found.live = false;
                    (200, json!({}))
                }
                _ => error(404, "NOT_FOUND", "no such merchant"),
            },
            (_, ["v1", "partners", _, "merchants", merchant, "services", rest @ ..]) => {
                let Some(found) = self.merchants.get_mut(*merchant).filter(|m| m.live) else {
                    return error(400, "FAILED_PRECONDITION", "the merchant must exist before its services");
                };
                match (method, rest) {
                    ("POST", []) => match query_value(query, "serviceId") {
                        Some(id) => Self::create_service(found, &id, body),
                        None => error(400, "INVALID_ARGUMENT", "serviceId is required"),
                    },
                    ("PATCH", [id]) => Self::patch_service(found, id, query_value(query, "updateMask"), body),
                    ("DELETE", [id]) => match found.services.remove(*id) {
                        Some(_) => (200, json!({})),
                        None => error(404, "NOT_FOUND", "no such service"),
                    },
                    _ => error(404, "NOT_FOUND", "no such route"),
                }
            }
            _ => error(404, "NOT_FOUND", "no such route"),
        }
    }

    fn create_merchant(&mut self, id: &str, body: Option<&Value>) -> (u16, Value) {
        let accepted = |name: &str| {
            body.and_then(|b| b.pointer(&format!("/consent/{name}"))).and_then(Value::as_bool) == Some(true)
        };
        if !accepted("declarationAccepted") || !accepted("termsAccepted") {
            return error(400, "FAILED_PRECONDITION", "both the consent declaration and the terms must be accepted");
        }
        let name = body.and_then(|b| b.get("name")).and_then(Value::as_str).unwrap_or_default().to_string();
        let consent = body.and_then(|b| b.get("consent")).cloned().unwrap_or(Value::Null);
        match self.merchants.get_mut(id) {
            Some(found) if found.live => error(409, "ALREADY_EXISTS", "the merchant exists"),
            Some(found) => {
                found.live = true;
                found.name = name.clone();
                found.consent = consent;
                (200, json!({ "merchantId": id, "name": name }))
            }
            None => {
                let merchant = Merchant { name: name.clone(), consent, live: true, services: BTreeMap::new() };
                self.merchants.insert(id.into(), merchant);
                (200, json!({ "merchantId": id, "name": name }))
            }
        }
    }

    fn create_service(merchant: &mut Merchant, id: &str, body: Option<&Value>) -> (u16, Value) {
        let Some(body) = body.filter(|b| b.get("localizedServiceName").is_some()) else {
            return error(400, "INVALID_ARGUMENT", "localizedServiceName is required");
        };
        if !price_is_positive(body) {
            return error(400, "INVALID_ARGUMENT", "price must be above zero");
        }
        if merchant.services.contains_key(id) {
            return error(409, "ALREADY_EXISTS", "the service exists");
        }
        merchant.services.insert(id.into(), body.clone());
        (200, body.clone())
    }

    fn patch_service(merchant: &mut Merchant, id: &str, mask: Option<String>, body: Option<&Value>) -> (u16, Value) {
        let Some(mask) = mask.filter(|mask| !mask.is_empty()) else {
            return error(400, "INVALID_ARGUMENT", "updateMask is required");
        };
        let Some(service) = merchant.services.get_mut(id) else {
            return error(404, "NOT_FOUND", "no such service");
        };
        let body = body.cloned().unwrap_or(Value::Null);
        for field in mask.split(',') {
            let Some(value) = body.get(field) else {
                return error(400, "INVALID_ARGUMENT", &format!("{field} is in the mask but not in the body"));
            };
            if field == "price" && !price_is_positive(&body) {
                return error(400, "INVALID_ARGUMENT", "price must be above zero");
            }
            service[field] = value.clone();
        }
        (200, service.clone())
    }

    /// The services the partner shows now: those of live merchants.
    pub fn shown(&self) -> Vec<(String, String)> {
        self.merchants
            .iter()
            .filter(|(_, m)| m.live)
            .flat_map(|(id, m)| m.services.keys().map(move |s| (id.clone(), s.clone())))
            .collect()
    }
}
