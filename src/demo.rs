//! The demo data set, defined once in `public/demo/catalog.json`: the server
//! seeds its database from it on first start, the offline preview fetches it.

use crate::domain::{Account, Listing, Role};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoData {
    pub accounts: Vec<DemoAccount>,
    pub users: Vec<DemoUser>,
    pub modules: Vec<DemoModule>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoAccount {
    pub account: Account,
    pub balance: Decimal,
    /// Codes of the modules active on this account from the start.
    pub active: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoUser {
    pub email: String,
    pub password: String,
    pub name: String,
    pub role: Role,
    pub account: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoModule {
    pub listing: Listing,
    /// The SVG markup of the logo; always shown through `<img>`, never inlined.
    pub logo: String,
}

/// The path the offline preview fetches the demo data from.
pub const DEMO_DATA_URL: &str = "/demo/catalog.json";

impl DemoData {
    pub fn parse(json: &str) -> Result<DemoData, serde_json::Error> {
        serde_json::from_str(json)
    }
}
