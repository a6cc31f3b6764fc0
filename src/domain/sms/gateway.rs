//! The SMS gateway's wire format (SMSC.ru's HTTP API, `BUILTINS.md` §B):
//! what the service asks it, what it answers, and its errors.

use crate::domain::builtin::masked;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the service signs in to its gateway account with.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub login: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, …)", self.login)
    }
}

/// A call to the gateway: `POST {url}{path}` of `fields`, form-urlencoded
/// (so the password is in no address a proxy or a log keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub path: &'static str,
    pub fields: Vec<(&'static str, String)>,
}

impl Request {
    fn new(path: &'static str, credentials: &Credentials) -> Request {
        let fields = vec![
            ("login", credentials.login.clone()),
            ("psw", credentials.password.clone()),
            ("fmt", "3".into()),
            ("charset", "utf-8".into()),
        ];
        Request { path, fields }
    }

    pub fn balance(credentials: &Credentials) -> Request {
        let mut request = Request::new("/sys/balance.php", credentials);
        request.fields.push(("cur", "1".into()));
        request
    }

    /// Sends `message` to `phone`, asking for its cost and the balance left.
    pub fn send(credentials: &Credentials, phone: &str, message: &str, sender: &str) -> Request {
        let mut request = Request::new("/sys/send.php", credentials);
        request.fields.push(("phones", phone.into()));
        request.fields.push(("mes", message.into()));
        if !sender.trim().is_empty() {
            request.fields.push(("sender", sender.trim().into()));
        }
        request.fields.push(("cost", "3".into()));
        request
    }

    /// The fields as a log shows them: passwords and keys masked.
    pub fn masked(&self) -> String {
        masked(self.fields.iter().map(|(name, value)| (*name, value.as_str())))
    }
}

/// The gateway account's money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub amount: Decimal,
    pub currency: String,
}

/// A message the gateway took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub id: u64,
    pub parts: u32,
    pub cost: Decimal,
    pub balance: Decimal,
}

/// The gateway's own error codes (`{"error": …, "error_code": N}`, HTTP 200).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code", content = "number")]
pub enum GatewayCode {
    BadParameters,
    WrongCredentials,
    NoMoney,
    AddressBlocked,
    MessageRefused,
    PhoneFormat,
    Undeliverable,
    Duplicate,
    Other(u16),
}

impl GatewayCode {
    pub fn from_number(number: u16) -> GatewayCode {
        match number {
            1 => GatewayCode::BadParameters,
            2 => GatewayCode::WrongCredentials,
            3 => GatewayCode::NoMoney,
            4 => GatewayCode::AddressBlocked,
            6 => GatewayCode::MessageRefused,
            7 => GatewayCode::PhoneFormat,
            8 => GatewayCode::Undeliverable,
            9 => GatewayCode::Duplicate,
            other => GatewayCode::Other(other),
        }
    }

    pub fn number(self) -> u16 {
        match self {
            GatewayCode::BadParameters => 1,
            GatewayCode::WrongCredentials => 2,
            GatewayCode::NoMoney => 3,
            GatewayCode::AddressBlocked => 4,
            GatewayCode::MessageRefused => 6,
            GatewayCode::PhoneFormat => 7,
            GatewayCode::Undeliverable => 8,
            GatewayCode::Duplicate => 9,
            GatewayCode::Other(number) => number,
        }
    }

    /// The gateway's answer for this code, as the stand-in gives it.
    pub fn answer(self, error: &str) -> Value {
        serde_json::json!({ "error": error, "error_code": self.number() })
    }
}

/// Why a call to the gateway came to nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum GatewayFailure {
    #[error("the gateway refused: {0:?}")]
    Refused(GatewayCode),
    /// A timeout, a refused address, a connection that failed.
    #[error("the gateway did not answer: {0}")]
    NoAnswer(String),
    #[error("the gateway answered something else: {0}")]
    BadAnswer(String),
}

/// The gateway's error code in an answer, if it is an error.
pub fn error_code(body: &str) -> Option<GatewayCode> {
    let value: Value = serde_json::from_str(body).ok()?;
    let number = value.get("error_code")?.as_u64()?;
    Some(GatewayCode::from_number(u16::try_from(number).unwrap_or(u16::MAX)))
}

fn object(status: u16, body: &str) -> Result<Value, GatewayFailure> {
    if !(200..300).contains(&status) {
        return Err(GatewayFailure::BadAnswer(format!("HTTP {status}")));
    }
    if let Some(code) = error_code(body) {
        return Err(GatewayFailure::Refused(code));
    }
    match serde_json::from_str::<Value>(body) {
        Ok(value) if value.is_object() => Ok(value),
        _ => Err(GatewayFailure::BadAnswer("not a JSON object".into())),
    }
}

/// A decimal the gateway writes as a string (`"84.75"`) or a number.
fn decimal(value: &Value, name: &str) -> Result<Decimal, GatewayFailure> {
    let text = match value.get(name) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        _ => return Err(GatewayFailure::BadAnswer(format!("no {name}"))),
    };
    text.trim().parse().map_err(|_| GatewayFailure::BadAnswer(format!("{name} is not a number")))
}

pub fn parse_balance(status: u16, body: &str) -> Result<Balance, GatewayFailure> {
    let value = object(status, body)?;
    let currency = value.get("currency").and_then(Value::as_str).unwrap_or("RUB").to_string();
    Ok(Balance { amount: decimal(&value, "balance")?, currency })
}

pub fn parse_sent(status: u16, body: &str) -> Result<Sent, GatewayFailure> {
    let value = object(status, body)?;
    let count =
        |name: &str| value.get(name).and_then(Value::as_u64).ok_or(GatewayFailure::BadAnswer(format!("no {name}")));
    Ok(Sent {
        id: count("id")?,
        parts: u32::try_from(count("cnt")?).unwrap_or(u32::MAX),
        cost: decimal(&value, "cost")?,
        balance: decimal(&value, "balance")?,
    })
}
