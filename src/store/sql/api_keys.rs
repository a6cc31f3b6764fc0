//! The `api_keys` and `integrations` tables: the keys modules call the module
//! API with, and modules' registrations of their connections.

use super::{time, Result, SqlTx, Statement, WithContext};
use crate::domain::{AccountId, ApiKeyId, ConnectionId, ModuleCode, Scope};
use crate::store::{ApiKeyRecord, ApiKeys, IntegrationRecord, Integrations, StoreError, LAST_USE_EVERY_SECONDS};
use chrono::{DateTime, Utc};

const SELECT_KEY: &str =
    "SELECT id, account_id, connection_id, module_code, scopes, prefix, key_hash, created_at, last_used_at, pending \
     FROM api_keys";

#[derive(sqlx::FromRow)]
struct KeyRow {
    id: String,
    account_id: String,
    connection_id: String,
    module_code: String,
    scopes: String,
    prefix: String,
    key_hash: String,
    created_at: i64,
    last_used_at: Option<i64>,
    pending: i64,
}

impl KeyRow {
    fn record(self) -> Result<ApiKeyRecord> {
        let scopes = self
            .scopes
            .split_whitespace()
            .map(|name| name.parse::<Scope>())
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| StoreError::new(format!("api_keys.scopes of {}: {:?}", self.id, self.scopes)))?;
        Ok(ApiKeyRecord {
            id: ApiKeyId::new(self.id),
            account: AccountId::new(self.account_id),
            connection: ConnectionId::new(self.connection_id),
            module: ModuleCode::new(self.module_code),
            scopes,
            prefix: self.prefix,
            key_hash: self.key_hash,
            created_at: time(self.created_at)?,
            last_used_at: self.last_used_at.map(time).transpose()?,
            pending: self.pending != 0,
        })
    }
}

impl ApiKeys for SqlTx {
    async fn insert_api_key(&mut self, key: &ApiKeyRecord) -> Result<()> {
        let scopes: Vec<String> = key.scopes.iter().map(Scope::to_string).collect();
        sqlx::query(
            "INSERT INTO api_keys (id, account_id, connection_id, module_code, scopes, prefix, key_hash, created_at, \
             pending) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(key.id.as_str())
        .bind(key.account.as_str())
        .bind(key.connection.as_str())
        .bind(key.module.as_str())
        .bind(scopes.join(" "))
        .bind(key.prefix.as_str())
        .bind(key.key_hash.as_str())
        .bind(key.created_at.timestamp())
        .bind(i64::from(key.pending))
        .run(self, || format!("store API key {} of account {}", key.id, key.account))
        .await
    }

    async fn api_keys(&mut self, account: &AccountId) -> Result<Vec<ApiKeyRecord>> {
        let sql = format!("{SELECT_KEY} WHERE account_id = $1 ORDER BY created_at DESC, id DESC");
        let rows: Vec<KeyRow> = sqlx::query_as(&sql)
            .bind(account.as_str())
            .fetch_all(self.conn())
            .await
            .context(|| format!("read the API keys of account {account}"))?;
        rows.into_iter().map(KeyRow::record).collect()
    }

    async fn api_key_by_hash(&mut self, key_hash: &str) -> Result<Option<ApiKeyRecord>> {
        let row: Option<KeyRow> = self.find_where(SELECT_KEY, "key_hash = $1", &[key_hash]).await?;
        row.map(KeyRow::record).transpose()
    }

    async fn api_keys_with_prefix(&mut self, prefix: &str) -> Result<Vec<ApiKeyRecord>> {
        let sql = format!("{SELECT_KEY} WHERE prefix = $1");
        let rows: Vec<KeyRow> = sqlx::query_as(&sql)
            .bind(prefix)
            .fetch_all(self.conn())
            .await
            .context(|| format!("find the API keys starting with {prefix:?}"))?;
        rows.into_iter().map(KeyRow::record).collect()
    }

    async fn revoke_api_key(&mut self, account: &AccountId, id: &ApiKeyId) -> Result<bool> {
        let changed = sqlx::query("DELETE FROM api_keys WHERE id = $1 AND account_id = $2")
            .bind(id.as_str())
            .bind(account.as_str())
            .changed(self, || format!("revoke API key {id} of account {account}"))
            .await?;
        Ok(changed == 1)
    }

    async fn revoke_api_keys_of(&mut self, connections: &[ConnectionId]) -> Result<()> {
        self.delete_of_connections("api_keys", connections).await
    }

    async fn confirm_api_key(&mut self, id: &ApiKeyId) -> Result<()> {
        sqlx::query("UPDATE api_keys SET pending = 0 WHERE id = $1")
            .bind(id.as_str())
            .run(self, || format!("confirm API key {id}"))
            .await
    }

    async fn touch_api_key(&mut self, id: &ApiKeyId, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)",
        )
        .bind(now.timestamp())
        .bind(id.as_str())
        .bind(now.timestamp() - LAST_USE_EVERY_SECONDS)
        .run(self, || format!("record a use of API key {id}"))
        .await
    }
}

const SELECT_INTEGRATION: &str = "SELECT account_id, connection_id, body, updated_at FROM integrations";

#[derive(sqlx::FromRow)]
struct IntegrationRow {
    account_id: String,
    connection_id: String,
    body: String,
    updated_at: i64,
}

impl IntegrationRow {
    fn record(self) -> Result<IntegrationRecord> {
        let module = serde_json::from_str(&self.body)
            .map_err(|e| StoreError::new(format!("integrations.body of connection {}: {e}", self.connection_id)))?;
        Ok(IntegrationRecord {
            account: AccountId::new(self.account_id),
            connection: ConnectionId::new(self.connection_id),
            module,
            updated_at: time(self.updated_at)?,
        })
    }
}

impl SqlTx {
    async fn integration_where(&mut self, condition: &str, values: &[&str]) -> Result<Option<IntegrationRecord>> {
        let row: Option<IntegrationRow> = self.find_where(SELECT_INTEGRATION, condition, values).await?;
        row.map(IntegrationRow::record).transpose()
    }
}

impl Integrations for SqlTx {
    async fn integration(&mut self, account: &AccountId, code: &str) -> Result<Option<IntegrationRecord>> {
        self.integration_where("account_id = $1 AND code = $2", &[account.as_str(), code]).await
    }

    async fn integration_of(&mut self, connection: &ConnectionId) -> Result<Option<IntegrationRecord>> {
        self.integration_where("connection_id = $1", &[connection.as_str()]).await
    }

    async fn integrations_of_module(&mut self, module: &ModuleCode) -> Result<Vec<IntegrationRecord>> {
        let sql = format!("{SELECT_INTEGRATION} WHERE module_code = $1 ORDER BY updated_at DESC");
        let rows: Vec<IntegrationRow> = sqlx::query_as(&sql)
            .bind(module.as_str())
            .fetch_all(self.conn())
            .await
            .context(|| format!("read the registrations of module {module}"))?;
        rows.into_iter().map(IntegrationRow::record).collect()
    }

    async fn save_integration(&mut self, record: &IntegrationRecord) -> Result<()> {
        let body = serde_json::to_string(&record.module)
            .map_err(|e| StoreError::new(format!("write the integration of connection {}: {e}", record.connection)))?;
        sqlx::query("DELETE FROM integrations WHERE connection_id = $1")
            .bind(record.connection.as_str())
            .run(self, || format!("replace the integration of connection {}", record.connection))
            .await?;
        sqlx::query(
            "INSERT INTO integrations (account_id, code, connection_id, module_code, body, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(record.account.as_str())
        .bind(record.module.code.as_str())
        .bind(record.connection.as_str())
        .bind(record.module.integration_code.as_str())
        .bind(body)
        .bind(record.updated_at.timestamp())
        .run(self, || format!("store the integration {} of connection {}", record.module.code, record.connection))
        .await
    }

    async fn delete_integrations_of(&mut self, connections: &[ConnectionId]) -> Result<()> {
        self.delete_of_connections("integrations", connections).await
    }
}
