//! The `operations` table: every account's history, one row per change to
//! its balance or its connections, unique by what the row is for (`op_key`).

use super::{coded, from_kopecks, time, to_kopecks, Result, SqlTx, Statement, WithContext};
use crate::domain::billing::{HistoryQuery, Operation};
use crate::domain::{AccountId, Coded};
use crate::store::Operations;

#[derive(sqlx::FromRow)]
struct OperationRow {
    seq: i64,
    op_key: String,
    at: i64,
    kind: String,
    module_code: Option<String>,
    connection_id: Option<String>,
    connection_name: Option<String>,
    amount_kopecks: i64,
    balance_after_kopecks: i64,
}

impl OperationRow {
    fn operation(self) -> Result<Operation> {
        Ok(Operation {
            seq: u64::try_from(self.seq).context(|| format!("seq of {}", self.op_key))?,
            at: time(self.at)?,
            kind: coded("kind", &self.kind)?,
            module: self.module_code.map(Into::into),
            connection_id: self.connection_id.map(Into::into),
            connection_name: self.connection_name,
            amount: from_kopecks(self.amount_kopecks),
            balance_after: from_kopecks(self.balance_after_kopecks),
            key: self.op_key,
        })
    }
}

const COLUMNS: usize = 10;

impl SqlTx {
    /// One multi-row INSERT per `ROWS_PER_STATEMENT`: the billing run writes many at once.
    pub(super) async fn insert_operations(&mut self, rows: &[(&AccountId, &Operation)]) -> Result<()> {
        for chunk in rows.chunks(super::ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO operations (account_id, seq, op_key, at, kind, module_code, connection_id, \
                 connection_name, amount_kopecks, balance_after_kopecks) VALUES {}",
                self.placeholders(chunk.len(), COLUMNS)
            );
            let mut query = sqlx::query(&sql);
            for (account, op) in chunk {
                query = query
                    .bind(account.as_str())
                    .bind(i64::try_from(op.seq).context(|| format!("seq of {}", op.key))?)
                    .bind(&op.key)
                    .bind(op.at.timestamp())
                    .bind(op.kind.code())
                    .bind(op.module.as_ref().map(|m| m.as_str()))
                    .bind(op.connection_id.as_ref().map(|c| c.as_str()))
                    .bind(op.connection_name.as_deref())
                    .bind(to_kopecks(op.amount))
                    .bind(to_kopecks(op.balance_after));
            }
            let first = chunk.first().map(|(account, op)| format!("{} of {account}", op.key)).unwrap_or_default();
            query.run(self, || format!("write history rows from {first}")).await?;
        }
        Ok(())
    }
}

impl Operations for SqlTx {
    async fn history(&mut self, account: &AccountId, query: &HistoryQuery) -> Result<Vec<Operation>> {
        // Each condition is there or not; its value is bound, never written in.
        let mut conditions = vec!["account_id = $1".to_string()];
        let mut values: Vec<Value> = vec![Value::Text(account.to_string())];
        let mut condition = |sql: &str, value: Value| {
            values.push(value);
            conditions.push(sql.replace('?', &format!("${}", values.len())));
        };
        if let Some(module) = &query.module {
            condition("module_code = ?", Value::Text(module.to_string()));
        }
        if let Some(kind) = query.kind {
            condition("kind = ?", Value::Text(kind.code().to_string()));
        }
        if let Some(since) = query.since {
            condition("at >= ?", Value::Int(since.timestamp()));
        }
        if let Some(until) = query.until {
            condition("at < ?", Value::Int(until.timestamp()));
        }
        if let Some(before) = query.before {
            condition("seq < ?", Value::Int(i64::try_from(before).unwrap_or(i64::MAX)));
        }
        let limit = query.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let sql = format!(
            "SELECT seq, op_key, at, kind, module_code, connection_id, connection_name, amount_kopecks, \
             balance_after_kopecks FROM operations WHERE {} ORDER BY seq DESC{limit}",
            conditions.join(" AND ")
        );
        let select = values.into_iter().fold(sqlx::query_as(&sql), |select, value| match value {
            Value::Text(text) => select.bind(text),
            Value::Int(number) => select.bind(number),
        });
        let rows: Vec<OperationRow> =
            select.fetch_all(self.conn()).await.context(|| format!("load the history of {account}"))?;
        rows.into_iter().map(OperationRow::operation).collect()
    }
}

/// A value a history condition is bound to.
enum Value {
    Text(String),
    Int(i64),
}
