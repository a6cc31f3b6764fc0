//! The payment provider's JSON, as YooKassa's API v3 writes it: a payment,
//! the request that creates one, and the notification about one.

use crate::domain::payment::{ProviderReport, ProviderStatus};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A sum, its value a string with two decimals: `{"value": "100.00", "currency": "RUB"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub value: String,
    pub currency: String,
}

impl Amount {
    pub fn rub(value: Decimal) -> Amount {
        Amount { value: format!("{:.2}", value.round_dp(2)), currency: crate::domain::payment::CURRENCY.into() }
    }
}

/// `POST /payments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatePayment {
    pub amount: Amount,
    /// Taken at once, with no second step to confirm the charge.
    pub capture: bool,
    pub confirmation: ConfirmationRequest,
    pub description: String,
    #[serde(default)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfirmationRequest {
    /// `redirect`: the payer goes to the provider's page.
    #[serde(rename = "type")]
    pub kind: String,
    pub return_url: String,
}

/// A payment, as `POST /payments`, `GET /payments/{id}` and notifications carry it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentObject {
    pub id: String,
    pub status: ProviderStatus,
    pub paid: bool,
    pub amount: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<Confirmation>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    #[serde(default)]
    pub test: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Confirmation {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
}

impl PaymentObject {
    /// What crediting needs; `None` when the amount is not a number.
    pub fn report(&self) -> Option<ProviderReport> {
        Some(ProviderReport {
            status: self.status,
            amount: self.amount.value.parse().ok()?,
            currency: self.amount.currency.clone(),
        })
    }
}

/// What the provider posts to the shop's notification address.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    /// Always `notification`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `payment.succeeded`, `payment.canceled`, `payment.waiting_for_capture`…
    pub event: String,
    pub object: NotifiedObject,
}

/// Only the id of what a notification is about is read: the rest is asked
/// of the provider, since anyone can post a notification.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotifiedObject {
    pub id: String,
}
