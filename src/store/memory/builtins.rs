//! Built-in modules' settings, loyalty programmes and access logs, in memory.

use super::{MemoryTx, Result};
use crate::domain::sms::LoyaltyProgramme;
use crate::domain::{AccountId, ConnectionId, ModuleCode};
use crate::store::{ApiCallRecord, BuiltinSettings, Builtins, Window};
use chrono::{DateTime, Utc};

impl Builtins for MemoryTx {
    async fn builtin_settings(&mut self, connection: &ConnectionId) -> Result<Option<BuiltinSettings>> {
        Ok(self.state.builtin_settings.get(connection).cloned())
    }

    async fn builtin_settings_of_module(&mut self, module: &ModuleCode) -> Result<Vec<(ConnectionId, String)>> {
        let of_module = self.state.builtin_settings.values().filter(|settings| &settings.module == module);
        Ok(of_module.map(|settings| (settings.connection.clone(), settings.settings.clone())).collect())
    }

    async fn save_builtin_settings(&mut self, settings: &BuiltinSettings) -> Result<()> {
        self.state_mut().builtin_settings.insert(settings.connection.clone(), settings.clone());
        Ok(())
    }

    async fn loyalty_programme(&mut self, account: &AccountId) -> Result<Option<LoyaltyProgramme>> {
        Ok(self.state.loyalty_programmes.get(account).copied())
    }

    async fn save_loyalty_programme(&mut self, account: &AccountId, programme: &LoyaltyProgramme) -> Result<()> {
        self.state_mut().loyalty_programmes.insert(account.clone(), *programme);
        Ok(())
    }

    async fn log_api_call(&mut self, call: &ApiCallRecord, horizon: DateTime<Utc>) -> Result<()> {
        let log = &mut self.state_mut().api_calls;
        log.retain(|kept| kept.connection != call.connection || kept.call.at >= horizon);
        log.push(call.clone());
        Ok(())
    }

    async fn forget_builtins_of(&mut self, connections: &[ConnectionId]) -> Result<()> {
        let gone = |connection: &ConnectionId| connections.contains(connection);
        if self.state.builtin_settings.keys().any(gone) || self.state.api_calls.iter().any(|c| gone(&c.connection)) {
            let state = self.state_mut();
            state.builtin_settings.retain(|connection, _| !gone(connection));
            state.api_calls.retain(|call| !gone(&call.connection));
        }
        Ok(())
    }

    async fn api_calls(
        &mut self,
        connection: &ConnectionId,
        horizon: DateTime<Utc>,
        window: Window,
    ) -> Result<Vec<ApiCallRecord>> {
        let calls = self.state.api_calls.iter().rev().filter(|c| &c.connection == connection && c.call.at >= horizon);
        Ok(window.of(calls.cloned()))
    }
}
