//! The billing timer: the billing run (`crate::app::billing::run_billing`)
//! every interval, for as long as the server runs.

use crate::store::sql::SqlStore;
use chrono::Utc;
use std::time::Duration;

/// A failed run is logged and retried at the next tick; nothing is lost,
/// since what was not committed is still due.
pub fn spawn_scheduler(store: SqlStore, interval: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match crate::app::billing::run_billing(&store, Utc::now()).await {
                Ok(report) if report.connections > 0 => tracing::info!(?report, "billing run"),
                Ok(_) => {}
                Err(problem) => tracing::error!("billing run failed: {problem}"),
            }
        }
    })
}
