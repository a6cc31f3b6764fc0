//! The account owner's API keys: list, create (shown once), revoke. Keys are
//! stored only as their SHA-256; a key works while its connection does.

use super::billing::ledger;
use super::tokens::{random_hex, sha256_hex};
use super::Ctx;
use crate::api::api_keys::{ApiKeyView, ApiKeysView, KeyTarget, NewApiKey};
use crate::api::ApiError;
use crate::domain::api_key::{self, KeyRefusal, KEY_ALPHABET, KEY_LENGTH, MAX_KEYS_PER_ACCOUNT, PREFIX_LENGTH};
use crate::domain::billing::Ledger;
use crate::domain::lang::Localized;
use crate::domain::{AccountId, ApiKeyId, ConnectionId, ModuleCode};
use crate::store::{ApiKeyRecord, ApiKeys, Module, Modules, Store, StoreError, Tx};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub async fn api_keys<S: Store>(cx: &Ctx<S>) -> Result<ApiKeysView, ApiError> {
    let mut tx = cx.store.read().await?;
    let account = cx.account_owner(&mut tx).await?;
    let (_, ledger) = ledger(&mut tx, &account).await?;
    let published = tx.modules().await?;
    let modules: HashMap<&ModuleCode, &Module> = published.iter().map(|m| (&m.listing.code, m)).collect();
    let keys = (tx.api_keys(&account).await?.iter())
        .filter_map(|key| view(key, &ledger, modules.get(&key.module).copied()))
        .collect();
    let targets = ledger
        .connections
        .iter()
        .filter_map(|connection| {
            let module = modules.get(&connection.module)?;
            Some(KeyTarget {
                connection: connection.id.clone(),
                connection_name: connection.name.clone(),
                module: connection.module.clone(),
                module_name: names(module),
                scopes: module.listing.scopes.clone(),
            })
        })
        .collect();
    Ok(ApiKeysView { keys, targets })
}

/// A key for one of the account's connections, limited to `scopes`, each
/// one the module's listing declares; the key itself is answered only here.
pub async fn create_api_key<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    scopes: &[String],
) -> Result<NewApiKey, ApiError> {
    let mut tx = cx.store.write().await?;
    let account = cx.account_owner(&mut tx).await?;
    let (_, ledger) = ledger(&mut tx, &account).await?;
    let code = (ledger.connections.iter().find(|c| &c.id == connection))
        .map(|c| c.module.clone())
        .ok_or(KeyRefusal::NoConnection)?;
    let module = tx.module(&code).await?.ok_or(KeyRefusal::NoConnection)?;
    let scopes = api_key::grant(scopes, &module.listing.scopes)?;
    let (key, record) =
        issue(&mut tx, &account, connection, &module.listing.code, scopes, cx.now, Start::Working).await?;
    tx.commit().await?;
    let view = view(&record, &ledger, Some(&module)).ok_or(KeyRefusal::NoConnection)?;
    Ok(NewApiKey { key, view })
}

pub async fn revoke_api_key<S: Store>(cx: &Ctx<S>, id: &ApiKeyId) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let account = cx.account_owner(&mut tx).await?;
    if !tx.revoke_api_key(&account, id).await? {
        return Err(ApiError::NotFound);
    }
    Ok(tx.commit().await?)
}

/// Connections that are gone (deactivated, or never made) take their keys,
/// their module's registration and a built-in's settings with them.
pub(super) async fn forget_connections<T: Tx>(tx: &mut T, gone: &[ConnectionId]) -> Result<(), StoreError> {
    if !gone.is_empty() {
        tx.revoke_api_keys_of(gone).await?;
        tx.delete_integrations_of(gone).await?;
        tx.forget_builtins_of(gone).await?;
    }
    Ok(())
}

type Scopes = std::collections::BTreeSet<crate::domain::Scope>;

/// Whether a new key works from the start, or only while its simple
/// connection registers it with the module (its connection does not exist yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    Working,
    Registering,
}

/// Stores a new key of `connection` with `scopes`, within the account's
/// limit; answers the key (to be shown once) and its record.
pub(super) async fn issue<T: Tx>(
    tx: &mut T,
    account: &AccountId,
    connection: &ConnectionId,
    module: &ModuleCode,
    scopes: Scopes,
    now: DateTime<Utc>,
    start: Start,
) -> Result<(String, ApiKeyRecord), ApiError> {
    if tx.api_keys(account).await?.len() >= MAX_KEYS_PER_ACCOUNT {
        return Err(KeyRefusal::TooMany.into());
    }
    let key = new_key();
    let record = ApiKeyRecord {
        id: ApiKeyId::new(format!("key-{}", random_hex(8))),
        account: account.clone(),
        connection: connection.clone(),
        module: module.clone(),
        scopes,
        prefix: key[..PREFIX_LENGTH].to_string(),
        key_hash: sha256_hex(&key),
        created_at: now,
        last_used_at: None,
        pending: start == Start::Registering,
    };
    tx.insert_api_key(&record).await?;
    Ok((key, record))
}

/// `KEY_LENGTH` characters drawn uniformly from `KEY_ALPHABET`.
fn new_key() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..KEY_LENGTH).map(|_| KEY_ALPHABET[rng.gen_range(0..KEY_ALPHABET.len())] as char).collect()
}

fn names(module: &Module) -> Localized<String> {
    let materials = &module.listing.materials;
    Localized { ru: materials.ru.name.clone(), en: materials.en.name.clone() }
}

/// The key as its owner sees it; none when its connection is gone.
fn view(key: &ApiKeyRecord, ledger: &Ledger, module: Option<&Module>) -> Option<ApiKeyView> {
    let connection = ledger.connections.iter().find(|c| c.id == key.connection)?;
    Some(ApiKeyView {
        id: key.id.clone(),
        prefix: key.prefix.clone(),
        module: key.module.clone(),
        module_name: module
            .map(names)
            .unwrap_or_else(|| Localized { ru: key.module.to_string(), en: key.module.to_string() }),
        connection: connection.id.clone(),
        connection_name: connection.name.clone(),
        scopes: key.scopes.iter().copied().collect(),
        created_at: key.created_at,
        last_used_at: key.last_used_at,
        works: api_key::works(connection.status),
    })
}

/// Why an operator's key command did nothing.
#[cfg(feature = "server")]
#[derive(Debug, thiserror::Error)]
pub enum OperatorKeyError {
    #[error("--account: {0} is not an account owner")]
    NoOwner(String),
    #[error("--module: the account has no connection of {0}")]
    NoConnection(ModuleCode),
    #[error("--scopes: {0}")]
    Refused(KeyRefusal),
    #[error("no key starts with {0:?}")]
    NoKey(String),
    #[error("{0} keys start with {1:?}: give more of the key")]
    Ambiguous(usize, String),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// `souk-server api-key create`: a key for the account's (first) connection
/// of `module`, for scripts and support; answers the key, shown this once.
#[cfg(feature = "server")]
pub async fn create_for_operator<S: Store>(
    store: &S,
    owner: &str,
    module: &ModuleCode,
    scopes: &[String],
    now: DateTime<Utc>,
) -> Result<(String, ApiKeyRecord), OperatorKeyError> {
    use crate::store::Users;
    let mut tx = store.write().await?;
    let email = crate::domain::Email::parse(owner).map_err(|_| OperatorKeyError::NoOwner(owner.to_string()))?;
    let account =
        tx.user(&email).await?.and_then(|user| user.account).ok_or(OperatorKeyError::NoOwner(owner.into()))?;
    let (_, ledger) = ledger(&mut tx, &account).await.map_err(|_| OperatorKeyError::NoOwner(owner.into()))?;
    let connection = ledger.connections_of(module.as_str()).next().map(|c| c.id.clone());
    let connection = connection.ok_or_else(|| OperatorKeyError::NoConnection(module.clone()))?;
    let declared = tx.module(module).await?.map(|m| m.listing.scopes).unwrap_or_default();
    let scopes = api_key::grant(scopes, &declared).map_err(OperatorKeyError::Refused)?;
    let issued =
        issue(&mut tx, &account, &connection, module, scopes, now, Start::Working).await.map_err(
            |error| match error {
                ApiError::Key(refusal) => OperatorKeyError::Refused(refusal),
                _ => OperatorKeyError::Store(crate::store::StoreError::new(format!("issue a key: {error}"))),
            },
        )?;
    tx.commit().await?;
    Ok(issued)
}

/// `souk-server api-key revoke`: the key given whole, or by the first
/// characters the keys screen shows; answers the record revoked.
#[cfg(feature = "server")]
pub async fn revoke_for_operator<S: Store>(store: &S, given: &str) -> Result<ApiKeyRecord, OperatorKeyError> {
    let mut tx = store.write().await?;
    let found = if api_key::is_well_formed(given) {
        tx.api_key_by_hash(&sha256_hex(given)).await?.into_iter().collect()
    } else {
        tx.api_keys_with_prefix(given).await?
    };
    let key = match found.as_slice() {
        [] => return Err(OperatorKeyError::NoKey(given.to_string())),
        [key] => key.clone(),
        many => return Err(OperatorKeyError::Ambiguous(many.len(), given.to_string())),
    };
    tx.revoke_api_key(&key.account, &key.id).await?;
    tx.commit().await?;
    Ok(key)
}
