//! Sign-in attempt limits: failed attempts are counted per account (e-mail)
//! and per client address over a sliding window; past the limit every attempt
//! is refused, the right password included, until old failures age out.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a failed attempt counts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures one account may take in the window: enough for typos, too few to guess.
pub const PER_ACCOUNT: usize = 5;
/// Failures one address may make in the window, across all accounts.
pub const PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct SignInLimits {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
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
    pub fn check(&self, email: &str, address: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut wait = None;
        for (key, limit) in keys(email, address) {
            if let Some(times) = failures.get_mut(&key) {
                while times.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
                    times.pop_front();
                }
                if times.len() >= limit {
                    let until = times[times.len() - limit] + WINDOW;
                    wait = wait.max(Some(until.saturating_duration_since(now)));
                }
            }
        }
        wait.map_or(Ok(()), Err)
    }

    pub fn failed(&self, email: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, _) in keys(email, address) {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn succeeded(&self, email: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.remove(&format!("account:{email}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_account_and_per_address() {
        let limits = SignInLimits::default();
        let start = Instant::now();
        let home: Option<IpAddr> = Some("10.0.0.1".parse().unwrap());
        for _ in 0..PER_ACCOUNT {
            assert_eq!(limits.check("a@x", home, start), Ok(()));
            limits.failed("a@x", home, start);
        }
        assert_eq!(limits.check("a@x", home, start), Err(WINDOW));
        assert_eq!(limits.check("a@x", None, start + WINDOW), Ok(()), "failures age out");
        assert_eq!(limits.check("b@x", home, start), Ok(()), "another account from the same address");
        for n in 0..PER_ADDRESS - PER_ACCOUNT {
            limits.failed(&format!("user{n}@x"), home, start);
        }
        assert!(limits.check("c@x", home, start).is_err(), "the address is over its limit");
        assert_eq!(limits.check("c@x", Some("10.0.0.2".parse().unwrap()), start), Ok(()));
        limits.succeeded("a@x");
        assert_eq!(limits.check("a@x", None, start), Ok(()));
    }
}
