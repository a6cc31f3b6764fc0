//! The moderator's review queue and its decisions. Approval re-runs every
//! listing rule; a live revision stays live until the next one is approved.

use super::Ctx;
use crate::api::moderation::{partner_label, ReviewItem};
use crate::api::types::{Page, Waiting};
use crate::api::ApiError;
use crate::domain::submission::{Field, Issue, ListingDraft, Problem, Vendor};
use crate::domain::{ListingId, ModuleCode, Role};
use crate::store::{Applications, Module, Modules, Reviews, Store, Submission, Submissions, Tx, Users};

/// The revision live now, and the approved working copy behind it (made from
/// the listing for a module that never went through review).
async fn live<T: Modules>(tx: &mut T, code: Option<&ModuleCode>) -> Result<Option<(Module, ListingDraft)>, ApiError> {
    let Some(code) = code else { return Ok(None) };
    let Some(module) = tx.module(code).await? else { return Ok(None) };
    let draft = match tx.approved_draft(code).await? {
        Some(draft) => draft,
        None => ListingDraft::from_listing(&module.listing, &module.logo),
    };
    Ok(Some((module, draft)))
}

/// What waits for the moderators: listings in review, pending applications.
pub async fn waiting<S: Store>(cx: &Ctx<S>) -> Result<Waiting, ApiError> {
    let mut tx = cx.store.read().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    Ok(Waiting {
        in_review: tx.count_in_review().await?,
        applications: tx.count_pending_applications().await?,
        reports: tx.count_open_reports().await?,
    })
}

/// A page of the review queue, first sent first.
pub async fn review_queue<S: Store>(cx: &Ctx<S>, from: Option<u32>) -> Result<Page<ReviewItem>, ApiError> {
    let mut tx = cx.store.read().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    let mut queue = Vec::new();
    for submission in tx.in_review(super::window(from)).await? {
        let company = tx.user(&submission.owner).await?.and_then(|owner| owner.company);
        let published = live(&mut tx, submission.published_code.as_ref()).await?.map(|(_, draft)| draft);
        queue.push(ReviewItem {
            partner: partner_label(company.as_deref(), submission.owner.as_str()),
            submitted_at: submission.submitted_at.unwrap_or(submission.updated_at),
            id: submission.id,
            revision: submission.revision,
            draft: submission.draft,
            published,
        });
    }
    Ok(super::page(queue, from))
}

/// The listing as a moderator is about to decide on it: in review, and
/// still the revision the moderator read.
async fn in_review<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    id: &ListingId,
    revision: u32,
) -> Result<Submission, ApiError> {
    cx.signed_in_as(tx, Role::Moderator).await?;
    let submission = tx.submission(id).await?.ok_or(ApiError::NotFound)?;
    submission.lifecycle.ensure_in_review()?;
    if submission.revision != revision {
        return Err(ApiError::Changed);
    }
    Ok(submission)
}

/// Publishes the revision: it replaces the live one, or goes live for the first time.
pub async fn approve_listing<S: Store>(cx: &Ctx<S>, id: &ListingId, revision: u32) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let mut submission = in_review(cx, &mut tx, id, revision).await?;
    if tx.code_taken(&submission.draft.code, Some(id)).await? {
        return Err(vec![Problem { field: Field::Code, issue: Issue::CodeTaken }].into());
    }
    let owner = tx.user(&submission.owner).await?.ok_or(ApiError::NotFound)?;
    let vendor = Vendor {
        name: owner.company.as_deref().unwrap_or(&owner.name),
        website: owner.website.as_deref().unwrap_or_default(),
    };
    let live = live(&mut tx, submission.published_code.as_ref()).await?.map(|(module, _)| module.listing);
    let listing = submission.draft.listing(
        &vendor,
        live.as_ref().map_or(0, |l| l.installs),
        live.as_ref().map_or(cx.now.date_naive(), |l| l.published),
    )?;
    submission.lifecycle.approve()?;
    submission.published_code = Some(listing.code.clone());
    submission.changed(cx.now);
    let module = Module { listing, logo: submission.draft.logo.clone() };
    tx.publish(&module, Some(&submission.draft)).await?;
    tx.save_submission(&submission).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds the new section the listing asks for: the marketplace gets a tab under
/// its names once the listing is approved. Declining the section is rejecting
/// the listing with a reason.
pub async fn add_section<S: Store>(cx: &Ctx<S>, id: &ListingId, revision: u32) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let mut submission = in_review(cx, &mut tx, id, revision).await?;
    if !submission.draft.add_requested_section() {
        return Err(ApiError::BadRequest("the listing asks for no new section".into()));
    }
    submission.changed(cx.now);
    tx.save_submission(&submission).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends the revision back with a reason the partner reads; a live revision stays live.
pub async fn reject_listing<S: Store>(
    cx: &Ctx<S>,
    id: &ListingId,
    revision: u32,
    reason: &str,
) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let mut submission = in_review(cx, &mut tx, id, revision).await?;
    submission.lifecycle.reject(reason)?;
    submission.changed(cx.now);
    tx.save_submission(&submission).await?;
    tx.commit().await?;
    Ok(())
}
