//! Lifecycle callbacks to modules (`MODULE-API.md` §3): whenever a
//! connection's state changes, its module's `actions.activity` is told, and a
//! failed delivery is tried again later, never holding billing up.

use super::billing::{Connection, Status};
use super::ConnectionId;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// What happened to the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Event {
    Activated,
    Deactivated,
    /// Frozen for a charge the balance could not cover.
    Frozen,
    /// Unfrozen by a top-up.
    Unfrozen,
    /// Sent by the partner from the delivery log: the state as it is.
    Test,
}

/// The `activity` a module reads: it treats a connection as working only
/// when `active && !freeze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub active: bool,
    pub freeze: bool,
}

impl Activity {
    /// A connection's activity as it stands; none once it is gone.
    pub fn of(connection: Option<&Connection>) -> Activity {
        match connection {
            Some(connection) => Activity { active: true, freeze: connection.status == Status::Frozen },
            None => Activity { active: false, freeze: false },
        }
    }
}

/// The events between two states of an account's connections, each with the
/// activity after it.
pub fn transitions<'a>(before: &'a [Connection], after: &'a [Connection]) -> Vec<(ConnectionId, Event, Activity)> {
    let find = |list: &'a [Connection], id: &ConnectionId| list.iter().find(|c| &c.id == id);
    let mut events = Vec::new();
    for old in before {
        let new = find(after, &old.id);
        let event = match new {
            None => Some(Event::Deactivated),
            Some(new) if old.status != Status::Frozen && new.status == Status::Frozen => Some(Event::Frozen),
            Some(new) if old.status == Status::Frozen && new.status != Status::Frozen => Some(Event::Unfrozen),
            Some(_) => None,
        };
        if let Some(event) = event {
            events.push((old.id.clone(), event, Activity::of(new)));
        }
    }
    for new in after.iter().filter(|new| find(before, &new.id).is_none()) {
        events.push((new.id.clone(), Event::Activated, Activity::of(Some(new))));
    }
    events
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt, or for the next after a failure.
    Pending,
    Delivered,
    /// Every attempt failed; the partner may redeliver it.
    Failed,
}

/// The waits after each failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h.
pub const RETRY_AFTER_MINUTES: [i64; 5] = [1, 5, 30, 120, 720];

/// When to try again after `attempts` failed ones; none once every retry is used.
pub fn next_attempt(attempts: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let wait = RETRY_AFTER_MINUTES.get(attempts.checked_sub(1)? as usize)?;
    Some(now + TimeDelta::minutes(*wait))
}

/// Whether a module's answer means it took the callback: any 2xx whose body,
/// when JSON with `success`, does not say `false`.
pub fn accepted(status: u16, body: &str) -> bool {
    let says_false = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|value| value.get("success").and_then(serde_json::Value::as_bool))
        == Some(false);
    (200..300).contains(&status) && !says_false
}

/// The first characters of an answer kept in the log.
pub const EXCERPT_CHARS: usize = 200;

pub fn excerpt(body: &str) -> String {
    body.chars().take(EXCERPT_CHARS).collect()
}
