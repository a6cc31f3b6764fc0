//! The `accounts` table, and an account's ledger: its balance and counter
//! here, its connections and spent trials beside, written back with the
//! history rows and notices a change produced.

use super::{coded, from_kopecks, json, to_json, to_kopecks, Result, SqlTx, Statement, WithContext};
use crate::domain::billing::{Connection, Effects, Ledger};
use crate::domain::{Account, AccountId, Coded, ConnectionId, IdempotencyKey};
use crate::store::{Accounts, IDEMPOTENCY_DAYS};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: String,
    name: String,
    countries: String,
    api_version: String,
    lang: String,
    timezone: String,
    balance_kopecks: i64,
    next_seq: i64,
}

impl AccountRow {
    fn account(self) -> Result<(Account, Decimal, u64)> {
        let account = Account {
            countries: json("accounts.countries", &self.countries)?,
            api_version: coded("api_version", &self.api_version)?,
            lang: coded("lang", &self.lang)?,
            id: self.id.into(),
            name: self.name,
            timezone: self.timezone,
        };
        let next_seq = u64::try_from(self.next_seq).context(|| format!("next_seq of {}", account.id))?;
        Ok((account, from_kopecks(self.balance_kopecks), next_seq))
    }
}

const SELECT: &str =
    "SELECT id, name, countries, api_version, lang, timezone, balance_kopecks, next_seq FROM accounts WHERE id = $1";

impl SqlTx {
    async fn account_row(&mut self, id: &AccountId) -> Result<Option<(Account, Decimal, u64)>> {
        let row: Option<AccountRow> = sqlx::query_as(SELECT)
            .bind(id.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load account {id}"))?;
        row.map(AccountRow::account).transpose()
    }

    /// Takes the account's row lock first, so concurrent changes to one
    /// account run one after another: a no-op write locks the row in PostgreSQL
    /// (SQLite's write transactions already hold the database's lock).
    async fn lock_account(&mut self, id: &AccountId) -> Result<()> {
        sqlx::query("UPDATE accounts SET next_seq = next_seq WHERE id = $1")
            .bind(id.as_str())
            .run(self, || format!("lock account {id}"))
            .await
    }
}

impl Accounts for SqlTx {
    async fn account(&mut self, id: &AccountId) -> Result<Option<(Account, Decimal)>> {
        Ok(self.account_row(id).await?.map(|(account, balance, _)| (account, balance)))
    }

    async fn insert_account(&mut self, account: &Account) -> Result<()> {
        sqlx::query(
            "INSERT INTO accounts (id, name, countries, api_version, lang, timezone) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(account.id.as_str())
        .bind(&account.name)
        .bind(to_json("accounts.countries", &account.countries)?)
        .bind(account.api_version.code())
        .bind(account.lang.code())
        .bind(&account.timezone)
        .run(self, || format!("add account {}", account.id))
        .await
    }

    async fn claim_request(
        &mut self,
        id: &AccountId,
        key: &IdempotencyKey,
        request: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let forgotten = now - TimeDelta::days(IDEMPOTENCY_DAYS);
        sqlx::query("DELETE FROM idempotency_keys WHERE account_id = $1 AND created_at < $2")
            .bind(id.as_str())
            .bind(forgotten.timestamp())
            .run(self, || format!("forget the old idempotency keys of {id}"))
            .await?;
        let ran: Option<(String,)> =
            sqlx::query_as("SELECT request FROM idempotency_keys WHERE account_id = $1 AND idempotency_key = $2")
                .bind(id.as_str())
                .bind(key.as_str())
                .fetch_optional(self.conn())
                .await
                .context(|| format!("look up idempotency key {key} of {id}"))?;
        if let Some((request,)) = ran {
            return Ok(Some(request));
        }
        sqlx::query(
            "INSERT INTO idempotency_keys (account_id, idempotency_key, request, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.as_str())
        .bind(key.as_str())
        .bind(request)
        .bind(now.timestamp())
        .run(self, || format!("claim idempotency key {key} of {id}"))
        .await?;
        Ok(None)
    }

    async fn ledger(&mut self, id: &AccountId) -> Result<Option<(Account, Ledger)>> {
        if self.writing {
            self.lock_account(id).await?;
        }
        let Some((account, balance, next_seq)) = self.account_row(id).await? else { return Ok(None) };
        let connections = self.connections_of(id).await?;
        let trials: Vec<(String,)> = sqlx::query_as("SELECT module_code FROM trials_used WHERE account_id = $1")
            .bind(id.as_str())
            .fetch_all(self.conn())
            .await
            .context(|| format!("load the trials of {id}"))?;
        let trials_used = trials.into_iter().map(|(code,)| code.into()).collect();
        Ok(Some((account, Ledger { balance, next_seq, connections, trials_used })))
    }

    async fn connection(&mut self, account: &AccountId, id: &ConnectionId) -> Result<Option<Connection>> {
        self.connection_of(account, id).await
    }

    async fn save_ledger(
        &mut self,
        id: &AccountId,
        tz: Tz,
        before: &Ledger,
        after: &Ledger,
        effects: &Effects,
    ) -> Result<()> {
        sqlx::query("UPDATE accounts SET balance_kopecks = $1, next_seq = $2 WHERE id = $3")
            .bind(to_kopecks(after.balance))
            .bind(i64::try_from(after.next_seq).context(|| format!("next_seq of {id}"))?)
            .bind(id.as_str())
            .run(self, || format!("update the balance of {id}"))
            .await?;
        for gone in before.connections.iter().filter(|c| !after.connections.iter().any(|a| a.id == c.id)) {
            self.delete_connection(id, gone).await?;
        }
        for connection in &after.connections {
            match before.connections.iter().find(|c| c.id == connection.id) {
                Some(old) if old == connection => {}
                Some(_) => self.update_connection(connection, tz).await?,
                None => self.insert_connection(id, connection, tz).await?,
            }
        }
        for module in after.trials_used.difference(&before.trials_used) {
            sqlx::query("INSERT INTO trials_used (account_id, module_code) VALUES ($1, $2)")
                .bind(id.as_str())
                .bind(module.as_str())
                .run(self, || format!("spend the trial of {module} for {id}"))
                .await?;
        }
        let operations: Vec<_> = effects.operations.iter().map(|op| (id, op)).collect();
        self.insert_operations(&operations).await?;
        self.insert_notices(id, &effects.notices).await
    }
}
