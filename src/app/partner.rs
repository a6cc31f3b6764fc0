//! The partner cabinet: a partner's own listings, edited as drafts and sent to
//! review. Every use case answers only for the signed-in partner's listings,
//! and re-runs every listing rule, whatever the form did.

use super::tokens::random_hex;
use super::Ctx;
use crate::api::partner::{DraftView, ListingSummary, Saved};
use crate::api::ApiError;
use crate::domain::section::AddedSection;
use crate::domain::submission::lifecycle::Lifecycle;
use crate::domain::submission::{Context, Held, ListingDraft, SectionChoice};
use crate::domain::{ListingId, Role};
use crate::store::{ModuleSecret, Modules, Store, Submission, Submissions, Tx, UserRecord};

async fn partner<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx) -> Result<UserRecord, ApiError> {
    cx.signed_in_as(tx, Role::Partner).await
}

/// The partner's own listing; another's is `NotFound`, as is one that does
/// not exist (which of the two is not told).
async fn owned<T: Submissions>(tx: &mut T, id: &ListingId, partner: &UserRecord) -> Result<Submission, ApiError> {
    tx.submission(id).await?.filter(|s| s.owner == partner.email).ok_or(ApiError::NotFound)
}

/// The facts the validator needs from the store.
async fn context<T: Submissions>(tx: &mut T, submission: &Submission) -> Result<Context, ApiError> {
    Ok(Context {
        code_taken: tx.code_taken(&submission.draft.code, Some(&submission.id)).await?,
        published_code: submission.published_code.as_ref().map(|code| code.to_string()),
    })
}

/// What the listing holds that its next draft may keep.
async fn held<T: Submissions + Modules>(tx: &mut T, submission: &Submission) -> Result<Held, ApiError> {
    let mut added_sections: Vec<AddedSection> = match &submission.draft.section {
        SectionChoice::Added(added) => vec![added.clone()],
        _ => Vec::new(),
    };
    if let Some(code) = &submission.published_code {
        let live = tx.module(code).await?.and_then(|module| module.listing.added_section);
        added_sections.extend(live);
    }
    Ok(Held { published_code: submission.published_code.as_ref().map(|code| code.to_string()), added_sections })
}

async fn view<T: Submissions>(tx: &mut T, submission: Submission) -> Result<DraftView, ApiError> {
    let problems = submission.draft.problems(&context(tx, &submission).await?);
    let has_secret = tx.module_secret(&submission.id).await?.is_some();
    Ok(DraftView { id: submission.id, draft: submission.draft, lifecycle: submission.lifecycle, problems, has_secret })
}

pub async fn my_listings<S: Store>(cx: &Ctx<S>) -> Result<Vec<ListingSummary>, ApiError> {
    let mut tx = cx.store.read().await?;
    let partner = partner(cx, &mut tx).await?;
    let submissions = tx.submissions_of(&partner.email).await?;
    Ok(submissions.into_iter().map(|s| ListingSummary::new(s.id, &s.draft, &s.lifecycle, s.updated_at)).collect())
}

pub async fn open_listing<S: Store>(cx: &Ctx<S>, id: &ListingId) -> Result<DraftView, ApiError> {
    let mut tx = cx.store.read().await?;
    let partner = partner(cx, &mut tx).await?;
    let submission = owned(&mut tx, id, &partner).await?;
    view(&mut tx, submission).await
}

/// Saves the form as it is, problems and all; `id` is `None` for a new
/// listing, which gets its module's secret, answered this once.
pub async fn save_listing<S: Store>(
    cx: &Ctx<S>,
    id: Option<&ListingId>,
    draft: ListingDraft,
) -> Result<Saved, ApiError> {
    let mut tx = cx.store.write().await?;
    let partner = partner(cx, &mut tx).await?;
    let (submission, secret) = match id {
        Some(id) => {
            let mut submission = owned(&mut tx, id, &partner).await?;
            let refused = draft.unstorable(&held(&mut tx, &submission).await?);
            if !refused.is_empty() {
                return Err(refused.into());
            }
            submission.lifecycle.edit()?;
            submission.draft = draft;
            submission.changed(cx.now);
            tx.save_submission(&submission).await?;
            (submission, None)
        }
        None => {
            let refused = draft.unstorable(&Held::default());
            if !refused.is_empty() {
                return Err(refused.into());
            }
            let submission = Submission {
                id: ListingId::new(format!("lst-{}", random_hex(8))),
                owner: partner.email,
                draft,
                lifecycle: Lifecycle::default(),
                published_code: None,
                revision: 1,
                updated_at: cx.now,
                submitted_at: None,
            };
            tx.save_submission(&submission).await?;
            let secret = new_secret();
            tx.set_module_secret(&submission.id, &secret).await?;
            (submission, Some(secret.0))
        }
    };
    let view = view(&mut tx, submission).await?;
    tx.commit().await?;
    Ok(Saved { view, secret })
}

/// Sends the saved draft to the moderator, when it has no problems.
pub async fn submit_listing<S: Store>(cx: &Ctx<S>, id: &ListingId) -> Result<DraftView, ApiError> {
    let mut tx = cx.store.write().await?;
    let partner = partner(cx, &mut tx).await?;
    let mut submission = owned(&mut tx, id, &partner).await?;
    let problems = submission.draft.problems(&context(&mut tx, &submission).await?);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    submission.lifecycle.submit()?;
    submission.changed(cx.now);
    submission.submitted_at = Some(cx.now);
    tx.save_submission(&submission).await?;
    let view = view(&mut tx, submission).await?;
    tx.commit().await?;
    Ok(view)
}

/// Whether `code` is free for the listing `id` (or for a new one).
pub async fn code_available<S: Store>(cx: &Ctx<S>, code: &str, id: Option<&ListingId>) -> Result<bool, ApiError> {
    let mut tx = cx.store.read().await?;
    let partner = partner(cx, &mut tx).await?;
    if let Some(id) = id {
        owned(&mut tx, id, &partner).await?;
    }
    Ok(!tx.code_taken(code.trim(), id).await?)
}

/// Replaces the module's secret and answers the new one, once.
pub async fn rotate_secret<S: Store>(cx: &Ctx<S>, id: &ListingId) -> Result<String, ApiError> {
    let mut tx = cx.store.write().await?;
    let partner = partner(cx, &mut tx).await?;
    owned(&mut tx, id, &partner).await?;
    let secret = new_secret();
    tx.set_module_secret(id, &secret).await?;
    tx.commit().await?;
    Ok(secret.0)
}

/// 256 random bits, as hex.
pub(super) fn new_secret() -> ModuleSecret {
    ModuleSecret(random_hex(32))
}
