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

/// Seeds the demo data, its listing with simple connection pointing at the
/// demo module's backend at `demo_module_url`.
pub async fn seed_demo_if_empty(store: &SqlStore, demo_module_url: &str) -> Result<(), StartError> {
    let mut demo = demo_data()?;
    for module in &mut demo.modules {
        if let Some(config) = &mut module.listing.links.simple_connection {
            *config = format!("{}{}", demo_module_url.trim_end_matches('/'), super::demo_module::CONFIG_PATH);
        }
    }
    if crate::app::seed::seed_demo_if_empty(store, &demo, Passwords::Server, chrono::Utc::now()).await? {
        tracing::info!(modules = demo.modules.len(), accounts = demo.accounts.len(), "seeded the demo data");
    }
    Ok(())
}
