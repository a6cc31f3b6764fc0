//! The `payments` table: top-ups sent to the payment provider.

use super::{coded, from_kopecks, time, to_kopecks, Result, SqlTx, Statement};
use crate::domain::payment::PaymentStatus;
use crate::domain::{AccountId, Coded, IdempotencyKey, PaymentId};
use crate::store::{Payment, Payments};
use chrono::{DateTime, Utc};

const SELECT: &str = "SELECT id, account_id, amount_kopecks, idempotency_key, provider_id, confirmation_url, \
                      status, created_at, settled_at FROM payments";

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: String,
    account_id: String,
    amount_kopecks: i64,
    idempotency_key: String,
    provider_id: Option<String>,
    confirmation_url: Option<String>,
    status: String,
    created_at: i64,
    settled_at: Option<i64>,
}

impl PaymentRow {
    fn payment(self) -> Result<Payment> {
        Ok(Payment {
            id: PaymentId::new(self.id),
            account: AccountId::new(self.account_id),
            amount: from_kopecks(self.amount_kopecks),
            key: IdempotencyKey::new(self.idempotency_key),
            provider_id: self.provider_id,
            confirmation_url: self.confirmation_url,
            status: coded("payments.status", &self.status)?,
            created_at: time(self.created_at)?,
            settled_at: self.settled_at.map(time).transpose()?,
        })
    }
}

impl SqlTx {
    async fn payment_where(&mut self, condition: &str, values: &[&str]) -> Result<Option<Payment>> {
        let row: Option<PaymentRow> = self.find_where(SELECT, condition, values).await?;
        row.map(PaymentRow::payment).transpose()
    }
}

impl Payments for SqlTx {
    async fn insert_payment(&mut self, payment: &Payment) -> Result<()> {
        sqlx::query(
            "INSERT INTO payments (id, account_id, amount_kopecks, idempotency_key, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(payment.id.as_str())
        .bind(payment.account.as_str())
        .bind(to_kopecks(payment.amount))
        .bind(payment.key.as_str())
        .bind(payment.status.code())
        .bind(payment.created_at.timestamp())
        .run(self, || format!("record payment {} of account {}", payment.id, payment.account))
        .await
    }

    async fn payment(&mut self, id: &PaymentId) -> Result<Option<Payment>> {
        self.payment_where("id = $1", &[id.as_str()]).await
    }

    async fn payment_by_key(&mut self, account: &AccountId, key: &IdempotencyKey) -> Result<Option<Payment>> {
        self.payment_where("account_id = $1 AND idempotency_key = $2", &[account.as_str(), key.as_str()]).await
    }

    async fn payment_by_provider_id(&mut self, provider_id: &str) -> Result<Option<Payment>> {
        self.payment_where("provider_id = $1", &[provider_id]).await
    }

    async fn set_payment_provider(&mut self, id: &PaymentId, provider_id: &str, confirmation_url: &str) -> Result<()> {
        sqlx::query("UPDATE payments SET provider_id = $1, confirmation_url = $2 WHERE id = $3")
            .bind(provider_id)
            .bind(confirmation_url)
            .bind(id.as_str())
            .run(self, || format!("record the provider's payment {provider_id} for {id}"))
            .await
    }

    async fn settle_payment(&mut self, id: &PaymentId, status: PaymentStatus, now: DateTime<Utc>) -> Result<bool> {
        let changed = sqlx::query("UPDATE payments SET status = $1, settled_at = $2 WHERE id = $3 AND status = $4")
            .bind(status.code())
            .bind(now.timestamp())
            .bind(id.as_str())
            .bind(PaymentStatus::Pending.code())
            .changed(self, || format!("settle payment {id} as {}", status.code()))
            .await?;
        Ok(changed == 1)
    }
}
