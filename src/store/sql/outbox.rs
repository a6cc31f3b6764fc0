//! The `outbox` table: notices of coming charges, one row per account owner,
//! read in the app and sent by the SMTP sender (`crate::server::mail`) apart
//! from billing, so a slow mail server never holds billing up.

use super::{coded, json, time, to_json, Result, SqlStore, SqlTx, Statement, WithContext};
use crate::api::types::MailView;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::Notice;
use crate::domain::{AccountId, Coded, Email, Lang, Role};
use crate::store::{Outbox, Window};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

#[derive(sqlx::FromRow)]
struct MailRow {
    mail_key: String,
    created_at: i64,
    recipient: String,
    notice: String,
    sent_at: Option<i64>,
}

impl MailRow {
    fn mail(self) -> Result<MailView> {
        Ok(MailView {
            created_at: time(self.created_at)?,
            recipient: Email::try_from(self.recipient).context(|| format!("recipient of {}", self.mail_key))?,
            notice: json("outbox.notice", &self.notice)?,
            sent_at: self.sent_at.map(time).transpose()?,
            key: self.mail_key,
        })
    }
}

impl SqlTx {
    /// Each notice goes to every account owner of the account; the first
    /// row keeps the notice's key, the others add their address to it.
    pub(super) async fn insert_notices(&mut self, account: &AccountId, notices: &[Notice]) -> Result<()> {
        if notices.is_empty() {
            return Ok(());
        }
        let owners: Vec<(String,)> = sqlx::query_as("SELECT email FROM users WHERE account_id = $1 AND role = $2")
            .bind(account.as_str())
            .bind(Role::AccountOwner.code())
            .fetch_all(self.conn())
            .await
            .context(|| format!("find the owners of {account}"))?;
        for notice in notices {
            for (n, (recipient,)) in owners.iter().enumerate() {
                let key = if n == 0 { notice.key.clone() } else { format!("{}:{recipient}", notice.key) };
                sqlx::query(
                    "INSERT INTO outbox (account_id, mail_key, created_at, recipient, notice, next_attempt_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(account.as_str())
                .bind(&key)
                .bind(notice.at.timestamp())
                .bind(recipient)
                .bind(to_json("outbox.notice", notice)?)
                .bind(notice.at.timestamp())
                .run(self, || format!("put notice {key} of {account} in the outbox"))
                .await?;
            }
        }
        Ok(())
    }
}

impl Outbox for SqlTx {
    async fn notices(&mut self, account: &AccountId, window: Window) -> Result<Vec<MailView>> {
        let sql = format!(
            "SELECT mail_key, created_at, recipient, notice, sent_at FROM outbox WHERE account_id = $1 \
             ORDER BY created_at DESC, mail_key{}",
            window.sql()
        );
        let rows: Vec<MailRow> = sqlx::query_as(&sql)
            .bind(account.as_str())
            .fetch_all(self.conn())
            .await
            .context(|| format!("load the outbox of {account}"))?;
        rows.into_iter().map(MailRow::mail).collect()
    }
}

/// A notice whose (next) attempt to send is due, with what its letter needs.
pub struct DueNotice {
    pub account: AccountId,
    pub key: String,
    pub recipient: String,
    pub notice: Notice,
    pub attempts: i64,
    pub lang: Lang,
    pub tz: Tz,
}

#[derive(sqlx::FromRow)]
struct DueNoticeRow {
    account_id: String,
    mail_key: String,
    recipient: String,
    notice: String,
    attempts: i64,
    lang: String,
    timezone: String,
}

/// What one attempt to send a letter came to.
pub struct Attempt {
    pub at: DateTime<Utc>,
    /// The error, and when to try again.
    pub failed: Option<(String, DateTime<Utc>)>,
}

impl Attempt {
    /// `sent_at`, `next_attempt_at` and `last_error`, as every outbox stores them.
    fn columns(&self) -> (Option<i64>, i64, Option<&str>) {
        match &self.failed {
            Some((error, next)) => (None, next.timestamp(), Some(error.as_str())),
            None => (Some(self.at.timestamp()), self.at.timestamp(), None),
        }
    }
}

impl SqlStore {
    /// Records `attempt` on the row `id` of `table`, an outbox of letters
    /// keyed by `id`; `also` is set too (`link_sealed = …`), or is empty.
    pub(super) async fn record_attempt(&self, table: &str, id: &str, attempt: &Attempt, also: &str) -> Result<()> {
        let (sent, next, error) = attempt.columns();
        let sql = format!(
            "UPDATE {table} SET sent_at = $1, next_attempt_at = $2, attempts = attempts + 1, last_error = $3{also} \
             WHERE id = $4"
        );
        sqlx::query(&sql)
            .bind(sent)
            .bind(next)
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await
            .context(|| format!("record sending letter {id} of {table}"))?;
        Ok(())
    }

    /// Up to `limit` unsent notices whose attempt is due, with fewer than `max_attempts` made.
    pub async fn due_notices(&self, now: DateTime<Utc>, max_attempts: i64, limit: i64) -> Result<Vec<DueNotice>> {
        let rows: Vec<DueNoticeRow> = sqlx::query_as(
            "SELECT o.account_id, o.mail_key, o.recipient, o.notice, o.attempts, a.lang, a.timezone \
             FROM outbox o JOIN accounts a ON a.id = o.account_id \
             WHERE o.sent_at IS NULL AND o.next_attempt_at <= $1 AND o.attempts < $2 \
             ORDER BY o.next_attempt_at LIMIT $3",
        )
        .bind(now.timestamp())
        .bind(max_attempts)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context(|| "find the notices to send".into())?;
        rows.into_iter()
            .map(|row| {
                Ok(DueNotice {
                    notice: json("outbox.notice", &row.notice)?,
                    lang: coded("lang", &row.lang)?,
                    tz: zone(&row.timezone),
                    account: row.account_id.into(),
                    key: row.mail_key,
                    recipient: row.recipient,
                    attempts: row.attempts,
                })
            })
            .collect()
    }

    pub async fn record_notice_attempt(&self, account: &AccountId, key: &str, attempt: &Attempt) -> Result<()> {
        let (sent, next, error) = attempt.columns();
        sqlx::query(
            "UPDATE outbox SET sent_at = $1, next_attempt_at = $2, attempts = attempts + 1, last_error = $3 \
             WHERE account_id = $4 AND mail_key = $5",
        )
        .bind(sent)
        .bind(next)
        .bind(error)
        .bind(account.as_str())
        .bind(key)
        .execute(&self.pool)
        .await
        .context(|| format!("record sending notice {key} of {account}"))?;
        Ok(())
    }
}
