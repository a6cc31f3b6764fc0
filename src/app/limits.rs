//! Limits on what one client may try: failed sign-ins are counted per
//! account (e-mail) and per client address over a sliding window, and past the
//! limit every attempt is refused, the right password included, until old
//! failures age out. Partner applications, which anyone may send, are counted
//! per address the same way.

use chrono::{DateTime, TimeDelta, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// How long a failed attempt counts.
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// Failures one account may take in the window: enough for typos, too few to guess.
pub const PER_ACCOUNT: usize = 5;
/// Failures one address may make in the window, across all accounts.
pub const PER_ADDRESS: usize = 20;
/// How long a sent application counts against its address.
pub const APPLICATION_WINDOW: TimeDelta = TimeDelta::hours(1);
/// Applications one address may send in that hour.
pub const APPLICATIONS_PER_ADDRESS: usize = 5;

/// Events per key over a sliding window.
#[derive(Default)]
struct Tally {
    events: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl Tally {
    /// How long until every key is under its limit again; `None` when it already is.
    fn wait(&self, keys: &[(String, usize)], window: TimeDelta, now: DateTime<Utc>) -> Option<TimeDelta> {
        let mut events = self.events.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut wait = None;
        for (key, limit) in keys {
            if let Some(times) = events.get_mut(key) {
                while times.front().is_some_and(|t| now - *t >= window) {
                    times.pop_front();
                }
                if times.len() >= *limit {
                    let until = times[times.len() - limit] + window;
                    wait = wait.max(Some((until - now).max(TimeDelta::zero())));
                }
            }
        }
        wait
    }

    fn record(&self, keys: &[(String, usize)], now: DateTime<Utc>) {
        let mut events = self.events.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, _) in keys {
            events.entry(key.clone()).or_default().push_back(now);
        }
    }

    fn clear(&self, key: &str) {
        self.events.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(key);
    }
}

/// The limits of one server (or one preview): kept in memory, so a restart forgets them.
#[derive(Default)]
pub struct Limits {
    pub sign_in: SignInLimits,
    pub applications: ApplicationLimits,
}

#[derive(Default)]
pub struct SignInLimits {
    failures: Tally,
}

fn keys(email: &str, address: Option<IpAddr>) -> Vec<(String, usize)> {
    let mut keys = vec![(format!("account:{email}"), PER_ACCOUNT)];
    if let Some(address) = address {
        keys.push((format!("address:{address}"), PER_ADDRESS));
    }
    keys
}

impl SignInLimits {
    /// `Err(wait)` when the account or the address is over its limit.
    pub fn check(&self, email: &str, address: Option<IpAddr>, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        self.failures.wait(&keys(email, address), WINDOW, now).map_or(Ok(()), Err)
    }

    pub fn failed(&self, email: &str, address: Option<IpAddr>, now: DateTime<Utc>) {
        self.failures.record(&keys(email, address), now);
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn succeeded(&self, email: &str) {
        self.failures.clear(&format!("account:{email}"));
    }
}

#[derive(Default)]
pub struct ApplicationLimits {
    sent: Tally,
}

impl ApplicationLimits {
    /// Counts an application from `address`, or refuses it with the wait when
    /// the address has sent its share this hour.
    pub fn admit(&self, address: Option<IpAddr>, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        let Some(address) = address else { return Ok(()) };
        let keys = [(address.to_string(), APPLICATIONS_PER_ADDRESS)];
        if let Some(wait) = self.sent.wait(&keys, APPLICATION_WINDOW, now) {
            return Err(wait);
        }
        self.sent.record(&keys, now);
        Ok(())
    }
}
