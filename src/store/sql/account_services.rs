//! The `account_services` table.

use super::{from_kopecks, to_kopecks, Result, SqlTx, Statement, WithContext};
use crate::domain::booking::services::OwnService;
use crate::domain::lang::Localized;
use crate::domain::AccountId;
use crate::store::AccountServices;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: String,
    name_ru: String,
    name_en: String,
    duration_min: i64,
    price_kopecks: i64,
}

impl AccountServices for SqlTx {
    async fn account_services(&mut self, account: &AccountId) -> Result<Vec<OwnService>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(
            "SELECT id, name_ru, name_en, duration_min, price_kopecks FROM account_services \
             WHERE account_id = $1 ORDER BY position",
        )
        .bind(account.as_str())
        .fetch_all(self.conn())
        .await
        .context(|| format!("read the services of account {account}"))?;
        Ok(rows
            .into_iter()
            .map(|row| OwnService {
                id: row.id,
                name: Localized { ru: row.name_ru, en: row.name_en },
                duration_min: u32::try_from(row.duration_min).unwrap_or(u32::MAX),
                price: from_kopecks(row.price_kopecks),
            })
            .collect())
    }

    async fn save_account_service(
        &mut self,
        account: &AccountId,
        service: &OwnService,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let updated = sqlx::query(
            "UPDATE account_services SET name_ru = $1, name_en = $2, duration_min = $3, price_kopecks = $4 \
             WHERE id = $5 AND account_id = $6",
        )
        .bind(service.name.ru.as_str())
        .bind(service.name.en.as_str())
        .bind(i64::from(service.duration_min))
        .bind(to_kopecks(service.price))
        .bind(service.id.as_str())
        .bind(account.as_str())
        .execute(self.conn())
        .await
        .context(|| format!("change service {} of account {account}", service.id))?;
        if updated.rows_affected() > 0 {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO account_services (id, account_id, position, name_ru, name_en, duration_min, price_kopecks, \
             created_at) VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM account_services \
             WHERE account_id = $2), $3, $4, $5, $6, $7)",
        )
        .bind(service.id.as_str())
        .bind(account.as_str())
        .bind(service.name.ru.as_str())
        .bind(service.name.en.as_str())
        .bind(i64::from(service.duration_min))
        .bind(to_kopecks(service.price))
        .bind(now.timestamp())
        .run(self, || format!("add service {} to account {account}", service.id))
        .await
    }

    async fn delete_account_service(&mut self, account: &AccountId, id: &str) -> Result<bool> {
        let deleted = sqlx::query("DELETE FROM account_services WHERE id = $1 AND account_id = $2")
            .bind(id)
            .bind(account.as_str())
            .execute(self.conn())
            .await
            .context(|| format!("delete service {id} of account {account}"))?;
        Ok(deleted.rows_affected() > 0)
    }
}
