//! The `operations` table: every account's history, one row per change to
//! its balance or its connections, unique by what the row is for (`op_key`).

use super::{coded, from_kopecks, time, to_kopecks, Result, SqlTx, Statement, WithContext};
use crate::domain::billing::Operation;
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
    async fn history(&mut self, account: &AccountId) -> Result<Vec<Operation>> {
        let rows: Vec<OperationRow> = sqlx::query_as(
            "SELECT seq, op_key, at, kind, module_code, connection_id, connection_name, amount_kopecks, \
             balance_after_kopecks FROM operations WHERE account_id = $1 ORDER BY seq DESC",
        )
        .bind(account.as_str())
        .fetch_all(self.conn())
        .await
        .context(|| format!("load the history of {account}"))?;
        rows.into_iter().map(OperationRow::operation).collect()
    }
}
