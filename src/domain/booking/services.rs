//! The account's own services (a clinic's examinations): what the channel
//! publishes, each with its names in both languages, its length and price.

use super::prices::{MAX_PRICE, MIN_PRICE};
use crate::domain::billing::amount::parse_rubles;
use crate::domain::lang::Localized;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 100;
/// A service lasts from five minutes to twelve hours.
pub const DURATIONS: std::ops::RangeInclusive<u32> = 5..=720;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnService {
    pub id: String,
    pub name: Localized<String>,
    pub duration_min: u32,
    /// The account's own price; the channel may sell at another.
    pub price: Decimal,
}

/// A service as its form holds it: numbers are text until they are numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceInput {
    pub name_ru: String,
    pub name_en: String,
    pub duration_min: String,
    pub price: String,
}

/// A field of the service form that cannot be kept as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "field")]
pub enum ServiceProblem {
    #[error("Russian name: empty or longer than 100")]
    NameRu,
    #[error("English name: empty or longer than 100")]
    NameEn,
    #[error("duration: whole minutes from 5 to 720")]
    Duration,
    #[error("price: from 1 to 10,000,000 rubles, kopecks at most")]
    Price,
}

fn name_ok(name: &str) -> bool {
    !name.trim().is_empty() && name.trim().chars().count() <= MAX_NAME
}

pub fn parse_duration(typed: &str) -> Option<u32> {
    typed.trim().parse().ok().filter(|minutes| DURATIONS.contains(minutes))
}

/// A price in rubles as `parse_rubles` reads it, within the channel's bounds.
pub fn parse_price(typed: &str) -> Option<Decimal> {
    parse_rubles(typed).ok().filter(|price| (MIN_PRICE..=MAX_PRICE).contains(price))
}

impl ServiceInput {
    /// Every problem of the form as typed, in the form's order.
    pub fn problems(&self) -> Vec<ServiceProblem> {
        [
            (!name_ok(&self.name_ru)).then_some(ServiceProblem::NameRu),
            (!name_ok(&self.name_en)).then_some(ServiceProblem::NameEn),
            parse_duration(&self.duration_min).is_none().then_some(ServiceProblem::Duration),
            parse_price(&self.price).is_none().then_some(ServiceProblem::Price),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The service `id` as typed, or the first problem.
    pub fn service(&self, id: String) -> Result<OwnService, ServiceProblem> {
        if let Some(problem) = self.problems().into_iter().next() {
            return Err(problem);
        }
        Ok(OwnService {
            id,
            name: Localized { ru: self.name_ru.trim().into(), en: self.name_en.trim().into() },
            duration_min: parse_duration(&self.duration_min).unwrap_or_default(),
            price: parse_price(&self.price).unwrap_or_default(),
        })
    }
}
