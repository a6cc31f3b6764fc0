//! The account owner's side of the marketplace: activation, connections, balance, history, notices.

use super::types::{BillingView, HistoryPage, MailView, Page, PaymentView, TopUpOutcome};
use super::ApiError;
use crate::domain::billing::HistoryFilter;
use crate::domain::{ConnectionId, IdempotencyKey, Lang, ModuleCode, PaymentId};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "billing", input = Json))]
pub async fn billing() -> Result<BillingView, ApiError> {
    run!(billing::billing())
}

/// Activates a module, or adds a connection to an active one; sent again
/// with the same `idempotency_key`, it does nothing more.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "activate", input = Json))]
pub async fn activate(code: ModuleCode, idempotency_key: IdempotencyKey) -> Result<BillingView, ApiError> {
    run!(billing::activate(&code, &idempotency_key))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "deactivate_connection", input = Json))]
pub async fn deactivate_connection(id: ConnectionId) -> Result<BillingView, ApiError> {
    run!(billing::deactivate_connection(&id))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "deactivate_module", input = Json))]
pub async fn deactivate_module(code: ModuleCode) -> Result<BillingView, ApiError> {
    run!(billing::deactivate_module(&code))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "rename_connection", input = Json))]
pub async fn rename_connection(id: ConnectionId, name: String) -> Result<BillingView, ApiError> {
    run!(billing::rename_connection(&id, &name))
}

/// A top-up of the amount as typed, checked by the same rule as in the form:
/// a payment on the provider's page, or a demo's instant credit; sent again
/// with the same `idempotency_key`, it pays and credits nothing more.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "top_up", input = Json))]
pub async fn top_up(amount: String, idempotency_key: IdempotencyKey) -> Result<TopUpOutcome, ApiError> {
    run!(payments::top_up(&amount, &idempotency_key))
}

/// One of the owner's top-ups paid through the provider, as it stands now.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "payment", input = Json))]
pub async fn payment(id: PaymentId) -> Result<PaymentView, ApiError> {
    run!(payments::payment(&id))
}

/// A page of the filtered history, newest first: the rows older than
/// `before` (the last page's `next`), or the newest without it.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "history", input = Json))]
pub async fn history(filter: HistoryFilter, before: Option<u64>) -> Result<HistoryPage, ApiError> {
    run!(billing::history(&filter, before))
}

/// Exactly the rows `history` shows for the filter, as CSV in the given language.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "history_csv", input = Json))]
pub async fn history_csv(filter: HistoryFilter, lang: Lang) -> Result<String, ApiError> {
    run!(billing::history_csv(&filter, lang))
}

/// A page of the notices of coming charges, newest first.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "notifications", input = Json))]
pub async fn notifications(from: Option<u32>) -> Result<Page<MailView>, ApiError> {
    run!(billing::notifications(from))
}
