//! The `invitations` table: approval letters' one-time links, by the SHA-256
//! of their token.

use super::{time, Result, SqlTx, Statement, WithContext};
use crate::api::applications::Invitation;
use crate::domain::Email;
use crate::store::Invitations;
use chrono::{DateTime, Utc};

impl Invitations for SqlTx {
    async fn insert_invitation(&mut self, token_hash: &str, email: &Email, expires_at: DateTime<Utc>) -> Result<()> {
        sqlx::query("INSERT INTO invitations (token_hash, email, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(email.as_str())
            .bind(expires_at.timestamp())
            .run(self, || format!("add the invitation of {email}"))
            .await
    }

    async fn invitation(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Invitation>> {
        let row: Option<(String, i64, Option<String>)> = sqlx::query_as(
            "SELECT i.email, i.expires_at, u.company FROM invitations i JOIN users u ON u.email = i.email \
             WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.timestamp())
        .fetch_optional(self.conn())
        .await
        .context(|| "open an invitation".into())?;
        let Some((email, expires_at, company)) = row else { return Ok(None) };
        Ok(Some(Invitation {
            email: Email::try_from(email).context(|| "invitations.email".into())?,
            company: company.unwrap_or_default(),
            expires_at: time(expires_at)?,
        }))
    }

    async fn use_invitation(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(now.timestamp())
        .bind(token_hash)
        .changed(self, || "use an invitation up".into())
        .await?;
        Ok(changed == 1)
    }

    async fn revoke_invitations(&mut self, email: &Email) -> Result<()> {
        sqlx::query("DELETE FROM invitations WHERE email = $1 AND used_at IS NULL")
            .bind(email.as_str())
            .run(self, || format!("void the links of {email}"))
            .await
    }
}
