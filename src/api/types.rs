//! The values that cross the wire between the app and the server.

use crate::domain::billing::{Ledger, Notice};
use crate::domain::payment::PaymentStatus;
use crate::domain::{Account, Email, Lang, Listing, PaymentId, Role};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub email: Email,
    pub name: String,
    pub role: Role,
    /// A partner's company: the vendor the marketplace names on its listings.
    pub company: Option<String>,
    /// The zone a user without an account chose to read times in (account
    /// owners read them in the account's); `None`: the browser's.
    #[serde(default)]
    pub timezone: Option<String>,
}

impl UserView {
    /// The name a partner's listings go out under: the company, else the person.
    pub fn vendor(&self) -> &str {
        self.company.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub account: Account,
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: UserView,
    /// The account an account owner works in; partners and moderators have none.
    pub account: Option<AccountView>,
}

/// What the marketplace browses: the modules the user may see, and the
/// moderators' synonyms its search uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogView {
    pub modules: Vec<CatalogModule>,
    pub synonyms: Vec<crate::domain::search::synonyms::Synonym>,
}

/// A published module as one account sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogModule {
    pub listing: Listing,
    /// Where the logo is served from: a URL for `<img src>`, never markup.
    pub logo_url: String,
    /// Its shown reviews, by stars.
    #[serde(default)]
    pub rating: crate::domain::review::rating::Rating,
}

/// A module's name in `lang`, found by its code; the code itself when the catalog lacks it.
pub fn module_name(modules: &[CatalogModule], code: &str, lang: Lang) -> String {
    modules
        .iter()
        .find(|m| m.listing.code == code)
        .map_or_else(|| code.to_string(), |m| m.listing.materials(lang).name.clone())
}

impl crate::domain::review::rating::Rated for CatalogModule {
    fn rating(&self) -> &crate::domain::review::rating::Rating {
        &self.rating
    }
}

impl AsRef<Listing> for CatalogModule {
    fn as_ref(&self) -> &Listing {
        &self.listing
    }
}

/// The account's ledger as of `now` (the server's clock, or the preview's moved one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingView {
    pub ledger: Ledger,
    pub now: DateTime<Utc>,
    /// How a top-up is paid here, so the form can say so before it is sent.
    pub top_up: TopUpMode,
}

/// A page of a list, in the list's order; `next` asks for the page after
/// (an offset, or for the history the `seq` to read before), none on the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T, C = u32> {
    pub items: Vec<T>,
    pub next: Option<C>,
}

/// A page of the operations history, newest first: `next` is the `before` of the page after.
pub type HistoryPage = Page<crate::domain::billing::Operation, u64>;

/// What waits for the moderators, as the tabs count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub in_review: u64,
    pub applications: u64,
    /// Reports of reviews and replies waiting for a decision.
    pub reports: u64,
}

/// The moderators' search screen: the synonyms by term, and the queries
/// that found nothing, the most missed first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchTermsView {
    pub synonyms: Vec<crate::domain::search::synonyms::Synonym>,
    pub missed: Vec<crate::domain::search::synonyms::MissedQuery>,
}

/// How the balance is topped up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopUpMode {
    /// Through the payment provider's page; credited once it confirms.
    Provider,
    /// A demo with no provider (the offline preview): credited at once, no money moves.
    Instant,
    /// This server takes no payments.
    Off,
}

/// What a top-up request led to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopUpOutcome {
    /// Credited at once (a demo without a provider).
    Credited(BillingView),
    /// The payer goes to the provider's page at `url`, and comes back to see `payment`'s outcome.
    Pay { payment: PaymentId, url: String },
}

/// A top-up paid through the provider, as its payer follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentView {
    pub id: PaymentId,
    pub amount: Decimal,
    pub status: PaymentStatus,
    pub billing: BillingView,
}

/// A notice in the account's outbox; `sent_at` is set once an SMTP server took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailView {
    pub key: String,
    pub created_at: DateTime<Utc>,
    pub recipient: Email,
    pub notice: Notice,
    pub sent_at: Option<DateTime<Utc>>,
}

/// What the sign-in form's password step led to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInAnswer {
    SignedIn(SessionInfo),
    /// A moderator types the code from the authenticator app next.
    Code {
        challenge: String,
        /// Demo mode only: the code the demo moderator's app would show.
        demo_code: Option<String>,
    },
    /// A moderator without a second factor sets one up: scans `qr` (or types
    /// `secret`), then types the code the app shows.
    Enrol {
        challenge: String,
        secret: String,
        otpauth: String,
        qr: String,
        demo_code: Option<String>,
    },
}

/// A moderator signed in with the second factor; right after enrolling,
/// the recovery codes, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorDone {
    pub session: SessionInfo,
    pub recovery_codes: Vec<String>,
}
