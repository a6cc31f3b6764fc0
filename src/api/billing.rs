//! The account owner's side of the marketplace: activation, connections, balance, history, notices.

use super::types::{BillingView, MailView};
use super::ApiError;
use crate::domain::billing::{HistoryFilter, Operation};
use crate::domain::Lang;
use leptos::server;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "billing", input = Json)]
pub async fn billing() -> Result<BillingView, ApiError> {
    crate::server::account_fns::billing().await
}

/// Activates a module, or adds a connection to an active one.
#[server(prefix = "/api", endpoint = "activate", input = Json)]
pub async fn activate(code: String) -> Result<BillingView, ApiError> {
    crate::server::account_fns::activate(code).await
}

#[server(prefix = "/api", endpoint = "deactivate_connection", input = Json)]
pub async fn deactivate_connection(id: String) -> Result<BillingView, ApiError> {
    crate::server::account_fns::deactivate_connection(id).await
}

#[server(prefix = "/api", endpoint = "deactivate_module", input = Json)]
pub async fn deactivate_module(code: String) -> Result<BillingView, ApiError> {
    crate::server::account_fns::deactivate_module(code).await
}

#[server(prefix = "/api", endpoint = "rename_connection", input = Json)]
pub async fn rename_connection(id: String, name: String) -> Result<BillingView, ApiError> {
    crate::server::account_fns::rename_connection(id, name).await
}

/// A demo payment: the amount as typed, checked by the same rule as in the form.
#[server(prefix = "/api", endpoint = "top_up", input = Json)]
pub async fn top_up(amount: String) -> Result<BillingView, ApiError> {
    crate::server::account_fns::top_up(amount).await
}

/// The filtered history, newest first.
#[server(prefix = "/api", endpoint = "history", input = Json)]
pub async fn history(filter: HistoryFilter) -> Result<Vec<Operation>, ApiError> {
    crate::server::account_fns::history(filter).await
}

/// Exactly the rows `history` shows for the filter, as CSV in the given language.
#[server(prefix = "/api", endpoint = "history_csv", input = Json)]
pub async fn history_csv(filter: HistoryFilter, lang: Lang) -> Result<String, ApiError> {
    crate::server::account_fns::history_csv(filter, lang).await
}

#[server(prefix = "/api", endpoint = "notifications", input = Json)]
pub async fn notifications() -> Result<Vec<MailView>, ApiError> {
    crate::server::account_fns::notifications().await
}
