//! Simple connection (`MODULE-API.md` §1): the pop-up asks the module for its
//! configuration; Connect issues a key limited to the scopes it asks for,
//! registers it with the module (signed with the module's secret) and charges
//! only once the module has said yes. No transaction is open during a call to
//! the module, and the new key works while the registration is still open, so
//! the module can call `edit` back with it.

use super::api_keys::{self, Start};
use super::billing::{activate_in, Change};
use super::module_calls::CallOutcome;
use super::tokens::{random_hex, register_token};
use super::Ctx;
use crate::api::simple_connection::{ConfigView, Connected};
use crate::api::ApiError;
use crate::domain::api_key;
use crate::domain::simple_connection::{account_url, register_field, ConnectRefusal, ModuleConfig};
use crate::domain::{visibility, ConnectionId, IdempotencyKey, Listing, ModuleCode};
use crate::store::{ApiKeys, Integrations, ModuleSecret, Modules, Store, Submissions, Tx};

/// The module's configuration as the pop-up shows it: the scopes it asks for,
/// and the ones its listing does not declare, which stop Connect.
pub async fn connection_config<S: Store>(cx: &Ctx<S>, code: &ModuleCode) -> Result<ConfigView, ApiError> {
    let listing = simple_listing(cx, code).await?;
    let config = fetch_config(cx, &listing).await?;
    Ok(view(&config, &listing))
}

fn view(config: &ModuleConfig, listing: &Listing) -> ConfigView {
    let refused = api_key::grant(&config.scopes, &listing.scopes).err();
    let requested = config.scopes.iter().filter_map(|name| name.trim().parse().ok()).collect();
    ConfigView { requested, refused }
}

/// The signed-in owner's visible listing of `code`, if it has a simple connection.
async fn simple_listing<S: Store>(cx: &Ctx<S>, code: &ModuleCode) -> Result<Listing, ApiError> {
    let mut tx = cx.store.read().await?;
    let account = cx.account_owner(&mut tx).await?;
    let (account, _) = super::billing::ledger(&mut tx, &account).await?;
    let listing = tx
        .module(code)
        .await?
        .map(|module| module.listing)
        .filter(|listing| visibility::is_visible(listing, &account))
        .ok_or(ApiError::NotFound)?;
    match listing.links.simple_connection {
        Some(_) => Ok(listing),
        None => Err(ConnectRefusal::NotSimple.into()),
    }
}

/// The secret the module's tokens are signed with, as its partner last made it.
async fn module_secret<S: Store>(cx: &Ctx<S>, code: &ModuleCode) -> Result<ModuleSecret, ApiError> {
    let mut tx = cx.store.read().await?;
    let secret = match tx.submission_of_module(code).await? {
        Some(listing) => tx.module_secret(&listing).await?,
        None => None,
    };
    Ok(secret.ok_or(ConnectRefusal::NoSecret)?)
}

async fn fetch_config<S: Store>(cx: &Ctx<S>, listing: &Listing) -> Result<ModuleConfig, ApiError> {
    let url = listing.links.simple_connection.as_deref().ok_or(ConnectRefusal::NotSimple)?;
    let (status, body) = answered(cx.modules.get(url).await)?;
    Ok(ModuleConfig::parse(status, &body)?)
}

/// The module's answer, or why there was none.
fn answered(outcome: CallOutcome) -> Result<(u16, String), ConnectRefusal> {
    match (outcome.error, outcome.status) {
        (None, Some(status)) => Ok((status, outcome.body)),
        (error, _) => Err(ConnectRefusal::NoAnswer(error.unwrap_or_else(|| "no answer".into()))),
    }
}

/// Connects a module with simple connection: its configuration again, a key
/// for a new connection with the scopes it asks for (refused, with nothing
/// kept, when one is not declared), the registration, then the charge. A
/// module that refuses or does not answer is charged nothing, and its key and
/// registration are gone.
pub async fn connect<S: Store>(cx: &Ctx<S>, code: &ModuleCode, key: &IdempotencyKey) -> Result<Connected, ApiError> {
    let listing = simple_listing(cx, code).await?;
    let secret = module_secret(cx, code).await?;
    let config = fetch_config(cx, &listing).await?;
    let scopes = api_key::grant(&config.scopes, &listing.scopes)?;

    // The key of the connection to be, working at once; the activation is tried, not kept.
    let connection = ConnectionId::new(random_hex(8));
    let mut change = Change::begin(cx).await?;
    if change.ran_before(key, &format!("connect {code}")).await? {
        return Err(ConnectRefusal::AlreadySent.into());
    }
    let ledger = change.ledger.clone();
    activate_in(&mut change, &listing, connection.clone())?;
    change.ledger = ledger;
    let account = change.id.clone();
    let (api_key, record) =
        api_keys::issue(&mut change.tx, &account, &connection, code, scopes, cx.now, Start::Registering).await?;
    change.tx.commit().await?;

    let token = register_token(&secret.0, &api_key);
    let field = register_field(&cx.modules.system_url(), &api_key, &token);
    let answer = answered(cx.modules.post(&config.register_url, &[("register", field)]).await);
    let registered = match answer.and_then(|(status, body)| account_url(status, &body)) {
        Ok(url) => url,
        Err(refusal) => {
            forget(cx, &connection).await?;
            return Err(refusal.into());
        }
    };

    let mut change = Change::begin(cx).await?;
    let charged = activate_in(&mut change, &listing, connection.clone());
    let effects = match charged {
        Ok(effects) => effects,
        Err(refused) => {
            drop(change);
            forget(cx, &connection).await?;
            return Err(refused);
        }
    };
    change.tx.confirm_api_key(&record.id).await?;
    let billing = change.finish(effects).await?;
    let client_id = client_id_of(cx, &connection).await?;
    Ok(Connected { account_url: registered, client_id, billing })
}

/// The module's id for the connection, once it registered it (`clientId`).
async fn client_id_of<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<Option<String>, ApiError> {
    let mut tx = cx.store.read().await?;
    Ok(tx.integration_of(connection).await?.and_then(|record| record.module.client_id))
}

/// A connection that did not come to be: its key and registration go.
async fn forget<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    api_keys::forget_connections(&mut tx, std::slice::from_ref(connection)).await?;
    Ok(tx.commit().await?)
}

impl From<ConnectRefusal> for ApiError {
    fn from(refusal: ConnectRefusal) -> ApiError {
        ApiError::Connect(refusal)
    }
}
