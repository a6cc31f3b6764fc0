//! The booking channel's use cases (seed 004): the account's own services;
//! the channel activated with both consents, its services ticked and priced,
//! published, and its traffic permission; and the partner kept in step. A
//! change is kept first, then the calls it needs are made with no
//! transaction open, and their outcomes are kept on each service's row; a
//! failed call is planned again at the next change or, after its backoff, by
//! the timer (`retry_due`), so no change is lost.

use super::billing::ledger;
use super::builtins::{is_frozen, log_in, owned_connection, settings_of, BookingPartnerAt, Logged};
use super::module_calls::{JsonCall, ModuleCalls};
use super::tokens::random_hex;
use super::Ctx;
use crate::api::booking::{ChannelView, PriceEdit, ServiceRow};
use crate::api::ApiError;
use crate::domain::billing::Connection;
use crate::domain::booking::channel::{to_announce, Acceptance, Channel, Step, PARTNER_EMAIL};
use crate::domain::booking::channel::{DECLARATION_VERSION, TERMS_VERSION};
use crate::domain::booking::prices::{parse_change, BulkEdit};
use crate::domain::booking::services::{OwnService, ServiceInput};
use crate::domain::booking::wire::{Consent, PartnerError};
use crate::domain::booking::BookingRefusal;
use crate::domain::builtin::Builtin;
use crate::domain::{AccountId, ConnectionId, Email};
use crate::store::{AccountServices, Accounts, BuiltinSettings, Builtins, Letter, Letters, Store, StoreError, Tx};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::BTreeSet;

/// The owner's services, oldest first.
pub async fn account_services<S: Store>(cx: &Ctx<S>) -> Result<Vec<OwnService>, ApiError> {
    let mut tx = cx.store.read().await?;
    let account = cx.account_owner(&mut tx).await?;
    Ok(tx.account_services(&account).await?)
}

/// Adds a service (`id` is `None`) or changes the owner's service `id`;
/// nothing is kept unless every field is right.
pub async fn save_account_service<S: Store>(
    cx: &Ctx<S>,
    id: Option<String>,
    input: ServiceInput,
) -> Result<Vec<OwnService>, ApiError> {
    let mut tx = cx.store.write().await?;
    let account = cx.account_owner(&mut tx).await?;
    let services = tx.account_services(&account).await?;
    let id = match id {
        Some(id) if services.iter().any(|service| service.id == id) => id,
        Some(_) => return Err(ApiError::NotFound),
        None => format!("svc-{}", random_hex(6)),
    };
    let service = input.service(id).map_err(BookingRefusal::Invalid)?;
    tx.save_account_service(&account, &service, cx.now).await?;
    let services = tx.account_services(&account).await?;
    tx.commit().await?;
    synchronise_account(cx, &account).await?;
    Ok(services)
}

pub async fn delete_account_service<S: Store>(cx: &Ctx<S>, id: &str) -> Result<Vec<OwnService>, ApiError> {
    let mut tx = cx.store.write().await?;
    let account = cx.account_owner(&mut tx).await?;
    if !tx.delete_account_service(&account, id).await? {
        return Err(ApiError::NotFound);
    }
    // A ticked service deleted is unticked: the partner is told to remove it.
    for connection in channels_of(&mut tx, &account).await? {
        if let Some(mut stored) = tx.builtin_settings(&connection.id).await? {
            let mut channel = read_channel(&stored)?;
            channel.forget(id);
            stored.settings = write_channel(&channel)?;
            stored.updated_at = cx.now;
            tx.save_builtin_settings(&stored).await?;
        }
    }
    let services = tx.account_services(&account).await?;
    tx.commit().await?;
    synchronise_account(cx, &account).await?;
    Ok(services)
}

/// A new connection's settings, as JSON: a channel not yet activated.
pub(super) fn fresh() -> String {
    write_channel(&Channel::default()).unwrap_or_default()
}

fn read_channel(stored: &BuiltinSettings) -> Result<Channel, StoreError> {
    serde_json::from_str(&stored.settings)
        .map_err(|e| StoreError::new(format!("read the booking channel of {}: {e}", stored.connection)))
}

fn write_channel(channel: &Channel) -> Result<String, StoreError> {
    serde_json::to_string(channel).map_err(|e| StoreError::new(format!("write a booking channel: {e}")))
}

/// The account's booking connections.
async fn channels_of<T: Tx>(tx: &mut T, account: &AccountId) -> Result<Vec<Connection>, ApiError> {
    let (_, ledger) = ledger(tx, account).await?;
    Ok(ledger.connections.into_iter().filter(|c| Builtin::of(&c.module) == Some(Builtin::Booking)).collect())
}

/// The owner's booking connection, its channel and the account's services.
struct Loaded {
    connection: Connection,
    stored: BuiltinSettings,
    channel: Channel,
    services: Vec<OwnService>,
}

async fn load<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, id: &ConnectionId) -> Result<Loaded, ApiError> {
    let (account, connection, builtin) = owned_connection(cx, tx, id).await?;
    if builtin != Builtin::Booking {
        return Err(ApiError::NotFound);
    }
    let stored = settings_of(cx, tx, &account, &connection, builtin).await?;
    let channel = read_channel(&stored)?;
    let services = tx.account_services(&account).await?;
    Ok(Loaded { connection, stored, channel, services })
}

fn view_of(loaded: &Loaded) -> ChannelView {
    let channel = &loaded.channel;
    let wanted = channel.wanted(&loaded.services);
    let rows = loaded
        .services
        .iter()
        .map(|service| ServiceRow {
            ticked: channel.ticked.contains(&service.id),
            channel_price: channel.price_of(service),
            shown: channel.told.merchant && channel.told.services.contains_key(&service.id),
            in_step: wanted.get(&service.id) == channel.told.services.get(&service.id) || !channel.is_live(),
            sync: channel.sync.get(&service.id).cloned(),
            service: service.clone(),
        })
        .collect();
    ChannelView {
        connection: loaded.connection.id.clone(),
        connection_name: loaded.connection.name.clone(),
        frozen: is_frozen(&loaded.connection),
        consent: channel.consent.clone(),
        declaration_version: DECLARATION_VERSION.into(),
        terms_version: TERMS_VERSION.into(),
        published: channel.published,
        traffic: channel.traffic,
        live: channel.is_live() && channel.told.merchant,
        merchant_sync: channel.merchant_sync.clone(),
        can_undo: channel.prices.previous.is_some(),
        partner_email: PARTNER_EMAIL.into(),
        rows,
        log_enabled: loaded.stored.log_enabled,
    }
}

pub async fn booking_channel<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<ChannelView, ApiError> {
    let mut tx = cx.store.read().await?;
    Ok(view_of(&load(cx, &mut tx, connection).await?))
}

/// Changes the owner's channel as `change` says, keeps it, brings the
/// partner in step, and answers the channel as it is then.
async fn change<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    change: impl FnOnce(&mut Loaded) -> Result<Vec<Letter>, ApiError>,
) -> Result<ChannelView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    if is_frozen(&loaded.connection) {
        return Err(BookingRefusal::Frozen.into());
    }
    let letters = change(&mut loaded)?;
    keep_and_sync(cx, tx, loaded, &letters).await?;
    booking_channel(cx, connection).await
}

/// Keeps the channel as changed and the letters it sends, then tells the
/// partner, with the transaction closed before any call goes out.
async fn keep_and_sync<S: Store>(
    cx: &Ctx<S>,
    mut tx: S::Tx,
    mut loaded: Loaded,
    letters: &[Letter],
) -> Result<(), ApiError> {
    loaded.stored.settings = write_channel(&loaded.channel)?;
    loaded.stored.updated_at = cx.now;
    tx.save_builtin_settings(&loaded.stored).await?;
    for letter in letters {
        tx.post_letter(letter).await?;
    }
    tx.commit().await?;
    sync_now(cx, &loaded.connection.id).await
}

/// Sends the partner every call `connection`'s channel is waiting for.
async fn sync_now<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<(), ApiError> {
    synchronise(&cx.store, cx.modules.as_ref(), &cx.outside.booking, cx.now, connection, Retry::All).await
}

/// Activates the channel: both texts accepted in their current versions,
/// kept with the time; the partner is e-mailed. Activating again changes nothing.
pub async fn activate_channel<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    accepted: Acceptance,
) -> Result<ChannelView, ApiError> {
    let now = cx.now;
    change(cx, connection, |loaded| {
        if let Some(missing) = accepted.missing() {
            return Err(BookingRefusal::ConsentMissing(missing).into());
        }
        if loaded.channel.is_active() {
            return Ok(Vec::new());
        }
        loaded.channel.consent = Some(Consent {
            declaration_version: DECLARATION_VERSION.into(),
            terms_version: TERMS_VERSION.into(),
            accepted_at: now,
        });
        Ok(vec![partner_letter(&loaded.connection.id, "activated", activation_text(&loaded.connection), now)?])
    })
    .await
}

/// Ticks a service to publish, or unticks it (the partner is told to remove it).
pub async fn tick_service<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    service: &str,
    ticked: bool,
) -> Result<ChannelView, ApiError> {
    change(cx, connection, |loaded| {
        if !loaded.services.iter().any(|s| s.id == service) {
            return Err(ApiError::NotFound);
        }
        match ticked {
            true => loaded.channel.ticked.insert(service.to_string()),
            false => loaded.channel.ticked.remove(service),
        };
        Ok(Vec::new())
    })
    .await
}

/// A bulk price edit of the rows chosen, as typed (read again here, by the
/// rule the editor's preview used).
pub async fn edit_prices<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    edit: PriceEdit,
) -> Result<ChannelView, ApiError> {
    change(cx, connection, |loaded| {
        let change = parse_change(&edit.kind, &edit.value).map_err(BookingRefusal::Price)?;
        let bulk = BulkEdit { change, round: edit.round };
        let ids: BTreeSet<String> = edit.services.into_iter().collect();
        let chosen = loaded.channel.chosen_prices(&loaded.services, &ids);
        loaded.channel.prices.apply(&bulk, &chosen).map_err(BookingRefusal::Price)?;
        Ok(Vec::new())
    })
    .await
}

/// Takes the last bulk price edit back.
pub async fn undo_prices<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<ChannelView, ApiError> {
    change(cx, connection, |loaded| match loaded.channel.prices.undo() {
        true => Ok(Vec::new()),
        false => Err(BookingRefusal::NothingToUndo.into()),
    })
    .await
}

/// Publishes the merchant and the ticked services; from then on every change goes out by itself.
pub async fn publish_channel<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<ChannelView, ApiError> {
    change(cx, connection, |loaded| {
        if !loaded.channel.is_active() {
            return Err(BookingRefusal::NotActive.into());
        }
        loaded.channel.published = true;
        Ok(Vec::new())
    })
    .await
}

/// The channel's traffic permission: off removes the merchant (its services
/// hidden with it), on creates it again and the partner shows them again.
pub async fn set_traffic<S: Store>(cx: &Ctx<S>, connection: &ConnectionId, on: bool) -> Result<ChannelView, ApiError> {
    change(cx, connection, |loaded| {
        loaded.channel.traffic = on;
        Ok(Vec::new())
    })
    .await
}

/// Before a booking connection ends, the partner removes its merchant (the
/// traffic permission is switched off for it); while the partner cannot be
/// told, the connection stays, so no service is left on the channel of a
/// connection that is gone. Any other connection passes.
pub(super) async fn withdraw_before_ending<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let mut loaded = match load(cx, &mut tx, connection).await {
        Ok(loaded) if loaded.channel.told.merchant => loaded,
        // Not a booking channel, or nothing on the partner's side: the ending goes on (and checks the rest).
        Ok(_) | Err(ApiError::NotFound) => return Ok(()),
        Err(error) => return Err(error),
    };
    loaded.channel.traffic = false;
    keep_and_sync(cx, tx, loaded, &[]).await?;
    let mut tx = cx.store.read().await?;
    let channel = load(cx, &mut tx, connection).await?.channel;
    match (channel.told.merchant, channel.merchant_sync) {
        (false, _) => Ok(()),
        (true, state) => {
            let said = state.and_then(|state| state.error).unwrap_or_default();
            Err(BookingRefusal::NotWithdrawn(said).into())
        }
    }
}

/// Brings every booking channel of the account in step (after its services changed).
async fn synchronise_account<S: Store>(cx: &Ctx<S>, account: &AccountId) -> Result<(), ApiError> {
    let mut tx = cx.store.read().await?;
    let connections = channels_of(&mut tx, account).await?;
    drop(tx);
    for connection in connections {
        sync_now(cx, &connection.id).await?;
    }
    Ok(())
}

/// Which failed calls a round tries again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// Every one: the user just changed something.
    All,
    /// Those whose backoff has passed: the timer's round.
    Due,
}

/// What a round of calls came to, step by step.
type Outcomes = Vec<(Step, Result<(), String>, DateTime<Utc>)>;

/// Makes the calls that bring the partner in step with the channel of
/// `connection`, with no transaction open, then keeps their outcomes (and
/// e-mails the partner of each service it now shows for the first time).
async fn synchronise<S: Store>(
    store: &S,
    modules: &dyn ModuleCalls,
    partner: &BookingPartnerAt,
    now: DateTime<Utc>,
    connection: &ConnectionId,
    retry: Retry,
) -> Result<(), ApiError> {
    let mut tx = store.read().await?;
    let Some(stored) = tx.builtin_settings(connection).await? else { return Ok(()) };
    // A connection waiting for a top-up (or ended) sends nothing until it works again.
    let (_, ledger) = ledger(&mut tx, &stored.account).await?;
    if !ledger.connections.iter().any(|c| &c.id == connection && !is_frozen(c)) {
        return Ok(());
    }
    let channel = read_channel(&stored)?;
    let services = tx.account_services(&stored.account).await?;
    let merchant_name = tx.account(&stored.account).await?.map(|(account, _)| account.name).unwrap_or_default();
    drop(tx);
    let Some(consent) = channel.consent.clone() else { return Ok(()) };
    let mut outcomes: Outcomes = Vec::new();
    // Calls are logged one after another, each at the round's time plus what the earlier took.
    let mut at = now;
    for step in channel.plan(&services) {
        if retry == Retry::Due && !channel.is_due(&step, now) {
            if step == Step::CreateMerchant {
                break;
            }
            continue;
        }
        let request = step.request(&partner.partner, connection.as_str(), &merchant_name, &consent);
        let call = JsonCall {
            method: request.method.as_str(),
            url: format!("{}{}", partner.url.trim_end_matches('/'), request.path),
            bearer: partner.token.clone(),
            body: request.body.as_ref().map(|body| body.to_string()),
        };
        let outcome = modules.send_json(&call).await;
        let result = match (outcome.status, &outcome.error) {
            (Some(status), _) => match PartnerError::of(status, &outcome.body) {
                None => Ok(()),
                Some(error) if step.already_done(error.code) => Ok(()),
                Some(error) => Err(format!("{} {}: {}", error.code, error.status, error.message)),
            },
            (None, error) => Err(error.clone().unwrap_or_else(|| "no answer".into())),
        };
        let logged = Logged {
            settings: &stored,
            method: call.method,
            at,
            path: &request.path,
            params: call.body.clone().unwrap_or_default(),
            outcome: &outcome,
            error_code: None,
        };
        log_in(store, at, logged).await?;
        at += TimeDelta::milliseconds(i64::from(outcome.latency_ms.max(1)));
        let failed = result.is_err();
        outcomes.push((step.clone(), result, now));
        if failed && step == Step::CreateMerchant {
            // Its services cannot be created before it.
            break;
        }
    }
    if outcomes.is_empty() {
        return Ok(());
    }
    keep_outcomes(store, connection, outcomes, now).await
}

async fn keep_outcomes<S: Store>(
    store: &S,
    connection: &ConnectionId,
    outcomes: Outcomes,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut tx = store.write().await?;
    let Some(mut stored) = tx.builtin_settings(connection).await? else { return Ok(()) };
    let mut channel = read_channel(&stored)?;
    for (step, result, at) in outcomes {
        match result {
            Ok(()) => channel.succeeded(&step, at),
            Err(error) => channel.failed(&step, error, at),
        }
    }
    let services = tx.account_services(&stored.account).await?;
    for id in to_announce(&channel) {
        if let Some(service) = services.iter().find(|s| s.id == id) {
            let text = format!(
                "Новая услуга опубликована / A new service is published: {} / {} ({} min).\nMerchant: {connection}",
                service.name.ru, service.name.en, service.duration_min
            );
            tx.post_letter(&partner_letter(connection, &format!("service {id}"), text, now)?).await?;
        }
        channel.announced.insert(id);
    }
    stored.settings = write_channel(&channel)?;
    stored.updated_at = now;
    tx.save_builtin_settings(&stored).await?;
    Ok(tx.commit().await?)
}

/// A letter to the partner about `what` of the channel `connection`.
fn partner_letter(connection: &ConnectionId, what: &str, body: String, now: DateTime<Utc>) -> Result<Letter, ApiError> {
    let recipient =
        Email::parse(PARTNER_EMAIL).map_err(|_| StoreError::new(format!("the partner's address {PARTNER_EMAIL}")))?;
    Ok(Letter {
        id: format!("letter-{}", random_hex(8)),
        kind: format!("booking {connection} {what}"),
        recipient,
        subject: format!("Premium Service Organizer: {what} ({connection})"),
        body,
        at: now,
    })
}

fn activation_text(connection: &Connection) -> String {
    format!(
        "Канал активирован / The channel is activated.\nMerchant: {}\nConsent declaration {DECLARATION_VERSION}, terms and conditions {TERMS_VERSION} accepted.",
        connection.id
    )
}

/// The timer's round: every booking channel's failed calls whose backoff
/// has passed are tried again (and any change not yet sent).
pub async fn retry_due<S: Store>(
    store: &S,
    modules: &dyn ModuleCalls,
    partner: &BookingPartnerAt,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut tx = store.read().await?;
    let channels = tx.builtin_settings_of_module(&crate::domain::ModuleCode::new(Builtin::Booking.code())).await?;
    drop(tx);
    for (connection, settings) in channels {
        let pending = serde_json::from_str::<Channel>(&settings).is_ok_and(|channel| {
            channel.sync.values().chain(channel.merchant_sync.iter()).any(|state| state.error.is_some())
        });
        if pending {
            synchronise(store, modules, partner, now, &connection, Retry::Due).await?;
        }
    }
    Ok(())
}
