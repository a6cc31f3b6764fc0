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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn price_lines() {
        let monthly = |price, discounted| Pricing::Monthly { price, discounted, trial_days: None };
        assert_eq!(Pricing::Free.price_line(), PriceLine::Free);
        assert_eq!(Pricing::ServiceSide.price_line(), PriceLine::ServiceSide);
        assert_eq!(monthly(dec!(1990), None).price_line(), PriceLine::Monthly { price: dec!(1990) });
        assert_eq!(
            monthly(dec!(1990), Some(dec!(1490))).price_line(),
            PriceLine::Discounted { regular: dec!(1990), price: dec!(1490) }
        );
        // A "discount" that is not lower is no discount: the regular price stands.
        assert_eq!(monthly(dec!(1990), Some(dec!(1990))).price_line(), PriceLine::Monthly { price: dec!(1990) });
    }

    #[test]
    fn only_monthly_pricing_has_a_trial() {
        let trial = |trial_days| Pricing::Monthly { price: dec!(900), discounted: None, trial_days };
        assert_eq!(trial(Some(14)).trial_days(), Some(14));
        assert_eq!(trial(Some(0)).trial_days(), None);
        assert_eq!(trial(None).trial_days(), None);
        assert_eq!(Pricing::ServiceSide.trial_days(), None);
        assert_eq!(Pricing::Free.trial_days(), None);
    }

    #[test]
    fn serde_shape() {
        let json = r#"{"monthly":{"price":"1990.00","discounted":"1490","trial_days":7}}"#;
        let pricing: Pricing = serde_json::from_str(json).unwrap();
        assert_eq!(pricing.price_line(), PriceLine::Discounted { regular: dec!(1990), price: dec!(1490) });
        assert_eq!(serde_json::from_str::<Pricing>(r#""service_side""#).unwrap(), Pricing::ServiceSide);
        assert_eq!(serde_json::from_str::<Pricing>(r#""free""#).unwrap(), Pricing::Free);
    }
}
