//! One connection of a module: its own subscription, billed on its own.

use super::calendar::{day_start, notice_date};
use crate::domain::{ConnectionId, ModuleCode, Section};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    /// A free module, or one paid on the service side: nothing is charged here.
    Unbilled,
    /// In the free trial; the first charge is due when it ends.
    Trial,
    /// Paid for the current month; the next charge is due on `due_on`.
    Paid,
    /// A charge the balance could not cover; waits for a top-up.
    Frozen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub id: ConnectionId,
    pub module: ModuleCode,
    /// The module's section when it was activated: exclusive sections allow one module.
    pub section: Section,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub status: Status,
    /// The day of month charges fall on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_day: Option<u32>,
    /// The account-local day of the next charge; for a trial, the day it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_at: Option<DateTime<Utc>>,
    /// The notice of the charge due on `due_on` has gone out.
    #[serde(default)]
    pub noticed: bool,
    /// The monthly price the owner was last told (at activation, then by
    /// each notice): no charge exceeds it, so a raise applies from the
    /// charge after the notice that announced it, and a cut at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
}

impl Connection {
    /// Trial and paid connections have a charge ahead of them.
    pub fn is_billed(&self) -> bool {
        matches!(self.status, Status::Trial | Status::Paid)
    }

    /// What its next charge costs when the module costs `current` now: no more than it was told.
    pub fn charge(&self, current: Decimal) -> Decimal {
        self.price.map_or(current, |told| told.min(current))
    }

    /// When the next charge is due, in UTC.
    pub fn due_at(&self, tz: Tz) -> Option<DateTime<Utc>> {
        self.due_on.filter(|_| self.is_billed()).map(|due| day_start(due, tz))
    }

    /// When the notice of the next charge is due, while it has not gone out.
    pub fn notice_at(&self, tz: Tz) -> Option<DateTime<Utc>> {
        self.due_on.filter(|_| self.is_billed() && !self.noticed).map(|due| day_start(notice_date(due), tz))
    }
}

pub const MAX_NAME_CHARS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than {MAX_NAME_CHARS} characters")]
    TooLong,
}

/// A connection's name as the user typed it, trimmed; empty or over-long names are refused.
pub fn connection_name(input: &str) -> Result<String, NameError> {
    let name = input.trim();
    if name.is_empty() {
        Err(NameError::Empty)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(NameError::TooLong)
    } else {
        Ok(name.to_string())
    }
}

/// The name a new connection gets: the module's name, then "Name 2", "Name 3"…
pub fn default_name<'a>(module_name: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let base: String = module_name.trim().chars().take(MAX_NAME_CHARS - 4).collect();
    // One pass over the names: linear in the number of connections.
    let taken: std::collections::HashSet<&str> = taken.collect();
    (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base} {n}") })
        .find(|candidate| !taken.contains(candidate.as_str()))
        .unwrap_or(base)
}
