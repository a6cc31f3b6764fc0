//! The `builtin_settings`, `loyalty_programmes` and `api_calls` tables.

use super::{Result, SqlTx, Statement, WithContext};
use crate::domain::builtin::ApiCall;
use crate::domain::sms::LoyaltyProgramme;
use crate::domain::{AccountId, ConnectionId, ModuleCode};
use crate::store::{ApiCallRecord, BuiltinSettings, Builtins, ModuleSecret, StoreError, Window};
use chrono::{DateTime, TimeZone, Utc};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    account_id: String,
    module_code: String,
    settings: String,
    secret_sealed: Option<String>,
    log_enabled: i64,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    accrual: i64,
    expiry_days: Option<i64>,
    birthday_bonus: i64,
    welcome_bonus: i64,
}

#[derive(sqlx::FromRow)]
struct CallRow {
    id: String,
    account_id: String,
    connection_id: String,
    at_ms: i64,
    method: String,
    path: String,
    params: String,
    status: Option<i64>,
    error_code: Option<i64>,
    latency_ms: i64,
    error: Option<String>,
}

impl CallRow {
    fn call(self) -> Result<ApiCallRecord> {
        let at = Utc
            .timestamp_millis_opt(self.at_ms)
            .single()
            .ok_or_else(|| StoreError::new(format!("api_calls.at_ms of {}: out of range", self.id)))?;
        Ok(ApiCallRecord {
            account: AccountId::new(self.account_id),
            connection: ConnectionId::new(self.connection_id),
            call: ApiCall {
                at,
                method: self.method,
                path: self.path,
                params: self.params,
                status: self.status.and_then(|s| u16::try_from(s).ok()),
                error_code: self.error_code.and_then(|c| u16::try_from(c).ok()),
                latency_ms: u32::try_from(self.latency_ms).unwrap_or(u32::MAX),
                error: self.error,
            },
            id: self.id,
        })
    }
}

/// What a connection's sealed secret is bound to: it opens for that connection only.
fn secret_owner(connection: &ConnectionId) -> String {
    format!("builtin:{connection}")
}

impl Builtins for SqlTx {
    async fn builtin_settings(&mut self, connection: &ConnectionId) -> Result<Option<BuiltinSettings>> {
        let select =
            "SELECT account_id, module_code, settings, secret_sealed, log_enabled, updated_at FROM builtin_settings";
        let Some(row): Option<SettingsRow> =
            self.find_where(select, "connection_id = $1", &[connection.as_str()]).await?
        else {
            return Ok(None);
        };
        let secret = match &row.secret_sealed {
            Some(sealed) => Some(ModuleSecret(self.sealer.open_text(&secret_owner(connection), sealed)?)),
            None => None,
        };
        Ok(Some(BuiltinSettings {
            account: AccountId::new(row.account_id),
            connection: connection.clone(),
            module: ModuleCode::new(row.module_code),
            settings: row.settings,
            secret,
            log_enabled: row.log_enabled != 0,
            updated_at: super::time(row.updated_at)?,
        }))
    }

    async fn builtin_settings_of_module(&mut self, module: &ModuleCode) -> Result<Vec<(ConnectionId, String)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT connection_id, settings FROM builtin_settings WHERE module_code = $1")
                .bind(module.as_str())
                .fetch_all(self.conn())
                .await
                .context(|| format!("read the settings of every {module} connection"))?;
        Ok(rows.into_iter().map(|(connection, settings)| (ConnectionId::new(connection), settings)).collect())
    }

    async fn save_builtin_settings(&mut self, s: &BuiltinSettings) -> Result<()> {
        let sealed = match &s.secret {
            Some(secret) => Some(self.sealer.seal_text(&secret_owner(&s.connection), &secret.0)?),
            None => None,
        };
        sqlx::query("DELETE FROM builtin_settings WHERE connection_id = $1")
            .bind(s.connection.as_str())
            .run(self, || format!("replace the settings of {}", s.connection))
            .await?;
        sqlx::query(
            "INSERT INTO builtin_settings (connection_id, account_id, module_code, settings, secret_sealed, \
             log_enabled, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(s.connection.as_str())
        .bind(s.account.as_str())
        .bind(s.module.as_str())
        .bind(s.settings.as_str())
        .bind(sealed)
        .bind(i64::from(s.log_enabled))
        .bind(s.updated_at.timestamp())
        .run(self, || format!("store the settings of {}", s.connection))
        .await
    }

    async fn loyalty_programme(&mut self, account: &AccountId) -> Result<Option<LoyaltyProgramme>> {
        let select = "SELECT accrual, expiry_days, birthday_bonus, welcome_bonus FROM loyalty_programmes";
        let row: Option<ProgrammeRow> = self.find_where(select, "account_id = $1", &[account.as_str()]).await?;
        Ok(row.map(|row| LoyaltyProgramme {
            accrual: row.accrual != 0,
            expiry_days: row.expiry_days.and_then(|days| u32::try_from(days).ok()),
            birthday_bonus: row.birthday_bonus != 0,
            welcome_bonus: row.welcome_bonus != 0,
        }))
    }

    async fn save_loyalty_programme(&mut self, account: &AccountId, p: &LoyaltyProgramme) -> Result<()> {
        sqlx::query("DELETE FROM loyalty_programmes WHERE account_id = $1")
            .bind(account.as_str())
            .run(self, || format!("replace the loyalty programme of {account}"))
            .await?;
        sqlx::query(
            "INSERT INTO loyalty_programmes (account_id, accrual, expiry_days, birthday_bonus, welcome_bonus) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(account.as_str())
        .bind(i64::from(p.accrual))
        .bind(p.expiry_days.map(i64::from))
        .bind(i64::from(p.birthday_bonus))
        .bind(i64::from(p.welcome_bonus))
        .run(self, || format!("store the loyalty programme of {account}"))
        .await
    }

    async fn log_api_call(&mut self, record: &ApiCallRecord, horizon: DateTime<Utc>) -> Result<()> {
        let (c, call) = (record, &record.call);
        sqlx::query("DELETE FROM api_calls WHERE connection_id = $1 AND at_ms < $2")
            .bind(c.connection.as_str())
            .bind(horizon.timestamp_millis())
            .run(self, || format!("forget the old calls of {}", c.connection))
            .await?;
        sqlx::query(
            "INSERT INTO api_calls (id, account_id, connection_id, at_ms, method, path, params, status, error_code, \
             latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(c.id.as_str())
        .bind(c.account.as_str())
        .bind(c.connection.as_str())
        .bind(call.at.timestamp_millis())
        .bind(call.method.as_str())
        .bind(call.path.as_str())
        .bind(call.params.as_str())
        .bind(call.status.map(i64::from))
        .bind(call.error_code.map(i64::from))
        .bind(i64::from(call.latency_ms))
        .bind(call.error.as_deref())
        .run(self, || format!("log a call of {}", c.connection))
        .await
    }

    async fn forget_builtins_of(&mut self, connections: &[ConnectionId]) -> Result<()> {
        self.delete_of_connections("builtin_settings", connections).await?;
        self.delete_of_connections("api_calls", connections).await
    }

    async fn api_calls(
        &mut self,
        connection: &ConnectionId,
        horizon: DateTime<Utc>,
        window: Window,
    ) -> Result<Vec<ApiCallRecord>> {
        let sql = format!(
            "SELECT id, account_id, connection_id, at_ms, method, path, params, status, error_code, latency_ms, error \
             FROM api_calls WHERE connection_id = $1 AND at_ms >= $2 ORDER BY at_ms DESC, id DESC{}",
            window.sql()
        );
        let rows: Vec<CallRow> = sqlx::query_as(&sql)
            .bind(connection.as_str())
            .bind(horizon.timestamp_millis())
            .fetch_all(self.conn())
            .await
            .context(|| format!("read the calls of {connection}"))?;
        rows.into_iter().map(CallRow::call).collect()
    }
}
