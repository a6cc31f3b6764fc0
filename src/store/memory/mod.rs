//! The store in memory: the offline preview's, kept in the browser by a
//! `Keeper`, and the native tests'. A transaction works on its own copy of the
//! state (copied on its first write) and replaces the store's on commit, so a
//! refused change leaves nothing behind, as a SQL rollback does.

mod account_services;
mod accounts;
mod api_keys;
mod builtins;
mod generated;
mod listings;
mod payments;
mod people;
mod reviews;
mod search_terms;
mod second_factors;

use super::{
    ApiCallRecord, ApiKeyRecord, ApplicationRecord, BuiltinSettings, Challenge, Delivery, IntegrationRecord, Letter,
    Module, ModuleSecret, Payment, Result, SecondFactor, SessionTimes, Store, StoreError, Submission, UserRecord,
};
use crate::api::types::MailView;
use crate::domain::billing::{Ledger, Operation};
use crate::domain::sms::LoyaltyProgramme;
use crate::domain::submission::ListingDraft;
use crate::domain::{
    Account, AccountId, ApiKeyId, ApplicationId, ConnectionId, Email, IdempotencyKey, ListingId, ModuleCode, PaymentId,
};
use chrono::{DateTime, Utc};
pub use generated::WithoutGenerated;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Everything the store holds, table by table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    accounts: BTreeMap<AccountId, AccountEntry>,
    users: BTreeMap<Email, UserRecord>,
    /// By the SHA-256 of their token.
    sessions: BTreeMap<String, SessionEntry>,
    modules: BTreeMap<ModuleCode, ModuleEntry>,
    submissions: BTreeMap<ListingId, SubmissionEntry>,
    applications: BTreeMap<ApplicationId, ApplicationRecord>,
    /// By the SHA-256 of their token.
    invitations: BTreeMap<String, InvitationEntry>,
    /// Approval letters' one-time links: the preview sends no mail, so its
    /// outbox is the demo's mailbox and keeps them.
    #[serde(default)]
    links: BTreeMap<ApplicationId, String>,
    /// Letters to one person: the preview sends none, it only keeps them.
    #[serde(default)]
    letters: Vec<Letter>,
    /// Top-ups paid through a provider (the preview has none; the tests do).
    #[serde(default)]
    payments: BTreeMap<PaymentId, Payment>,
    #[serde(default)]
    second_factors: BTreeMap<Email, SecondFactor>,
    /// By user: each recovery code's hash, and whether it was used.
    #[serde(default)]
    recovery_codes: BTreeMap<Email, BTreeMap<String, bool>>,
    /// By the SHA-256 of their token.
    #[serde(default)]
    challenges: BTreeMap<String, Challenge>,
    #[serde(default)]
    api_keys: BTreeMap<ApiKeyId, ApiKeyRecord>,
    /// By connection.
    #[serde(default)]
    integrations: BTreeMap<ConnectionId, IntegrationRecord>,
    /// Lifecycle callbacks, in the order they were made.
    #[serde(default)]
    deliveries: Vec<Delivery>,
    /// Built-in modules' settings, by connection.
    #[serde(default)]
    builtin_settings: BTreeMap<ConnectionId, BuiltinSettings>,
    #[serde(default)]
    loyalty_programmes: BTreeMap<AccountId, LoyaltyProgramme>,
    /// Built-ins' calls to outside systems, in the order they were made.
    #[serde(default)]
    api_calls: Vec<ApiCallRecord>,
    /// The accounts' own services, oldest first.
    #[serde(default)]
    account_services: BTreeMap<AccountId, Vec<crate::domain::booking::services::OwnService>>,
    /// By term.
    #[serde(default)]
    synonyms: BTreeMap<String, crate::domain::search::synonyms::Synonym>,
    /// By query, then account: how many times, and when last.
    #[serde(default)]
    missed_queries: BTreeMap<String, BTreeMap<AccountId, (u32, DateTime<Utc>)>>,
    #[serde(default)]
    reviews: BTreeMap<crate::domain::ReviewId, crate::domain::review::Review>,
    /// The accounts that marked each review helpful.
    #[serde(default)]
    helpful: BTreeMap<crate::domain::ReviewId, std::collections::BTreeSet<AccountId>>,
    #[serde(default)]
    reports: BTreeMap<crate::domain::ReportId, crate::domain::review::report::Report>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct AccountEntry {
    account: Account,
    ledger: Ledger,
    history: Vec<Operation>,
    outbox: Vec<MailView>,
    /// The requests run under each idempotency key, and when.
    #[serde(default)]
    requests: BTreeMap<IdempotencyKey, (String, DateTime<Utc>)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionEntry {
    email: Email,
    times: SessionTimes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Expiring {
    email: Email,
    expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ModuleEntry {
    module: Module,
    draft: Option<ListingDraft>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SubmissionEntry {
    submission: Submission,
    secret: Option<ModuleSecret>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct InvitationEntry {
    link: Expiring,
    used: bool,
}

/// Where a store's state outlives the page: the preview's localStorage.
pub trait Keeper {
    /// The revision of the kept state, which changes with every commit (of
    /// this page, or of another app's page in the same browser).
    fn revision(&self) -> Option<u64>;
    fn load(&self) -> Option<(u64, State)>;
    fn keep(&self, revision: u64, state: &State) -> Result<()>;
}

/// One keeper shared by several stores (the pages of one browser, in tests).
impl<K: Keeper + ?Sized> Keeper for Rc<K> {
    fn revision(&self) -> Option<u64> {
        (**self).revision()
    }

    fn load(&self) -> Option<(u64, State)> {
        (**self).load()
    }

    fn keep(&self, revision: u64, state: &State) -> Result<()> {
        (**self).keep(revision, state)
    }
}

#[derive(Clone, Default)]
pub struct MemoryStore {
    shared: Rc<RefCell<Shared>>,
}

#[derive(Default)]
struct Shared {
    state: Rc<State>,
    revision: u64,
    keeper: Option<Rc<dyn Keeper>>,
}

impl MemoryStore {
    /// A store kept by `keeper`, starting from what it kept.
    pub fn kept_by(keeper: Rc<dyn Keeper>) -> MemoryStore {
        let (revision, state) = keeper.load().unwrap_or_default();
        let shared = Shared { state: Rc::new(state), revision, keeper: Some(keeper) };
        MemoryStore { shared: Rc::new(RefCell::new(shared)) }
    }

    /// The state as of now, reloaded first when another page committed since.
    fn snapshot(&self) -> (Rc<State>, u64) {
        let mut shared = self.shared.borrow_mut();
        if let Some(keeper) = shared.keeper.clone() {
            if keeper.revision().is_some_and(|kept| kept != shared.revision) {
                if let Some((revision, state)) = keeper.load() {
                    shared.revision = revision;
                    shared.state = Rc::new(state);
                }
            }
        }
        (shared.state.clone(), shared.revision)
    }

    fn begin(&self) -> MemoryTx {
        let (state, base) = self.snapshot();
        MemoryTx { store: self.clone(), state, base }
    }
}

impl Store for MemoryStore {
    type Tx = MemoryTx;

    async fn read(&self) -> Result<MemoryTx> {
        Ok(self.begin())
    }

    async fn write(&self) -> Result<MemoryTx> {
        Ok(self.begin())
    }

    fn logo_url(&self, _code: &ModuleCode, svg: &str) -> String {
        crate::domain::logo::data_url(svg)
    }
}

pub struct MemoryTx {
    store: MemoryStore,
    state: Rc<State>,
    /// The store's revision this transaction started from.
    base: u64,
}

impl MemoryTx {
    /// The state, copied on the first write so the store's stays as it was.
    fn state_mut(&mut self) -> &mut State {
        Rc::make_mut(&mut self.state)
    }
}

impl super::Tx for MemoryTx {
    async fn commit(self) -> Result<()> {
        let mut shared = self.store.shared.borrow_mut();
        if Rc::ptr_eq(&shared.state, &self.state) {
            return Ok(());
        }
        if shared.revision != self.base {
            return Err(StoreError::new("commit: the store changed since this transaction began"));
        }
        let revision = next_revision(shared.revision);
        if let Some(keeper) = &shared.keeper {
            keeper.keep(revision, &self.state)?;
        }
        shared.state = self.state;
        shared.revision = revision;
        Ok(())
    }
}

/// Revisions are random, so two pages' commits never share one.
fn next_revision(current: u64) -> u64 {
    use rand::RngCore;
    let next = rand::rngs::OsRng.next_u64();
    if next == current {
        next.wrapping_add(1)
    } else {
        next
    }
}
