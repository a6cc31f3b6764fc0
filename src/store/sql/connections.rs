//! The `connections` table: each connection of a module, with the billing
//! columns the billing run finds due ones by.

use super::{coded, from_kopecks, time, to_kopecks, AnyQuery, Result, SqlTx, Statement, WithContext};
use crate::domain::billing::Connection;
use crate::domain::{AccountId, Coded, ConnectionId};
use chrono::NaiveDate;
use chrono_tz::Tz;

pub const SELECT: &str = "SELECT id, account_id, module_code, section, name, created_at, status, anchor_day, \
                          due_on, noticed, frozen_at, price_kopecks FROM connections";

#[derive(sqlx::FromRow)]
pub struct ConnectionRow {
    pub id: String,
    pub account_id: String,
    module_code: String,
    section: String,
    name: String,
    created_at: i64,
    status: String,
    anchor_day: Option<i64>,
    due_on: Option<String>,
    noticed: i64,
    frozen_at: Option<i64>,
    price_kopecks: Option<i64>,
}

impl ConnectionRow {
    pub fn connection(self) -> Result<Connection> {
        let doing = || format!("read connection {}", self.id);
        Ok(Connection {
            module: self.module_code.into(),
            section: coded("section", &self.section)?,
            name: self.name,
            created_at: time(self.created_at)?,
            status: coded("status", &self.status)?,
            anchor_day: self.anchor_day.map(u32::try_from).transpose().context(doing)?,
            due_on: self.due_on.as_deref().map(str::parse::<NaiveDate>).transpose().context(doing)?,
            frozen_at: self.frozen_at.map(time).transpose()?,
            noticed: self.noticed != 0,
            price: self.price_kopecks.map(from_kopecks),
            id: self.id.into(),
        })
    }
}

/// The values of a connection's billing columns: what the billing run reads
/// due connections by (`due_at`, `notice_at`) and what it writes back.
pub struct BillingColumns {
    pub status: &'static str,
    pub anchor_day: Option<i64>,
    pub due_on: Option<String>,
    pub due_at: Option<i64>,
    pub noticed: i64,
    pub notice_at: Option<i64>,
    pub frozen_at: Option<i64>,
    pub price: Option<i64>,
}

impl BillingColumns {
    pub fn of(connection: &Connection, tz: Tz) -> BillingColumns {
        BillingColumns {
            status: connection.status.code(),
            anchor_day: connection.anchor_day.map(i64::from),
            due_on: connection.due_on.map(|d| d.to_string()),
            due_at: connection.due_at(tz).map(|t| t.timestamp()),
            noticed: i64::from(connection.noticed),
            notice_at: connection.notice_at(tz).map(|t| t.timestamp()),
            frozen_at: connection.frozen_at.map(|t| t.timestamp()),
            price: connection.price.map(to_kopecks),
        }
    }

    /// Binds the eight columns, in `status … price_kopecks` order, after what `query` already holds.
    pub fn bind(self, query: AnyQuery<'_>) -> AnyQuery<'_> {
        query
            .bind(self.status)
            .bind(self.anchor_day)
            .bind(self.due_on)
            .bind(self.due_at)
            .bind(self.noticed)
            .bind(self.notice_at)
            .bind(self.frozen_at)
            .bind(self.price)
    }
}

impl SqlTx {
    pub(super) async fn connections_of(&mut self, account: &AccountId) -> Result<Vec<Connection>> {
        let sql = format!("{SELECT} WHERE account_id = $1 ORDER BY created_at, id");
        let rows: Vec<ConnectionRow> = sqlx::query_as(&sql)
            .bind(account.as_str())
            .fetch_all(self.conn())
            .await
            .context(|| format!("load the connections of {account}"))?;
        rows.into_iter().map(ConnectionRow::connection).collect()
    }

    pub(super) async fn connection_of(&mut self, account: &AccountId, id: &ConnectionId) -> Result<Option<Connection>> {
        let sql = format!("{SELECT} WHERE account_id = $1 AND id = $2");
        let row: Option<ConnectionRow> = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(id.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load connection {id} of {account}"))?;
        row.map(ConnectionRow::connection).transpose()
    }

    pub(super) async fn insert_connection(
        &mut self,
        account: &AccountId,
        connection: &Connection,
        tz: Tz,
    ) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO connections (id, account_id, module_code, section, name, created_at, status, anchor_day, \
             due_on, due_at, noticed, notice_at, frozen_at, price_kopecks) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(connection.id.as_str())
        .bind(account.as_str())
        .bind(connection.module.as_str())
        .bind(connection.section.code())
        .bind(&connection.name)
        .bind(connection.created_at.timestamp());
        BillingColumns::of(connection, tz)
            .bind(query)
            .run(self, || format!("add connection {} to {account}", connection.id))
            .await
    }

    pub(super) async fn update_connection(&mut self, connection: &Connection, tz: Tz) -> Result<()> {
        let query = sqlx::query(
            "UPDATE connections SET status = $1, anchor_day = $2, due_on = $3, due_at = $4, noticed = $5, \
             notice_at = $6, frozen_at = $7, price_kopecks = $8, name = $9 WHERE id = $10",
        );
        BillingColumns::of(connection, tz)
            .bind(query)
            .bind(&connection.name)
            .bind(connection.id.as_str())
            .run(self, || format!("update connection {}", connection.id))
            .await
    }

    pub(super) async fn delete_connection(&mut self, account: &AccountId, connection: &Connection) -> Result<()> {
        sqlx::query("DELETE FROM connections WHERE id = $1 AND account_id = $2")
            .bind(connection.id.as_str())
            .bind(account.as_str())
            .run(self, || format!("remove connection {} of {account}", connection.id))
            .await
    }
}
