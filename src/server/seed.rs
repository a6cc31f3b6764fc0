//! First start: the demo data set, compiled into the server from the same
//! file the offline preview fetches, seeded into an empty database.

use super::StartError;
use crate::app::passwords::Passwords;
use crate::demo::DemoData;
use crate::store::sql::SqlStore;

pub const DEMO_JSON: &str = include_str!("../../public/demo/catalog.json");

pub fn demo_data() -> Result<DemoData, serde_json::Error> {
    DemoData::parse(DEMO_JSON)
}

pub async fn seed_demo_if_empty(store: &SqlStore) -> Result<(), StartError> {
    let demo = demo_data()?;
    if crate::app::seed::seed_demo_if_empty(store, &demo, Passwords::Server, chrono::Utc::now()).await? {
        tracing::info!(modules = demo.modules.len(), accounts = demo.accounts.len(), "seeded the demo data");
    }
    Ok(())
}
