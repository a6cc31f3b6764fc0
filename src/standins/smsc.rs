//! The SMS gateway's stand-in (SMSC.ru's HTTP API, `BUILTINS.md` §B):
//! `balance.php`, `send.php` (parts counted by the service's own rule, 3.80 ₽
//! a part per phone), `status.php`, and the messages it took.

use crate::domain::sms::count;
use crate::domain::sms::gateway::GatewayCode;
use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;

/// What one part costs to one phone.
pub const PART_PRICE: Decimal = Decimal::from_parts(380, 0, 0, false, 2);
/// Wrong sign-ins within `BLOCK_WINDOW` after which a login is blocked for as long.
const BLOCK_AFTER: usize = 5;
const BLOCK_WINDOW: TimeDelta = TimeDelta::seconds(60);
/// An identical message to the same phones within this is refused (error 9).
const DUPLICATE_WINDOW: TimeDelta = TimeDelta::seconds(60);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GatewayAccount {
    pub login: String,
    pub password: String,
    /// A password for API calls only.
    pub additional_password: Option<String>,
    pub balance: Decimal,
    /// Sender names the gateway approved for this account.
    pub senders: Vec<String>,
}

/// A message the stand-in took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: u64,
    pub login: String,
    pub phones: String,
    pub text: String,
    pub sender: String,
    pub parts: u32,
    pub cost: Decimal,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Smsc {
    pub accounts: Vec<GatewayAccount>,
    pub messages: Vec<Message>,
    /// Recent wrong sign-ins, per login.
    #[serde(default)]
    failures: HashMap<String, Vec<DateTime<Utc>>>,
}

impl Default for Smsc {
    /// The demo accounts: `demo` (password `demo`, additional password
    /// `demo-api`, 1,500 ₽, senders `Souk` and `VolgaTrade`) and `empty`
    /// (password `empty`, no money).
    fn default() -> Self {
        let account = |login: &str, password: &str, additional: Option<&str>, balance: Decimal| GatewayAccount {
            login: login.into(),
            password: password.into(),
            additional_password: additional.map(str::to_string),
            balance,
            senders: vec!["Souk".into(), "VolgaTrade".into()],
        };
        Smsc {
            accounts: vec![
                account("demo", "demo", Some("demo-api"), Decimal::new(150_000, 2)),
                account("empty", "empty", None, Decimal::ZERO),
            ],
            messages: Vec::new(),
            failures: HashMap::new(),
        }
    }
}

/// `^\+?7\d{10}$`
fn is_phone(phone: &str) -> bool {
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    digits.len() == 11 && digits.starts_with('7') && digits.bytes().all(|b| b.is_ascii_digit())
}

fn money(amount: Decimal) -> String {
    format!("{:.2}", amount)
}

impl Smsc {
    /// The answer to `/sys/<command>.php` with `fields` (the query's and the
    /// form's), always HTTP 200 as the real gateway's.
    pub fn answer(&mut self, command: &str, fields: &[(String, String)], now: DateTime<Utc>) -> Value {
        let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim().to_string());
        let (Some(login), Some(password)) = (field("login"), field("psw")) else {
            return GatewayCode::BadParameters.answer("parameters error");
        };
        let recent = self.failures.entry(login.clone()).or_default();
        recent.retain(|at| now - *at < BLOCK_WINDOW);
        if recent.len() >= BLOCK_AFTER {
            return GatewayCode::AddressBlocked.answer("authorise error, IP is blocked for frequent errors");
        }
        let Some(index) = self.accounts.iter().position(|a| {
            a.login == login && (a.password == password || a.additional_password.as_deref() == Some(password.as_str()))
        }) else {
            recent.push(now);
            return GatewayCode::WrongCredentials.answer("authorise error");
        };
        match command {
            "balance" => {
                let account = &self.accounts[index];
                let mut answer = json!({ "balance": money(account.balance) });
                if field("cur").as_deref() == Some("1") {
                    answer["currency"] = json!("RUB");
                }
                answer
            }
            "send" => self.send(index, &field, now),
            "status" => {
                let id: Option<u64> = field("id").and_then(|id| id.parse().ok());
                match self.messages.iter().find(|m| Some(m.id) == id && m.login == login) {
                    Some(message) => json!({ "status": 1, "last_timestamp": message.at.timestamp() }),
                    None => GatewayCode::BadParameters.answer("message not found"),
                }
            }
            _ => GatewayCode::BadParameters.answer("unknown command"),
        }
    }

    fn send(&mut self, index: usize, field: &dyn Fn(&str) -> Option<String>, now: DateTime<Utc>) -> Value {
        let (Some(phones), Some(text)) = (field("phones"), field("mes")) else {
            return GatewayCode::BadParameters.answer("parameters error");
        };
        let list: Vec<&str> = phones.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()).collect();
        if text.is_empty() || list.is_empty() {
            return GatewayCode::BadParameters.answer("parameters error");
        }
        if !list.iter().all(|phone| is_phone(phone)) {
            return GatewayCode::PhoneFormat.answer("invalid number");
        }
        let sender = field("sender").unwrap_or_default();
        let account = &self.accounts[index];
        if !sender.is_empty() && !account.senders.contains(&sender) {
            return GatewayCode::MessageRefused.answer("message is denied");
        }
        let parts = count(&text).parts;
        let cost = PART_PRICE * Decimal::from(parts) * Decimal::from(list.len());
        if field("cost").as_deref() == Some("1") {
            return json!({ "cost": money(cost), "cnt": parts });
        }
        if account.balance < cost {
            return GatewayCode::NoMoney.answer("no money");
        }
        let login = account.login.clone();
        let twice = self
            .messages
            .iter()
            .any(|m| m.login == login && m.phones == phones && m.text == text && now - m.at < DUPLICATE_WINDOW);
        if twice {
            return GatewayCode::Duplicate.answer("duplicate request, wait a minute");
        }
        let account = &mut self.accounts[index];
        account.balance -= cost;
        let balance = account.balance;
        let id = self.messages.iter().map(|m| m.id).max().unwrap_or(0) + 1;
        self.messages.push(Message { id, login, phones, text, sender, parts, cost, at: now });
        json!({ "id": id, "cnt": parts, "cost": money(cost), "balance": money(balance) })
    }
}
