//! Who may review a module: an account that has paid at least one charge for
//! it through the marketplace. A trial, a free module's activation or a module
//! paid on the service side is not enough; a module deactivated after a paid
//! charge may still be reviewed.

use crate::domain::billing::{Connection, Operation, OperationKind, Status as ConnectionStatus};
use crate::domain::{ModuleCode, PriceLine, Pricing};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Whether the account may write a review of the module now, and if not, why
/// and when it will be possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// Externally tagged, as `Pricing` is, to keep serde's buffering out of the wasm.
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// It may: it has used the module since `since`.
    Yes { since: DateTime<Utc> },
    /// The module is free: nothing is ever paid for it here.
    Free,
    /// The module is paid on the service side.
    ServiceSide,
    /// The account has not activated it.
    NotActivated,
    /// In the free trial: possible once the first charge, on `on`, is paid.
    Trial { on: NaiveDate },
    /// The first charge could not be paid; possible once a top-up pays it.
    Frozen,
}

impl Eligibility {
    /// `history` is the account's, `connections` its connections of the module.
    pub fn of<'a>(
        module: &ModuleCode,
        pricing: &Pricing,
        history: &[Operation],
        connections: impl IntoIterator<Item = &'a Connection>,
    ) -> Eligibility {
        let of_module = || history.iter().filter(|op| op.module.as_ref() == Some(module));
        if of_module().any(is_paid_charge) {
            let since = of_module().map(|op| op.at).min().unwrap_or_default();
            return Eligibility::Yes { since };
        }
        match pricing.price_line() {
            PriceLine::Free => return Eligibility::Free,
            PriceLine::ServiceSide => return Eligibility::ServiceSide,
            PriceLine::Monthly { .. } | PriceLine::Discounted { .. } => {}
        }
        let connections: Vec<&Connection> = connections.into_iter().filter(|c| &c.module == module).collect();
        if let Some(on) =
            connections.iter().filter(|c| c.status == ConnectionStatus::Trial).filter_map(|c| c.due_on).min()
        {
            Eligibility::Trial { on }
        } else if connections.iter().any(|c| c.status == ConnectionStatus::Frozen) {
            Eligibility::Frozen
        } else {
            Eligibility::NotActivated
        }
    }

    pub fn allows(&self) -> bool {
        matches!(self, Eligibility::Yes { .. })
    }
}

fn is_paid_charge(op: &Operation) -> bool {
    op.kind == OperationKind::Charge && op.amount.is_sign_negative() && !op.amount.is_zero()
}

/// How many months an account used a module: from its first operation of the
/// module to `now` while it is active, else to the end of the last month it
/// paid for; whole months, and at least one.
pub fn used_months(module: &ModuleCode, history: &[Operation], active: bool, now: DateTime<Utc>) -> u32 {
    let of_module: Vec<&Operation> = history.iter().filter(|op| op.module.as_ref() == Some(module)).collect();
    let Some(first) = of_module.iter().map(|op| op.at).min() else { return 1 };
    let until = if active {
        now
    } else {
        let last_paid = of_module.iter().filter(|op| is_paid_charge(op)).map(|op| op.at).max();
        last_paid.and_then(|at| at.checked_add_months(chrono::Months::new(1))).unwrap_or(first).min(now)
    };
    whole_months(first, until).max(1)
}

fn whole_months(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let short = (to.day(), to.time()) < (from.day(), from.time());
    u32::try_from(months - i32::from(short)).unwrap_or(0)
}
