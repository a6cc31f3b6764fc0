//! Lifecycle callbacks (`MODULE-API.md` §3): a change of a connection's state
//! is recorded as a delivery in the same transaction as the change, and sent
//! apart by `send_due` (the server's task, the preview's edge), so a module
//! that is slow or down never holds billing up. Partners read their modules'
//! deliveries, send a test event and redeliver one.

use super::module_calls::{CallOutcome, ModuleCalls};
use super::{page, window, Ctx};
use crate::api::deliveries::DeliveryView;
use crate::api::types::Page;
use crate::api::ApiError;
use crate::domain::delivery::{accepted, excerpt, next_attempt, Activity, DeliveryStatus, Event};
use crate::domain::{ConnectionId, ListingId, ModuleCode, Role};
use crate::store::{
    AttemptRecord, Deliveries, Delivery, IntegrationRecord, Integrations, Store, StoreError, Submissions, Tx,
};
use chrono::{DateTime, TimeDelta, Utc};

/// Deliveries sent per round.
const ROUND: u32 = 50;
/// How long a claimed delivery is left alone while it is sent: longer than any call.
const LEASE_SECONDS: i64 = 60;

/// Records a callback for each of the account's connections that changed
/// (`delivery::transitions`, or a billing run's freezes) whose module
/// registered an `activity` action.
pub(super) async fn record<T: Tx>(
    tx: &mut T,
    changes: &[(ConnectionId, Event, Activity)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (connection, event, activity) in changes {
        if let Some(registration) = tx.integration_of(connection).await? {
            enqueue(tx, &registration, *event, *activity, now).await?;
        }
    }
    Ok(())
}

async fn enqueue<T: Tx>(
    tx: &mut T,
    registration: &IntegrationRecord,
    event: Event,
    activity: Activity,
    now: DateTime<Utc>,
) -> Result<Option<Delivery>, StoreError> {
    let Some(url) = registration.module.action_url("activity") else { return Ok(None) };
    let delivery = Delivery {
        id: delivery_id(now),
        account: registration.account.clone(),
        connection: registration.connection.clone(),
        module: ModuleCode::new(registration.module.integration_code.as_str()),
        event,
        url,
        client_id: registration.module.client_id.clone().unwrap_or_default(),
        activity,
        status: DeliveryStatus::Pending,
        attempts: 0,
        next_at: Some(now),
        created_at: now,
        last: None,
    };
    tx.save_delivery(&delivery).await?;
    Ok(Some(delivery))
}

/// A new delivery's id: its time first, so ids sort as the deliveries were
/// made (the log's order among those of one second).
fn delivery_id(now: DateTime<Utc>) -> String {
    format!("dlv-{:013x}{}", now.timestamp_micros().max(0), super::tokens::random_hex(4))
}

/// Sends the deliveries due at `now`, each claimed first so two senders never
/// send one twice, with no transaction open during a call; answers how many
/// were attempted.
pub async fn send_due<S: Store>(store: &S, modules: &dyn ModuleCalls, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let mut tx = store.write().await?;
    let due = tx.due_deliveries(now, ROUND).await?;
    for delivery in &due {
        let claimed = Delivery { next_at: Some(now + TimeDelta::seconds(LEASE_SECONDS)), ..delivery.clone() };
        tx.save_delivery(&claimed).await?;
    }
    tx.commit().await?;
    let system_url = modules.system_url();
    for mut delivery in due.iter().cloned() {
        let activity = serde_json::to_string(&delivery.activity).unwrap_or_default();
        let fields =
            [("clientId", delivery.client_id.clone()), ("activity", activity), ("systemUrl", system_url.clone())];
        let outcome = modules.post(&delivery.url, &fields).await;
        settle(&mut delivery, outcome, now);
        let mut tx = store.write().await?;
        tx.save_delivery(&delivery).await?;
        tx.commit().await?;
    }
    Ok(due.len())
}

/// Records an attempt: delivered, or tried again later, or given up.
fn settle(delivery: &mut Delivery, outcome: CallOutcome, now: DateTime<Utc>) {
    delivery.attempts += 1;
    let taken = outcome.error.is_none() && outcome.status.is_some_and(|status| accepted(status, &outcome.body));
    delivery.last = Some(AttemptRecord {
        at: now,
        status: outcome.status,
        latency_ms: outcome.latency_ms,
        excerpt: excerpt(&outcome.body),
        error: outcome.error,
    });
    (delivery.status, delivery.next_at) = if taken {
        (DeliveryStatus::Delivered, None)
    } else {
        match next_attempt(delivery.attempts, now) {
            Some(at) => (DeliveryStatus::Pending, Some(at)),
            None => (DeliveryStatus::Failed, None),
        }
    };
}

/// The partner's own listing's published module code; anyone else is refused.
async fn own_module<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, listing: &ListingId) -> Result<ModuleCode, ApiError> {
    let partner = cx.signed_in_as(tx, Role::Partner).await?;
    let submission = tx.submission(listing).await?.filter(|s| s.owner == partner.email).ok_or(ApiError::NotFound)?;
    submission.published_code.ok_or(ApiError::NotFound)
}

/// A page of the deliveries to one of the partner's published modules, newest first.
pub async fn deliveries<S: Store>(
    cx: &Ctx<S>,
    listing: &ListingId,
    from: Option<u32>,
) -> Result<Page<DeliveryView>, ApiError> {
    let mut tx = cx.store.read().await?;
    let module = own_module(cx, &mut tx, listing).await?;
    let found = tx.deliveries_of(&module, window(from)).await?;
    Ok(page(found.into_iter().map(DeliveryView::from).collect(), from))
}

/// A test event to the module's most recently registered connection, telling
/// it the state that connection is in.
pub async fn send_test<S: Store>(cx: &Ctx<S>, listing: &ListingId) -> Result<DeliveryView, ApiError> {
    let mut tx = cx.store.write().await?;
    let module = own_module(cx, &mut tx, listing).await?;
    let registrations = tx.integrations_of_module(&module).await?;
    let registration = registrations
        .into_iter()
        .find(|r| r.module.action_url("activity").is_some())
        .ok_or(ApiError::NoRegistration)?;
    let (_, ledger) = super::billing::ledger(&mut tx, &registration.account).await?;
    let activity = Activity::of(ledger.connections.iter().find(|c| c.id == registration.connection));
    let sent = enqueue(&mut tx, &registration, Event::Test, activity, cx.now).await?;
    tx.commit().await?;
    sent.map(DeliveryView::from).ok_or(ApiError::Internal)
}

/// Sends one of the module's deliveries again, as a new delivery of the same event.
pub async fn redeliver<S: Store>(cx: &Ctx<S>, listing: &ListingId, id: &str) -> Result<DeliveryView, ApiError> {
    let mut tx = cx.store.write().await?;
    let module = own_module(cx, &mut tx, listing).await?;
    let original = tx.delivery(id).await?.filter(|d| d.module == module).ok_or(ApiError::NotFound)?;
    let again = Delivery {
        id: delivery_id(cx.now),
        status: DeliveryStatus::Pending,
        attempts: 0,
        next_at: Some(cx.now),
        created_at: cx.now,
        last: None,
        ..original
    };
    tx.save_delivery(&again).await?;
    tx.commit().await?;
    Ok(DeliveryView::from(again))
}

impl From<Delivery> for DeliveryView {
    fn from(d: Delivery) -> DeliveryView {
        let last = d.last.unwrap_or(AttemptRecord {
            at: d.created_at,
            status: None,
            latency_ms: 0,
            excerpt: String::new(),
            error: None,
        });
        let tried = d.attempts > 0;
        DeliveryView {
            id: d.id,
            event: d.event,
            connection: d.connection,
            client_id: d.client_id,
            url: d.url,
            activity: d.activity,
            status: d.status,
            attempts: d.attempts,
            created_at: d.created_at,
            next_at: d.next_at,
            last_at: tried.then_some(last.at),
            last_status: last.status,
            latency_ms: tried.then_some(last.latency_ms),
            excerpt: last.excerpt,
            error: last.error,
        }
    }
}
