//! API keys and modules' registrations of connections, in memory.

use super::{MemoryTx, Result};
use crate::domain::{AccountId, ApiKeyId, ConnectionId};
use crate::store::{ApiKeyRecord, ApiKeys, IntegrationRecord, Integrations, LAST_USE_EVERY_SECONDS};
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
