//! How a listing is priced, and the price line shown under a module's name.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Externally tagged (`"free"`, `{"monthly": {…}}`): an internally tagged enum
/// would pull serde's buffering deserializer into the wasm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pricing {
    Free,
    /// Charged monthly from the account balance, per connection.
    Monthly {
        price: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discounted: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        trial_days: Option<u16>,
    },
    /// The partner bills the customer; nothing is charged here.
    ServiceSide,
}

/// What the card shows under the module's name; the words come from locales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceLine {
    Free,
    Monthly { price: Decimal },
    Discounted { regular: Decimal, price: Decimal },
    ServiceSide,
}

impl Pricing {
    pub fn price_line(&self) -> PriceLine {
        match self {
            Pricing::Free => PriceLine::Free,
            Pricing::ServiceSide => PriceLine::ServiceSide,
            Pricing::Monthly { price, discounted: Some(d), .. } if d < price => {
                PriceLine::Discounted { regular: *price, price: *d }
            }
            Pricing::Monthly { price, .. } => PriceLine::Monthly { price: *price },
        }
    }

    pub fn trial_days(&self) -> Option<u16> {
        match self {
            Pricing::Monthly { trial_days, .. } => trial_days.filter(|d| *d > 0),
            _ => None,
        }
    }

    /// What one month of one connection costs: the discounted price when there is one.
    pub fn monthly_charge(&self) -> Option<Decimal> {
        match self.price_line() {
            PriceLine::Monthly { price } | PriceLine::Discounted { price, .. } => Some(price),
            PriceLine::Free | PriceLine::ServiceSide => None,
        }
    }

    pub fn is_free(&self) -> bool {
        matches!(self, Pricing::Free)
    }
}
