//! API keys an account gives a module's backend (SPEC §2, `MODULE-API.md`):
//! each belongs to one connection, is limited to scopes the module's listing
//! declares, and works only while its connection does.

use super::billing::Status;
use super::Scope;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The most keys one account holds (revoked ones do not count).
pub const MAX_KEYS_PER_ACCOUNT: usize = 50;

/// A new key's length, in characters of `KEY_ALPHABET`: 40 of 62 is 238 bits.
pub const KEY_LENGTH: usize = 40;
pub const KEY_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// The characters of a key shown to tell keys apart; the rest is never shown again.
pub const PREFIX_LENGTH: usize = 6;

/// Why a key is not issued (or its scopes not changed); nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum KeyRefusal {
    /// No scope was asked for.
    #[error("a key needs at least one scope")]
    Empty,
    /// Names that are not scopes at all.
    #[error("unknown scopes: {}", .0.join(", "))]
    Unknown(Vec<String>),
    /// Scopes the module's listing does not declare (seed 001: no key is issued or updated).
    #[error("not among the module's permissions: {}", names(.0))]
    Undeclared(Vec<Scope>),
    /// The account holds `MAX_KEYS_PER_ACCOUNT` keys already.
    #[error("at most {MAX_KEYS_PER_ACCOUNT} keys per account")]
    TooMany,
    /// The connection is not one of the account's working ones.
    #[error("no such working connection")]
    NoConnection,
}

fn names(scopes: &[Scope]) -> String {
    scopes.iter().map(Scope::to_string).collect::<Vec<_>>().join(", ")
}

/// The scopes named in `requested`, if every one is a scope the listing declares.
pub fn grant<S: AsRef<str>>(requested: &[S], declared: &[Scope]) -> Result<BTreeSet<Scope>, KeyRefusal> {
    if requested.is_empty() {
        return Err(KeyRefusal::Empty);
    }
    let (known, unknown): (Vec<_>, Vec<_>) =
        requested.iter().map(|name| name.as_ref().trim()).partition(|name| name.parse::<Scope>().is_ok());
    if !unknown.is_empty() {
        return Err(KeyRefusal::Unknown(unknown.into_iter().map(str::to_string).collect()));
    }
    let scopes: BTreeSet<Scope> = known.into_iter().filter_map(|name| name.parse().ok()).collect();
    let undeclared: Vec<Scope> = scopes.iter().filter(|scope| !declared.contains(scope)).copied().collect();
    if undeclared.is_empty() {
        Ok(scopes)
    } else {
        Err(KeyRefusal::Undeclared(undeclared))
    }
}

/// Whether a key of a connection in this state works: not once it is frozen
/// (a deactivated connection is gone, and its keys with it).
pub fn works(status: Status) -> bool {
    status != Status::Frozen
}

/// A key in the form it was handed out: checked before it is looked up, so
/// anything else is refused without touching the store.
pub fn is_well_formed(key: &str) -> bool {
    key.len() == KEY_LENGTH && key.bytes().all(|b| KEY_ALPHABET.contains(&b))
}
