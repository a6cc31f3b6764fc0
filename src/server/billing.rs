//! The billing run: every charge and notice due at a moment, in batches. Each
//! batch is one transaction holding its charges, their history rows and the
//! connections' new state, so a crash loses no charge and doubles none, and a
//! second run for the same moment finds nothing due.

use super::db::{from_kopecks, to_kopecks, Db};
use super::ledgers::{
    self, connection_from_row, list_placeholders, placeholders, BillingColumns, Error, ROWS_PER_STATEMENT,
    SELECT_CONNECTION,
};
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{Clock, Ledger, OperationKind};
use crate::domain::{Listing, Pricing};
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// Connections per transaction: large enough to amortise the commit, small
/// enough that memory stays flat whatever the number of due subscriptions.
const BATCH: usize = 1000;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub connections: u64,
    pub charges: u64,
    pub freezes: u64,
    pub notices: u64,
}

/// Bills everything due at `now`.
pub async fn run(db: &Db, now: DateTime<Utc>) -> Result<Report, Error> {
    let prices = prices(db).await?;
    let mut report = Report::default();
    // Charges first (they send the notice of the next charge when it is near),
    // then the notices of charges still ahead.
    for column in ["due_at", "notice_at"] {
        while run_batch(db, &prices, now, column, &mut report).await? > 0 {}
    }
    Ok(report)
}

/// Every published listing.
pub async fn listings(pool: &sqlx::AnyPool) -> Result<Vec<Listing>, Error> {
    let rows = sqlx::query("SELECT listing FROM modules").fetch_all(pool).await?;
    rows.iter().map(|row| Ok(serde_json::from_str(&row.get::<String, _>("listing"))?)).collect()
}

/// What each module costs now.
pub async fn prices(db: &Db) -> Result<HashMap<String, Pricing>, Error> {
    Ok(listings(&db.pool).await?.into_iter().map(|l| (l.code, l.pricing)).collect())
}

/// Bills up to `BATCH` connections whose `column` moment has come; answers how many.
async fn run_batch(
    db: &Db,
    prices: &HashMap<String, Pricing>,
    now: DateTime<Utc>,
    column: &str,
    report: &mut Report,
) -> Result<usize, Error> {
    let mut tx = db.pool.begin().await?;
    let conn: &mut AnyConnection = &mut tx;
    // SQLite: take the write lock before reading, so nothing changes under the batch.
    sqlx::query("UPDATE accounts SET next_seq = next_seq WHERE id = ''").execute(&mut *conn).await?;
    let order = if column == "due_at" { "due_at, created_at, id" } else { "notice_at, id" };
    let candidates: Vec<(String, String)> = sqlx::query(&format!(
        "SELECT id, account_id FROM connections WHERE {column} <= $1 ORDER BY {order} LIMIT {BATCH}"
    ))
    .bind(now.timestamp())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| (r.get("id"), r.get("account_id")))
    .collect();
    if candidates.is_empty() {
        return Ok(0);
    }
    let mut account_ids: Vec<&str> = candidates.iter().map(|(_, a)| a.as_str()).collect();
    account_ids.sort_unstable();
    account_ids.dedup();
    // PostgreSQL: lock the accounts, then read their rows and connections as they are now.
    execute_in(conn, "UPDATE accounts SET next_seq = next_seq WHERE id IN", &account_ids).await?;
    let mut ledgers: BTreeMap<String, (chrono_tz::Tz, Ledger)> = BTreeMap::new();
    for row in
        fetch_in(conn, "SELECT id, balance_kopecks, next_seq, timezone FROM accounts WHERE id IN", &account_ids).await?
    {
        let ledger = Ledger {
            balance: from_kopecks(row.get("balance_kopecks")),
            next_seq: u64::try_from(row.get::<i64, _>("next_seq"))?,
            ..Ledger::default()
        };
        ledgers.insert(row.get("id"), (zone(&row.get::<String, _>("timezone")), ledger));
    }
    let ids: Vec<&str> = candidates.iter().map(|(id, _)| id.as_str()).collect();
    for row in fetch_in(conn, &format!("{SELECT_CONNECTION} WHERE id IN"), &ids).await? {
        let account_id: String = row.get("account_id");
        if let Some((_, ledger)) = ledgers.get_mut(&account_id) {
            ledger.connections.push(connection_from_row(&row)?);
        }
    }

    let mut operations = Vec::new();
    let mut notices = Vec::new();
    let mut connections = Vec::new();
    let mut balances = Vec::new();
    for (account_id, (tz, ledger)) in &mut ledgers {
        let effects = ledger.run_billing(prices, &Clock { now, tz: *tz });
        report.connections += ledger.connections.len() as u64;
        report.charges += effects.operations.iter().filter(|o| o.kind == OperationKind::Charge).count() as u64;
        report.freezes += effects.operations.iter().filter(|o| o.kind == OperationKind::Freeze).count() as u64;
        report.notices += effects.notices.len() as u64;
        balances.push((account_id.as_str(), to_kopecks(ledger.balance), i64::try_from(ledger.next_seq)?));
        connections.extend(ledger.connections.iter().map(|c| (c.id.as_str(), BillingColumns::of(c, *tz))));
        operations.extend(effects.operations.into_iter().map(|op| (account_id.as_str(), op)));
        notices.push((account_id.as_str(), effects.notices));
    }
    update_connections(conn, connections).await?;
    update_balances(conn, &balances).await?;
    ledgers::insert_operations_of(conn, operations.iter().map(|(a, op)| (*a, op))).await?;
    for (account_id, notices) in &notices {
        ledgers::insert_notices(conn, account_id, notices).await?;
    }
    tx.commit().await?;
    Ok(candidates.len())
}

async fn execute_in(conn: &mut AnyConnection, sql: &str, values: &[&str]) -> Result<(), Error> {
    for chunk in values.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("{sql} ({})", list_placeholders(conn, chunk.len()));
        chunk.iter().fold(sqlx::query(&sql), |q, v| q.bind(*v)).execute(&mut *conn).await?;
    }
    Ok(())
}

async fn fetch_in(conn: &mut AnyConnection, sql: &str, values: &[&str]) -> Result<Vec<sqlx::any::AnyRow>, Error> {
    let mut rows = Vec::new();
    for chunk in values.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("{sql} ({})", list_placeholders(conn, chunk.len()));
        rows.extend(chunk.iter().fold(sqlx::query(&sql), |q, v| q.bind(*v)).fetch_all(&mut *conn).await?);
    }
    Ok(rows)
}

/// `UPDATE … FROM (VALUES …)`, which works in SQLite and PostgreSQL, a few rows a statement.
async fn update_connections(conn: &mut AnyConnection, rows: Vec<(&str, BillingColumns)>) -> Result<(), Error> {
    const COLUMNS: usize = 8;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        let sql = format!(
            "WITH v (id, status, anchor_day, due_on, due_at, noticed, notice_at, frozen_at) AS (VALUES {}) \
             UPDATE connections SET status = v.status, anchor_day = v.anchor_day, due_on = v.due_on, \
             due_at = v.due_at, noticed = v.noticed, notice_at = v.notice_at, frozen_at = v.frozen_at \
             FROM v WHERE connections.id = v.id",
            placeholders(conn, chunk.len(), COLUMNS)
        );
        let query = chunk.into_iter().fold(sqlx::query(&sql), |query, (id, columns)| columns.bind(query.bind(id)));
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

async fn update_balances(conn: &mut AnyConnection, rows: &[(&str, i64, i64)]) -> Result<(), Error> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "WITH v (id, balance_kopecks, next_seq) AS (VALUES {}) UPDATE accounts SET \
             balance_kopecks = v.balance_kopecks, next_seq = v.next_seq FROM v WHERE accounts.id = v.id",
            placeholders(conn, chunk.len(), 3)
        );
        let query = chunk.iter().fold(sqlx::query(&sql), |q, (id, balance, seq)| q.bind(*id).bind(*balance).bind(*seq));
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Runs billing every `interval` for as long as the server runs. A failed run
/// is logged and retried at the next tick; nothing is lost, since what was not
/// committed is still due.
pub fn spawn_scheduler(db: Db, interval: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match run(&db, Utc::now()).await {
                Ok(report) if report.connections > 0 => tracing::info!(?report, "billing run"),
                Ok(_) => {}
                Err(problem) => tracing::error!("billing run failed: {problem}"),
            }
        }
    })
}
