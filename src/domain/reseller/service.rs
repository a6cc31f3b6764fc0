//! The services customers order on enabled plans, placed on the selling
//! billing by a handler, and what can be done with each.

use super::doc::{self, child, BillFailure};
use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    Active,
    Suspended,
    Deleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceAction {
    Prolong,
    Suspend,
    Resume,
    Delete,
}

impl ServiceAction {
    /// The status after it, from `status`, when it may be done at all.
    pub fn after(self, status: ServiceStatus) -> Option<ServiceStatus> {
        match (self, status) {
            (_, ServiceStatus::Deleted) => None,
            (ServiceAction::Prolong, status) => Some(status),
            (ServiceAction::Suspend, ServiceStatus::Active) => Some(ServiceStatus::Suspended),
            (ServiceAction::Resume, ServiceStatus::Suspended) => Some(ServiceStatus::Active),
            (ServiceAction::Delete, _) => Some(ServiceStatus::Deleted),
            _ => None,
        }
    }

    /// Its function's verb on the selling billing (prolong has its own function).
    pub fn verb(self) -> &'static str {
        match self {
            ServiceAction::Prolong => "prolong",
            ServiceAction::Suspend => "suspend",
            ServiceAction::Resume => "resume",
            ServiceAction::Delete => "delete",
        }
    }
}

/// A service ordered through the reseller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Ours, sent as `remoteid` so an order sent twice is placed once.
    pub id: String,
    pub plan: String,
    pub plan_name: String,
    pub handler: String,
    /// Its id on the selling billing.
    pub remote_id: String,
    pub months: u32,
    pub status: ServiceStatus,
    pub ordered_at: DateTime<Utc>,
    pub paid_until: DateTime<Utc>,
}

impl Service {
    /// Applies `action`, which the selling billing carried out.
    pub fn apply(&mut self, action: ServiceAction) {
        if let Some(status) = action.after(self.status) {
            self.status = status;
        }
        if action == ServiceAction::Prolong {
            self.paid_until = self.paid_until.checked_add_months(Months::new(self.months)).unwrap_or(self.paid_until);
        }
    }
}

/// The service id of an order's answer: `doc.id`.
pub fn parse_ordered(status: u16, body: &str) -> Result<String, BillFailure> {
    let doc = doc::doc(status, body)?;
    child(&doc, "id").or_else(|| child(&doc, "service.id")).ok_or_else(|| BillFailure::NotBillmanager("no id".into()))
}

/// A function that answers only that it was done (`doc.ok`, or an empty doc).
pub fn parse_done(status: u16, body: &str) -> Result<(), BillFailure> {
    doc::doc(status, body).map(|_| ())
}
