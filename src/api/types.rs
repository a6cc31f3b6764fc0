//! The values that cross the wire between the app and the server.

use crate::domain::{Account, Listing, Role};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub email: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub account: Account,
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: UserView,
    /// The account an account owner works in; partners and moderators have none.
    pub account: Option<AccountView>,
}

/// A published module as one account sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogModule {
    pub listing: Listing,
    /// Where the logo is served from: a URL for `<img src>`, never markup.
    pub logo_url: String,
    pub active: bool,
}

impl AsRef<Listing> for CatalogModule {
    fn as_ref(&self) -> &Listing {
        &self.listing
    }
}
