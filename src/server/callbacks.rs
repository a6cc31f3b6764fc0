//! The callbacks timer: sends the lifecycle callbacks that are due
//! (`crate::app::deliveries::send_due`) every interval, apart from billing.

use super::outgoing::ModuleClient;
use crate::store::sql::SqlStore;
use chrono::Utc;
use std::time::Duration;

/// A failed round is logged; what was not sent is still due at the next.
pub fn spawn_sender(store: SqlStore, modules: ModuleClient, interval: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(problem) = crate::app::deliveries::send_due(&store, &modules, Utc::now()).await {
                tracing::error!("sending callbacks to modules: {problem}");
            }
        }
    })
}
