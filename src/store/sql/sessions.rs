//! The `sessions` table: signed-in sessions by the SHA-256 of their token.

use super::users::{UserRow, SELECT as SELECT_USER};
use super::{Result, SqlTx, Statement, WithContext};
use crate::domain::Email;
use crate::store::{Sessions, UserRecord};
use chrono::{DateTime, Utc};

impl Sessions for SqlTx {
    async fn insert_session(&mut self, token_hash: &str, email: &Email, expires_at: DateTime<Utc>) -> Result<()> {
        sqlx::query("INSERT INTO sessions (token_hash, email, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(email.as_str())
            .bind(expires_at.timestamp())
            .run(self, || format!("start a session of {email}"))
            .await
    }

    async fn session_user(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<UserRecord>> {
        let sql =
            format!("{SELECT_USER} JOIN sessions s ON s.email = u.email WHERE s.token_hash = $1 AND s.expires_at > $2");
        let row: Option<UserRow> = sqlx::query_as(&sql)
            .bind(token_hash)
            .bind(now.timestamp())
            .fetch_optional(self.conn())
            .await
            .context(|| "find the session's user".into())?;
        row.map(UserRow::user).transpose()
    }

    async fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .run(self, || "end a session".into())
            .await
    }
}
