//! Accounts' ledgers in the database: loaded under a lock on the account row,
//! and stored back with the history rows and notices a domain change returned,
//! all in the caller's transaction.

use super::db::{from_kopecks, to_kopecks};
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{Connection, Effects, Ledger, Notice, Operation, Status};
use crate::domain::Section;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Takes the account's row lock first, so concurrent changes to one account
/// run one after another: a no-op write locks the row in PostgreSQL and takes
/// SQLite's write lock before anything is read.
pub async fn lock(conn: &mut AnyConnection, account_id: &str) -> Result<bool, Error> {
    let done =
        sqlx::query("UPDATE accounts SET next_seq = next_seq WHERE id = $1").bind(account_id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The account's time zone and ledger. Call after `lock`.
pub async fn load(conn: &mut AnyConnection, account_id: &str) -> Result<(Tz, Ledger), Error> {
    let account = sqlx::query("SELECT balance_kopecks, next_seq, timezone FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(&mut *conn)
        .await?;
    let connections = sqlx::query(&format!("{SELECT_CONNECTION} WHERE account_id = $1 ORDER BY created_at, id"))
        .bind(account_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(connection_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let trials_used = sqlx::query("SELECT module_code FROM trials_used WHERE account_id = $1")
        .bind(account_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.get::<String, _>("module_code"))
        .collect();
    let ledger = Ledger {
        balance: from_kopecks(account.get("balance_kopecks")),
        next_seq: u64::try_from(account.get::<i64, _>("next_seq"))?,
        connections,
        trials_used,
    };
    Ok((zone(&account.get::<String, _>("timezone")), ledger))
}

/// Writes what changed from `before` to `after`, and the effects' rows. A
/// history row whose key is already stored makes the whole change fail.
pub async fn store(
    conn: &mut AnyConnection,
    account_id: &str,
    tz: Tz,
    before: &Ledger,
    after: &Ledger,
    effects: &Effects,
) -> Result<(), Error> {
    sqlx::query("UPDATE accounts SET balance_kopecks = $1, next_seq = $2 WHERE id = $3")
        .bind(to_kopecks(after.balance))
        .bind(i64::try_from(after.next_seq)?)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    for gone in before.connections.iter().filter(|c| !after.connections.iter().any(|a| a.id == c.id)) {
        sqlx::query("DELETE FROM connections WHERE id = $1 AND account_id = $2")
            .bind(&gone.id)
            .bind(account_id)
            .execute(&mut *conn)
            .await?;
    }
    for connection in &after.connections {
        match before.connections.iter().find(|c| c.id == connection.id) {
            Some(old) if old == connection => {}
            Some(_) => update_connection(conn, connection, tz).await?,
            None => insert_connection(conn, account_id, connection, tz).await?,
        }
    }
    for module in after.trials_used.difference(&before.trials_used) {
        sqlx::query("INSERT INTO trials_used (account_id, module_code) VALUES ($1, $2)")
            .bind(account_id)
            .bind(module)
            .execute(&mut *conn)
            .await?;
    }
    insert_operations(conn, account_id, &effects.operations).await?;
    insert_notices(conn, account_id, &effects.notices).await?;
    Ok(())
}

pub const SELECT_CONNECTION: &str =
    "SELECT id, account_id, module_code, section, name, created_at, status, anchor_day, \
     due_on, noticed, frozen_at FROM connections";

pub fn connection_from_row(row: &AnyRow) -> Result<Connection, Error> {
    let section: String = row.get("section");
    let status: String = row.get("status");
    let due_on: Option<String> = row.get("due_on");
    Ok(Connection {
        id: row.get("id"),
        module: row.get("module_code"),
        section: Section::from_code(&section).ok_or_else(|| format!("unknown section {section:?}"))?,
        name: row.get("name"),
        created_at: time(row.get("created_at"))?,
        status: Status::from_code(&status).ok_or_else(|| format!("unknown status {status:?}"))?,
        anchor_day: row.get::<Option<i64>, _>("anchor_day").map(u32::try_from).transpose()?,
        due_on: due_on.map(|d| d.parse::<NaiveDate>()).transpose()?,
        frozen_at: row.get::<Option<i64>, _>("frozen_at").map(time).transpose()?,
        noticed: row.get::<i64, _>("noticed") != 0,
    })
}

fn time(seconds: i64) -> Result<DateTime<Utc>, Error> {
    Utc.timestamp_opt(seconds, 0).single().ok_or_else(|| format!("bad time {seconds}").into())
}

/// The values of a connection's billing columns, in `UPDATE_COLUMNS` order.
pub struct BillingColumns {
    pub status: &'static str,
    pub anchor_day: Option<i64>,
    pub due_on: Option<String>,
    pub due_at: Option<i64>,
    pub noticed: i64,
    pub notice_at: Option<i64>,
    pub frozen_at: Option<i64>,
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

impl BillingColumns {
    /// Binds the seven columns, in `status … frozen_at` order, after what `query` already holds.
    pub fn bind(self, query: AnyQuery<'_>) -> AnyQuery<'_> {
        query
            .bind(self.status)
            .bind(self.anchor_day)
            .bind(self.due_on)
            .bind(self.due_at)
            .bind(self.noticed)
            .bind(self.notice_at)
            .bind(self.frozen_at)
    }

    pub fn of(connection: &Connection, tz: Tz) -> BillingColumns {
        BillingColumns {
            status: connection.status.code(),
            anchor_day: connection.anchor_day.map(i64::from),
            due_on: connection.due_on.map(|d| d.to_string()),
            due_at: connection.due_at(tz).map(|t| t.timestamp()),
            noticed: i64::from(connection.noticed),
            notice_at: connection.notice_at(tz).map(|t| t.timestamp()),
            frozen_at: connection.frozen_at.map(|t| t.timestamp()),
        }
    }
}

async fn update_connection(conn: &mut AnyConnection, connection: &Connection, tz: Tz) -> Result<(), Error> {
    let query = sqlx::query(
        "UPDATE connections SET status = $1, anchor_day = $2, due_on = $3, due_at = $4, noticed = $5, \
         notice_at = $6, frozen_at = $7, name = $8 WHERE id = $9",
    );
    BillingColumns::of(connection, tz).bind(query).bind(&connection.name).bind(&connection.id).execute(conn).await?;
    Ok(())
}

async fn insert_connection(
    conn: &mut AnyConnection,
    account_id: &str,
    connection: &Connection,
    tz: Tz,
) -> Result<(), Error> {
    let query = sqlx::query(
        "INSERT INTO connections (id, account_id, module_code, section, name, created_at, status, anchor_day, \
         due_on, due_at, noticed, notice_at, frozen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&connection.id)
    .bind(account_id)
    .bind(&connection.module)
    .bind(connection.section.code())
    .bind(&connection.name)
    .bind(connection.created_at.timestamp());
    BillingColumns::of(connection, tz).bind(query).execute(conn).await?;
    Ok(())
}

const OPERATION_COLUMNS: usize = 10;

/// Rows per multi-row statement: 500 rows of at most 10 values stay far under
/// SQLite's 32 766 and PostgreSQL's 65 535 parameters. With SQLite's anonymous
/// parameters (see `parameters`), fewer, larger statements are cheaper: the
/// billing benchmark over 200 000 subscriptions ran 8.5 s at 50 rows a
/// statement, 6.3–7.0 s at 500 and 7.8 s at 1 000 (and 10.2 s at 50 with
/// numbered parameters, which made binding quadratic).
pub const ROWS_PER_STATEMENT: usize = 500;

/// One multi-row INSERT per chunk: the billing run writes many rows at once.
pub async fn insert_operations(
    conn: &mut AnyConnection,
    account_id: &str,
    operations: &[Operation],
) -> Result<(), Error> {
    insert_operations_of(conn, operations.iter().map(|op| (account_id, op))).await
}

pub async fn insert_operations_of<'a>(
    conn: &mut AnyConnection,
    rows: impl Iterator<Item = (&'a str, &'a Operation)>,
) -> Result<(), Error> {
    let rows: Vec<_> = rows.collect();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO operations (account_id, seq, op_key, at, kind, module_code, connection_id, connection_name, \
             amount_kopecks, balance_after_kopecks) VALUES {}",
            placeholders(conn, chunk.len(), OPERATION_COLUMNS)
        );
        let mut query = sqlx::query(&sql);
        for (account_id, op) in chunk {
            query = query
                .bind(*account_id)
                .bind(i64::try_from(op.seq)?)
                .bind(&op.key)
                .bind(op.at.timestamp())
                .bind(op.kind.code())
                .bind(&op.module)
                .bind(&op.connection_id)
                .bind(&op.connection_name)
                .bind(to_kopecks(op.amount))
                .bind(to_kopecks(op.balance_after));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Each notice goes to every account owner of the account.
pub async fn insert_notices(conn: &mut AnyConnection, account_id: &str, notices: &[Notice]) -> Result<(), Error> {
    if notices.is_empty() {
        return Ok(());
    }
    let owners: Vec<String> = sqlx::query("SELECT email FROM users WHERE account_id = $1 AND role = 'account_owner'")
        .bind(account_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.get("email"))
        .collect();
    for notice in notices {
        for (n, recipient) in owners.iter().enumerate() {
            let key = if n == 0 { notice.key.clone() } else { format!("{}:{recipient}", notice.key) };
            sqlx::query(
                "INSERT INTO outbox (account_id, mail_key, created_at, recipient, notice, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(account_id)
            .bind(key)
            .bind(notice.at.timestamp())
            .bind(recipient)
            .bind(serde_json::to_string(notice)?)
            .bind(notice.at.timestamp())
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// `($1, $2), ($3, $4)…` for `rows` rows of `columns` values, in a statement
/// that has no other parameters.
pub fn placeholders(conn: &AnyConnection, rows: usize, columns: usize) -> String {
    let numbered = numbered(conn);
    let row = |r: usize| format!("({})", parameters(numbered, r * columns, columns));
    (0..rows).map(row).collect::<Vec<_>>().join(", ")
}

/// `$1, $2, …, $n`, for an `IN (…)` list in a statement that has no other parameters.
pub fn list_placeholders(conn: &AnyConnection, n: usize) -> String {
    parameters(numbered(conn), 0, n)
}

/// Whether the database numbers its parameters (`$k`). SQLite gets anonymous
/// `?`: sqlx binds SQLite's parameters by name, and looking a numbered `$k` up
/// scans the statement's list of names, so binding n of them costs n² (a fifth
/// of the billing run's time at 400 parameters a statement).
fn numbered(conn: &AnyConnection) -> bool {
    conn.backend_name() != <sqlx::Sqlite as sqlx::Database>::NAME
}

/// `n` parameters after the first `before`, `$k` when `numbered`, else `?`.
fn parameters(numbered: bool, before: usize, n: usize) -> String {
    let parameter = |i: usize| if numbered { format!("${}", before + i) } else { "?".to_string() };
    (1..=n).map(parameter).collect::<Vec<_>>().join(", ")
}

pub fn operation_from_row(row: &AnyRow) -> Result<Operation, Error> {
    use crate::domain::billing::OperationKind;
    let kind: String = row.get("kind");
    Ok(Operation {
        seq: u64::try_from(row.get::<i64, _>("seq"))?,
        key: row.get("op_key"),
        at: time(row.get("at"))?,
        kind: OperationKind::from_code(&kind).ok_or_else(|| format!("unknown kind {kind:?}"))?,
        module: row.get("module_code"),
        connection_id: row.get("connection_id"),
        connection_name: row.get("connection_name"),
        amount: from_kopecks(row.get("amount_kopecks")),
        balance_after: from_kopecks(row.get("balance_after_kopecks")),
    })
}
