//! The one storage interface the use cases (`crate::app`) run on, a trait per
//! table, and its two implementations: SQL (`sql`, the server: SQLite or
//! PostgreSQL) and in memory (`memory`, the offline preview and the native tests).
//!
//! Every read and write happens in a transaction: a use case begins one, and
//! what it wrote is kept only if it commits. Dropping it changes nothing.

mod error;
pub mod memory;
#[cfg(feature = "server")]
pub mod sql;

pub use error::{StoreError, WithContext};

use crate::api::applications::{ApplicationView, Invitation};
use crate::api::types::MailView;
use crate::domain::billing::{Connection, Effects, HistoryQuery, Ledger, Operation};
use crate::domain::booking::services::OwnService;
use crate::domain::builtin::ApiCall;
use crate::domain::delivery::{Activity, DeliveryStatus, Event};
use crate::domain::integration::IntegrationModule;
use crate::domain::payment::PaymentStatus;
use crate::domain::review::rating::Rating;
use crate::domain::review::report::{Report, Target};
use crate::domain::review::Review;
use crate::domain::search::synonyms::{MissedQuery, Synonym};
use crate::domain::sms::LoyaltyProgramme;
use crate::domain::submission::lifecycle::Lifecycle;
use crate::domain::submission::ListingDraft;
use crate::domain::{
    Account, AccountId, ApiKeyId, ApplicationId, ConnectionId, Email, IdempotencyKey, Lang, Listing, ListingId,
    ModuleCode, PaymentId, ReportId, ReviewId, Role, Scope,
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub type Result<T> = std::result::Result<T, StoreError>;

/// A slice of a list: at most `limit` items, after the first `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: u32,
    pub limit: u32,
}

impl Window {
    /// The slice of items already in order (the store in memory).
    pub fn of<T>(self, items: impl IntoIterator<Item = T>) -> Vec<T> {
        items.into_iter().skip(self.offset as usize).take(self.limit as usize).collect()
    }

    /// The slice in SQL, after an `ORDER BY`.
    pub fn sql(self) -> String {
        format!(" LIMIT {} OFFSET {}", self.limit, self.offset)
    }
}

#[allow(async_fn_in_trait)] // Send-ness is inferred where the store is concrete (the server's handlers).
pub trait Store {
    type Tx: Tx;

    /// A transaction for reading.
    async fn read(&self) -> Result<Self::Tx>;

    /// A transaction that will write: it waits for the other writers first, so
    /// what it reads is still true when it writes.
    async fn write(&self) -> Result<Self::Tx>;

    /// Where this store's copy of a module's logo can be loaded from.
    fn logo_url(&self, code: &ModuleCode, svg: &str) -> String;
}

#[allow(async_fn_in_trait)]
pub trait Tx:
    Accounts
    + Operations
    + Outbox
    + Billing
    + Users
    + Sessions
    + Modules
    + Submissions
    + Applications
    + Invitations
    + Letters
    + Payments
    + SecondFactors
    + ApiKeys
    + Integrations
    + Deliveries
    + Builtins
    + AccountServices
    + SearchTerms
    + Reviews
{
    async fn commit(self) -> Result<()>;
}

/// A user as stored: who they are and how they sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    pub email: Email,
    pub name: String,
    pub role: Role,
    /// The account an account owner works in.
    pub account: Option<AccountId>,
    /// A partner's company: the vendor of its listings.
    pub company: Option<String>,
    pub website: Option<String>,
    /// The IANA zone a user without an account reads times in; `None`: the browser's.
    #[serde(default)]
    pub timezone: Option<String>,
    /// An argon2 PHC string; empty (matching no password) until a new partner
    /// sets one through the approval letter's link.
    pub password_hash: String,
}

/// A module as the marketplace shows it, and its logo's SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    pub listing: Listing,
    pub logo: String,
}

/// A partner's working copy of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: ListingId,
    pub owner: Email,
    pub draft: ListingDraft,
    pub lifecycle: Lifecycle,
    /// The code it is live under, once published.
    pub published_code: Option<ModuleCode>,
    /// Counts every change, from 1: a moderator decides on the revision read.
    pub revision: u32,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl Submission {
    /// Marks a change: whoever read an earlier revision must read it again.
    pub fn changed(&mut self, now: DateTime<Utc>) {
        self.revision += 1;
        self.updated_at = now;
    }
}

/// The secret a module's backend signs with: shown to its partner once, kept
/// only encrypted by the SQL store.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSecret(pub String);

impl std::fmt::Debug for ModuleSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ModuleSecret(…)")
    }
}

/// An application with the language its letter is written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    pub view: ApplicationView,
    pub lang: Lang,
}

/// Which moment the billing run looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A charge (or a trial's end) has come.
    Charge,
    /// The notice of a coming charge is due.
    Notice,
}

/// An account's ledger as the billing run needs it: its balance and history
/// counter, and the connections due (the SQL store loads only those).
#[derive(Debug, Clone, PartialEq)]
pub struct DueLedger {
    pub account: AccountId,
    pub tz: Tz,
    pub ledger: Ledger,
}

/// Accounts and their ledgers: balance, connections, the trials they have had.
/// How long an idempotency key is remembered: longer than any client retries.
pub const IDEMPOTENCY_DAYS: i64 = 1;

#[allow(async_fn_in_trait)]
pub trait Accounts {
    /// The account and its balance.
    async fn account(&mut self, id: &AccountId) -> Result<Option<(Account, Decimal)>>;
    async fn insert_account(&mut self, account: &Account) -> Result<()>;
    /// Records that `request` runs under `key` for the account, in this
    /// transaction; answers the request a key already ran, if it did. Keys
    /// older than `IDEMPOTENCY_DAYS` are forgotten.
    async fn claim_request(
        &mut self,
        id: &AccountId,
        key: &IdempotencyKey,
        request: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>>;
    /// The account and its whole ledger; in a write transaction, locked
    /// until it ends, so concurrent changes to one account run one after another.
    async fn ledger(&mut self, id: &AccountId) -> Result<Option<(Account, Ledger)>>;
    /// One connection of the account, as its ledger holds it; read alone, unlocked.
    async fn connection(&mut self, account: &AccountId, id: &ConnectionId) -> Result<Option<Connection>>;
    /// Writes what changed from `before` to `after`, and the effects' history
    /// rows and notices. A history row whose key is already stored fails it all.
    async fn save_ledger(
        &mut self,
        id: &AccountId,
        tz: Tz,
        before: &Ledger,
        after: &Ledger,
        effects: &Effects,
    ) -> Result<()>;
}

/// Accounts' operations history.
#[allow(async_fn_in_trait)]
pub trait Operations {
    /// The rows `query` selects, newest first.
    async fn history(&mut self, account: &AccountId, query: &HistoryQuery) -> Result<Vec<Operation>>;
}

/// Notices of coming charges, to each account owner.
#[allow(async_fn_in_trait)]
pub trait Outbox {
    /// Newest first.
    async fn notices(&mut self, account: &AccountId, window: Window) -> Result<Vec<MailView>>;
}

/// The billing run's batches.
#[allow(async_fn_in_trait)]
pub trait Billing {
    /// Up to `limit` connections whose `due` moment is at or before `now`, in
    /// the order they came due, by account, locked until the transaction ends.
    async fn due_ledgers(&mut self, due: Due, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueLedger>>;
    /// Writes the billed ledgers: their balance and counter, the billing state
    /// of each connection they hold, and the history rows and notices.
    async fn save_billed(&mut self, billed: &[(DueLedger, Effects)]) -> Result<()>;
}

#[allow(async_fn_in_trait)]
pub trait Users {
    async fn user(&mut self, email: &Email) -> Result<Option<UserRecord>>;
    async fn insert_user(&mut self, user: &UserRecord) -> Result<()>;
    async fn set_password(&mut self, email: &Email, password_hash: &str) -> Result<()>;
    async fn set_timezone(&mut self, email: &Email, timezone: &str) -> Result<()>;
}

/// When a session ends: at `expires_at` whatever happens, or at `idle_until`
/// unless a call moves that later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionTimes {
    pub expires_at: DateTime<Utc>,
    pub idle_until: DateTime<Utc>,
}

/// Signed-in sessions, kept by the SHA-256 of their token only.
#[allow(async_fn_in_trait)]
pub trait Sessions {
    async fn insert_session(&mut self, token_hash: &str, email: &Email, times: SessionTimes) -> Result<()>;
    /// The user of a session that has neither expired nor gone idle, and the
    /// session's times.
    async fn session_user(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(UserRecord, SessionTimes)>>;
    /// The times of a live session.
    async fn session_times(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<SessionTimes>>;
    /// Moves the moment the session goes idle to `idle_until`, never earlier.
    async fn slide_session(&mut self, token_hash: &str, idle_until: DateTime<Utc>) -> Result<()>;
    async fn delete_session(&mut self, token_hash: &str) -> Result<()>;
    /// Ends every session of `email` but `except`.
    async fn delete_sessions_of(&mut self, email: &Email, except: Option<&str>) -> Result<()>;
    /// Deletes the sessions that have ended by `now`.
    async fn delete_ended_sessions(&mut self, now: DateTime<Utc>) -> Result<()>;
}

/// The published modules: what accounts browse, activate and pay for.
#[allow(async_fn_in_trait)]
pub trait Modules {
    /// Every published module, by code.
    async fn modules(&mut self) -> Result<std::sync::Arc<[Module]>>;
    async fn module(&mut self, code: &ModuleCode) -> Result<Option<Module>>;
    /// The approved working copy behind a published module; none for a module
    /// that never went through review.
    async fn approved_draft(&mut self, code: &ModuleCode) -> Result<Option<ListingDraft>>;
    /// Puts the module live, replacing the revision live under its code.
    async fn publish(&mut self, module: &Module, draft: Option<&ListingDraft>) -> Result<()>;
}

/// Partners' working copies, and their modules' secrets.
#[allow(async_fn_in_trait)]
pub trait Submissions {
    async fn submission(&mut self, id: &ListingId) -> Result<Option<Submission>>;
    /// The partner's, last changed first.
    async fn submissions_of(&mut self, owner: &Email) -> Result<Vec<Submission>>;
    /// Those waiting for the moderator, first sent first.
    async fn in_review(&mut self, window: Window) -> Result<Vec<Submission>>;
    async fn count_in_review(&mut self) -> Result<u64>;
    /// Adds the working copy, or replaces the one with its id.
    async fn save_submission(&mut self, submission: &Submission) -> Result<()>;
    /// Whether another listing holds `code`: a published module that is not
    /// `except`'s own, or another listing in review. A draft holds nothing,
    /// so no one can squat a code by saving it.
    async fn code_taken(&mut self, code: &str, except: Option<&ListingId>) -> Result<bool>;
    async fn set_module_secret(&mut self, id: &ListingId, secret: &ModuleSecret) -> Result<()>;
    /// The module's secret; none for a listing kept before secrets could be
    /// read back (only their hash was stored): rotating it makes one.
    async fn module_secret(&mut self, id: &ListingId) -> Result<Option<ModuleSecret>>;
    /// The listing published as module `code`.
    async fn submission_of_module(&mut self, code: &ModuleCode) -> Result<Option<ListingId>>;
}

/// Partner applications and the decision letters they got.
#[allow(async_fn_in_trait)]
pub trait Applications {
    /// Fails as a duplicate when the e-mail already has a pending application.
    async fn insert_application(&mut self, application: &ApplicationRecord) -> Result<()>;
    /// Pending first (oldest first), then the decided ones, latest first.
    async fn applications(&mut self, window: Window) -> Result<Vec<ApplicationRecord>>;
    async fn count_pending_applications(&mut self) -> Result<u64>;
    async fn application(&mut self, id: &ApplicationId) -> Result<Option<ApplicationRecord>>;
    async fn has_pending_application(&mut self, email: &Email) -> Result<bool>;
    /// Stores the decision and its letter, and an approval letter's one-time
    /// `link`, kept sealed apart from the letter until it is sent; `false`
    /// when the application was no longer pending.
    async fn record_decision(&mut self, application: &ApplicationRecord, link: Option<&str>) -> Result<bool>;
    /// The one-time link of an approval letter not sent yet.
    async fn unsent_link(&mut self, id: &ApplicationId) -> Result<Option<String>>;
    /// A new link for the approval letter, which is sent again from `now`.
    async fn renew_link(&mut self, id: &ApplicationId, link: &str, now: DateTime<Utc>) -> Result<()>;
}

/// A letter to one person outside any account or application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub id: String,
    /// What it is about, so one person gets one of a kind a day at most.
    pub kind: String,
    pub recipient: Email,
    pub subject: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

#[allow(async_fn_in_trait)]
pub trait Letters {
    /// Puts the letter in the outbox, for the mail sender.
    async fn post_letter(&mut self, letter: &Letter) -> Result<()>;
    /// Whether a letter of `kind` went to `recipient` at or after `since`.
    async fn posted_since(&mut self, recipient: &Email, kind: &str, since: DateTime<Utc>) -> Result<bool>;
}

/// The one-time links of approval letters, kept by the SHA-256 of their token.
#[allow(async_fn_in_trait)]
pub trait Invitations {
    async fn insert_invitation(&mut self, token_hash: &str, email: &Email, expires_at: DateTime<Utc>) -> Result<()>;
    /// The link while unused and unexpired.
    async fn invitation(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Invitation>>;
    /// Uses the link up; `false` when it was used or expired already.
    async fn use_invitation(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<bool>;
    /// Voids the unused links of `email`.
    async fn revoke_invitations(&mut self, email: &Email) -> Result<()>;
}

/// A top-up sent to the payment provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: PaymentId,
    pub account: AccountId,
    pub amount: Decimal,
    /// The key the owner's request came with: a retry finds this payment.
    pub key: IdempotencyKey,
    /// The provider's id and payment page, once it answered.
    pub provider_id: Option<String>,
    pub confirmation_url: Option<String>,
    pub status: PaymentStatus,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

#[allow(async_fn_in_trait)]
pub trait Payments {
    async fn insert_payment(&mut self, payment: &Payment) -> Result<()>;
    async fn payment(&mut self, id: &PaymentId) -> Result<Option<Payment>>;
    async fn payment_by_key(&mut self, account: &AccountId, key: &IdempotencyKey) -> Result<Option<Payment>>;
    async fn payment_by_provider_id(&mut self, provider_id: &str) -> Result<Option<Payment>>;
    /// Records the provider's id and payment page.
    async fn set_payment_provider(&mut self, id: &PaymentId, provider_id: &str, confirmation_url: &str) -> Result<()>;
    /// Moves a pending payment to `status`; `false` when it was no longer
    /// pending, so of two settlements racing only one credits.
    async fn settle_payment(&mut self, id: &PaymentId, status: PaymentStatus, now: DateTime<Utc>) -> Result<bool>;
}

/// A moderator's TOTP secret (base32) and the last time step a code was accepted at.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactor {
    pub secret: String,
    pub last_step: u64,
}

impl std::fmt::Debug for SecondFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecondFactor").field("last_step", &self.last_step).finish_non_exhaustive()
    }
}

/// A sign-in waiting for its second factor, kept by the SHA-256 of its token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub email: Email,
    /// The secret offered to a moderator who has none yet, to enrol.
    pub enrol_secret: Option<String>,
    pub expires_at: DateTime<Utc>,
    /// Wrong codes sent so far.
    pub attempts: u32,
}

impl std::fmt::Debug for Challenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Challenge")
            .field("email", &self.email)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

#[allow(async_fn_in_trait)]
pub trait SecondFactors {
    async fn second_factor(&mut self, email: &Email) -> Result<Option<SecondFactor>>;
    /// Enrols `email` with `factor` and these recovery codes' hashes, replacing any before.
    async fn set_second_factor(
        &mut self,
        email: &Email,
        factor: &SecondFactor,
        recovery: &[String],
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Accepts a code of time step `step`; `false` when a code of that step or a later one was accepted already.
    async fn use_step(&mut self, email: &Email, step: u64) -> Result<bool>;
    /// Uses up the recovery code with this hash; `false` when there is none unused.
    async fn use_recovery_code(&mut self, email: &Email, code_hash: &str, now: DateTime<Utc>) -> Result<bool>;
    async fn recovery_codes_left(&mut self, email: &Email) -> Result<u32>;
    async fn insert_challenge(&mut self, token_hash: &str, challenge: &Challenge) -> Result<()>;
    /// The challenge while unexpired.
    async fn challenge(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Challenge>>;
    /// Counts a wrong code against it.
    async fn fail_challenge(&mut self, token_hash: &str) -> Result<()>;
    async fn delete_challenge(&mut self, token_hash: &str) -> Result<()>;
    /// Deletes the challenges that have expired by `now`.
    async fn delete_expired_challenges(&mut self, now: DateTime<Utc>) -> Result<()>;
}

/// An API key as stored: the SHA-256 of the key, never the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRecord {
    pub id: ApiKeyId,
    pub account: AccountId,
    pub connection: ConnectionId,
    pub module: ModuleCode,
    pub scopes: BTreeSet<Scope>,
    /// The key's first characters, shown to tell keys apart.
    pub prefix: String,
    pub key_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// Issued for a simple connection still registering: it works, for
    /// `PENDING_MINUTES`, before its connection exists.
    #[serde(default)]
    pub pending: bool,
}

/// How long a pending key works without its connection.
pub const PENDING_MINUTES: i64 = 10;

/// How seldom a key's last use is written: once a minute at most.
pub const LAST_USE_EVERY_SECONDS: i64 = 60;

#[allow(async_fn_in_trait)]
pub trait ApiKeys {
    async fn insert_api_key(&mut self, key: &ApiKeyRecord) -> Result<()>;
    /// The account's keys, newest first.
    async fn api_keys(&mut self, account: &AccountId) -> Result<Vec<ApiKeyRecord>>;
    async fn api_key_by_hash(&mut self, key_hash: &str) -> Result<Option<ApiKeyRecord>>;
    /// The keys, of any account, whose shown first characters are `prefix`.
    async fn api_keys_with_prefix(&mut self, prefix: &str) -> Result<Vec<ApiKeyRecord>>;
    /// Deletes one of the account's keys; `false` when it has none such.
    async fn revoke_api_key(&mut self, account: &AccountId, id: &ApiKeyId) -> Result<bool>;
    /// Deletes the keys of connections that are gone.
    async fn revoke_api_keys_of(&mut self, connections: &[ConnectionId]) -> Result<()>;
    /// A pending key's connection came to be: it works as any other now.
    async fn confirm_api_key(&mut self, id: &ApiKeyId) -> Result<()>;
    /// Records a use at `now`, unless one was recorded within `LAST_USE_EVERY_SECONDS`.
    async fn touch_api_key(&mut self, id: &ApiKeyId, now: DateTime<Utc>) -> Result<()>;
}

/// A module's registration of one connection of an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegrationRecord {
    pub account: AccountId,
    pub connection: ConnectionId,
    pub module: IntegrationModule,
    pub updated_at: DateTime<Utc>,
}

#[allow(async_fn_in_trait)]
pub trait Integrations {
    /// The registration under `code` in the account.
    async fn integration(&mut self, account: &AccountId, code: &str) -> Result<Option<IntegrationRecord>>;
    async fn integration_of(&mut self, connection: &ConnectionId) -> Result<Option<IntegrationRecord>>;
    /// Every registration of a module, in any account, last changed first.
    async fn integrations_of_module(&mut self, module: &ModuleCode) -> Result<Vec<IntegrationRecord>>;
    /// Adds the connection's registration, or replaces the one it had (under any code).
    async fn save_integration(&mut self, record: &IntegrationRecord) -> Result<()>;
    /// Deletes the registrations of connections that are gone.
    async fn delete_integrations_of(&mut self, connections: &[ConnectionId]) -> Result<()>;
}

/// A lifecycle callback to a module, and how its last attempt went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: String,
    pub account: AccountId,
    pub connection: ConnectionId,
    pub module: ModuleCode,
    pub event: Event,
    /// `baseUrl` + `actions.activity` when the event happened.
    pub url: String,
    pub client_id: String,
    pub activity: Activity,
    pub status: DeliveryStatus,
    pub attempts: u32,
    /// When it is tried next, while pending.
    pub next_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub last: Option<AttemptRecord>,
}

/// One attempt to deliver: the module's answer, or why there was none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptRecord {
    pub at: DateTime<Utc>,
    pub status: Option<u16>,
    pub latency_ms: u32,
    /// The answer's first characters.
    pub excerpt: String,
    /// Why no answer came (a timeout, a refused address…).
    pub error: Option<String>,
}

#[allow(async_fn_in_trait)]
pub trait Deliveries {
    /// Adds it, or replaces the one with its id.
    async fn save_delivery(&mut self, delivery: &Delivery) -> Result<()>;
    async fn delivery(&mut self, id: &str) -> Result<Option<Delivery>>;
    /// Pending ones whose attempt is due at `now`, oldest first.
    async fn due_deliveries(&mut self, now: DateTime<Utc>, limit: u32) -> Result<Vec<Delivery>>;
    /// A module's, newest first.
    async fn deliveries_of(&mut self, module: &ModuleCode, window: Window) -> Result<Vec<Delivery>>;
}

/// A built-in module's settings for one connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltinSettings {
    pub account: AccountId,
    pub connection: ConnectionId,
    pub module: ModuleCode,
    /// The built-in's own settings, as JSON.
    pub settings: String,
    /// What its user entered to sign in to the outside system (a gateway's
    /// password): kept only encrypted by the SQL store, never answered.
    pub secret: Option<ModuleSecret>,
    /// Whether calls to the outside system are written to the access log.
    pub log_enabled: bool,
    pub updated_at: DateTime<Utc>,
}

/// One call in a built-in connection's access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiCallRecord {
    pub id: String,
    pub account: AccountId,
    pub connection: ConnectionId,
    pub call: ApiCall,
}

#[allow(async_fn_in_trait)]
pub trait Builtins {
    async fn builtin_settings(&mut self, connection: &ConnectionId) -> Result<Option<BuiltinSettings>>;
    /// The settings (JSON, no secret) of every connection of built-in
    /// `module`, in every account, by connection.
    async fn builtin_settings_of_module(&mut self, module: &ModuleCode) -> Result<Vec<(ConnectionId, String)>>;
    /// Adds the connection's settings, or replaces them.
    async fn save_builtin_settings(&mut self, settings: &BuiltinSettings) -> Result<()>;
    async fn loyalty_programme(&mut self, account: &AccountId) -> Result<Option<LoyaltyProgramme>>;
    async fn save_loyalty_programme(&mut self, account: &AccountId, programme: &LoyaltyProgramme) -> Result<()>;
    /// Adds a call to its connection's log, forgetting the log's calls made before `horizon`.
    async fn log_api_call(&mut self, call: &ApiCallRecord, horizon: DateTime<Utc>) -> Result<()>;
    /// Deletes the settings and logs of connections that are gone.
    async fn forget_builtins_of(&mut self, connections: &[ConnectionId]) -> Result<()>;
    /// A connection's calls made since `horizon`, newest first.
    async fn api_calls(
        &mut self,
        connection: &ConnectionId,
        horizon: DateTime<Utc>,
        window: Window,
    ) -> Result<Vec<ApiCallRecord>>;
}

/// The account's own services, which a booking channel publishes.
#[allow(async_fn_in_trait)]
pub trait AccountServices {
    /// Oldest first.
    async fn account_services(&mut self, account: &AccountId) -> Result<Vec<OwnService>>;
    /// Adds the service, or replaces the account's service of its id.
    async fn save_account_service(
        &mut self,
        account: &AccountId,
        service: &OwnService,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// `false` when the account has no service of that id.
    async fn delete_account_service(&mut self, account: &AccountId, id: &str) -> Result<bool>;
}

/// The moderators' synonyms and the queries that found nothing.
#[allow(async_fn_in_trait)]
pub trait SearchTerms {
    /// By term.
    async fn synonyms(&mut self) -> Result<Vec<Synonym>>;
    async fn add_synonym(&mut self, synonym: &Synonym, by: &Email, now: DateTime<Utc>) -> Result<()>;
    /// `false` when no synonym has that term.
    async fn delete_synonym(&mut self, term: &str) -> Result<bool>;
    /// Counts `query` (as `missed_query` keeps it) once more for `account`.
    async fn count_missed_query(&mut self, query: &str, account: &AccountId, now: DateTime<Utc>) -> Result<()>;
    /// Those typed by the most accounts first, then the most often, then the latest.
    async fn missed_queries(&mut self, limit: u32) -> Result<Vec<MissedQuery>>;
    /// Forgets `query`, once a synonym answers it.
    async fn forget_missed_query(&mut self, query: &str) -> Result<()>;
}

/// Accounts' reviews of modules with their replies, the owners' "helpful"
/// marks, and the reports of reviews and replies with the moderators' decisions.
#[allow(async_fn_in_trait)]
pub trait Reviews {
    async fn review(&mut self, id: &ReviewId) -> Result<Option<Review>>;
    /// The account's review of the module.
    async fn review_by(&mut self, module: &ModuleCode, account: &AccountId) -> Result<Option<Review>>;
    /// Every review of the module, hidden ones too, in no particular order.
    async fn reviews_of(&mut self, module: &ModuleCode) -> Result<Vec<Review>>;
    /// Fails as a duplicate when the account has reviewed the module already.
    async fn insert_review(&mut self, review: &Review) -> Result<()>;
    /// Writes the review's stars, text, state and reply (its helpful count is the marks').
    async fn save_review(&mut self, review: &Review) -> Result<()>;
    /// Deletes the review, its reply, its marks and its open reports; decided
    /// reports stay, as the moderators' log.
    async fn delete_review(&mut self, id: &ReviewId) -> Result<()>;
    /// Counts the account's mark; `false` when it had marked the review already.
    async fn mark_helpful(&mut self, id: &ReviewId, account: &AccountId) -> Result<bool>;
    /// The rating of every module with a shown review.
    async fn ratings(&mut self) -> Result<std::collections::HashMap<ModuleCode, Rating>>;
    async fn insert_report(&mut self, report: &Report) -> Result<()>;
    async fn report(&mut self, id: &ReportId) -> Result<Option<Report>>;
    /// Whether `reporter` has reported this `target` of the review and no moderator has decided yet.
    async fn reported_by(&mut self, review: &ReviewId, target: Target, reporter: &Email) -> Result<bool>;
    /// Writes a report's decision.
    async fn save_report(&mut self, report: &Report) -> Result<()>;
    /// Undecided reports, newest first.
    async fn open_reports(&mut self, window: Window) -> Result<Vec<Report>>;
    async fn count_open_reports(&mut self) -> Result<u64>;
    /// Decided reports, the latest decision first: the moderators' log.
    async fn decided_reports(&mut self, window: Window) -> Result<Vec<Report>>;
}
