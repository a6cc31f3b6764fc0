//! The idempotency key of one intended money change: made when the user
//! starts it, sent with every try, and replaced once it is done, so a double
//! click or a retry after a lost answer changes the balance once.

use crate::domain::IdempotencyKey;
use leptos::prelude::*;

/// A fresh key: the browser's random UUID.
fn new_key() -> IdempotencyKey {
    let uuid = web_sys::window().and_then(|window| window.crypto().ok()).map(|crypto| crypto.random_uuid());
    IdempotencyKey::new(uuid.unwrap_or_default())
}

/// The key of the change the user is making now.
#[derive(Clone, Copy)]
pub struct Intent(StoredValue<IdempotencyKey>);

impl Intent {
    pub fn new() -> Intent {
        Intent(StoredValue::new(new_key()))
    }

    /// The key to send: the same for every try of this change.
    pub fn key(self) -> IdempotencyKey {
        self.0.get_value()
    }

    /// The change is done (or refused): the next one gets a key of its own.
    pub fn done(self) {
        self.0.set_value(new_key());
    }
}
