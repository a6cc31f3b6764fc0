//! The `sessions` table: signed-in sessions by the SHA-256 of their token,
//! each with its absolute end and the moment it goes idle.

use super::users::{UserRow, COLUMNS as USER_COLUMNS};
use super::{time, Result, SqlTx, Statement, WithContext};
use crate::domain::Email;
use crate::store::{SessionTimes, Sessions, UserRecord};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct SessionUserRow {
    #[sqlx(flatten)]
    user: UserRow,
    expires_at: i64,
    idle_until: i64,
}

impl Sessions for SqlTx {
    async fn insert_session(&mut self, token_hash: &str, email: &Email, times: SessionTimes) -> Result<()> {
        sqlx::query("INSERT INTO sessions (token_hash, email, expires_at, idle_until) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(email.as_str())
            .bind(times.expires_at.timestamp())
            .bind(times.idle_until.timestamp())
            .run(self, || format!("start a session of {email}"))
            .await
    }

    async fn session_user(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(UserRecord, SessionTimes)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.expires_at, s.idle_until FROM users u JOIN sessions s ON s.email = u.email \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.idle_until > $2"
        );
        let row: Option<SessionUserRow> = sqlx::query_as(&sql)
            .bind(token_hash)
            .bind(now.timestamp())
            .fetch_optional(self.conn())
            .await
            .context(|| "find the session's user".into())?;
        row.map(|row| {
            let times = SessionTimes { expires_at: time(row.expires_at)?, idle_until: time(row.idle_until)? };
            Ok((row.user.user()?, times))
        })
        .transpose()
    }

    async fn session_times(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<SessionTimes>> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT expires_at, idle_until FROM sessions WHERE token_hash = $1 AND expires_at > $2 AND idle_until > $2",
        )
        .bind(token_hash)
        .bind(now.timestamp())
        .fetch_optional(self.conn())
        .await
        .context(|| "read the session's times".into())?;
        row.map(|(expires_at, idle_until)| {
            Ok(SessionTimes { expires_at: time(expires_at)?, idle_until: time(idle_until)? })
        })
        .transpose()
    }

    async fn slide_session(&mut self, token_hash: &str, idle_until: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE sessions SET idle_until = $1 WHERE token_hash = $2 AND idle_until < $1")
            .bind(idle_until.timestamp())
            .bind(token_hash)
            .run(self, || "keep a session alive".into())
            .await
    }

    async fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .run(self, || "end a session".into())
            .await
    }

    async fn delete_sessions_of(&mut self, email: &Email, except: Option<&str>) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE email = $1 AND token_hash <> $2")
            .bind(email.as_str())
            .bind(except.unwrap_or_default())
            .run(self, || format!("end the sessions of {email}"))
            .await
    }

    async fn delete_ended_sessions(&mut self, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR idle_until <= $1")
            .bind(now.timestamp())
            .run(self, || "delete the ended sessions".into())
            .await
    }
}
