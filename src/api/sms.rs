//! The SMS service's settings screen (seed 003).

use super::ApiError;
use crate::domain::sms::gateway::Balance;
use crate::domain::sms::{LoyaltyProgramme, PasswordKind, SmsCount, SmsEvent, SmsSettings};
use crate::domain::{ConnectionId, Lang};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The service's settings as its owner sees them: never the password, only
/// whether one is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsView {
    pub connection: ConnectionId,
    pub connection_name: String,
    pub frozen: bool,
    pub settings: SmsSettings,
    pub password_saved: bool,
    pub programme: LoyaltyProgramme,
    pub log_enabled: bool,
}

/// How the service reaches its gateway account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayInput {
    pub gateway_url: String,
    pub login: String,
    pub password_kind: PasswordKind,
    /// A new password; `None` keeps the saved one.
    pub password: Option<String>,
    pub sender: String,
}

/// A test message the gateway took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestSms {
    pub phone: String,
    /// The text as sent, the sender name in it.
    pub message: String,
    /// The service's own count of it.
    pub count: SmsCount,
    /// The parts the gateway charged.
    pub parts: u32,
    pub cost: Decimal,
    pub balance: Decimal,
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "sms_service", input = Json))]
pub async fn sms_service(connection: ConnectionId) -> Result<SmsView, ApiError> {
    run!(sms::sms_service(&connection))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "save_sms_gateway", input = Json))]
pub async fn save_sms_gateway(connection: ConnectionId, gateway: GatewayInput) -> Result<SmsView, ApiError> {
    run!(sms::save_sms_gateway(&connection, gateway))
}

/// The global switch and the events' switches.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "set_sms_switches", input = Json))]
pub async fn set_sms_switches(
    connection: ConnectionId,
    enabled: bool,
    events: BTreeMap<SmsEvent, bool>,
) -> Result<SmsView, ApiError> {
    run!(sms::set_sms_switches(&connection, enabled, events))
}

/// The account's loyalty programme, which the events depend on.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "save_loyalty_programme", input = Json))]
pub async fn save_loyalty_programme(
    connection: ConnectionId,
    programme: LoyaltyProgramme,
) -> Result<SmsView, ApiError> {
    run!(sms::save_loyalty_programme(&connection, programme))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "check_sms_balance", input = Json))]
pub async fn check_sms_balance(connection: ConnectionId) -> Result<Balance, ApiError> {
    run!(sms::check_sms_balance(&connection))
}

/// Sends the test message, in `lang`, to `phone` as typed.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "send_test_sms", input = Json))]
pub async fn send_test_sms(connection: ConnectionId, phone: String, lang: Lang) -> Result<TestSms, ApiError> {
    run!(sms::send_test_sms(&connection, &phone, lang))
}
