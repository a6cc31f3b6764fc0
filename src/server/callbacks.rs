//! The callbacks timer: sends the lifecycle callbacks that are due
//! (`crate::app::deliveries::send_due`) every interval, apart from billing,
//! and tries again the booking channels' calls whose backoff has passed
//! (`crate::app::booking::retry_due`).

use super::outgoing::ModuleClient;
use crate::app::builtins::BookingPartnerAt;
use crate::store::sql::SqlStore;
use chrono::Utc;
use std::time::Duration;

/// A failed round is logged; what was not sent is still due at the next.
pub fn spawn_sender(
    store: SqlStore,
    modules: ModuleClient,
    booking: BookingPartnerAt,
    interval: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(problem) = crate::app::deliveries::send_due(&store, &modules, Utc::now()).await {
                tracing::error!("sending callbacks to modules: {problem}");
            }
            if let Err(problem) = crate::app::booking::retry_due(&store, &modules, &booking, Utc::now()).await {
                tracing::error!("retrying the booking partner's calls: {problem}");
            }
        }
    })
}
