//! The preview's ledgers, kept in this browser's localStorage: one book per
//! demo account (ledger, history, outbox) and the clock the user moved forward.
//! The preview has no timer, so every call first bills what came due.

use crate::api::types::MailView;
use crate::api::ApiError;
use crate::demo::{DemoAccount, DemoData};
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{Clock, Effects, Ledger, Operation, Refusal};
use crate::domain::Pricing;
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

const BOOKS_KEY: &str = "souk.offline.books";
const CLOCK_KEY: &str = "souk.offline.clock";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Book {
    pub ledger: Ledger,
    pub history: Vec<Operation>,
    pub outbox: Vec<MailView>,
    /// Numbers the connections this browser creates.
    pub next_id: u64,
}

impl Book {
    fn absorb(&mut self, effects: Effects, recipient: &str) {
        self.history.extend(effects.operations);
        self.outbox.extend(effects.notices.into_iter().map(|notice| MailView {
            key: notice.key.clone(),
            created_at: notice.at,
            recipient: recipient.to_string(),
            notice,
            sent_at: None,
        }));
    }

    pub fn new_connection_id(&mut self) -> String {
        self.next_id += 1;
        format!("preview-{}", self.next_id)
    }
}

fn real_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The preview's "now": the real time plus however far the user moved it.
pub fn now() -> DateTime<Utc> {
    let offset: i64 = LocalStorage::get(CLOCK_KEY).unwrap_or(0);
    real_now() + chrono::Duration::seconds(offset)
}

/// Moves the preview's clock to `to` (never backwards).
pub fn move_clock_to(to: DateTime<Utc>) -> Result<(), ApiError> {
    let offset = (to - real_now()).num_seconds().max(0);
    LocalStorage::set(CLOCK_KEY, offset).map_err(|e| ApiError::Network(e.to_string()))
}

fn prices(data: &DemoData) -> HashMap<String, Pricing> {
    super::listings::published(data).into_iter().map(|m| (m.listing.code, m.listing.pricing)).collect()
}

/// Runs `change` on the account's book after billing what came due, and saves
/// the book whatever `change` answers (the billing stands either way).
pub fn with_book<T>(
    data: &DemoData,
    account: &DemoAccount,
    owner: &str,
    change: impl FnOnce(&mut Book, &Clock, &HashMap<String, Pricing>) -> Result<(T, Effects), Refusal>,
) -> Result<T, ApiError> {
    let mut books: BTreeMap<String, Book> = LocalStorage::get(BOOKS_KEY).unwrap_or_default();
    let clock = Clock { now: now(), tz: zone(&account.account.timezone) };
    let prices = prices(data);
    let book = books.entry(account.account.id.clone()).or_insert_with(|| {
        let (ledger, effects) = account.opening_ledger(&data.modules, clock.now);
        let mut book = Book { ledger, ..Book::default() };
        book.absorb(effects, owner);
        book
    });
    let billed = book.ledger.run_billing(&prices, &clock);
    book.absorb(billed, owner);
    let result = change(book, &clock, &prices).map(|(value, effects)| {
        book.absorb(effects, owner);
        value
    });
    LocalStorage::set(BOOKS_KEY, &books).map_err(|e| ApiError::Network(e.to_string()))?;
    result.map_err(ApiError::Refused)
}
