//! The billing run's batches: due connections found through their indexed
//! `due_at` / `notice_at`, their accounts locked, and everything written back
//! in a few multi-row statements.

use super::connections::{BillingColumns, ConnectionRow, SELECT as SELECT_CONNECTION};
use super::{from_kopecks, to_kopecks, Result, SqlTx, Statement, WithContext, ROWS_PER_STATEMENT};
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{Effects, Ledger};
use crate::domain::AccountId;
use crate::store::{Billing, Due, DueLedger};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

#[derive(sqlx::FromRow)]
struct BalanceRow {
    id: String,
    balance_kopecks: i64,
    next_seq: i64,
    timezone: String,
}

impl SqlTx {
    /// Runs `sql (…values…)` a chunk of values at a time.
    async fn execute_in(&mut self, sql: &str, values: &[&str]) -> Result<()> {
        for chunk in values.chunks(ROWS_PER_STATEMENT) {
            let sql = format!("{sql} ({})", self.parameters(0, chunk.len()));
            let query = chunk.iter().fold(sqlx::query(&sql), |q, v| q.bind(*v));
            query.run(self, || format!("{sql} for {} rows", chunk.len())).await?;
        }
        Ok(())
    }

    async fn fetch_in<R>(&mut self, sql: &str, values: &[&str]) -> Result<Vec<R>>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let mut rows = Vec::new();
        for chunk in values.chunks(ROWS_PER_STATEMENT) {
            let sql = format!("{sql} ({})", self.parameters(0, chunk.len()));
            let query = chunk.iter().fold(sqlx::query_as(&sql), |q, v| q.bind(*v));
            rows.extend(query.fetch_all(self.conn()).await.context(|| format!("{sql} for {} rows", chunk.len()))?);
        }
        Ok(rows)
    }

    /// `UPDATE … FROM (VALUES …)`, which works in SQLite and PostgreSQL.
    async fn update_connections(&mut self, rows: Vec<(&str, BillingColumns)>) -> Result<()> {
        const COLUMNS: usize = 9;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
            let sql = format!(
                "WITH v (id, status, anchor_day, due_on, due_at, noticed, notice_at, frozen_at, price_kopecks) \
                 AS (VALUES {}) UPDATE connections SET status = v.status, anchor_day = v.anchor_day, \
                 due_on = v.due_on, due_at = v.due_at, noticed = v.noticed, notice_at = v.notice_at, \
                 frozen_at = v.frozen_at, price_kopecks = v.price_kopecks FROM v WHERE connections.id = v.id",
                self.placeholders(chunk.len(), COLUMNS)
            );
            let count = chunk.len();
            let query = chunk.into_iter().fold(sqlx::query(&sql), |query, (id, columns)| columns.bind(query.bind(id)));
            query.run(self, || format!("update {count} billed connections")).await?;
        }
        Ok(())
    }

    async fn update_balances(&mut self, rows: &[(&str, i64, i64)]) -> Result<()> {
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "WITH v (id, balance_kopecks, next_seq) AS (VALUES {}) UPDATE accounts SET \
                 balance_kopecks = v.balance_kopecks, next_seq = v.next_seq FROM v WHERE accounts.id = v.id",
                self.placeholders(chunk.len(), 3)
            );
            let query =
                chunk.iter().fold(sqlx::query(&sql), |q, (id, balance, seq)| q.bind(*id).bind(*balance).bind(*seq));
            query.run(self, || format!("update {} billed balances", chunk.len())).await?;
        }
        Ok(())
    }
}

impl Billing for SqlTx {
    async fn due_ledgers(&mut self, due: Due, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueLedger>> {
        let (column, order) = match due {
            Due::Charge => ("due_at", "due_at, created_at, id"),
            Due::Notice => ("notice_at", "notice_at, id"),
        };
        let sql = format!("SELECT id, account_id FROM connections WHERE {column} <= $1 ORDER BY {order} LIMIT {limit}");
        let candidates: Vec<(String, String)> = sqlx::query_as(&sql)
            .bind(now.timestamp())
            .fetch_all(self.conn())
            .await
            .context(|| format!("find the connections whose {column} has come"))?;
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        let mut accounts: Vec<&str> = candidates.iter().map(|(_, a)| a.as_str()).collect();
        accounts.sort_unstable();
        accounts.dedup();
        // PostgreSQL: lock the accounts, then read their rows and connections as they are now.
        self.execute_in("UPDATE accounts SET next_seq = next_seq WHERE id IN", &accounts).await?;
        let mut ledgers: BTreeMap<String, DueLedger> = BTreeMap::new();
        let balances: Vec<BalanceRow> = self
            .fetch_in("SELECT id, balance_kopecks, next_seq, timezone FROM accounts WHERE id IN", &accounts)
            .await?;
        for row in balances {
            let next_seq = u64::try_from(row.next_seq).context(|| format!("next_seq of {}", row.id))?;
            let ledger = Ledger { balance: from_kopecks(row.balance_kopecks), next_seq, ..Ledger::default() };
            let account = AccountId::new(row.id.clone());
            ledgers.insert(row.id, DueLedger { account, tz: zone(&row.timezone), ledger });
        }
        let ids: Vec<&str> = candidates.iter().map(|(id, _)| id.as_str()).collect();
        let rows: Vec<ConnectionRow> = self.fetch_in(&format!("{SELECT_CONNECTION} WHERE id IN"), &ids).await?;
        for row in rows {
            let account = row.account_id.clone();
            if let Some(due) = ledgers.get_mut(&account) {
                due.ledger.connections.push(row.connection()?);
            }
        }
        Ok(ledgers.into_values().collect())
    }

    async fn save_billed(&mut self, billed: &[(DueLedger, Effects)]) -> Result<()> {
        let mut connections = Vec::new();
        let mut balances = Vec::new();
        for (due, _) in billed {
            let next_seq = i64::try_from(due.ledger.next_seq).context(|| format!("next_seq of {}", due.account))?;
            balances.push((due.account.as_str(), to_kopecks(due.ledger.balance), next_seq));
            connections.extend(due.ledger.connections.iter().map(|c| (c.id.as_str(), BillingColumns::of(c, due.tz))));
        }
        self.update_connections(connections).await?;
        self.update_balances(&balances).await?;
        let operations: Vec<_> =
            billed.iter().flat_map(|(due, effects)| effects.operations.iter().map(|op| (&due.account, op))).collect();
        self.insert_operations(&operations).await?;
        for (due, effects) in billed {
            self.insert_notices(&due.account, &effects.notices).await?;
        }
        Ok(())
    }
}
