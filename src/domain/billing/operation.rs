//! The operations history and the notices of coming charges.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

    pub fn code(self) -> &'static str {
        match self {
            OperationKind::TopUp => "top_up",
            OperationKind::Charge => "charge",
            OperationKind::TrialStart => "trial_start",
            OperationKind::TrialEnd => "trial_end",
            OperationKind::Freeze => "freeze",
            OperationKind::Unfreeze => "unfreeze",
        }
    }

    pub fn from_code(code: &str) -> Option<OperationKind> {
        OperationKind::ALL.into_iter().find(|k| k.code() == code)
    }
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
    pub module: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
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
    pub module: String,
    pub connection_id: String,
    pub connection_name: String,
    pub due_on: NaiveDate,
    pub amount: Decimal,
    /// The charge ends a free trial.
    pub after_trial: bool,
}
