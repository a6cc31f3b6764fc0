//! The operations history and the notices of coming charges.

use crate::domain::{ConnectionId, ModuleCode};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, IntoStaticStr, EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OperationKind {
    TopUp,
    Charge,
    TrialStart,
    TrialEnd,
    Freeze,
    Unfreeze,
}

impl OperationKind {
    pub const ALL: [OperationKind; 6] = [
        OperationKind::TopUp,
        OperationKind::Charge,
        OperationKind::TrialStart,
        OperationKind::TrialEnd,
        OperationKind::Freeze,
        OperationKind::Unfreeze,
    ];
}

/// One row of the operations history. The balance is the sum of `amount` over the rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// The row's place in the account's history.
    pub seq: u64,
    /// Names what the row is for (`charge:<connection>:<due day>`), so writing it twice is a no-op.
    pub key: String,
    pub at: DateTime<Utc>,
    pub kind: OperationKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<ModuleCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<ConnectionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_name: Option<String>,
    /// Positive for a top-up, negative for a charge, zero for the rest.
    pub amount: Decimal,
    pub balance_after: Decimal,
}

/// "A charge of `amount` is due on `due_on`": sent two days before every charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// `notice:<connection>:<due day>`: one notice per charge.
    pub key: String,
    pub at: DateTime<Utc>,
    pub module: ModuleCode,
    pub connection_id: ConnectionId,
    pub connection_name: String,
    pub due_on: NaiveDate,
    pub amount: Decimal,
    /// The charge ends a free trial.
    pub after_trial: bool,
}
