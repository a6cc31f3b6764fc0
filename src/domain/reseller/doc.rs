//! BILLmanager's answers (`BUILTINS.md` §A): always HTTP 200 with a `doc`
//! envelope, an element's text under `"$"` and its attributes as `"$name"`,
//! a list of one element as the element itself, numbers as strings, and
//! errors as `doc.error` rather than an HTTP status.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Why a call to the selling billing came to nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum BillFailure {
    /// `doc.error`: its `$type`, its `$object` and the billing's own words.
    #[error("the selling billing refused ({kind}/{object}): {message}")]
    Refused { kind: String, object: String, message: String },
    /// A timeout, a refused address, a connection that failed.
    #[error("the selling billing did not answer: {0}")]
    NoAnswer(String),
    /// An answer, but not a BILLmanager's `doc`.
    #[error("the address did not answer as BILLmanager: {0}")]
    NotBillmanager(String),
}

impl BillFailure {
    pub fn refused(kind: &str, object: &str) -> BillFailure {
        BillFailure::Refused { kind: kind.into(), object: object.into(), message: String::new() }
    }

    /// Whether the billing refused the user name and password.
    pub fn is_bad_password(&self) -> bool {
        matches!(self, BillFailure::Refused { kind, .. } if kind == "auth")
    }
}

/// The `doc` of an answer, or why there is none: `doc.error` is a refusal.
pub fn doc(status: u16, body: &str) -> Result<Value, BillFailure> {
    if !(200..300).contains(&status) {
        return Err(BillFailure::NotBillmanager(format!("HTTP {status}")));
    }
    let value: Value = serde_json::from_str(body).map_err(|_| BillFailure::NotBillmanager("not JSON".into()))?;
    let Some(doc) = value.get("doc").filter(|doc| doc.is_object()) else {
        return Err(BillFailure::NotBillmanager("no doc envelope".into()));
    };
    if let Some(error) = doc.get("error") {
        return Err(BillFailure::Refused {
            kind: attr(error, "type").unwrap_or_default(),
            object: attr(error, "object").unwrap_or_default(),
            message: error.get("msg").and_then(text).unwrap_or_default(),
        });
    }
    Ok(doc.clone())
}

/// An element's text: `{"$": "…"}`, or a bare string or number.
pub fn text(element: &Value) -> Option<String> {
    match element {
        Value::Object(object) => object.get("$").and_then(text),
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// An element's attribute `$name`.
pub fn attr(element: &Value, name: &str) -> Option<String> {
    element.get(format!("${name}")).and_then(text)
}

/// The text of child `name`.
pub fn child(element: &Value, name: &str) -> Option<String> {
    element.get(name).and_then(text)
}

/// Child `name` as a list, whether it came as an array, one object, or not at all.
pub fn list<'a>(element: &'a Value, name: &str) -> Vec<&'a Value> {
    match element.get(name) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

/// A number written as a string (`"490.0000"`).
pub fn decimal(text: Option<String>, what: &str) -> Result<Decimal, BillFailure> {
    text.and_then(|text| text.trim().parse().ok())
        .ok_or_else(|| BillFailure::NotBillmanager(format!("{what} is not a number")))
}
