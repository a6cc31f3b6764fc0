//! Service handlers: one per product type and selling account, each signing
//! in to the selling billing with its own user name and password (kept
//! sealed, apart from this), and the rule choosing which one places an order.

use super::doc::{self, attr, BillFailure};
use super::plan::Plan;
use super::{ProductType, CLIENT_LEVEL};
use crate::domain::billing::amount::parse_rubles;
use crate::domain::simple_connection::is_web_address;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_USER: usize = 64;
pub const MAX_PASSWORD: usize = 128;
pub const MAX_NAME: usize = 60;
pub const MAX_PRIORITY: u32 = 9_999;
pub const MAX_PROVIDER: usize = 100;

/// Who in the reselling company gets the tasks a handler raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    #[default]
    Support,
    Technical,
    Sales,
    Accounting,
}

impl Department {
    pub const ALL: [Department; 4] =
        [Department::Support, Department::Technical, Department::Sales, Department::Accounting];
}

/// A handler's second step: where and how it is shown and chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlerDetails {
    /// One of the account's data centres, by id.
    pub data_centre: String,
    pub name: String,
    pub department: Department,
    /// The lowest wins when several handlers serve one plan.
    pub priority: u32,
    /// Below this balance on its selling account the handler places no order.
    pub min_balance: Decimal,
}

/// A service handler as kept, its password aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    pub id: String,
    pub product: ProductType,
    /// The selling billing's address, without a trailing `/`.
    pub url: String,
    pub user: String,
    pub details: HandlerDetails,
    pub created_at: DateTime<Utc>,
}

impl Handler {
    /// Whether it can place orders for `plan`: same product, same selling billing.
    pub fn serves(&self, plan: &Plan) -> bool {
        self.product == plan.product && self.url == plan.billing_url
    }

    /// Whether it signs in to the same selling account as `url` and `user`.
    pub fn same_account(&self, url: &str, user: &str) -> bool {
        self.url == normal_url(url) && self.user == user.trim()
    }
}

/// A selling billing's address as kept: trimmed, no trailing `/`.
pub fn normal_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

/// The selling account as `whoami` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellingAccount {
    pub name: String,
    pub level: u32,
    pub balance: Decimal,
    pub currency: String,
}

impl SellingAccount {
    /// `doc.user` of a `whoami` answer.
    pub fn parse(status: u16, body: &str) -> Result<SellingAccount, BillFailure> {
        let doc = doc::doc(status, body)?;
        let user = doc.get("user").ok_or_else(|| BillFailure::NotBillmanager("no user in whoami".into()))?;
        let level = attr(user, "level")
            .and_then(|level| level.trim().parse().ok())
            .ok_or_else(|| BillFailure::NotBillmanager("no level in whoami".into()))?;
        Ok(SellingAccount {
            name: attr(user, "name").unwrap_or_default(),
            level,
            balance: doc::decimal(attr(user, "balance"), "balance")?,
            currency: attr(user, "currency").unwrap_or_default(),
        })
    }

    pub fn is_client(&self) -> bool {
        self.level == CLIENT_LEVEL
    }
}

/// A field of the handler's wizard that cannot be kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "field", content = "problem")]
pub enum HandlerProblem {
    #[error("URL is not an http(s) address")]
    Url,
    #[error("user name: empty or longer than 64")]
    User,
    #[error("password: empty or longer than 128")]
    Password,
    #[error("no such data centre")]
    DataCentre,
    #[error("name: empty or longer than 60")]
    Name,
    #[error("priority: a whole number from 0 to 9999")]
    Priority,
    #[error("minimum balance: a non-negative amount")]
    MinBalance,
    #[error("data centre name: empty or longer than 60")]
    DataCentreName,
    #[error("provider: empty or longer than 100")]
    Provider,
    #[error("plans: choose at least one")]
    Plans,
}

/// The fields of the reseller's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandlerField {
    Url,
    User,
    Password,
    DataCentre,
    Name,
    Priority,
    MinBalance,
    DataCentreName,
    Provider,
    Plans,
}

impl HandlerProblem {
    pub fn field(&self) -> HandlerField {
        match self {
            HandlerProblem::Url => HandlerField::Url,
            HandlerProblem::User => HandlerField::User,
            HandlerProblem::Password => HandlerField::Password,
            HandlerProblem::DataCentre => HandlerField::DataCentre,
            HandlerProblem::Name => HandlerField::Name,
            HandlerProblem::Priority => HandlerField::Priority,
            HandlerProblem::MinBalance => HandlerField::MinBalance,
            HandlerProblem::DataCentreName => HandlerField::DataCentreName,
            HandlerProblem::Provider => HandlerField::Provider,
            HandlerProblem::Plans => HandlerField::Plans,
        }
    }
}

fn text_ok(text: &str, max: usize) -> bool {
    !text.trim().is_empty() && text.trim().chars().count() <= max
}

/// The first step's problems: the selling billing's address, user name and password.
pub fn sign_in_problems(url: &str, user: &str, password: &str) -> Vec<HandlerProblem> {
    let mut problems = Vec::new();
    if !is_web_address(url.trim()) {
        problems.push(HandlerProblem::Url);
    }
    if !text_ok(user, MAX_USER) {
        problems.push(HandlerProblem::User);
    }
    problems.extend(check_password(password).err());
    problems
}

/// A password typed for the selling account: kept as typed, spaces and all.
pub fn check_password(password: &str) -> Result<(), HandlerProblem> {
    match password.is_empty() || password.chars().count() > MAX_PASSWORD {
        true => Err(HandlerProblem::Password),
        false => Ok(()),
    }
}

/// The second step as typed: the priority and minimum balance are text until
/// they are numbers. `data_centres` are the ids the account keeps.
pub fn details_problems(
    data_centre: &str,
    name: &str,
    priority: &str,
    min_balance: &str,
    data_centres: &[String],
) -> Vec<HandlerProblem> {
    let mut problems = Vec::new();
    if !data_centres.iter().any(|id| id == data_centre) {
        problems.push(HandlerProblem::DataCentre);
    }
    if !text_ok(name, MAX_NAME) {
        problems.push(HandlerProblem::Name);
    }
    if parse_priority(priority).is_none() {
        problems.push(HandlerProblem::Priority);
    }
    if parse_min_balance(min_balance).is_none() {
        problems.push(HandlerProblem::MinBalance);
    }
    problems
}

pub fn parse_priority(typed: &str) -> Option<u32> {
    typed.trim().parse().ok().filter(|priority| *priority <= MAX_PRIORITY)
}

/// An amount in rubles as `parse_rubles` reads it, from 0 up to a billion.
pub fn parse_min_balance(typed: &str) -> Option<Decimal> {
    parse_rubles(typed).ok().filter(|amount| *amount >= Decimal::ZERO && *amount < Decimal::from(1_000_000_000))
}

impl HandlerDetails {
    /// The problems of details that came whole (from the server's side of the wizard).
    pub fn problems(&self, data_centres: &[String]) -> Vec<HandlerProblem> {
        details_problems(
            &self.data_centre,
            &self.name,
            &self.priority.to_string(),
            &self.min_balance.to_string(),
            data_centres,
        )
    }
}

pub fn check_data_centre_name(name: &str) -> Result<(), HandlerProblem> {
    text_ok(name, MAX_NAME).then_some(()).ok_or(HandlerProblem::DataCentreName)
}

pub fn check_provider(provider: &str) -> Result<(), HandlerProblem> {
    text_ok(provider, MAX_PROVIDER).then_some(()).ok_or(HandlerProblem::Provider)
}

/// The handlers that could place an order for `plan`, the one to try first first:
/// the lowest sort priority, then the oldest.
pub fn serving<'a>(plan: &Plan, handlers: &'a [Handler]) -> Vec<&'a Handler> {
    let mut serving: Vec<&Handler> = handlers.iter().filter(|handler| handler.serves(plan)).collect();
    serving.sort_by_key(|handler| (handler.details.priority, handler.created_at));
    serving
}

/// The handler that places an order for `plan`: of those serving it, the
/// lowest sort priority whose selling account holds at least its minimum
/// balance (`balances` by handler id; one missing could not be asked).
/// Only an enabled plan can be ordered.
pub fn choose<'a>(
    plan: &Plan,
    handlers: &'a [Handler],
    balances: &BTreeMap<String, Decimal>,
) -> Result<&'a Handler, super::ResellerRefusal> {
    if !plan.enabled {
        return Err(super::ResellerRefusal::PlanDisabled);
    }
    let serving = serving(plan, handlers);
    if serving.is_empty() {
        return Err(super::ResellerRefusal::NoHandler);
    }
    serving
        .into_iter()
        .find(|handler| balances.get(&handler.id).is_some_and(|balance| *balance >= handler.details.min_balance))
        .ok_or(super::ResellerRefusal::NoBalance)
}
