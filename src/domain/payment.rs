//! A top-up paid through the payment provider: the balance grows only once
//! the provider says the payment succeeded, and only by what was asked.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// Where a payment stands. Only `Pending` moves, once, to one of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentStatus {
    /// Sent to the provider; the payer has not finished (or we have not heard).
    Pending,
    /// Paid: the amount is on the balance.
    Succeeded,
    /// Declined, abandoned or refused by the provider: nothing was credited.
    Canceled,
}

/// What the provider says about a payment, as far as crediting goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderReport {
    pub status: ProviderStatus,
    pub amount: Decimal,
    pub currency: String,
}

/// The provider's statuses (YooKassa's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderStatus {
    Pending,
    WaitingForCapture,
    Succeeded,
    Canceled,
}

/// The currency every balance is kept in.
pub const CURRENCY: &str = "RUB";

/// What a pending payment of `asked` becomes, given the provider's report:
/// credited only when the provider took exactly that sum in roubles.
pub fn settle(asked: Decimal, report: &ProviderReport) -> Option<PaymentStatus> {
    match report.status {
        ProviderStatus::Succeeded if report.amount == asked && report.currency == CURRENCY => {
            Some(PaymentStatus::Succeeded)
        }
        // Paid, but not what was asked: never credited; an operator refunds it.
        ProviderStatus::Succeeded | ProviderStatus::Canceled => Some(PaymentStatus::Canceled),
        ProviderStatus::Pending | ProviderStatus::WaitingForCapture => None,
    }
}
