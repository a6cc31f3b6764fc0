//! Simple connection (`MODULE-API.md` §1): reading a module's configuration,
//! the registration the platform sends it with a new key, and its answer.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What a module's configuration URL answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleConfig {
    /// The scopes it asks for, as named.
    pub scopes: Vec<String>,
    /// Where the registration is sent (`POST`).
    pub register_url: String,
}

/// Why a module could not be connected; nothing was charged or kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum ConnectRefusal {
    /// The listing has no simple connection.
    #[error("the module has no simple connection")]
    NotSimple,
    /// The listing has no secret to sign the key with: its partner must rotate it.
    #[error("the module has no secret to sign with")]
    NoSecret,
    /// No answer: a timeout, a refused address, a connection that failed.
    #[error("the module did not answer: {0}")]
    NoAnswer(String),
    /// An answer that is not what the protocol asks for.
    #[error("the module answered something else: {0}")]
    BadAnswer(String),
    /// The module refused, in its own words (`errorMsg`).
    #[error("the module refused: {0}")]
    Refused(String),
    /// This request was already sent under its key.
    #[error("already sent")]
    AlreadySent,
}

impl ModuleConfig {
    /// A configuration needs `success: true`, a non-empty `scopes` list of
    /// names and an absolute `registerUrl`; unknown and null keys are ignored.
    pub fn parse(status: u16, body: &str) -> Result<ModuleConfig, ConnectRefusal> {
        let value = json_object(status, body)?;
        if value.get("success").and_then(Value::as_bool) != Some(true) {
            return Err(refused_by(&value));
        }
        let scopes: Vec<String> = value
            .get("scopes")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        if scopes.is_empty() {
            return Err(ConnectRefusal::BadAnswer("no scopes".into()));
        }
        let register_url = value.get("registerUrl").and_then(Value::as_str).unwrap_or_default().to_string();
        if !is_web_address(&register_url) {
            return Err(ConnectRefusal::BadAnswer("registerUrl is not an absolute http(s) address".into()));
        }
        Ok(ModuleConfig { scopes, register_url })
    }
}

/// The `register` form field: the platform's address, the new key, and the
/// key signed with the module's secret (`token`).
pub fn register_field(system_url: &str, api_key: &str, token: &str) -> String {
    json!({ "systemUrl": system_url, "apiKey": api_key, "token": token }).to_string()
}

/// The module's answer to the registration: the address of its settings
/// page (`accountUrl`) on any 2xx with `success: true`.
pub fn account_url(status: u16, body: &str) -> Result<String, ConnectRefusal> {
    let value = json_object(status, body)?;
    if !(200..300).contains(&status) || value.get("success").and_then(Value::as_bool) != Some(true) {
        return Err(refused_by(&value));
    }
    let url = value.get("accountUrl").and_then(Value::as_str).unwrap_or_default();
    if is_web_address(url) {
        Ok(url.to_string())
    } else {
        Err(ConnectRefusal::BadAnswer("accountUrl is not an absolute http(s) address".into()))
    }
}

fn json_object(status: u16, body: &str) -> Result<Value, ConnectRefusal> {
    match serde_json::from_str::<Value>(body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        _ => Err(ConnectRefusal::BadAnswer(format!("HTTP {status}, not a JSON object"))),
    }
}

fn refused_by(value: &Value) -> ConnectRefusal {
    let message = value.get("errorMsg").and_then(Value::as_str).filter(|m| !m.trim().is_empty());
    ConnectRefusal::Refused(message.unwrap_or("success: false").chars().take(300).collect())
}

/// An absolute `http(s)://host…` address.
pub fn is_web_address(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(char::is_whitespace))
}
