//! Reseller billing through a selling BILLmanager (seed 002, `BUILTINS.md`
//! §A): service handlers that sign in to the selling billing, tariff plans
//! imported through them and enabled for sale, and the services customers
//! order on them.

pub mod book;
pub mod doc;
pub mod handler;
pub mod plan;
pub mod request;
pub mod service;

pub use book::ResellerBook;
pub use doc::BillFailure;
pub use handler::{Department, Handler, HandlerDetails, HandlerField, HandlerProblem, SellingAccount};
pub use plan::{NotImportable, OfferedPlan, Period, Plan, PlanChange};
pub use service::{Service, ServiceAction, ServiceStatus};

use serde::{Deserialize, Serialize};

/// What a handler resells: BILLmanager's item types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductType {
    Vhost,
    Vds,
    Certificate,
    Soft,
}

impl ProductType {
    pub const ALL: [ProductType; 4] =
        [ProductType::Vhost, ProductType::Vds, ProductType::Certificate, ProductType::Soft];

    /// Its `intname` on the selling billing (`itemtype=`, `<intname>.order.param`).
    pub fn intname(self) -> &'static str {
        match self {
            ProductType::Vhost => "vhost",
            ProductType::Vds => "vds",
            ProductType::Certificate => "certificate",
            ProductType::Soft => "soft",
        }
    }

    pub fn of_intname(intname: &str) -> Option<ProductType> {
        ProductType::ALL.into_iter().find(|product| product.intname() == intname)
    }
}

/// The level BILLmanager gives a client's account; a reseller signs in as one.
pub const CLIENT_LEVEL: u32 = 16;

/// The currency the account resells in: its balance's.
pub const ACCOUNT_CURRENCY: &str = "RUB";

/// Where a new handler's form points by default: the stand-in
/// `souk-server billmgr` that `make run` starts.
pub const DEFAULT_BILLING: &str = "http://127.0.0.1:8092";

/// Why the reseller billing did not do what was asked; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum ResellerRefusal {
    #[error("{0}")]
    Invalid(HandlerProblem),
    #[error("{0}")]
    Billing(BillFailure),
    /// The account signs in at another level than a client's.
    #[error("the selling account is at level {0}, not a client's (16)")]
    NotClient(u32),
    /// This account already has a handler of this type on that selling account.
    #[error("a handler of {0:?} already uses this selling account")]
    HandlerTaken(ProductType),
    /// The handler is the only one serving these enabled plans, or placed
    /// services that are not deleted.
    #[error("the handler serves enabled plans {plans:?} and {services} services")]
    HandlerInUse { plans: Vec<String>, services: usize },
    #[error("a data centre is already named {0}")]
    DataCentreTaken(String),
    #[error("plan {0} cannot be imported: {1:?}")]
    NotImportable(String, NotImportable),
    #[error("plan {0} is imported already")]
    AlreadyImported(String),
    /// The selling billing no longer offers the plan.
    #[error("the selling billing no longer offers plan {0}")]
    PlanGone(String),
    #[error("the plan is not enabled")]
    PlanDisabled,
    #[error("the plan does not have a {0}-month period")]
    NoSuchPeriod(u32),
    /// No handler serves the plan.
    #[error("no handler serves the plan")]
    NoHandler,
    /// Every handler serving the plan has less on its selling account than its minimum.
    #[error("no handler serving the plan has its minimum balance")]
    NoBalance,
    #[error("a {1:?} service cannot be {0:?}")]
    ServiceState(ServiceAction, ServiceStatus),
    /// The connection waits for a top-up.
    #[error("the connection is frozen")]
    Frozen,
}

impl From<HandlerProblem> for ResellerRefusal {
    fn from(problem: HandlerProblem) -> ResellerRefusal {
        ResellerRefusal::Invalid(problem)
    }
}

impl From<BillFailure> for ResellerRefusal {
    fn from(failure: BillFailure) -> ResellerRefusal {
        ResellerRefusal::Billing(failure)
    }
}
