//! The frame every built-in module uses: who may open a built-in's settings
//! (the owner of the account the connection is in), calls to its outside
//! system with no transaction open, and the access log its user switches on.

use super::billing::ledger;
use super::module_calls::CallOutcome;
use super::tokens::random_hex;
use super::{page, window, Ctx};
use crate::api::types::Page;
use crate::api::ApiError;
use crate::domain::billing::{Connection, Status};
use crate::domain::builtin::{log_horizon, ApiCall, Builtin};
use crate::domain::{AccountId, ConnectionId};
use crate::store::{ApiCallRecord, BuiltinSettings, Builtins, Store, Tx};
use chrono::{DateTime, Utc};

/// Where built-ins reach their outside systems unless their user says
/// otherwise: the stand-ins, on the server unless configured apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outside {
    pub sms_gateway: String,
    /// The selling BILLmanager a new handler's form starts with.
    pub billing: String,
    /// The booking partner every booking channel publishes to.
    pub booking: BookingPartnerAt,
}

/// The booking partner's API: its address, the partner's id in its paths,
/// and the bearer token it gave Souk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingPartnerAt {
    pub url: String,
    pub partner: String,
    pub token: String,
}

impl Default for BookingPartnerAt {
    /// The stand-in `souk-server booking`, as `make run` starts it.
    fn default() -> Self {
        BookingPartnerAt {
            url: crate::domain::booking::DEFAULT_PARTNER_URL.into(),
            partner: crate::standins::booking::PARTNER.into(),
            token: crate::standins::booking::TOKEN.into(),
        }
    }
}

impl Default for Outside {
    fn default() -> Self {
        Outside {
            sms_gateway: crate::domain::sms::settings::DEFAULT_GATEWAY.into(),
            billing: crate::domain::reseller::DEFAULT_BILLING.into(),
            booking: BookingPartnerAt::default(),
        }
    }
}

/// The signed-in owner's connection `id` of a built-in module, and which
/// one; anyone else's connection, or one of a partner's module, is not found.
pub(super) async fn owned_connection<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    id: &ConnectionId,
) -> Result<(AccountId, Connection, Builtin), ApiError> {
    let account = cx.account_owner(tx).await?;
    let (_, ledger) = ledger(tx, &account).await?;
    let (connection, builtin) = ledger
        .connections
        .into_iter()
        .find(|c| &c.id == id)
        .and_then(|c| Builtin::of(&c.module).map(|builtin| (c, builtin)))
        .ok_or(ApiError::NotFound)?;
    Ok((account, connection, builtin))
}

pub(super) fn is_frozen(connection: &Connection) -> bool {
    connection.status == Status::Frozen
}

/// A built-in connection's settings as kept, or, before its user saved any,
/// those it starts with.
pub(super) async fn settings_of<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    account: &AccountId,
    connection: &Connection,
    builtin: Builtin,
) -> Result<BuiltinSettings, ApiError> {
    if let Some(kept) = tx.builtin_settings(&connection.id).await? {
        return Ok(kept);
    }
    let settings = match builtin {
        Builtin::Sms => super::sms::fresh(cx),
        Builtin::Reseller => super::reseller::fresh(),
        Builtin::Booking => super::booking::fresh(),
    };
    Ok(BuiltinSettings {
        account: account.clone(),
        connection: connection.id.clone(),
        module: connection.module.clone(),
        settings,
        secret: None,
        log_enabled: false,
        updated_at: cx.now,
    })
}

/// A call a built-in made, described for its log.
pub(super) struct Logged<'a> {
    pub settings: &'a BuiltinSettings,
    pub method: &'a str,
    /// When it was made.
    pub at: chrono::DateTime<chrono::Utc>,
    pub path: &'a str,
    pub params: String,
    pub outcome: &'a CallOutcome,
    pub error_code: Option<u16>,
}

/// Writes the call to its connection's log when its user switched the log on.
pub(super) async fn log_call<S: Store>(cx: &Ctx<S>, call: Logged<'_>) -> Result<(), ApiError> {
    log_in(&cx.store, cx.now, call).await
}

/// `log_call` outside a user's request (a retry the timer makes), at `now`.
pub(super) async fn log_in<S: Store>(store: &S, now: DateTime<Utc>, call: Logged<'_>) -> Result<(), ApiError> {
    if !call.settings.log_enabled {
        return Ok(());
    }
    let record = ApiCallRecord {
        id: format!("call-{}", random_hex(8)),
        account: call.settings.account.clone(),
        connection: call.settings.connection.clone(),
        call: ApiCall {
            at: call.at,
            method: call.method.into(),
            path: call.path.into(),
            params: call.params,
            status: call.outcome.status,
            error_code: call.error_code,
            latency_ms: call.outcome.latency_ms,
            error: call.outcome.error.clone(),
        },
    };
    let mut tx = store.write().await?;
    tx.log_api_call(&record, log_horizon(now)).await?;
    Ok(tx.commit().await?)
}

/// Switches a built-in connection's access log on or off.
pub async fn set_api_log<S: Store>(cx: &Ctx<S>, connection: &ConnectionId, on: bool) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let (account, found, builtin) = owned_connection(cx, &mut tx, connection).await?;
    let mut settings = settings_of(cx, &mut tx, &account, &found, builtin).await?;
    settings.log_enabled = on;
    settings.updated_at = cx.now;
    tx.save_builtin_settings(&settings).await?;
    Ok(tx.commit().await?)
}

/// A built-in connection's log of the last seven days, newest first.
pub async fn api_log<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    from: Option<u32>,
) -> Result<Page<ApiCall>, ApiError> {
    let mut tx = cx.store.read().await?;
    owned_connection(cx, &mut tx, connection).await?;
    let calls = tx.api_calls(connection, log_horizon(cx.now), window(from)).await?;
    Ok(page(calls.into_iter().map(|record| record.call).collect(), from))
}
