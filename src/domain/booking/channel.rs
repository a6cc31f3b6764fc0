//! The channel of one connection (seed 004): activated with both consents,
//! the services ticked, the channel's own prices, published, and the traffic
//! permission. What the partner should show follows from them; what it was
//! last told is kept beside, and the calls that take the one to the other are
//! planned again at every change and every retry, so no change is lost when
//! a call fails.

use super::prices::PriceBook;
use super::services::OwnService;
use super::sync::{call_for, ServiceCall};
use super::wire::{self, Consent, PartnerRequest};
use super::Published;
use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The versions of the two texts the account accepts; a new version asks again.
pub const DECLARATION_VERSION: &str = "2026-09";
pub const TERMS_VERSION: &str = "3.1";
/// Where the partner is told of an activation and of each newly published
/// service, for its own work behind the channel.
pub const PARTNER_EMAIL: &str = "channels@premium-organizer.example";

/// One of the two texts the channel asks to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentText {
    Declaration,
    Terms,
}

/// What the owner ticked when activating: the version of each text accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub declaration: Option<String>,
    pub terms: Option<String>,
}

impl Acceptance {
    /// The first text not accepted in its current version.
    pub fn missing(&self) -> Option<ConsentText> {
        if self.declaration.as_deref() != Some(DECLARATION_VERSION) {
            return Some(ConsentText::Declaration);
        }
        (self.terms.as_deref() != Some(TERMS_VERSION)).then_some(ConsentText::Terms)
    }
}

/// What the partner was last told of (a merchant, and its services as sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Told {
    pub merchant: bool,
    pub services: BTreeMap<String, Published>,
}

/// The last call about one service (or the merchant), as its row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    pub at: DateTime<Utc>,
    /// `POST`, `PATCH price,durationSec`, `DELETE`.
    pub call: String,
    /// The partner's message (or the network's) when it failed.
    pub error: Option<String>,
    /// Failures in a row; the next try waits the longer.
    pub failures: u32,
    pub retry_at: Option<DateTime<Utc>>,
}

/// The longest a failed call waits before it is tried again.
pub const MAX_BACKOFF: TimeDelta = TimeDelta::hours(1);

/// How long after the `failures`-th failure in a row the call is tried again:
/// a minute, doubling, an hour at most.
pub fn backoff(failures: u32) -> TimeDelta {
    let minutes = 1_i64 << failures.saturating_sub(1).min(6);
    TimeDelta::minutes(minutes).min(MAX_BACKOFF)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub consent: Option<Consent>,
    pub ticked: BTreeSet<String>,
    /// Channel prices set apart from the account's own, by service.
    pub prices: PriceBook,
    pub published: bool,
    pub traffic: bool,
    pub told: Told,
    pub sync: BTreeMap<String, SyncState>,
    pub merchant_sync: Option<SyncState>,
    /// Services the partner was e-mailed about.
    pub announced: BTreeSet<String>,
}

impl Default for Channel {
    fn default() -> Self {
        Channel {
            consent: None,
            ticked: BTreeSet::new(),
            prices: PriceBook::default(),
            published: false,
            traffic: true,
            told: Told::default(),
            sync: BTreeMap::new(),
            merchant_sync: None,
            announced: BTreeSet::new(),
        }
    }
}

/// One call of a plan, and what it changes once the partner took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    CreateMerchant,
    DeleteMerchant,
    Service { id: String, call: ServiceCall, after: Option<Published> },
}

impl Step {
    /// The row this step's outcome is shown on; `None`: the merchant's.
    pub fn service(&self) -> Option<&str> {
        match self {
            Step::Service { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The call itself; a merchant is created with the consent it was activated with.
    pub fn request(&self, partner: &str, merchant: &str, name: &str, consent: &Consent) -> PartnerRequest {
        match self {
            Step::CreateMerchant => wire::create_merchant(partner, merchant, name, consent),
            Step::DeleteMerchant => wire::delete_merchant(partner, merchant),
            Step::Service { id, call, after } => wire::service_request(partner, merchant, id, call, after.as_ref()),
        }
    }

    /// How the call is named on its row.
    pub fn describe(&self) -> String {
        match self {
            Step::CreateMerchant | Step::Service { call: ServiceCall::Create, .. } => "POST".into(),
            Step::DeleteMerchant | Step::Service { call: ServiceCall::Delete, .. } => "DELETE".into(),
            Step::Service { call: ServiceCall::Patch { fields }, .. } => {
                format!("PATCH {}", ServiceCall::mask(fields))
            }
        }
    }

    /// Whether the partner's refusal `code` means it already is as this step wants:
    /// created before (409) or gone already (404).
    pub fn already_done(&self, code: u16) -> bool {
        match self {
            Step::CreateMerchant | Step::Service { call: ServiceCall::Create, .. } => code == 409,
            Step::DeleteMerchant | Step::Service { call: ServiceCall::Delete, .. } => code == 404,
            Step::Service { .. } => false,
        }
    }
}

impl Channel {
    pub fn is_active(&self) -> bool {
        self.consent.is_some()
    }

    /// Whether the partner should show the merchant: activated, published,
    /// and the traffic permission on.
    pub fn is_live(&self) -> bool {
        self.is_active() && self.published && self.traffic
    }

    /// The price the channel sells `service` at.
    pub fn price_of(&self, service: &OwnService) -> Decimal {
        self.prices.prices.get(&service.id).copied().unwrap_or(service.price)
    }

    /// The rows `ids` of `services`, each at the price it sells at now: what a bulk edit changes.
    pub fn chosen_prices(&self, services: &[OwnService], ids: &BTreeSet<String>) -> BTreeMap<String, Decimal> {
        services.iter().filter(|s| ids.contains(&s.id)).map(|s| (s.id.clone(), self.price_of(s))).collect()
    }

    /// What the partner should show of each service ticked (nothing while not live).
    pub fn wanted(&self, services: &[OwnService]) -> BTreeMap<String, Published> {
        if !self.is_live() {
            return BTreeMap::new();
        }
        services
            .iter()
            .filter(|service| self.ticked.contains(&service.id))
            .map(|service| {
                let published = Published {
                    name: service.name.clone(),
                    duration_min: service.duration_min,
                    price: self.price_of(service),
                };
                (service.id.clone(), published)
            })
            .collect()
    }

    /// The calls that take the partner from what it was told to what is
    /// wanted: the merchant first (created, or deleted and nothing after it,
    /// since its services are hidden with it), then each service's.
    pub fn plan(&self, services: &[OwnService]) -> Vec<Step> {
        let live = self.is_live();
        if !live {
            return if self.told.merchant { vec![Step::DeleteMerchant] } else { Vec::new() };
        }
        let mut steps = Vec::new();
        if !self.told.merchant {
            steps.push(Step::CreateMerchant);
        }
        let wanted = self.wanted(services);
        let ids: BTreeSet<&String> = wanted.keys().chain(self.told.services.keys()).collect();
        for id in ids {
            let after = wanted.get(id);
            if let Some(call) = call_for(self.told.services.get(id), after) {
                steps.push(Step::Service { id: id.clone(), call, after: after.cloned() });
            }
        }
        steps
    }

    /// Whether a step about this row may be tried at `now` by the timer (not
    /// waiting out a failure's backoff).
    pub fn is_due(&self, step: &Step, now: DateTime<Utc>) -> bool {
        let state = match step.service() {
            Some(id) => self.sync.get(id),
            None => self.merchant_sync.as_ref(),
        };
        state.and_then(|state| state.retry_at).is_none_or(|at| at <= now)
    }

    /// The partner took `step` (or already was as it wants).
    pub fn succeeded(&mut self, step: &Step, at: DateTime<Utc>) {
        let state = SyncState { at, call: step.describe(), error: None, failures: 0, retry_at: None };
        match step {
            Step::CreateMerchant => {
                self.told.merchant = true;
                self.merchant_sync = Some(state);
            }
            Step::DeleteMerchant => {
                self.told.merchant = false;
                self.merchant_sync = Some(state);
            }
            Step::Service { id, after, .. } => {
                match after {
                    Some(after) => self.told.services.insert(id.clone(), after.clone()),
                    None => self.told.services.remove(id),
                };
                self.sync.insert(id.clone(), state);
            }
        }
    }

    /// `step` failed with `error`: said on its row, tried again after the backoff.
    pub fn failed(&mut self, step: &Step, error: String, at: DateTime<Utc>) {
        let slot = match step.service() {
            Some(id) => self.sync.entry(id.to_string()).or_insert_with(|| blank(at)),
            None => self.merchant_sync.get_or_insert_with(|| blank(at)),
        };
        let failures = if slot.error.is_some() { slot.failures + 1 } else { 1 };
        *slot = SyncState {
            at,
            call: step.describe(),
            error: Some(error),
            failures,
            retry_at: Some(at + backoff(failures)),
        };
    }

    /// Forgets a service's row once the partner no longer shows it and it is gone.
    pub fn forget(&mut self, id: &str) {
        self.ticked.remove(id);
        self.prices.prices.remove(id);
    }
}

fn blank(at: DateTime<Utc>) -> SyncState {
    SyncState { at, call: String::new(), error: None, failures: 0, retry_at: None }
}

/// The rows the partner shows and was e-mailed about: a service newly
/// created on the partner's side is announced once.
pub fn to_announce(channel: &Channel) -> Vec<String> {
    channel.told.services.keys().filter(|id| !channel.announced.contains(*id)).cloned().collect()
}
