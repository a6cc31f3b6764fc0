//! The moderator's server functions: the review queue and its decisions.
//! Only moderators reach them; approval re-runs every listing rule.

use super::fns::{answer, internal, signed_in_user, state};
use super::submissions::{self, code_taken};
use super::AppState;
use crate::api::moderation::{partner_label, ReviewItem};
use crate::api::ApiError;
use crate::domain::submission::{Field, Issue, ListingDraft, Problem, Vendor};
use crate::domain::{Listing, Role};
use chrono::{TimeZone, Utc};
use sqlx::{AnyConnection, Row};

pub(super) async fn moderator() -> Result<AppState, ApiError> {
    let state = state()?;
    if signed_in_user().await?.role == Role::Moderator {
        Ok(state)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The live listing, its logo and the approved draft behind it, if any.
async fn published(conn: &mut AnyConnection, code: &str) -> Result<Option<(Listing, ListingDraft)>, ApiError> {
    let Some(row) = sqlx::query("SELECT listing, logo_svg, draft FROM modules WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    let listing: Listing = serde_json::from_str(&row.get::<String, _>("listing")).map_err(internal)?;
    let draft = match row.get::<Option<String>, _>("draft") {
        Some(json) => serde_json::from_str(&json).map_err(internal)?,
        None => ListingDraft::from_listing(&listing, &row.get::<String, _>("logo_svg")),
    };
    Ok(Some((listing, draft)))
}

pub async fn review_queue() -> Result<Vec<ReviewItem>, ApiError> {
    answer(async {
        let state = moderator().await?;
        let mut conn = state.db.pool.acquire().await.map_err(internal)?;
        let rows = sqlx::query(
            "SELECT s.id, s.owner_email, s.draft, s.stage, s.reason, s.published_code, s.updated_at, \
             s.submitted_at, u.company FROM submissions s JOIN users u ON u.email = s.owner_email \
             WHERE s.stage = 'in_review' ORDER BY s.submitted_at, s.id",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(internal)?;
        let mut queue = Vec::with_capacity(rows.len());
        for row in rows {
            let submission = submissions::from_row(&row)?;
            let company: Option<String> = row.get("company");
            let published = match &submission.published_code {
                Some(code) => published(&mut conn, code).await?.map(|(_, draft)| draft),
                None => None,
            };
            let submitted = submission.submitted_at.unwrap_or(submission.updated_at);
            queue.push(ReviewItem {
                partner: partner_label(company.as_deref(), &submission.owner_email),
                id: submission.id,
                draft: submission.draft,
                published,
                submitted_at: Utc.timestamp_opt(submitted, 0).single().ok_or_else(|| internal("bad time"))?,
            });
        }
        Ok(queue)
    })
    .await
}

pub async fn approve_listing(id: String) -> Result<(), ApiError> {
    answer(async {
        let state = moderator().await?;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let mut submission = submissions::by_id(&mut tx, &id).await?;
        submission.lifecycle.approve().map_err(ApiError::Lifecycle)?;
        let code = submission.draft.code.clone();
        if code_taken(&mut tx, &code, Some(&id)).await? {
            return Err(ApiError::Invalid(vec![Problem { field: Field::Code, issue: Issue::CodeTaken }]));
        }
        let owner = sqlx::query("SELECT name, company, website FROM users WHERE email = $1")
            .bind(&submission.owner_email)
            .fetch_one(&mut *tx)
            .await
            .map_err(internal)?;
        let name: Option<String> = owner.get("company");
        let name = name.unwrap_or_else(|| owner.get("name"));
        let website: Option<String> = owner.get("website");
        let vendor = Vendor { name: &name, website: website.as_deref().unwrap_or_default() };
        let live = match &submission.published_code {
            Some(code) => published(&mut tx, code).await?.map(|(listing, _)| listing),
            None => None,
        };
        let today = Utc::now().date_naive();
        let listing = submission
            .draft
            .listing(&vendor, live.as_ref().map_or(0, |l| l.installs), live.as_ref().map_or(today, |l| l.published))
            .map_err(ApiError::Invalid)?;
        let listing_json = serde_json::to_string(&listing).map_err(internal)?;
        let draft_json = serde_json::to_string(&submission.draft).map_err(internal)?;
        if live.is_some() {
            sqlx::query("UPDATE modules SET section = $1, listing = $2, logo_svg = $3, draft = $4 WHERE code = $5")
                .bind(listing.section.code())
                .bind(listing_json)
                .bind(&submission.draft.logo)
                .bind(draft_json)
                .bind(&code)
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
        } else {
            sqlx::query("INSERT INTO modules (code, section, listing, logo_svg, draft) VALUES ($1, $2, $3, $4, $5)")
                .bind(&code)
                .bind(listing.section.code())
                .bind(listing_json)
                .bind(&submission.draft.logo)
                .bind(draft_json)
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
        }
        submission.published_code = Some(code);
        submissions::update(&mut tx, &submission, Utc::now().timestamp()).await?;
        tx.commit().await.map_err(internal)?;
        Ok(())
    })
    .await
}

pub async fn add_section(id: String) -> Result<(), ApiError> {
    answer(async {
        let state = moderator().await?;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let mut submission = submissions::by_id(&mut tx, &id).await?;
        submission.lifecycle.ensure_in_review().map_err(ApiError::Lifecycle)?;
        if !submission.draft.add_requested_section() {
            return Err(ApiError::BadRequest("the listing asks for no new section".into()));
        }
        submissions::update(&mut tx, &submission, Utc::now().timestamp()).await?;
        tx.commit().await.map_err(internal)?;
        Ok(())
    })
    .await
}

pub async fn reject_listing(id: String, reason: String) -> Result<(), ApiError> {
    answer(async {
        let state = moderator().await?;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let mut submission = submissions::by_id(&mut tx, &id).await?;
        submission.lifecycle.reject(&reason).map_err(ApiError::Lifecycle)?;
        submissions::update(&mut tx, &submission, Utc::now().timestamp()).await?;
        tx.commit().await.map_err(internal)?;
        Ok(())
    })
    .await
}
