//! The `second_factors`, `recovery_codes` and `sign_in_challenges` tables:
//! moderators' TOTP secrets (sealed), their one-time recovery codes (hashed)
//! and sign-ins waiting for a code.

use super::{time, Result, SqlTx, Statement, WithContext};
use crate::domain::Email;
use crate::store::{Challenge, SecondFactor, SecondFactors};
use chrono::{DateTime, Utc};

/// What a TOTP secret is sealed to: its user.
fn owner(email: &Email) -> String {
    format!("totp:{email}")
}

fn step(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl SecondFactors for SqlTx {
    async fn second_factor(&mut self, email: &Email) -> Result<Option<SecondFactor>> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT secret_sealed, last_step FROM second_factors WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(self.conn())
                .await
                .context(|| format!("read the second factor of {email}"))?;
        row.map(|(sealed, last_step)| {
            let secret = self.sealer.open_text(&owner(email), &sealed)?;
            Ok(SecondFactor { secret, last_step: u64::try_from(last_step).unwrap_or_default() })
        })
        .transpose()
    }

    async fn set_second_factor(
        &mut self,
        email: &Email,
        factor: &SecondFactor,
        recovery: &[String],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sealed = self.sealer.seal_text(&owner(email), &factor.secret)?;
        for table in ["second_factors", "recovery_codes"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE email = $1"))
                .bind(email.as_str())
                .run(self, || format!("forget the {table} of {email}"))
                .await?;
        }
        sqlx::query(
            "INSERT INTO second_factors (email, secret_sealed, last_step, enrolled_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(email.as_str())
        .bind(sealed)
        .bind(step(factor.last_step))
        .bind(now.timestamp())
        .run(self, || format!("enrol {email}"))
        .await?;
        for hash in recovery {
            sqlx::query("INSERT INTO recovery_codes (email, code_hash) VALUES ($1, $2)")
                .bind(email.as_str())
                .bind(hash)
                .run(self, || format!("keep a recovery code of {email}"))
                .await?;
        }
        Ok(())
    }

    async fn use_step(&mut self, email: &Email, step_now: u64) -> Result<bool> {
        let changed = sqlx::query("UPDATE second_factors SET last_step = $1 WHERE email = $2 AND last_step < $1")
            .bind(step(step_now))
            .bind(email.as_str())
            .changed(self, || format!("use a code of {email}"))
            .await?;
        Ok(changed == 1)
    }

    async fn use_recovery_code(&mut self, email: &Email, code_hash: &str, now: DateTime<Utc>) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 WHERE email = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now.timestamp())
        .bind(email.as_str())
        .bind(code_hash)
        .changed(self, || format!("use a recovery code of {email}"))
        .await?;
        Ok(changed == 1)
    }

    async fn recovery_codes_left(&mut self, email: &Email) -> Result<u32> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM recovery_codes WHERE email = $1 AND used_at IS NULL")
            .bind(email.as_str())
            .fetch_one(self.conn())
            .await
            .context(|| format!("count the recovery codes of {email}"))?;
        Ok(u32::try_from(n).unwrap_or_default())
    }

    async fn insert_challenge(&mut self, token_hash: &str, challenge: &Challenge) -> Result<()> {
        let email = &challenge.email;
        let sealed = challenge.enrol_secret.as_ref().map(|s| self.sealer.seal_text(&owner(email), s)).transpose()?;
        sqlx::query(
            "INSERT INTO sign_in_challenges (token_hash, email, enrol_secret_sealed, expires_at, attempts) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(email.as_str())
        .bind(sealed)
        .bind(challenge.expires_at.timestamp())
        .bind(i64::from(challenge.attempts))
        .run(self, || format!("ask {email} for a code"))
        .await
    }

    async fn challenge(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Challenge>> {
        let row: Option<(String, Option<String>, i64, i64)> = sqlx::query_as(
            "SELECT email, enrol_secret_sealed, expires_at, attempts FROM sign_in_challenges \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.timestamp())
        .fetch_optional(self.conn())
        .await
        .context(|| "find the sign-in waiting for a code".into())?;
        row.map(|(email, sealed, expires_at, attempts)| {
            let email = Email::parse(&email).map_err(|_| crate::store::StoreError::new(format!("email {email:?}")))?;
            let enrol_secret = sealed.map(|sealed| self.sealer.open_text(&owner(&email), &sealed)).transpose()?;
            let attempts = u32::try_from(attempts).unwrap_or(u32::MAX);
            Ok(Challenge { email, enrol_secret, expires_at: time(expires_at)?, attempts })
        })
        .transpose()
    }

    async fn fail_challenge(&mut self, token_hash: &str) -> Result<()> {
        sqlx::query("UPDATE sign_in_challenges SET attempts = attempts + 1 WHERE token_hash = $1")
            .bind(token_hash)
            .run(self, || "count a wrong code".into())
            .await
    }

    async fn delete_challenge(&mut self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_challenges WHERE token_hash = $1")
            .bind(token_hash)
            .run(self, || "end a sign-in waiting for a code".into())
            .await
    }

    async fn delete_expired_challenges(&mut self, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at <= $1")
            .bind(now.timestamp())
            .run(self, || "delete the expired sign-ins waiting for a code".into())
            .await
    }
}
