//! Who a signed-in user is: each role sees its own part of the marketplace.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    AccountOwner,
    Partner,
    Moderator,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::AccountOwner => "account_owner",
            Role::Partner => "partner",
            Role::Moderator => "moderator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        [Role::AccountOwner, Role::Partner, Role::Moderator].into_iter().find(|r| r.code() == code)
    }
}
