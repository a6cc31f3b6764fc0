//! The reseller billing's settings screen (seed 002): service handlers,
//! data centres, tariff plans and the services ordered on them.

use super::ApiError;
use crate::domain::reseller::book::DataCentre;
use crate::domain::reseller::{
    HandlerDetails, NotImportable, OfferedPlan, Plan, PlanChange, ProductType, SellingAccount, Service, ServiceAction,
};
use crate::domain::{ConnectionId, IdempotencyKey};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A handler as its owner sees it: never its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlerRow {
    pub id: String,
    pub product: ProductType,
    pub url: String,
    pub user: String,
    pub details: HandlerDetails,
    pub data_centre_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResellerView {
    pub connection: ConnectionId,
    pub connection_name: String,
    pub frozen: bool,
    /// The selling billing a new handler's form starts with.
    pub default_url: String,
    pub data_centres: Vec<DataCentre>,
    pub handlers: Vec<HandlerRow>,
    pub plans: Vec<Plan>,
    pub services: Vec<Service>,
    pub log_enabled: bool,
}

/// The wizard's first step: which product, on which selling account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInInput {
    pub product: ProductType,
    pub url: String,
    pub user: String,
    pub password: String,
}

/// What the test call found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellingCheck {
    pub account: SellingAccount,
    /// Another reselling billing's handler signs in to the same selling account.
    pub shared: bool,
}

/// A plan the selling billing offers, as the import shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub plan: OfferedPlan,
    /// Why it cannot be chosen, if it cannot.
    pub refused: Option<NotImportable>,
    pub imported: bool,
    pub monthly: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synchronised {
    pub view: ResellerView,
    pub changes: Vec<PlanChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ordered {
    pub view: ResellerView,
    pub service: String,
    /// The handler that placed it.
    pub handler_name: String,
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "reseller", input = Json))]
pub async fn reseller(connection: ConnectionId) -> Result<ResellerView, ApiError> {
    run!(reseller::reseller(&connection))
}

/// The wizard's **Next**: the test call (`whoami`) with what was typed.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "check_selling_account", input = Json))]
pub async fn check_selling_account(connection: ConnectionId, sign_in: SignInInput) -> Result<SellingCheck, ApiError> {
    run!(reseller::check_selling_account(&connection, sign_in))
}

/// The wizard's **Finish**: the test call again, then the handler is kept.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "create_handler", input = Json))]
pub async fn create_handler(
    connection: ConnectionId,
    sign_in: SignInInput,
    details: HandlerDetails,
) -> Result<ResellerView, ApiError> {
    run!(reseller::create_handler(&connection, sign_in, details))
}

/// A handler's second step changed; `password`, when given, replaces the
/// saved one once the selling billing takes it.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "update_handler", input = Json))]
pub async fn update_handler(
    connection: ConnectionId,
    handler: String,
    details: HandlerDetails,
    password: Option<String>,
) -> Result<ResellerView, ApiError> {
    run!(reseller::update_handler(&connection, &handler, details, password))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "delete_handler", input = Json))]
pub async fn delete_handler(connection: ConnectionId, handler: String) -> Result<ResellerView, ApiError> {
    run!(reseller::delete_handler(&connection, &handler))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "create_data_centre", input = Json))]
pub async fn create_data_centre(connection: ConnectionId, name: String) -> Result<ResellerView, ApiError> {
    run!(reseller::create_data_centre(&connection, &name))
}

/// The import's first step: the plans the handler's selling billing offers.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "offered_plans", input = Json))]
pub async fn offered_plans(connection: ConnectionId, handler: String) -> Result<Vec<Offer>, ApiError> {
    run!(reseller::offered_plans(&connection, &handler))
}

/// The import's **Finish**: the plans chosen (by their ids on the selling billing), off.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "import_plans", input = Json))]
pub async fn import_plans(
    connection: ConnectionId,
    handler: String,
    plans: Vec<String>,
    provider: String,
) -> Result<ResellerView, ApiError> {
    run!(reseller::import_plans(&connection, &handler, plans, &provider))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "set_plan_enabled", input = Json))]
pub async fn set_plan_enabled(connection: ConnectionId, plan: String, enabled: bool) -> Result<ResellerView, ApiError> {
    run!(reseller::set_plan_enabled(&connection, &plan, enabled))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "synchronise_plan", input = Json))]
pub async fn synchronise_plan(connection: ConnectionId, plan: String) -> Result<Synchronised, ApiError> {
    run!(reseller::synchronise_plan(&connection, &plan))
}

/// A customer's order of `plan` for `months`: placed once per `key`.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "order_plan", input = Json))]
pub async fn order_plan(
    connection: ConnectionId,
    plan: String,
    months: u32,
    key: IdempotencyKey,
) -> Result<Ordered, ApiError> {
    run!(reseller::order_plan(&connection, &plan, months, &key))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "act_on_service", input = Json))]
pub async fn act_on_service(
    connection: ConnectionId,
    service: String,
    action: ServiceAction,
) -> Result<ResellerView, ApiError> {
    run!(reseller::act_on_service(&connection, &service, action))
}
