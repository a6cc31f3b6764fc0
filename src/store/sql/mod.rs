//! The SQL store: one pool over SQLite or PostgreSQL, chosen by the URL, one
//! portable schema (`migrations/`, migrated at start-up), typed rows, a file
//! per table. Times are Unix seconds, money kopecks, enums their `Coded` text.

mod account_services;
mod accounts;
mod api_keys;
mod applications;
mod billing;
mod builtins;
mod connections;
mod deliveries;
mod invitations;
pub mod letters;
mod modules;
mod operations;
pub mod outbox;
mod payments;
mod reviews;
mod search_terms;
mod second_factors;
pub mod secrets;
mod sessions;
mod submissions;
mod users;

pub use secrets::SecretKey;

use super::{Result, Store, StoreError, WithContext};
use crate::domain::{Coded, ConnectionId, ModuleCode};
use chrono::{DateTime, TimeZone, Utc};
use secrets::Sealer;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::sync::Arc;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone)]
pub struct SqlStore {
    pub pool: AnyPool,
    sqlite: bool,
    sealer: Arc<Sealer>,
    published: Arc<modules::Published>,
    /// SQLite has one writer at a time: this server's writers queue here,
    /// each holding no pooled connection until its turn, so a queue of
    /// writers never leaves the readers without one.
    writer: Arc<tokio::sync::Semaphore>,
}

/// How long a writer waits for its turn, as SQLite's `busy_timeout` does for
/// another process's writer.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl SqlStore {
    /// Opens (creating a SQLite file when missing) and migrates the database;
    /// module secrets are sealed with `key`.
    pub async fn connect(url: &str, key: &SecretKey) -> Result<SqlStore> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let url = if sqlite { sqlite_url(url).context(|| format!("create the folder of {url}"))? } else { url.into() };
        let options = AnyConnectOptions::from_str(&url).context(|| "read DATABASE_URL".into())?;
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 8 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        // WAL lets readers run beside the writer; writers wait instead of failing.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .context(|| "connect to the database".into())?;
        MIGRATOR.run(&pool).await.context(|| "migrate the database".into())?;
        Ok(SqlStore {
            pool,
            sqlite,
            sealer: Arc::new(Sealer::new(key)),
            published: Arc::default(),
            writer: Arc::new(tokio::sync::Semaphore::new(1)),
        })
    }
}

/// Makes sure the file's folder exists and the file is created when missing.
fn sqlite_url(url: &str) -> std::io::Result<String> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or(path);
    if let Some(parent) = std::path::Path::new(file).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

impl Store for SqlStore {
    type Tx = SqlTx;

    async fn read(&self) -> Result<SqlTx> {
        let tx = self.pool.begin().await.context(|| "begin a transaction".into())?;
        Ok(SqlTx {
            tx,
            writing: false,
            sqlite: self.sqlite,
            sealer: self.sealer.clone(),
            published: self.published.clone(),
            published_here: false,
            _turn: None,
        })
    }

    async fn write(&self) -> Result<SqlTx> {
        let turn = if self.sqlite {
            let turn = tokio::time::timeout(WRITER_WAIT, self.writer.clone().acquire_owned()).await;
            Some(turn.ok().and_then(|turn| turn.ok()).ok_or_else(|| StoreError::new("wait for the writer's turn"))?)
        } else {
            None
        };
        // SQLite: take the write lock now. A transaction that read first and
        // wrote later would fail outright (not wait) if another wrote between.
        let begin = if self.sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" };
        let tx = self.pool.begin_with(begin).await.context(|| "begin a write transaction".into())?;
        Ok(SqlTx {
            tx,
            writing: true,
            sqlite: self.sqlite,
            sealer: self.sealer.clone(),
            published: self.published.clone(),
            published_here: false,
            _turn: turn,
        })
    }

    /// Served by the server's `/logos/` route, versioned by the content so it
    /// can be cached for long.
    fn logo_url(&self, code: &ModuleCode, svg: &str) -> String {
        let digest = crate::app::tokens::sha256_hex(svg);
        format!("/logos/{code}.svg?v={}", &digest[..12])
    }
}

pub struct SqlTx {
    tx: Transaction<'static, Any>,
    writing: bool,
    sqlite: bool,
    sealer: Arc<Sealer>,
    published: Arc<modules::Published>,
    /// Whether this transaction has published a module: its modules are then
    /// its own, not the kept ones.
    published_here: bool,
    /// A SQLite writer's turn, given back when the transaction ends.
    _turn: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl SqlTx {
    fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// The row of `select` where `condition` holds, its `$k` bound to `values` in order.
    async fn find_where<R>(&mut self, select: &str, condition: &str, values: &[&str]) -> Result<Option<R>>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let sql = format!("{select} WHERE {condition}");
        let query = values.iter().fold(sqlx::query_as(&sql), |query, value| query.bind(*value));
        query.fetch_optional(self.conn()).await.context(|| format!("{select} WHERE {condition}"))
    }

    /// Deletes the rows of `table` that belong to one of `connections`.
    async fn delete_of_connections(&mut self, table: &str, connections: &[ConnectionId]) -> Result<()> {
        for connection in connections {
            sqlx::query(&format!("DELETE FROM {table} WHERE connection_id = $1"))
                .bind(connection.as_str())
                .run(self, || format!("delete the {table} of connection {connection}"))
                .await?;
        }
        Ok(())
    }
}

impl super::Tx for SqlTx {
    async fn commit(self) -> Result<()> {
        self.tx.commit().await.context(|| "commit".into())
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// A statement run in a transaction, failing with what it was doing.
#[allow(async_fn_in_trait)]
trait Statement {
    async fn run(self, tx: &mut SqlTx, doing: impl FnOnce() -> String) -> Result<()>;
    /// Runs it and answers how many rows it changed.
    async fn changed(self, tx: &mut SqlTx, doing: impl FnOnce() -> String) -> Result<u64>;
}

impl Statement for AnyQuery<'_> {
    async fn run(self, tx: &mut SqlTx, doing: impl FnOnce() -> String) -> Result<()> {
        self.changed(tx, doing).await.map(drop)
    }

    async fn changed(self, tx: &mut SqlTx, doing: impl FnOnce() -> String) -> Result<u64> {
        Ok(self.execute(tx.conn()).await.context(doing)?.rows_affected())
    }
}

fn time(seconds: i64) -> Result<DateTime<Utc>> {
    Utc.timestamp_opt(seconds, 0).single().ok_or_else(|| StoreError::new(format!("a time out of range: {seconds}")))
}

/// An enum column's text, read back.
fn coded<T: Coded>(column: &str, text: &str) -> Result<T> {
    T::from_code(text).ok_or_else(|| StoreError::new(format!("{column}: unknown value {text:?}")))
}

/// A JSON column, read back.
fn json<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).context(|| format!("read {column}"))
}

fn to_json<T: serde::Serialize>(column: &str, value: &T) -> Result<String> {
    serde_json::to_string(value).context(|| format!("write {column}"))
}

/// Money is kept in kopecks so both databases hold it exactly.
fn to_kopecks(amount: rust_decimal::Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (crate::domain::money::to_kopecks(amount) * rust_decimal::Decimal::ONE_HUNDRED).to_i64().unwrap_or(i64::MAX)
}

fn from_kopecks(kopecks: i64) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(kopecks, 2)
}

/// Rows per multi-row statement: 500 rows of at most 10 values stay far under
/// SQLite's 32 766 and PostgreSQL's 65 535 parameters. With SQLite's anonymous
/// parameters (see `parameters`), fewer, larger statements are cheaper: the
/// billing benchmark over 200 000 subscriptions ran 8.5 s at 50 rows a
/// statement, 6.3–7.0 s at 500 and 7.8 s at 1 000 (and 10.2 s at 50 with
/// numbered parameters, which made binding quadratic).
const ROWS_PER_STATEMENT: usize = 500;

impl SqlTx {
    /// `($1, $2), ($3, $4)…` for `rows` rows of `columns` values, in a
    /// statement that has no other parameters.
    fn placeholders(&self, rows: usize, columns: usize) -> String {
        let row = |r: usize| format!("({})", self.parameters(r * columns, columns));
        (0..rows).map(row).collect::<Vec<_>>().join(", ")
    }

    /// `n` parameters after the first `before`: `$k` in PostgreSQL; `?` in
    /// SQLite, where sqlx binds parameters by name and looking a numbered `$k`
    /// up scans the statement's list of names, so binding n of them costs n²
    /// (a fifth of the billing run's time at 400 parameters a statement).
    fn parameters(&self, before: usize, n: usize) -> String {
        let parameter = |i: usize| if self.sqlite { "?".to_string() } else { format!("${}", before + i) };
        (1..=n).map(parameter).collect::<Vec<_>>().join(", ")
    }
}
