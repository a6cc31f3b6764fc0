//! Top-ups. Through the payment provider: the payer is sent to its page and
//! the balance grows only when the provider, asked directly, says the payment
//! succeeded. In a demo with no provider (the offline preview): at once,
//! labelled so. Outside demo mode with no provider: not at all.

use super::billing::{prices, top_up_at_once, Change};
use super::Ctx;
use crate::api::types::{PaymentView, TopUpMode, TopUpOutcome};
use crate::api::ApiError;
use crate::domain::billing::{parse_top_up, Refusal};
use crate::domain::payment::{self, PaymentStatus, ProviderReport};
use crate::domain::{IdempotencyKey, PaymentId};
use crate::store::{Payment, Payments as _, Store, StoreError, Tx as _};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// How this deployment takes money.
#[derive(Clone)]
pub enum Payments {
    Provider(Arc<dyn Provider>),
    /// A demo without a provider: a top-up is credited at once.
    Instant,
    Off,
}

impl Payments {
    pub fn mode(&self) -> TopUpMode {
        match self {
            Payments::Provider(_) => TopUpMode::Provider,
            Payments::Instant => TopUpMode::Instant,
            Payments::Off => TopUpMode::Off,
        }
    }
}

/// The payment provider's API (the server's is `crate::server::payments`).
pub trait Provider: Send + Sync {
    /// Creates the payment; sent again with the same key, the provider answers
    /// the payment it made the first time.
    fn create<'a>(&'a self, request: &'a PaymentRequest) -> ProviderCall<'a, Created>;
    /// What the provider says about one of its payments now.
    fn report<'a>(&'a self, provider_id: &'a str) -> ProviderCall<'a, ProviderReport>;
}

pub type ProviderCall<'a, T> = Pin<Box<dyn Future<Output = Result<T, ProviderError>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
#[error("payment provider: {0}")]
pub struct ProviderError(pub String);

/// A payment to create.
#[derive(Debug, Clone)]
pub struct PaymentRequest {
    /// Also the provider's `Idempotence-Key`: made once per owner's key, it
    /// is the same on a retry and differs between accounts, whose keys may
    /// coincide while the provider's are the shop's.
    pub payment: PaymentId,
    pub amount: Decimal,
    pub description: String,
    /// Where the provider sends the payer back.
    pub return_url: String,
}

/// The provider's new payment.
#[derive(Debug, Clone)]
pub struct Created {
    pub provider_id: String,
    pub confirmation_url: String,
}

/// Tops the balance up by the amount as typed; once per `key`.
pub async fn top_up<S: Store>(cx: &Ctx<S>, amount: &str, key: &IdempotencyKey) -> Result<TopUpOutcome, ApiError> {
    match &cx.payments {
        Payments::Provider(provider) => pay(cx, provider.as_ref(), amount, key).await,
        Payments::Instant => top_up_at_once(cx, amount, key).await.map(TopUpOutcome::Credited),
        Payments::Off => Err(ApiError::PaymentsOff),
    }
}

/// Records the payment and commits before the provider is called (no
/// transaction waits on the network), then asks the provider for it.
async fn pay<S: Store>(
    cx: &Ctx<S>,
    provider: &dyn Provider,
    amount: &str,
    key: &IdempotencyKey,
) -> Result<TopUpOutcome, ApiError> {
    let amount = parse_top_up(amount).map_err(Refusal::Amount)?;
    let mut change = Change::begin(cx).await?;
    let payment = if change.ran_before(key, &format!("pay {amount}")).await? {
        change.tx.payment_by_key(&change.id, key).await?.ok_or_else(|| StoreError::new(format!("payment {key}")))?
    } else {
        let payment = Payment {
            id: PaymentId::new(format!("pay-{}", super::tokens::random_hex(10))),
            account: change.id.clone(),
            amount,
            key: key.clone(),
            provider_id: None,
            confirmation_url: None,
            status: PaymentStatus::Pending,
            created_at: cx.now,
            settled_at: None,
        };
        change.tx.insert_payment(&payment).await?;
        payment
    };
    change.tx.commit().await?;
    if let Some(url) = payment.confirmation_url {
        return Ok(TopUpOutcome::Pay { payment: payment.id, url });
    }
    let request = PaymentRequest {
        payment: payment.id.clone(),
        amount,
        description: format!("Souk: top-up of account {}", payment.account),
        return_url: format!("{}/billing?payment={}", cx.origin, payment.id),
    };
    let created = provider.create(&request).await.map_err(|error| provider_failed(&error))?;
    let mut tx = cx.store.write().await?;
    tx.set_payment_provider(&payment.id, &created.provider_id, &created.confirmation_url).await?;
    tx.commit().await?;
    Ok(TopUpOutcome::Pay { payment: payment.id, url: created.confirmation_url })
}

/// The signed-in owner's payment, settled first if the provider has decided
/// it (the payer is back before the provider's notification, or it was lost).
pub async fn payment<S: Store>(cx: &Ctx<S>, id: &PaymentId) -> Result<PaymentView, ApiError> {
    let pending = {
        let mut tx = cx.store.read().await?;
        let account = cx.account_owner(&mut tx).await?;
        let payment = tx.payment(id).await?.filter(|p| p.account == account).ok_or(ApiError::NotFound)?;
        (payment.status == PaymentStatus::Pending).then_some(payment.provider_id).flatten()
    };
    if let (Some(provider_id), Payments::Provider(provider)) = (pending, &cx.payments) {
        settle(&cx.store, provider.as_ref(), &provider_id, cx.now).await?;
    }
    let mut tx = cx.store.read().await?;
    let payment = tx.payment(id).await?.ok_or(ApiError::NotFound)?;
    let billing = super::billing::billing(cx).await?;
    Ok(PaymentView { id: payment.id, amount: payment.amount, status: payment.status, billing })
}

/// Settles the payment the provider knows as `provider_id` by what the
/// provider says of it, asked directly (a notification is only a hint to
/// ask: anyone can post one). Credits a succeeded payment's amount once,
/// however many notifications and returning payers race; answers its status,
/// or `None` for a payment this store never made.
pub async fn settle<S: Store>(
    store: &S,
    provider: &dyn Provider,
    provider_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<PaymentStatus>, ApiError> {
    let known = store.read().await?.payment_by_provider_id(provider_id).await?;
    let Some(payment) = known else { return Ok(None) };
    if payment.status != PaymentStatus::Pending {
        return Ok(Some(payment.status));
    }
    let report = provider.report(provider_id).await.map_err(|error| provider_failed(&error))?;
    let Some(status) = payment::settle(payment.amount, &report) else { return Ok(Some(PaymentStatus::Pending)) };
    // The ledger's lock first, so a racing settlement waits here and then finds it settled.
    let mut change = Change::of(store.write().await?, payment.account.clone(), now, TopUpMode::Provider).await?;
    if !change.tx.settle_payment(&payment.id, status, now).await? {
        return Ok(change.tx.payment(&payment.id).await?.map(|p| p.status));
    }
    if status == PaymentStatus::Succeeded {
        let prices = prices(&mut change.tx).await?;
        let effects = change.ledger.top_up(payment.amount, &prices, &change.clock)?;
        change.finish(effects).await?;
    } else {
        change.tx.commit().await?;
    }
    Ok(Some(status))
}

/// The failure goes to the log; the payer learns only that the provider did not answer.
fn provider_failed(error: &ProviderError) -> ApiError {
    #[cfg(feature = "server")]
    tracing::warn!("{error}");
    #[cfg(not(feature = "server"))]
    leptos::logging::warn!("{error}");
    ApiError::PaymentProvider
}
