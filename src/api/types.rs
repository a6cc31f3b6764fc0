//! The values that cross the wire between the app and the server.

use crate::domain::billing::{Ledger, Notice};
use crate::domain::{Account, Email, Lang, Listing, Role};
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

/// A published module as one account sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogModule {
    pub listing: Listing,
    /// Where the logo is served from: a URL for `<img src>`, never markup.
    pub logo_url: String,
}

/// A module's name in `lang`, found by its code; the code itself when the catalog lacks it.
pub fn module_name(modules: &[CatalogModule], code: &str, lang: Lang) -> String {
    modules
        .iter()
        .find(|m| m.listing.code == code)
        .map_or_else(|| code.to_string(), |m| m.listing.materials(lang).name.clone())
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
