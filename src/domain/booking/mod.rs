//! The booking channel (seed 004, `BUILTINS.md` §C): the account's services
//! published on a booking partner's channel at channel prices, kept in step
//! with the partner automatically.

pub mod channel;
pub mod prices;
pub mod services;
pub mod sync;
pub mod wire;

use crate::domain::lang::Localized;
use channel::ConsentText;
use prices::PriceProblem;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use services::ServiceProblem;

/// Where the booking partner's stand-in answers unless configured apart.
pub const DEFAULT_PARTNER_URL: &str = "http://127.0.0.1:8093";

/// Why the booking channel did not do what was asked; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum BookingRefusal {
    #[error("{0}")]
    Invalid(ServiceProblem),
    /// Activating needs both texts accepted, each in its current version.
    #[error("the {0:?} is not accepted")]
    ConsentMissing(ConsentText),
    /// Publishing needs the channel activated first.
    #[error("the channel is not activated")]
    NotActive,
    #[error("bulk price: {0}")]
    Price(PriceProblem),
    #[error("no price change to undo")]
    NothingToUndo,
    /// The connection cannot end while the partner still shows its services
    /// and could not be told to remove them (its message).
    #[error("the partner could not be told to remove the services: {0}")]
    NotWithdrawn(String),
    /// The connection waits for a top-up: nothing is sent to the partner.
    #[error("the connection is frozen")]
    Frozen,
}

/// A service as the partner shows it: its names, its length and the channel's price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub name: Localized<String>,
    pub duration_min: u32,
    pub price: Decimal,
}
