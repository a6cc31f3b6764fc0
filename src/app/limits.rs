//! Limits on what one client may try, kept in memory (a restart forgets them).
//!
//! Failed sign-ins slow guessing down without locking anyone out: past a few
//! free failures, each key waits a delay that doubles with every further
//! failure, up to a cap. The keys are one address against one account (the
//! strictest), any address against one account (mild, so a stranger's
//! guesses cost the owner seconds, not the morning), and one address against
//! any account. An attempt is counted as a failure *before* its password is
//! checked, so a burst sent at the same moment gets the free tries only; a
//! right password takes its reservation back.
//!
//! Partner applications, which anyone may send, are counted per address over
//! a sliding hour, module API calls per key over a sliding second, and a
//! built-in's calls to its outside system per connection over a sliding
//! minute (its owner chooses where they go: Souk must not become a way to
//! flood an address). Every map evicts idle keys and holds at most `MAX_KEYS`.

use chrono::{DateTime, TimeDelta, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};

/// How many failures a key gets before delays start, and the longest delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub free: u32,
    pub cap: TimeDelta,
}

/// One address guessing one account's password.
pub const PER_PAIR: Rule = Rule { free: 3, cap: TimeDelta::minutes(15) };
/// Any addresses against one account: mild, so the owner is not locked out.
pub const PER_ACCOUNT: Rule = Rule { free: 10, cap: TimeDelta::minutes(1) };
/// One address against any accounts.
pub const PER_ADDRESS: Rule = Rule { free: 20, cap: TimeDelta::minutes(15) };
/// The first delay; each further failure doubles it.
pub const FIRST_DELAY: TimeDelta = TimeDelta::seconds(1);
/// A key with no failure for this long starts afresh.
pub const FORGET_AFTER: TimeDelta = TimeDelta::minutes(30);
/// How long a sent application counts against its address.
pub const APPLICATION_WINDOW: TimeDelta = TimeDelta::hours(1);
/// Applications one address may send in that hour.
pub const APPLICATIONS_PER_ADDRESS: usize = 5;
/// Module API calls one key may make in a second (RetailCRM's limit).
pub const MODULE_API_PER_SECOND: usize = 10;
/// Calls a built-in connection may make to its outside system in a minute.
pub const OUTSIDE_CALLS_PER_MINUTE: usize = 20;
/// The most keys a map holds; past it the idle ones go, then the oldest.
pub const MAX_KEYS: usize = 100_000;

impl Rule {
    /// The wait after `failures` failures, the last at `last`.
    fn wait(self, failures: u32, last: DateTime<Utc>, now: DateTime<Utc>) -> TimeDelta {
        if failures < self.free {
            return TimeDelta::zero();
        }
        let doublings = (failures - self.free).min(20);
        let delay = (FIRST_DELAY * 2_i32.pow(doublings)).min(self.cap);
        (last + delay - now).max(TimeDelta::zero())
    }
}

/// A map of keys to what they did, bounded: see `MAX_KEYS`.
struct Bounded<V> {
    entries: Mutex<HashMap<String, V>>,
}

impl<V> Default for Bounded<V> {
    fn default() -> Self {
        Bounded { entries: Mutex::default() }
    }
}

impl<V> Bounded<V> {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, V>> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Makes room for one more key: drops the idle ones, then, if that is not
    /// enough, the half last active longest ago.
    fn make_room(entries: &mut HashMap<String, V>, last: impl Fn(&V) -> DateTime<Utc>, now: DateTime<Utc>) {
        if entries.len() < MAX_KEYS {
            return;
        }
        entries.retain(|_, value| now - last(value) < FORGET_AFTER.max(APPLICATION_WINDOW));
        if entries.len() >= MAX_KEYS {
            let mut times: Vec<DateTime<Utc>> = entries.values().map(&last).collect();
            let (_, median, _) = times.select_nth_unstable(MAX_KEYS / 2);
            let median = *median;
            entries.retain(|_, value| last(value) > median);
        }
    }

    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// The failures of one key.
#[derive(Debug, Clone, Copy)]
struct Strikes {
    failures: u32,
    last: DateTime<Utc>,
}

/// The limits of one server (or one preview).
#[derive(Default)]
pub struct Limits {
    pub sign_in: SignInLimits,
    pub applications: ApplicationLimits,
    pub module_api: ModuleApiLimits,
    pub outside_calls: OutsideCallLimits,
}

#[derive(Default)]
pub struct SignInLimits {
    strikes: Bounded<Strikes>,
}

fn keys(email: &str, address: Option<IpAddr>) -> Vec<(String, Rule)> {
    let mut keys = vec![(format!("account:{email}"), PER_ACCOUNT)];
    if let Some(address) = address {
        keys.push((format!("pair:{address}:{email}"), PER_PAIR));
        keys.push((format!("address:{address}"), PER_ADDRESS));
    }
    keys
}

/// An attempt admitted and counted as a failure until its password proves right.
#[derive(Debug)]
#[must_use = "a right password must take its reservation back"]
pub struct Reserved {
    email: String,
    address: Option<IpAddr>,
}

impl SignInLimits {
    /// Admits an attempt and counts it as failed at once, or answers how long
    /// to wait when the account, the address or the pair must slow down.
    pub fn reserve(&self, email: &str, address: Option<IpAddr>, now: DateTime<Utc>) -> Result<Reserved, TimeDelta> {
        let mut entries = self.strikes.lock();
        let keys: Vec<(String, Rule, Option<Strikes>)> = keys(email, address)
            .into_iter()
            .map(|(key, rule)| {
                let current = entries.get(&key).copied().filter(|s| now - s.last < FORGET_AFTER);
                (key, rule, current)
            })
            .collect();
        let wait = keys
            .iter()
            .filter_map(|(_, rule, current)| current.map(|s| rule.wait(s.failures, s.last, now)))
            .max()
            .unwrap_or_default();
        if wait > TimeDelta::zero() {
            return Err(wait);
        }
        for (key, _, current) in keys {
            if !entries.contains_key(&key) {
                Bounded::make_room(&mut entries, |s: &Strikes| s.last, now);
            }
            entries.insert(key, Strikes { failures: current.map_or(0, |s| s.failures) + 1, last: now });
        }
        Ok(Reserved { email: email.to_string(), address })
    }

    /// The password was right: the account and the pair start afresh, and
    /// the address's count gives back this attempt.
    pub fn succeeded(&self, reserved: Reserved) {
        let mut entries = self.strikes.lock();
        for (key, _) in keys(&reserved.email, reserved.address) {
            if key.starts_with("address:") {
                if let Some(strikes) = entries.get_mut(&key) {
                    strikes.failures = strikes.failures.saturating_sub(1);
                }
            } else {
                entries.remove(&key);
            }
        }
    }

    /// How many keys are held: bounded by `MAX_KEYS`.
    pub fn keys_held(&self) -> usize {
        self.strikes.len()
    }
}

/// At most so many events per key in any span of time.
#[derive(Default)]
struct Sliding {
    sent: Bounded<VecDeque<DateTime<Utc>>>,
}

impl Sliding {
    /// Counts an event of `key`, or refuses it with the wait when the key has
    /// had `most` in the `span` before `now`.
    fn admit(&self, key: String, span: TimeDelta, most: usize, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        let mut entries = self.sent.lock();
        if !entries.contains_key(&key) {
            let newest = |times: &VecDeque<DateTime<Utc>>| times.back().copied().unwrap_or(DateTime::<Utc>::MIN_UTC);
            Bounded::make_room(&mut entries, newest, now);
        }
        let times = entries.entry(key).or_default();
        while times.front().is_some_and(|t| now - *t >= span) {
            times.pop_front();
        }
        if times.len() >= most {
            return Err(times[times.len() - most] + span - now);
        }
        times.push_back(now);
        Ok(())
    }
}

#[derive(Default)]
pub struct ApplicationLimits {
    sent: Sliding,
}

impl ApplicationLimits {
    /// Counts an application from `address`, or refuses it with the wait when
    /// the address has sent its share this hour.
    pub fn admit(&self, address: Option<IpAddr>, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        let Some(address) = address else { return Ok(()) };
        self.sent.admit(address.to_string(), APPLICATION_WINDOW, APPLICATIONS_PER_ADDRESS, now)
    }

    /// How many addresses are held: bounded by `MAX_KEYS`.
    pub fn keys_held(&self) -> usize {
        self.sent.sent.len()
    }
}

pub struct ModuleApiLimits {
    calls: Sliding,
    per_second: usize,
}

impl Default for ModuleApiLimits {
    fn default() -> ModuleApiLimits {
        ModuleApiLimits::allowing(MODULE_API_PER_SECOND)
    }
}

impl ModuleApiLimits {
    /// `per_second` calls a second for each key.
    pub fn allowing(per_second: usize) -> ModuleApiLimits {
        ModuleApiLimits { calls: Sliding::default(), per_second }
    }

    /// Counts a call with the key whose hash is `key_hash`, or refuses it
    /// when the key has made its share this second.
    pub fn admit(&self, key_hash: &str, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        self.calls.admit(key_hash.to_string(), TimeDelta::seconds(1), self.per_second, now)
    }
}

#[derive(Default)]
pub struct OutsideCallLimits {
    calls: Sliding,
}

impl OutsideCallLimits {
    /// Counts a call a built-in's `connection` makes to its outside system,
    /// or refuses it when the connection has made its share this minute.
    pub fn admit(&self, connection: &str, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        self.calls.admit(connection.to_string(), TimeDelta::minutes(1), OUTSIDE_CALLS_PER_MINUTE, now)
    }
}
