//! The SMS service's use cases (seed 003): its settings, the loyalty
//! programme its events depend on, the balance check and the test message.
//! Calls to the gateway run with no transaction open.

use super::builtins::{is_frozen, log_call, owned_connection, settings_of, Logged};
use super::module_calls::CallOutcome;
use super::Ctx;
use crate::api::sms::{GatewayInput, SmsView, TestSms};
use crate::api::ApiError;
use crate::domain::billing::Connection;
use crate::domain::builtin::Builtin;
use crate::domain::sms::gateway::{self, Balance, Credentials, GatewayFailure, Request};
use crate::domain::sms::settings::{gateway_problems, parse_phone};
use crate::domain::sms::texts::test_text;
use crate::domain::sms::{count, with_sender, LoyaltyProgramme, SmsEvent, SmsRefusal, SmsSettings};
use crate::domain::{AccountId, ConnectionId, Lang};
use crate::store::{BuiltinSettings, Builtins, ModuleSecret, Store, StoreError, Tx};
use std::collections::BTreeMap;

/// A new connection's settings, as JSON: the gateway the server is set up with.
pub(super) fn fresh<S>(cx: &Ctx<S>) -> String {
    let settings = SmsSettings { gateway_url: cx.outside.sms_gateway.clone(), ..SmsSettings::default() };
    serde_json::to_string(&settings).unwrap_or_default()
}

/// The owner's SMS connection and its settings, kept or fresh.
struct Loaded {
    account: AccountId,
    connection: Connection,
    stored: BuiltinSettings,
    sms: SmsSettings,
}

async fn load<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, id: &ConnectionId) -> Result<Loaded, ApiError> {
    let (account, connection, builtin) = owned_connection(cx, tx, id).await?;
    if builtin != Builtin::Sms {
        return Err(ApiError::NotFound);
    }
    let stored = settings_of(cx, tx, &account, &connection, builtin).await?;
    let sms = serde_json::from_str(&stored.settings)
        .map_err(|e| StoreError::new(format!("read the SMS settings of {id}: {e}")))?;
    Ok(Loaded { account, connection, stored, sms })
}

async fn programme_of<T: Tx>(tx: &mut T, account: &AccountId) -> Result<LoyaltyProgramme, ApiError> {
    Ok(tx.loyalty_programme(account).await?.unwrap_or_default())
}

fn view_of(loaded: &Loaded, programme: LoyaltyProgramme) -> SmsView {
    SmsView {
        connection: loaded.connection.id.clone(),
        connection_name: loaded.connection.name.clone(),
        frozen: is_frozen(&loaded.connection),
        settings: loaded.sms.clone(),
        password_saved: loaded.stored.secret.is_some(),
        programme,
        log_enabled: loaded.stored.log_enabled,
    }
}

/// Stores `loaded` with `sms` as its settings, and answers the view.
async fn save<S: Store>(
    cx: &Ctx<S>,
    mut tx: S::Tx,
    mut loaded: Loaded,
    programme: LoyaltyProgramme,
) -> Result<SmsView, ApiError> {
    loaded.stored.settings =
        serde_json::to_string(&loaded.sms).map_err(|e| StoreError::new(format!("write SMS settings: {e}")))?;
    loaded.stored.updated_at = cx.now;
    tx.save_builtin_settings(&loaded.stored).await?;
    tx.commit().await?;
    Ok(view_of(&loaded, programme))
}

pub async fn sms_service<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<SmsView, ApiError> {
    let mut tx = cx.store.read().await?;
    let loaded = load(cx, &mut tx, connection).await?;
    let programme = programme_of(&mut tx, &loaded.account).await?;
    Ok(view_of(&loaded, programme))
}

/// The gateway's address, login, password (kept when none is typed) and
/// sender name, each checked; nothing is kept unless all are right.
pub async fn save_sms_gateway<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    input: GatewayInput,
) -> Result<SmsView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    let saved = loaded.stored.secret.is_some();
    let problems = gateway_problems(&input.gateway_url, &input.login, input.password.as_deref(), saved, &input.sender);
    if let Some(problem) = problems.into_iter().next() {
        return Err(problem.into());
    }
    if let Some(password) = input.password {
        loaded.stored.secret = Some(ModuleSecret(password));
    }
    loaded.sms.gateway_url = input.gateway_url.trim().trim_end_matches('/').to_string();
    loaded.sms.login = input.login.trim().to_string();
    loaded.sms.password_kind = input.password_kind;
    loaded.sms.sender = input.sender.trim().to_string();
    let programme = programme_of(&mut tx, &loaded.account).await?;
    save(cx, tx, loaded, programme).await
}

/// The global switch and each event's; an event the programme rules out
/// cannot be switched on.
pub async fn set_sms_switches<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    enabled: bool,
    events: BTreeMap<SmsEvent, bool>,
) -> Result<SmsView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    let programme = programme_of(&mut tx, &loaded.account).await?;
    for (&event, &on) in &events {
        if let Some(why) = programme.rules_out(event).filter(|_| on) {
            return Err(SmsRefusal::Impossible(event, why).into());
        }
    }
    loaded.sms.enabled = enabled;
    // An event left out keeps its choice: it may be ruled out just now.
    loaded.sms.events.extend(events);
    save(cx, tx, loaded, programme).await
}

/// The account's loyalty programme; the events it rules out go off (their
/// choice kept, so they come back when the programme allows them again).
pub async fn save_loyalty_programme<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    programme: LoyaltyProgramme,
) -> Result<SmsView, ApiError> {
    programme.check().map_err(SmsRefusal::Programme)?;
    let mut tx = cx.store.write().await?;
    let loaded = load(cx, &mut tx, connection).await?;
    tx.save_loyalty_programme(&loaded.account, &programme).await?;
    tx.commit().await?;
    Ok(view_of(&loaded, programme))
}

/// What a call to the gateway needs, read in a transaction that is closed
/// before the call.
struct Ready {
    stored: BuiltinSettings,
    sms: SmsSettings,
    credentials: Credentials,
}

async fn ready<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<Ready, ApiError> {
    let mut tx = cx.store.read().await?;
    let loaded = load(cx, &mut tx, connection).await?;
    if is_frozen(&loaded.connection) {
        return Err(SmsRefusal::Frozen.into());
    }
    let password = match &loaded.stored.secret {
        Some(secret) if !loaded.sms.login.is_empty() => secret.0.clone(),
        _ => return Err(SmsRefusal::NotSetUp.into()),
    };
    let credentials = Credentials { login: loaded.sms.login.clone(), password };
    Ok(Ready { stored: loaded.stored, sms: loaded.sms, credentials })
}

/// Sends `request` to the gateway, within the connection's share of calls,
/// and logs it (when the log is on).
async fn call<S: Store>(cx: &Ctx<S>, ready: &Ready, request: &Request) -> Result<CallOutcome, ApiError> {
    cx.limits.outside_calls.admit(ready.stored.connection.as_str(), cx.now).map_err(ApiError::wait)?;
    let url = format!("{}{}", ready.sms.gateway_url, request.path);
    let outcome = cx.modules.post(&url, &request.fields).await;
    let error_code = gateway::error_code(&outcome.body).map(|code| code.number());
    let logged = Logged {
        settings: &ready.stored,
        method: "POST",
        at: cx.now,
        path: request.path,
        params: request.masked(),
        outcome: &outcome,
        error_code,
    };
    log_call(cx, logged).await?;
    Ok(outcome)
}

fn answered(outcome: &CallOutcome) -> Result<u16, SmsRefusal> {
    outcome.status.ok_or_else(|| {
        SmsRefusal::Gateway(GatewayFailure::NoAnswer(outcome.error.clone().unwrap_or_else(|| "no answer".into())))
    })
}

pub async fn check_sms_balance<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<Balance, ApiError> {
    let ready = ready(cx, connection).await?;
    let outcome = call(cx, &ready, &Request::balance(&ready.credentials)).await?;
    let status = answered(&outcome)?;
    Ok(gateway::parse_balance(status, &outcome.body).map_err(SmsRefusal::Gateway)?)
}

/// The test message, the sender name added, to the phone the owner typed.
pub async fn send_test_sms<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    phone: &str,
    lang: Lang,
) -> Result<TestSms, ApiError> {
    let phone = parse_phone(phone)?;
    let ready = ready(cx, connection).await?;
    let message = with_sender(&ready.sms.sender, test_text(lang));
    let request = Request::send(&ready.credentials, &phone, &message, &ready.sms.sender);
    let outcome = call(cx, &ready, &request).await?;
    let status = answered(&outcome)?;
    let sent = gateway::parse_sent(status, &outcome.body).map_err(SmsRefusal::Gateway)?;
    Ok(TestSms { count: count(&message), phone, message, parts: sent.parts, cost: sent.cost, balance: sent.balance })
}
