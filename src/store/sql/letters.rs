//! The `letters` table: letters to one person outside any account or
//! application, sent by the mail sender (`crate::server::mail`).

use super::outbox::Attempt;
use super::{Result, SqlStore, SqlTx, Statement, WithContext};
use crate::domain::Email;
use crate::store::{Letter, Letters};
use chrono::{DateTime, Utc};

impl Letters for SqlTx {
    async fn post_letter(&mut self, letter: &Letter) -> Result<()> {
        sqlx::query(
            "INSERT INTO letters (id, kind, recipient, subject, body, created_at, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&letter.id)
        .bind(&letter.kind)
        .bind(letter.recipient.as_str())
        .bind(&letter.subject)
        .bind(&letter.body)
        .bind(letter.at.timestamp())
        .run(self, || format!("post a {} letter to {}", letter.kind, letter.recipient))
        .await
    }

    async fn posted_since(&mut self, recipient: &Email, kind: &str, since: DateTime<Utc>) -> Result<bool> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM letters WHERE recipient = $1 AND kind = $2 AND created_at >= $3")
                .bind(recipient.as_str())
                .bind(kind)
                .bind(since.timestamp())
                .fetch_one(self.conn())
                .await
                .context(|| format!("look for {kind} letters to {recipient}"))?;
        Ok(n > 0)
    }
}

/// A letter whose (next) attempt to send is due.
#[derive(sqlx::FromRow)]
pub struct DueLetter {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

impl SqlStore {
    /// Up to `limit` unsent letters whose attempt is due, with fewer than `max_attempts` made.
    pub async fn due_personal_letters(
        &self,
        now: DateTime<Utc>,
        max_attempts: i64,
        limit: i64,
    ) -> Result<Vec<DueLetter>> {
        sqlx::query_as(
            "SELECT id, recipient, subject, body, attempts FROM letters \
             WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $2 ORDER BY next_attempt_at LIMIT $3",
        )
        .bind(now.timestamp())
        .bind(max_attempts)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context(|| "find the letters to send".into())
    }

    pub async fn record_personal_letter_attempt(&self, id: &str, attempt: &Attempt) -> Result<()> {
        self.record_attempt("letters", id, attempt, "").await
    }
}
