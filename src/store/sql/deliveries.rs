//! The `deliveries` table: lifecycle callbacks to modules and their last attempt.

use super::{coded, time, Result, SqlTx, Statement, WithContext};
use crate::domain::delivery::{Activity, DeliveryStatus};
use crate::domain::{AccountId, Coded, ConnectionId, ModuleCode};
use crate::store::{Deliveries, Delivery, StoreError, Window};
use chrono::{DateTime, Utc};

const SELECT: &str = "SELECT id, account_id, connection_id, module_code, event, url, client_id, activity_active, \
                      activity_freeze, status, attempts, next_at, created_at, last_attempt FROM deliveries";

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: String,
    account_id: String,
    connection_id: String,
    module_code: String,
    event: String,
    url: String,
    client_id: String,
    activity_active: i64,
    activity_freeze: i64,
    status: String,
    attempts: i64,
    next_at: Option<i64>,
    created_at: i64,
    last_attempt: Option<String>,
}

impl DeliveryRow {
    fn delivery(self) -> Result<Delivery> {
        let last = match &self.last_attempt {
            Some(json) => Some(
                serde_json::from_str(json)
                    .map_err(|e| StoreError::new(format!("deliveries.last_attempt of {}: {e}", self.id)))?,
            ),
            None => None,
        };
        Ok(Delivery {
            account: AccountId::new(self.account_id),
            connection: ConnectionId::new(self.connection_id),
            module: ModuleCode::new(self.module_code),
            event: coded("deliveries.event", &self.event)?,
            url: self.url,
            client_id: self.client_id,
            activity: Activity { active: self.activity_active != 0, freeze: self.activity_freeze != 0 },
            status: coded("deliveries.status", &self.status)?,
            attempts: u32::try_from(self.attempts).unwrap_or(u32::MAX),
            next_at: self.next_at.map(time).transpose()?,
            created_at: time(self.created_at)?,
            last,
            id: self.id,
        })
    }
}

impl SqlTx {
    async fn deliveries_where(&mut self, condition: &str, binds: &[Bind<'_>]) -> Result<Vec<Delivery>> {
        let sql = format!("{SELECT} WHERE {condition}");
        let query = binds.iter().fold(sqlx::query_as(&sql), |query, bind| match bind {
            Bind::Text(text) => query.bind(*text),
            Bind::Number(number) => query.bind(*number),
        });
        let rows: Vec<DeliveryRow> =
            query.fetch_all(self.conn()).await.context(|| format!("read the deliveries where {condition}"))?;
        rows.into_iter().map(DeliveryRow::delivery).collect()
    }
}

enum Bind<'a> {
    Text(&'a str),
    Number(i64),
}

impl Deliveries for SqlTx {
    async fn save_delivery(&mut self, d: &Delivery) -> Result<()> {
        let last = d.last.as_ref().map(|last| serde_json::to_string(last).unwrap_or_default());
        sqlx::query("DELETE FROM deliveries WHERE id = $1")
            .bind(d.id.as_str())
            .run(self, || format!("replace delivery {}", d.id))
            .await?;
        sqlx::query(
            "INSERT INTO deliveries (id, account_id, connection_id, module_code, event, url, client_id, activity_active, \
             activity_freeze, status, attempts, next_at, created_at, last_attempt) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(d.id.as_str())
        .bind(d.account.as_str())
        .bind(d.connection.as_str())
        .bind(d.module.as_str())
        .bind(d.event.code())
        .bind(d.url.as_str())
        .bind(d.client_id.as_str())
        .bind(i64::from(d.activity.active))
        .bind(i64::from(d.activity.freeze))
        .bind(d.status.code())
        .bind(i64::from(d.attempts))
        .bind(d.next_at.map(|at| at.timestamp()))
        .bind(d.created_at.timestamp())
        .bind(last)
        .run(self, || format!("store delivery {} to {}", d.id, d.module))
        .await
    }

    async fn delivery(&mut self, id: &str) -> Result<Option<Delivery>> {
        Ok(self.deliveries_where("id = $1", &[Bind::Text(id)]).await?.pop())
    }

    async fn due_deliveries(&mut self, now: DateTime<Utc>, limit: u32) -> Result<Vec<Delivery>> {
        let condition = format!("status = $1 AND next_at <= $2 ORDER BY next_at, id LIMIT {limit}");
        let binds = [Bind::Text(DeliveryStatus::Pending.code()), Bind::Number(now.timestamp())];
        self.deliveries_where(&condition, &binds).await
    }

    async fn deliveries_of(&mut self, module: &ModuleCode, window: Window) -> Result<Vec<Delivery>> {
        let condition = format!("module_code = $1 ORDER BY created_at DESC, id DESC{}", window.sql());
        self.deliveries_where(&condition, &[Bind::Text(module.as_str())]).await
    }
}
