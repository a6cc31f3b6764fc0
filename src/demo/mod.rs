//! The demo data set, defined once in `public/demo/catalog.json`: the server
//! seeds its database from it on first start, the offline preview fetches it.

pub mod generated;

use crate::domain::billing::calendar::zone;
use crate::domain::billing::{Clock, Effects, Ledger};
use crate::domain::integration::IntegrationModule;
use crate::domain::{Account, AccountId, ConnectionId, Listing, ModuleCode, Role};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoData {
    pub accounts: Vec<DemoAccount>,
    pub users: Vec<DemoUser>,
    pub modules: Vec<DemoModule>,
    /// The marketplace's other customers: accounts no one signs in to, whose
    /// owners reviewed modules.
    #[serde(default)]
    pub reviewers: Vec<Account>,
    #[serde(default)]
    pub reviews: Vec<DemoReview>,
}

/// A review written before the demo starts, `days_ago` days before it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoReview {
    pub module: ModuleCode,
    pub account: AccountId,
    pub author: String,
    pub author_name: String,
    pub stars: u8,
    pub text: String,
    pub lang: crate::domain::Lang,
    pub used_months: u32,
    pub days_ago: u32,
    /// The accounts that found it helpful.
    #[serde(default)]
    pub helpful_by: Vec<AccountId>,
    /// The module partner's reply.
    #[serde(default)]
    pub reply: Option<DemoReply>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoReply {
    pub text: String,
    pub days_ago: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoAccount {
    pub account: Account,
    pub balance: Decimal,
    /// Codes of the modules active on this account from the start.
    pub active: Vec<ModuleCode>,
    /// Modules' registrations of those connections, as their backends made them through `edit`.
    #[serde(default)]
    pub registrations: Vec<IntegrationModule>,
    /// The services it provides (the demo clinic's examinations), which a booking channel publishes.
    #[serde(default)]
    pub services: Vec<crate::domain::booking::services::OwnService>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoUser {
    pub email: String,
    pub password: String,
    pub name: String,
    pub role: Role,
    pub account: Option<AccountId>,
    /// A partner's company: the vendor of its listings in the demo catalog.
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// A demo moderator's TOTP secret (base32): public, as the password is.
    #[serde(default)]
    pub totp_secret: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoModule {
    pub listing: Listing,
    /// The SVG markup of the logo; always shown through `<img>`, never inlined.
    pub logo: String,
    /// The module's secret, public as the demo passwords are: the demo module
    /// backend (`souk-server demo-module`) checks its tokens with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

#[cfg(any(feature = "server", feature = "offline"))]
impl DemoModule {
    /// The module as the store publishes it.
    pub fn module(&self) -> crate::store::Module {
        crate::store::Module { listing: self.listing.clone(), logo: self.logo.clone() }
    }
}

/// The path the offline preview fetches the demo data from.
pub const DEMO_DATA_URL: &str = "/demo/catalog.json";

impl DemoData {
    pub fn parse(json: &str) -> Result<DemoData, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl DemoAccount {
    /// The account's ledger on the day the demo starts: its balance arrives as
    /// one top-up, then its modules are activated (a trial starts where there is one).
    /// The id of the opening connection of module `code`.
    pub fn connection_of(&self, code: &ModuleCode) -> ConnectionId {
        ConnectionId::new(format!("{}-{code}", self.account.id))
    }

    pub fn opening_ledger(&self, modules: &[DemoModule], now: DateTime<Utc>) -> (Ledger, Effects) {
        let clock = Clock { now, tz: zone(&self.account.timezone) };
        let mut ledger = Ledger::default();
        let mut effects = Effects::default();
        if let Ok(top_up) = ledger.top_up(self.balance, &std::collections::HashMap::<ModuleCode, _>::new(), &clock) {
            effects.operations.extend(top_up.operations);
        }
        for code in &self.active {
            let Some(module) = modules.iter().find(|m| &m.listing.code == code) else { continue };
            let id = self.connection_of(code);
            let name = &module.listing.materials(self.account.lang).name;
            if let Ok(activation) = ledger.activate(&module.listing, id, name, &clock) {
                effects.operations.extend(activation.operations);
            }
        }
        (ledger, effects)
    }
}
