//! Filtering the operations history, and its CSV export.

use super::calendar::{add_days, day_start};
use super::operation::{Operation, OperationKind};
use crate::domain::ModuleCode;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Which history rows to show; dates are the account's local days, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<ModuleCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OperationKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl HistoryFilter {
    /// The filter as moments, for a store to select by: the local days
    /// become the instants they begin and end at in `tz`.
    pub fn query(&self, tz: Tz, before: Option<u64>, limit: Option<usize>) -> HistoryQuery {
        HistoryQuery {
            module: self.module.clone(),
            kind: self.kind,
            since: self.from.map(|from| day_start(from, tz)),
            until: self.to.map(|to| day_start(add_days(to, 1), tz)),
            before,
            limit,
        }
    }
}

/// History rows to select, newest first: `since` included, `until` not;
/// only rows older than `before` (a `seq`), `limit` of them at most.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryQuery {
    pub module: Option<ModuleCode>,
    pub kind: Option<OperationKind>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub before: Option<u64>,
    pub limit: Option<usize>,
}

impl HistoryQuery {
    pub fn matches(&self, operation: &Operation) -> bool {
        self.module.as_ref().is_none_or(|m| operation.module.as_ref() == Some(m))
            && self.kind.is_none_or(|k| operation.kind == k)
            && self.since.is_none_or(|since| operation.at >= since)
            && self.until.is_none_or(|until| operation.at < until)
            && self.before.is_none_or(|before| operation.seq < before)
    }
}

/// Amounts in CSV: a dot before the kopecks, always two decimals, a minus for charges.
pub fn csv_amount(amount: rust_decimal::Decimal) -> String {
    format!("{:.2}", amount.round_dp(2))
}

/// A cell of text a user chose (a module's or a connection's name), made safe
/// for spreadsheets: one that begins as a formula would (`=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading `'`, so it is shown, not run
/// (OWASP's advice on CSV injection). Amounts are numbers and stay as they are.
pub fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// An RFC 4180 document: CRLF line ends, fields with a comma, quote or line
/// break quoted, quotes doubled. A header row comes first.
pub fn csv_document<R: AsRef<[String]>>(rows: impl IntoIterator<Item = R>) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, field) in row.as_ref().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if field.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    }
    out
}
