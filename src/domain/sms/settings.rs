//! An account's SMS service: how it reaches its gateway account, and what it
//! sends. The password is a secret kept apart (sealed), never in here.

use super::programme::{LoyaltyProgramme, SmsEvent};
use crate::domain::simple_connection::is_web_address;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the gateway is reached by default: the stand-in `souk-server smsc`
/// that `make run` starts. Pointing the service at the real SMSC.ru is a
/// matter of `https://smsc.ru` and the account's own login.
pub const DEFAULT_GATEWAY: &str = "http://127.0.0.1:8091";

pub const MAX_LOGIN: usize = 64;
pub const MAX_PASSWORD: usize = 128;
/// Sender names gateways approve: Latin letters, digits and a few marks.
pub const MAX_SENDER: usize = 11;

/// Which of the gateway account's passwords the service signs in with: the
/// main one, or an additional password made for API access only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordKind {
    #[default]
    Main,
    Additional,
}

/// The SMS service's settings as stored, the password aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsSettings {
    pub gateway_url: String,
    pub login: String,
    pub password_kind: PasswordKind,
    /// Added to the text of every message; empty for none.
    pub sender: String,
    /// The global switch: no message is sent while it is off.
    pub enabled: bool,
    /// The events the owner switched on (an event the programme rules out
    /// stays off whatever is kept here).
    pub events: BTreeMap<SmsEvent, bool>,
}

impl Default for SmsSettings {
    fn default() -> Self {
        SmsSettings {
            gateway_url: DEFAULT_GATEWAY.into(),
            login: String::new(),
            password_kind: PasswordKind::Main,
            sender: String::new(),
            enabled: false,
            events: SmsEvent::ALL.into_iter().map(|event| (event, true)).collect(),
        }
    }
}

impl SmsSettings {
    /// Whether `event` is sent: switched on, and possible under `programme`.
    pub fn sends(&self, event: SmsEvent, programme: &LoyaltyProgramme) -> bool {
        self.events.get(&event).copied().unwrap_or(false) && programme.rules_out(event).is_none()
    }
}

/// A field of the settings that cannot be kept as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "field", content = "problem")]
pub enum SmsProblem {
    #[error("login: {0:?}")]
    Login(TextProblem),
    #[error("password: {0:?}")]
    Password(TextProblem),
    #[error("sender name: {0:?}")]
    Sender(SenderProblem),
    #[error("gateway address is not an http(s) address")]
    GatewayUrl,
    #[error("phone: 7 and ten digits")]
    Phone,
}

/// The fields of the SMS service's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsField {
    GatewayUrl,
    Login,
    Password,
    Sender,
    Phone,
}

impl SmsProblem {
    pub fn field(&self) -> SmsField {
        match self {
            SmsProblem::Login(_) => SmsField::Login,
            SmsProblem::Password(_) => SmsField::Password,
            SmsProblem::Sender(_) => SmsField::Sender,
            SmsProblem::GatewayUrl => SmsField::GatewayUrl,
            SmsProblem::Phone => SmsField::Phone,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextProblem {
    Empty,
    TooLong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "char")]
pub enum SenderProblem {
    TooLong,
    /// The first character a gateway would refuse.
    Character(char),
}

/// Every problem of the gateway's form as typed: its address, login, sender
/// name, and password (`None`: none typed, which keeps the saved one, if any).
pub fn gateway_problems(
    url: &str,
    login: &str,
    password: Option<&str>,
    password_saved: bool,
    sender: &str,
) -> Vec<SmsProblem> {
    let password = match password {
        Some(password) => check_password(password),
        None if password_saved => Ok(()),
        None => Err(SmsProblem::Password(TextProblem::Empty)),
    };
    [check_gateway_url(url), check_login(login), password, check_sender(sender)]
        .into_iter()
        .filter_map(Result::err)
        .collect()
}

pub fn check_login(login: &str) -> Result<(), SmsProblem> {
    check_text(login.trim(), MAX_LOGIN).map_err(SmsProblem::Login)
}

/// A password typed to replace the kept one (`None` keeps it).
pub fn check_password(password: &str) -> Result<(), SmsProblem> {
    check_text(password, MAX_PASSWORD).map_err(SmsProblem::Password)
}

fn check_text(text: &str, max: usize) -> Result<(), TextProblem> {
    if text.is_empty() {
        Err(TextProblem::Empty)
    } else if text.chars().count() > max {
        Err(TextProblem::TooLong)
    } else {
        Ok(())
    }
}

/// Empty, or up to 11 Latin letters, digits, spaces, `.`, `-` and `_`.
pub fn check_sender(sender: &str) -> Result<(), SmsProblem> {
    let sender = sender.trim();
    if let Some(bad) = sender.chars().find(|c| !(c.is_ascii_alphanumeric() || " .-_".contains(*c))) {
        Err(SmsProblem::Sender(SenderProblem::Character(bad)))
    } else if sender.chars().count() > MAX_SENDER {
        Err(SmsProblem::Sender(SenderProblem::TooLong))
    } else {
        Ok(())
    }
}

pub fn check_gateway_url(url: &str) -> Result<(), SmsProblem> {
    if is_web_address(url.trim()) {
        Ok(())
    } else {
        Err(SmsProblem::GatewayUrl)
    }
}

/// A Russian mobile number as the gateway takes it (`79991234567`): spaces,
/// dashes, dots and brackets are ignored, a leading `+` or `8` accepted.
pub fn parse_phone(typed: &str) -> Result<String, SmsProblem> {
    let kept: String = typed.chars().filter(|c| !" -().".contains(*c)).collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    let digits = match digits.strip_prefix('8') {
        Some(rest) if digits.len() == 11 && !kept.starts_with('+') => format!("7{rest}"),
        _ => digits.to_string(),
    };
    if digits.len() == 11 && digits.starts_with('7') && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(SmsProblem::Phone)
    }
}
