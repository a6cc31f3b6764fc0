//! Activation, connections and billing (SPEC §1–3): an account's ledger and
//! every change to it, as functions of the ledger and `now`.

pub mod amount;
pub mod calendar;
pub mod connection;
pub mod history;
pub mod ledger;
pub mod operation;

pub use amount::{parse_top_up, AmountError};
pub use connection::{connection_name, default_name, Connection, NameError, Status};
pub use history::{HistoryFilter, HistoryQuery};
pub use ledger::{Clock, Effects, Ledger, PriceList, Quote, Refusal};
pub use operation::{Notice, Operation, OperationKind};
