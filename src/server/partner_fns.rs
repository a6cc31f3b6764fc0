//! The partner cabinet's server functions. Each answers only for the signed-in
//! partner's own listings and re-runs every listing rule, whatever the form did.

use super::auth::{random_token, token_hash};
use super::fns::{answer, internal, signed_in_user, state, UserRow};
use super::submissions::{self, code_taken, Submission};
use super::AppState;
use crate::api::partner::{DraftView, ListingSummary, Saved};
use crate::api::ApiError;
use crate::domain::submission::lifecycle::Lifecycle;
use crate::domain::submission::{Context, ListingDraft};
use crate::domain::Role;
use chrono::{TimeZone, Utc};
use sqlx::AnyConnection;

/// The signed-in partner; everyone else is refused.
async fn partner() -> Result<(AppState, UserRow), ApiError> {
    let state = state()?;
    let user = signed_in_user().await?;
    if user.role == Role::Partner {
        Ok((state, user))
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The facts the validator needs from the database.
async fn context(conn: &mut AnyConnection, submission: &Submission) -> Result<Context, ApiError> {
    Ok(Context {
        code_taken: code_taken(conn, &submission.draft.code, Some(&submission.id)).await?,
        published_code: submission.published_code.clone(),
    })
}

async fn view(conn: &mut AnyConnection, submission: Submission) -> Result<DraftView, ApiError> {
    let problems = submission.draft.problems(&context(conn, &submission).await?);
    Ok(DraftView { id: submission.id, draft: submission.draft, lifecycle: submission.lifecycle, problems })
}

pub async fn my_listings() -> Result<Vec<ListingSummary>, ApiError> {
    answer(async {
        let (state, user) = partner().await?;
        let rows = sqlx::query(&format!("{} WHERE owner_email = $1 ORDER BY updated_at DESC, id", submissions::SELECT))
            .bind(&user.email)
            .fetch_all(&state.db.pool)
            .await
            .map_err(internal)?;
        rows.iter()
            .map(|row| {
                let s = submissions::from_row(row)?;
                let updated_at = Utc.timestamp_opt(s.updated_at, 0).single().ok_or_else(|| internal("bad time"))?;
                Ok(ListingSummary::new(s.id, &s.draft, &s.lifecycle, updated_at))
            })
            .collect()
    })
    .await
}

pub async fn open_listing(id: String) -> Result<DraftView, ApiError> {
    answer(async {
        let (state, user) = partner().await?;
        let mut conn = state.db.pool.acquire().await.map_err(internal)?;
        let submission = submissions::owned(&mut conn, &id, &user.email).await?;
        view(&mut conn, submission).await
    })
    .await
}

pub async fn save_listing(id: Option<String>, draft: ListingDraft) -> Result<Saved, ApiError> {
    answer(async {
        let (state, user) = partner().await?;
        let now = Utc::now().timestamp();
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let (submission, secret) = match id {
            Some(id) => {
                let mut submission = submissions::owned(&mut tx, &id, &user.email).await?;
                let refused = draft.unstorable(submission.published_code.as_deref());
                if !refused.is_empty() {
                    return Err(ApiError::Invalid(refused));
                }
                submission.lifecycle.edit().map_err(ApiError::Lifecycle)?;
                submission.draft = draft;
                submissions::update(&mut tx, &submission, now).await?;
                (submission, None)
            }
            None => {
                let refused = draft.unstorable(None);
                if !refused.is_empty() {
                    return Err(ApiError::Invalid(refused));
                }
                let secret = random_token();
                let submission = Submission {
                    id: format!("lst-{}", &random_token()[..16]),
                    owner_email: user.email.clone(),
                    draft,
                    lifecycle: Lifecycle::default(),
                    published_code: None,
                    updated_at: now,
                    submitted_at: None,
                };
                submissions::insert(&mut tx, &submission, &token_hash(&secret)).await?;
                (submission, Some(secret))
            }
        };
        let view = view(&mut tx, submission).await?;
        tx.commit().await.map_err(internal)?;
        Ok(Saved { view, secret })
    })
    .await
}

pub async fn submit_listing(id: String) -> Result<DraftView, ApiError> {
    answer(async {
        let (state, user) = partner().await?;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let mut submission = submissions::owned(&mut tx, &id, &user.email).await?;
        let problems = submission.draft.problems(&context(&mut tx, &submission).await?);
        if !problems.is_empty() {
            return Err(ApiError::Invalid(problems));
        }
        submission.lifecycle.submit().map_err(ApiError::Lifecycle)?;
        let now = Utc::now().timestamp();
        submission.submitted_at = Some(now);
        submissions::update(&mut tx, &submission, now).await?;
        let view = view(&mut tx, submission).await?;
        tx.commit().await.map_err(internal)?;
        Ok(view)
    })
    .await
}

pub async fn code_available(code: String, id: Option<String>) -> Result<bool, ApiError> {
    answer(async {
        let (state, user) = partner().await?;
        let mut conn = state.db.pool.acquire().await.map_err(internal)?;
        if let Some(id) = &id {
            submissions::owned(&mut conn, id, &user.email).await?;
        }
        Ok(!code_taken(&mut conn, code.trim(), id.as_deref()).await?)
    })
    .await
}

pub async fn rotate_secret(id: String) -> Result<String, ApiError> {
    answer(async {
        let (state, user) = partner().await?;
        let secret = random_token();
        let done = sqlx::query("UPDATE submissions SET secret_hash = $1 WHERE id = $2 AND owner_email = $3")
            .bind(token_hash(&secret))
            .bind(&id)
            .bind(&user.email)
            .execute(&state.db.pool)
            .await
            .map_err(internal)?;
        if done.rows_affected() == 1 {
            Ok(secret)
        } else {
            Err(ApiError::NotFound)
        }
    })
    .await
}
