//! API keys and modules' registrations of connections, in memory.

use super::{MemoryTx, Result};
use crate::domain::delivery::DeliveryStatus;
use crate::domain::{AccountId, ApiKeyId, ConnectionId, ModuleCode};
use crate::store::{
    ApiKeyRecord, ApiKeys, Deliveries, Delivery, IntegrationRecord, Integrations, Window, LAST_USE_EVERY_SECONDS,
};
use chrono::{DateTime, Utc};

impl ApiKeys for MemoryTx {
    async fn insert_api_key(&mut self, key: &ApiKeyRecord) -> Result<()> {
        self.state_mut().api_keys.insert(key.id.clone(), key.clone());
        Ok(())
    }

    async fn api_keys(&mut self, account: &AccountId) -> Result<Vec<ApiKeyRecord>> {
        let mut keys: Vec<ApiKeyRecord> =
            self.state.api_keys.values().filter(|key| &key.account == account).cloned().collect();
        keys.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
        Ok(keys)
    }

    async fn api_key_by_hash(&mut self, key_hash: &str) -> Result<Option<ApiKeyRecord>> {
        Ok(self.state.api_keys.values().find(|key| key.key_hash == key_hash).cloned())
    }

    async fn api_keys_with_prefix(&mut self, prefix: &str) -> Result<Vec<ApiKeyRecord>> {
        Ok(self.state.api_keys.values().filter(|key| key.prefix == prefix).cloned().collect())
    }

    async fn revoke_api_key(&mut self, account: &AccountId, id: &ApiKeyId) -> Result<bool> {
        if self.state.api_keys.get(id).is_none_or(|key| &key.account != account) {
            return Ok(false);
        }
        self.state_mut().api_keys.remove(id);
        Ok(true)
    }

    async fn revoke_api_keys_of(&mut self, connections: &[ConnectionId]) -> Result<()> {
        if self.state.api_keys.values().any(|key| connections.contains(&key.connection)) {
            self.state_mut().api_keys.retain(|_, key| !connections.contains(&key.connection));
        }
        Ok(())
    }

    async fn confirm_api_key(&mut self, id: &ApiKeyId) -> Result<()> {
        if let Some(key) = self.state_mut().api_keys.get_mut(id) {
            key.pending = false;
        }
        Ok(())
    }

    async fn touch_api_key(&mut self, id: &ApiKeyId, now: DateTime<Utc>) -> Result<()> {
        let stale =
            |last: Option<DateTime<Utc>>| last.is_none_or(|last| (now - last).num_seconds() >= LAST_USE_EVERY_SECONDS);
        if self.state.api_keys.get(id).is_some_and(|key| stale(key.last_used_at)) {
            if let Some(key) = self.state_mut().api_keys.get_mut(id) {
                key.last_used_at = Some(now);
            }
        }
        Ok(())
    }
}

impl Integrations for MemoryTx {
    async fn integration(&mut self, account: &AccountId, code: &str) -> Result<Option<IntegrationRecord>> {
        let found =
            self.state.integrations.values().find(|record| &record.account == account && record.module.code == code);
        Ok(found.cloned())
    }

    async fn integration_of(&mut self, connection: &ConnectionId) -> Result<Option<IntegrationRecord>> {
        Ok(self.state.integrations.get(connection).cloned())
    }

    async fn integrations_of_module(&mut self, module: &ModuleCode) -> Result<Vec<IntegrationRecord>> {
        let mut found: Vec<IntegrationRecord> = self
            .state
            .integrations
            .values()
            .filter(|r| r.module.integration_code == module.as_str())
            .cloned()
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
        Ok(found)
    }

    async fn save_integration(&mut self, record: &IntegrationRecord) -> Result<()> {
        self.state_mut().integrations.insert(record.connection.clone(), record.clone());
        Ok(())
    }

    async fn delete_integrations_of(&mut self, connections: &[ConnectionId]) -> Result<()> {
        if connections.iter().any(|id| self.state.integrations.contains_key(id)) {
            self.state_mut().integrations.retain(|id, _| !connections.contains(id));
        }
        Ok(())
    }
}

impl Deliveries for MemoryTx {
    async fn save_delivery(&mut self, delivery: &Delivery) -> Result<()> {
        let deliveries = &mut self.state_mut().deliveries;
        match deliveries.iter_mut().find(|d| d.id == delivery.id) {
            Some(kept) => *kept = delivery.clone(),
            None => deliveries.push(delivery.clone()),
        }
        Ok(())
    }

    async fn delivery(&mut self, id: &str) -> Result<Option<Delivery>> {
        Ok(self.state.deliveries.iter().find(|d| d.id == id).cloned())
    }

    async fn due_deliveries(&mut self, now: DateTime<Utc>, limit: u32) -> Result<Vec<Delivery>> {
        let mut due: Vec<Delivery> = (self.state.deliveries.iter())
            .filter(|d| d.status == DeliveryStatus::Pending && d.next_at.is_some_and(|at| at <= now))
            .cloned()
            .collect();
        due.sort_by(|a, b| a.next_at.cmp(&b.next_at).then_with(|| a.id.cmp(&b.id)));
        due.truncate(limit as usize);
        Ok(due)
    }

    async fn deliveries_of(&mut self, module: &ModuleCode, window: Window) -> Result<Vec<Delivery>> {
        let mut found: Vec<&Delivery> = self.state.deliveries.iter().filter(|d| &d.module == module).collect();
        found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
        Ok(window.of(found.into_iter().cloned()))
    }
}
