//! A top-up amount as the user types it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The most a single demo payment may add.
pub const MAX_TOP_UP: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AmountError {
    #[error("not a number")]
    NotANumber,
    #[error("more than two decimals")]
    TooPrecise,
    #[error("not positive")]
    NotPositive,
    #[error("more than the maximum")]
    TooLarge,
}

/// A top-up as typed: rubles (see `parse_rubles`) within the rule below.
pub fn parse_top_up(input: &str) -> Result<Decimal, AmountError> {
    let amount = parse_rubles(input)?;
    check_top_up(amount)?;
    Ok(amount)
}

/// Rubles with at most two decimals, a dot or a comma before the kopecks,
/// spaces between thousands allowed: "1 500,50", "1500.5", "300".
pub fn parse_rubles(input: &str) -> Result<Decimal, AmountError> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '₽')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let well_formed = !cleaned.is_empty()
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && cleaned.matches('.').count() <= 1;
    if !well_formed {
        return Err(AmountError::NotANumber);
    }
    let amount = Decimal::from_str(&cleaned).map_err(|_| AmountError::NotANumber)?;
    if amount.normalize().scale() > 2 {
        return Err(AmountError::TooPrecise);
    }
    Ok(amount)
}

/// The rule itself, for amounts that arrive already parsed.
pub fn check_top_up(amount: Decimal) -> Result<(), AmountError> {
    if amount.normalize().scale() > 2 {
        Err(AmountError::TooPrecise)
    } else if amount <= Decimal::ZERO {
        Err(AmountError::NotPositive)
    } else if amount > MAX_TOP_UP {
        Err(AmountError::TooLarge)
    } else {
        Ok(())
    }
}
