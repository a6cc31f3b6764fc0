//! The `users` table: who signs in, with which role, and their argon2 hash.

use super::{coded, Result, SqlTx, Statement, WithContext};
use crate::domain::{Coded, Email};
use crate::store::{UserRecord, Users};

/// The columns of `UserRow`, from `users u`.
pub const COLUMNS: &str = "u.email, u.name, u.role, u.account_id, u.company, u.website, u.timezone, u.password_hash";

#[derive(sqlx::FromRow)]
pub struct UserRow {
    email: String,
    name: String,
    role: String,
    account_id: Option<String>,
    company: Option<String>,
    website: Option<String>,
    timezone: Option<String>,
    password_hash: String,
}

impl UserRow {
    pub fn user(self) -> Result<UserRecord> {
        Ok(UserRecord {
            role: coded("role", &self.role)?,
            email: Email::try_from(self.email).context(|| "users.email".into())?,
            name: self.name,
            account: self.account_id.map(Into::into),
            company: self.company,
            website: self.website,
            timezone: self.timezone,
            password_hash: self.password_hash,
        })
    }
}

impl Users for SqlTx {
    async fn user(&mut self, email: &Email) -> Result<Option<UserRecord>> {
        let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM users u WHERE u.email = $1"))
            .bind(email.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load user {email}"))?;
        row.map(UserRow::user).transpose()
    }

    async fn insert_user(&mut self, user: &UserRecord) -> Result<()> {
        sqlx::query(
            "INSERT INTO users (email, name, password_hash, role, account_id, company, website) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user.email.as_str())
        .bind(&user.name)
        .bind(&user.password_hash)
        .bind(user.role.code())
        .bind(user.account.as_ref().map(|a| a.as_str()))
        .bind(user.company.as_deref())
        .bind(user.website.as_deref())
        .run(self, || format!("add user {}", user.email))
        .await
    }

    async fn set_password(&mut self, email: &Email, password_hash: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE email = $2")
            .bind(password_hash)
            .bind(email.as_str())
            .run(self, || format!("set the password of {email}"))
            .await
    }

    async fn set_timezone(&mut self, email: &Email, timezone: &str) -> Result<()> {
        sqlx::query("UPDATE users SET timezone = $1 WHERE email = $2")
            .bind(timezone)
            .bind(email.as_str())
            .run(self, || format!("set the time zone of {email}"))
            .await
    }
}
