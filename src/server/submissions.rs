//! Partners' working copies in the `submissions` table: read, written, and
//! their codes checked for uniqueness across the marketplace.

use super::fns::internal;
use crate::api::ApiError;
use crate::domain::submission::lifecycle::{Lifecycle, Stage};
use crate::domain::submission::ListingDraft;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub struct Submission {
    pub id: String,
    pub owner_email: String,
    pub draft: ListingDraft,
    pub lifecycle: Lifecycle,
    pub published_code: Option<String>,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

pub const SELECT: &str =
    "SELECT id, owner_email, draft, stage, reason, published_code, updated_at, submitted_at FROM submissions";

pub fn from_row(row: &AnyRow) -> Result<Submission, ApiError> {
    let stage = match (row.get::<String, _>("stage").as_str(), row.get::<Option<String>, _>("reason")) {
        ("draft", _) => Stage::Draft,
        ("in_review", _) => Stage::InReview,
        ("rejected", reason) => Stage::Rejected(reason.unwrap_or_default()),
        ("approved", _) => Stage::Approved,
        (other, _) => return Err(internal(format!("unknown stage {other:?}"))),
    };
    let published_code: Option<String> = row.get("published_code");
    Ok(Submission {
        id: row.get("id"),
        owner_email: row.get("owner_email"),
        draft: serde_json::from_str(&row.get::<String, _>("draft")).map_err(internal)?,
        lifecycle: Lifecycle { stage, published: published_code.is_some() },
        published_code,
        updated_at: row.get("updated_at"),
        submitted_at: row.get("submitted_at"),
    })
}

fn stage_columns(stage: &Stage) -> (&'static str, Option<&str>) {
    match stage {
        Stage::Draft => ("draft", None),
        Stage::InReview => ("in_review", None),
        Stage::Rejected(reason) => ("rejected", Some(reason.as_str())),
        Stage::Approved => ("approved", None),
    }
}

/// The partner's own listing, or `NotFound` (whether it exists or belongs to
/// someone else is not told).
pub async fn owned(conn: &mut AnyConnection, id: &str, owner_email: &str) -> Result<Submission, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1 AND owner_email = $2"))
        .bind(id)
        .bind(owner_email)
        .fetch_optional(&mut *conn)
        .await
        .map_err(internal)?
        .ok_or(ApiError::NotFound)?;
    from_row(&row)
}

pub async fn by_id(conn: &mut AnyConnection, id: &str) -> Result<Submission, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(internal)?
        .ok_or(ApiError::NotFound)?;
    from_row(&row)
}

/// Writes the draft, the stage and the publication of an existing row.
pub async fn update(conn: &mut AnyConnection, submission: &Submission, now: i64) -> Result<(), ApiError> {
    let (stage, reason) = stage_columns(&submission.lifecycle.stage);
    sqlx::query(
        "UPDATE submissions SET code = $1, draft = $2, stage = $3, reason = $4, published_code = $5, \
         updated_at = $6, submitted_at = $7 WHERE id = $8",
    )
    .bind(&submission.draft.code)
    .bind(serde_json::to_string(&submission.draft).map_err(internal)?)
    .bind(stage)
    .bind(reason)
    .bind(&submission.published_code)
    .bind(now)
    .bind(submission.submitted_at)
    .bind(&submission.id)
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn insert(conn: &mut AnyConnection, submission: &Submission, secret_hash: &str) -> Result<(), ApiError> {
    let (stage, reason) = stage_columns(&submission.lifecycle.stage);
    sqlx::query(
        "INSERT INTO submissions (id, owner_email, code, draft, stage, reason, published_code, secret_hash, \
         updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&submission.id)
    .bind(&submission.owner_email)
    .bind(&submission.draft.code)
    .bind(serde_json::to_string(&submission.draft).map_err(internal)?)
    .bind(stage)
    .bind(reason)
    .bind(&submission.published_code)
    .bind(secret_hash)
    .bind(submission.updated_at)
    .bind(submission.submitted_at)
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Whether another listing holds `code`: a published module that is not this
/// listing's own, or another partner's (or the same partner's other) draft.
pub async fn code_taken(conn: &mut AnyConnection, code: &str, id: Option<&str>) -> Result<bool, ApiError> {
    let id = id.unwrap_or("");
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM submissions WHERE code = $1 AND id <> $2) + \
         (SELECT COUNT(*) FROM modules WHERE code = $1 AND code NOT IN \
            (SELECT published_code FROM submissions WHERE id = $2 AND published_code IS NOT NULL)) AS n",
    )
    .bind(code)
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .map_err(internal)?;
    Ok(row.get::<i64, _>("n") > 0)
}
