//! The booking channel (seed 004, `BUILTINS.md` §C): the account's services
//! published on a booking partner's channel at channel prices, kept in step
//! with the partner automatically.

pub mod prices;
pub mod services;
pub mod sync;
pub mod wire;

use crate::domain::lang::Localized;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use services::ServiceProblem;

/// Why the booking channel did not do what was asked; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum BookingRefusal {
    #[error("{0}")]
    Invalid(ServiceProblem),
}

/// A service as the partner shows it: its names, its length and the channel's price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub name: Localized<String>,
    pub duration_min: u32,
    pub price: Decimal,
}
