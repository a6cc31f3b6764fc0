//! The accounts' own services, in memory.

use super::{MemoryTx, Result};
use crate::domain::booking::services::OwnService;
use crate::domain::AccountId;
use crate::store::AccountServices;
use chrono::{DateTime, Utc};

impl AccountServices for MemoryTx {
    async fn account_services(&mut self, account: &AccountId) -> Result<Vec<OwnService>> {
        Ok(self.state.account_services.get(account).cloned().unwrap_or_default())
    }

    async fn save_account_service(
        &mut self,
        account: &AccountId,
        service: &OwnService,
        _: DateTime<Utc>,
    ) -> Result<()> {
        let services = self.state_mut().account_services.entry(account.clone()).or_default();
        match services.iter_mut().find(|kept| kept.id == service.id) {
            Some(kept) => *kept = service.clone(),
            None => services.push(service.clone()),
        }
        Ok(())
    }

    async fn delete_account_service(&mut self, account: &AccountId, id: &str) -> Result<bool> {
        let Some(services) = self.state_mut().account_services.get_mut(account) else { return Ok(false) };
        let before = services.len();
        services.retain(|kept| kept.id != id);
        Ok(services.len() < before)
    }
}
