//! The SMS service (seed 003, `BUILTINS.md` §B): counting a message's parts,
//! the loyalty programme its events depend on, its settings, the standard
//! texts, and the gateway's wire format.

pub mod count;
pub mod gateway;
pub mod programme;
pub mod settings;
pub mod texts;

pub use count::{count, with_sender, Encoding, SmsCount};
pub use programme::{Impossible, LoyaltyProgramme, SmsEvent};
pub use settings::{PasswordKind, SmsProblem, SmsSettings};

use gateway::GatewayFailure;
use programme::ProgrammeProblem;
use serde::{Deserialize, Serialize};

/// Why the SMS service did not do what was asked; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum SmsRefusal {
    #[error("{0}")]
    Invalid(SmsProblem),
    #[error("{0}")]
    Programme(ProgrammeProblem),
    /// The event cannot be switched on: the programme rules it out.
    #[error("{0:?} cannot happen: {1:?}")]
    Impossible(SmsEvent, Impossible),
    /// No login or password was saved yet.
    #[error("the gateway's login and password are not saved yet")]
    NotSetUp,
    /// The connection waits for a top-up.
    #[error("the connection is frozen")]
    Frozen,
    #[error("{0}")]
    Gateway(GatewayFailure),
}

impl From<SmsProblem> for SmsRefusal {
    fn from(problem: SmsProblem) -> SmsRefusal {
        SmsRefusal::Invalid(problem)
    }
}
