//! The module API's use cases (`MODULE-API.md` §2): a module's backend calls
//! them with a key of one of an account's connections. A key works while its
//! connection does, reaches only registrations of its own module, and each
//! method needs its scope.

use super::api_keys::{issue, Start};
use super::billing::{deactivate, Change};
use super::tokens::sha256_hex;
use super::Ctx;
use crate::api::ApiError;
use crate::domain::api_key;
use crate::domain::billing::Status;
use crate::domain::integration::{EntityErrors, IntegrationModule};
use crate::domain::{Access, ApiSection, Scope};
use crate::store::{
    Accounts, ApiKeyRecord, ApiKeys, IntegrationRecord, Integrations, Modules, Store, StoreError, Tx,
    LAST_USE_EVERY_SECONDS, PENDING_MINUTES,
};
use serde::Deserialize;

/// A refusal, as the protocol's table has it (status and `errorMsg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleApiError {
    MissingKey,
    /// Unknown, revoked, or of a frozen or deactivated connection.
    WrongKey,
    /// The key lacks the scope, or the registration is another module's.
    AccessDenied,
    NotFound,
    MissingParameter(&'static str),
    Entity(EntityErrors),
    RateLimited,
    Internal,
}

impl From<StoreError> for ModuleApiError {
    fn from(error: StoreError) -> ModuleApiError {
        tracing_error(&error);
        ModuleApiError::Internal
    }
}

impl From<ApiError> for ModuleApiError {
    fn from(error: ApiError) -> ModuleApiError {
        match error {
            ApiError::Key(refusal) => {
                ModuleApiError::Entity(EntityErrors::from([("scopes".into(), refusal.to_string())]))
            }
            ApiError::Refused(_) | ApiError::NotFound => ModuleApiError::NotFound,
            _ => ModuleApiError::Internal,
        }
    }
}

fn tracing_error(error: &StoreError) {
    #[cfg(feature = "server")]
    tracing::error!("module API: {error}");
    #[cfg(not(feature = "server"))]
    let _ = error;
}

/// The key a call came with, if it works: well formed, within its rate,
/// stored, and its connection neither frozen nor gone.
pub async fn authenticate<S: Store>(cx: &Ctx<S>, presented: Option<&str>) -> Result<ApiKeyRecord, ModuleApiError> {
    let presented = presented.map(str::trim).filter(|key| !key.is_empty()).ok_or(ModuleApiError::MissingKey)?;
    if !api_key::is_well_formed(presented) {
        return Err(ModuleApiError::WrongKey);
    }
    let hash = sha256_hex(presented);
    cx.limits.module_api.admit(&hash, cx.now).map_err(|_| ModuleApiError::RateLimited)?;
    let mut tx = cx.store.read().await?;
    let key = tx.api_key_by_hash(&hash).await?.ok_or(ModuleApiError::WrongKey)?;
    let works = match connection_status(&mut tx, &key).await? {
        Some(status) => api_key::works(status),
        // A simple connection's key, while its module registers it.
        None => key.pending && (cx.now - key.created_at).num_minutes() < PENDING_MINUTES,
    };
    if !works {
        return Err(ModuleApiError::WrongKey);
    }
    drop(tx);
    if key.last_used_at.is_none_or(|last| (cx.now - last).num_seconds() >= LAST_USE_EVERY_SECONDS) {
        let mut tx = cx.store.write().await?;
        tx.touch_api_key(&key.id, cx.now).await?;
        tx.commit().await?;
    }
    Ok(key)
}

async fn connection_status<T: Tx>(tx: &mut T, key: &ApiKeyRecord) -> Result<Option<Status>, ModuleApiError> {
    Ok(tx.connection(&key.account, &key.connection).await?.map(|c| c.status))
}

fn require(key: &ApiKeyRecord, access: Access) -> Result<(), ModuleApiError> {
    let scope = Scope { section: ApiSection::Integration, access };
    key.scopes.contains(&scope).then_some(()).ok_or(ModuleApiError::AccessDenied)
}

/// What `credentials` answers: the key's scopes and the methods they open.
pub struct Credentials {
    pub scopes: Vec<String>,
    pub methods: Vec<String>,
}

pub fn credentials(key: &ApiKeyRecord) -> Credentials {
    let mut methods = vec!["/api/api-versions".to_string(), "/api/credentials".to_string()];
    let path = "/api/v5/integration-modules/{code}";
    if require(key, Access::Read).is_ok() {
        methods.push(path.to_string());
    }
    if require(key, Access::Write).is_ok() {
        methods.extend([format!("{path}/edit"), format!("{path}/update-scopes")]);
    }
    Credentials { scopes: key.scopes.iter().map(Scope::to_string).collect(), methods }
}

/// The registration under `code`, with what the platform sets (`active`, `freeze`).
pub async fn integration_module<S: Store>(
    cx: &Ctx<S>,
    key: &ApiKeyRecord,
    code: &str,
) -> Result<IntegrationModule, ModuleApiError> {
    require(key, Access::Read)?;
    let mut tx = cx.store.read().await?;
    let record = own_integration(&mut tx, key, code).await?.ok_or(ModuleApiError::NotFound)?;
    let connection = tx.connection(&key.account, &record.connection).await?;
    let mut module = record.module;
    module.active = connection.is_some();
    module.freeze = connection.is_some_and(|c| c.status == Status::Frozen);
    Ok(module)
}

/// The registration under `code` in the key's account, if it is its module's.
async fn own_integration<T: Tx>(
    tx: &mut T,
    key: &ApiKeyRecord,
    code: &str,
) -> Result<Option<IntegrationRecord>, ModuleApiError> {
    match tx.integration(&key.account, code).await? {
        Some(record) if record.module.integration_code != key.module.as_str() => Err(ModuleApiError::AccessDenied),
        found => Ok(found),
    }
}

/// Whether `edit` made a registration or changed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Created,
    Updated,
}

/// Registers a connection under `code` (the key's own connection, unless
/// `code` names another registration of the module), or updates it;
/// `active: false` deactivates that connection, as its owner would.
pub async fn edit<S: Store>(
    cx: &Ctx<S>,
    key: &ApiKeyRecord,
    code: &str,
    json: Option<&str>,
) -> Result<Edited, ModuleApiError> {
    require(key, Access::Write)?;
    let json = json.ok_or(ModuleApiError::MissingParameter("integrationModule"))?;
    let module = IntegrationModule::parse(json, code).map_err(ModuleApiError::Entity)?;
    if module.integration_code != key.module.as_str() {
        return Err(ModuleApiError::AccessDenied);
    }
    let mut tx = cx.store.write().await?;
    let existing = own_integration(&mut tx, key, code).await?;
    let edited = if existing.is_some() { Edited::Updated } else { Edited::Created };
    let connection = existing.map_or_else(|| key.connection.clone(), |record| record.connection);
    let active = module.active;
    tx.save_integration(&IntegrationRecord {
        account: key.account.clone(),
        connection: connection.clone(),
        module,
        updated_at: cx.now,
    })
    .await?;
    if active {
        tx.commit().await?;
    } else {
        let change = Change::of(tx, key.account.clone(), cx.now, cx.payments.mode()).await?;
        deactivate(change, &connection).await?;
    }
    Ok(edited)
}

#[derive(Deserialize)]
struct Requires {
    scopes: Vec<String>,
}

/// A new key for the connection registered under `code`, with the scopes in
/// `requires` (`{"scopes": [...]}`), in place of the key the call came with;
/// a scope the listing does not declare refuses it all and the old key stays.
pub async fn update_scopes<S: Store>(
    cx: &Ctx<S>,
    key: &ApiKeyRecord,
    code: &str,
    requires: Option<&str>,
) -> Result<String, ModuleApiError> {
    require(key, Access::Write)?;
    let requires = requires.ok_or(ModuleApiError::MissingParameter("requires"))?;
    let requires: Requires = serde_json::from_str(requires)
        .map_err(|e| ModuleApiError::Entity(EntityErrors::from([("requires".into(), e.to_string())])))?;
    let mut tx = cx.store.write().await?;
    let record = own_integration(&mut tx, key, code).await?.ok_or(ModuleApiError::NotFound)?;
    let declared = tx.module(&key.module).await?.map(|module| module.listing.scopes).unwrap_or_default();
    let scopes = api_key::grant(&requires.scopes, &declared).map_err(ApiError::from)?;
    tx.revoke_api_key(&key.account, &key.id).await?;
    let (new_key, _) =
        issue(&mut tx, &key.account, &record.connection, &key.module, scopes, cx.now, Start::Working).await?;
    tx.commit().await?;
    Ok(new_key)
}
