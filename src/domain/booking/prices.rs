//! The bulk price editor: the channel's prices of the rows chosen set at
//! once, raised or lowered by a percentage or an amount, rounded to whole
//! rubles if asked; never below 1 ₽; the last change can be undone.

use crate::domain::money::to_kopecks;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The least a channel price may be.
pub const MIN_PRICE: Decimal = Decimal::ONE;
/// The most: a price beyond it is a typing mistake.
pub const MAX_PRICE: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);

/// What one bulk edit does to each price chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum PriceChange {
    /// This price.
    Set(Decimal),
    /// Raised (or, negative, lowered) by this many per cent.
    Percent(Decimal),
    /// Raised (or, negative, lowered) by this amount.
    Amount(Decimal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkEdit {
    pub change: PriceChange,
    /// Rounded to whole rubles (half up) after the change.
    pub round: bool,
}

/// Why a bulk edit as typed cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum PriceProblem {
    #[error("set, percent or amount")]
    Kind,
    #[error("not a number")]
    NotANumber,
    #[error("a price from 1 to 10,000,000 rubles")]
    OutOfRange,
    #[error("a percentage from -99 to 1000")]
    Percent,
    #[error("no row chosen")]
    NothingChosen,
}

impl BulkEdit {
    /// The price `price` becomes: never below `MIN_PRICE`, kopecks at most.
    pub fn applied(&self, price: Decimal) -> Decimal {
        let changed = match self.change {
            PriceChange::Set(to) => to,
            PriceChange::Percent(percent) => price * (Decimal::ONE_HUNDRED + percent) / Decimal::ONE_HUNDRED,
            PriceChange::Amount(by) => price + by,
        };
        let changed = match self.round {
            true => changed.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
            false => to_kopecks(changed),
        };
        changed.clamp(MIN_PRICE, MAX_PRICE)
    }

    /// `prices` with the rows in `chosen` changed: what the preview shows and what is applied.
    pub fn preview(&self, prices: &BTreeMap<String, Decimal>, chosen: &BTreeSet<String>) -> BTreeMap<String, Decimal> {
        prices
            .iter()
            .map(|(id, price)| (id.clone(), if chosen.contains(id) { self.applied(*price) } else { *price }))
            .collect()
    }
}

/// A change as the editor's field holds it: `kind` is `set`, `percent` or
/// `amount`; decimals with `.` or `,`.
pub fn parse_change(kind: &str, typed: &str) -> Result<PriceChange, PriceProblem> {
    let number: Decimal =
        typed.trim().replace(',', ".").replace(' ', "").parse().map_err(|_| PriceProblem::NotANumber)?;
    match kind {
        "set" if (MIN_PRICE..=MAX_PRICE).contains(&number) => Ok(PriceChange::Set(number)),
        "set" => Err(PriceProblem::OutOfRange),
        "percent" if (Decimal::from(-99)..=Decimal::from(1000)).contains(&number) => Ok(PriceChange::Percent(number)),
        "percent" => Err(PriceProblem::Percent),
        "amount" if number.abs() <= MAX_PRICE => Ok(PriceChange::Amount(number)),
        "amount" => Err(PriceProblem::OutOfRange),
        _ => Err(PriceProblem::Kind),
    }
}

/// The channel's prices set apart from the account's own (a service without
/// one sells at its own price), and those before the last bulk edit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceBook {
    pub prices: BTreeMap<String, Decimal>,
    /// Before the last bulk edit; `None` once undone or before any.
    pub previous: Option<BTreeMap<String, Decimal>>,
}

impl PriceBook {
    /// Applies `edit` to the rows `chosen`, each at the price it sells at
    /// now; the prices before can be had back once.
    pub fn apply(&mut self, edit: &BulkEdit, chosen: &BTreeMap<String, Decimal>) -> Result<(), PriceProblem> {
        if chosen.is_empty() {
            return Err(PriceProblem::NothingChosen);
        }
        let before = self.prices.clone();
        for (id, price) in chosen {
            self.prices.insert(id.clone(), edit.applied(*price));
        }
        self.previous = Some(before);
        Ok(())
    }

    /// Takes the last bulk edit back; `false` when there is none to take back.
    pub fn undo(&mut self) -> bool {
        match self.previous.take() {
            Some(previous) => {
                self.prices = previous;
                true
            }
            None => false,
        }
    }
}
