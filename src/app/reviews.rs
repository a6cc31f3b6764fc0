//! Ratings and reviews: an account owner who paid for a module reviews it,
//! everyone who can see the module reads the reviews, owners mark them
//! helpful, the module's partner replies, anyone reports, moderators decide.

use super::tokens::random_hex;
use super::Ctx;
use crate::api::reviews::{PartnerModuleReviews, ReplyView, ReportItem, ReportsView, ReviewView, ReviewsView};
use crate::api::types::Page;
use crate::api::ApiError;
use crate::domain::billing::{HistoryQuery, Ledger, Operation};
use crate::domain::lang::Localized;
use crate::domain::review::eligibility::{used_months, Eligibility};
use crate::domain::review::rating::{by_month, Rating};
use crate::domain::review::report::{report_text, Decision, Report, ReportReason, Target};
use crate::domain::review::{reply_text, Review, ReviewDraft, ReviewOrder, ReviewRefusal, Shown};
use crate::domain::{visibility, AccountId, Email, Lang, ModuleCode, ReportId, ReviewId, Role};
use crate::store::{
    Accounts, Letter, Letters, Module, Modules, Reviews, Store, StoreError, Submissions, Tx, UserRecord,
};
use chrono::{DateTime, Utc};

/// The reviews a page of the pop-up holds.
pub const REVIEWS_PAGE: usize = 20;
/// The latest decisions the moderators' queue shows below the open reports.
const DECISIONS_SHOWN: u32 = 20;

/// A module's rating and reviews as the signed-in user sees them: those in
/// `lang` first, in `order`, `REVIEWS_PAGE` at a time from `from`.
pub async fn module_reviews<S: Store>(
    cx: &Ctx<S>,
    code: &ModuleCode,
    order: ReviewOrder,
    lang: Lang,
    from: Option<u32>,
) -> Result<ReviewsView, ApiError> {
    let mut tx = cx.store.read().await?;
    let user = cx.signed_in(&mut tx).await?;
    let module = seen_module(&mut tx, &user, code).await?;
    let mut reviews = tx.reviews_of(code).await?;
    let rating = Rating::of(&reviews);
    let may_write = match (&user.account, user.role) {
        (Some(account), Role::AccountOwner) => Some(eligibility(&module, &use_of(&mut tx, account, code).await?)),
        _ => None,
    };
    let partner = is_partner_of(&mut tx, &user, code).await?;
    let mine = reviews.iter().find(|r| r.author == user.email).map(|r| view(r, &user, partner));
    reviews.retain(|r| r.shown.is_shown());
    order.sort(&mut reviews, lang);
    let from = from.unwrap_or(0);
    let next = (reviews.len() > from as usize + REVIEWS_PAGE).then_some(from + REVIEWS_PAGE as u32);
    let items = reviews.iter().skip(from as usize).take(REVIEWS_PAGE).map(|r| view(r, &user, partner)).collect();
    Ok(ReviewsView { rating, reviews: Page { items, next }, mine, may_write, partner })
}

/// An account owner reviews a module the account has paid for.
pub async fn write_review<S: Store>(
    cx: &Ctx<S>,
    code: &ModuleCode,
    stars: u8,
    text: &str,
    lang: Lang,
) -> Result<ReviewView, ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in_as(&mut tx, Role::AccountOwner).await?;
    let account = user.account.clone().ok_or(ApiError::Forbidden)?;
    let module = seen_module(&mut tx, &user, code).await?;
    let draft = ReviewDraft::parse(stars, text, lang).map_err(crate::domain::review::ReviewError::Invalid)?;
    let used = use_of(&mut tx, &account, code).await?;
    let may = eligibility(&module, &used);
    if !may.allows() {
        return Err(ReviewRefusal::NotYet(may).into());
    }
    if tx.review_by(code, &account).await?.is_some() {
        return Err(ReviewRefusal::AlreadyReviewed.into());
    }
    let review = Review {
        id: ReviewId::new(format!("rev-{}", random_hex(8))),
        module: code.clone(),
        account: account.clone(),
        author: user.email.clone(),
        author_name: user.name.clone(),
        stars: draft.stars,
        text: draft.text,
        lang: draft.lang,
        used_months: months_used(code, &used, cx.now),
        written_at: cx.now,
        edited_at: None,
        helpful: 0,
        shown: Shown::Shown,
        reply: None,
    };
    match tx.insert_review(&review).await {
        // The same account's other request got there first.
        Err(error) if error.is_duplicate() => return Err(ReviewRefusal::AlreadyReviewed.into()),
        result => result?,
    }
    tx.commit().await?;
    Ok(view(&review, &user, false))
}

/// The author changes their review: it reads "edited" from then on.
pub async fn edit_review<S: Store>(
    cx: &Ctx<S>,
    id: &ReviewId,
    stars: u8,
    text: &str,
    lang: Lang,
) -> Result<ReviewView, ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in_as(&mut tx, Role::AccountOwner).await?;
    let mut review = own_review(&mut tx, &user, id).await?;
    let draft = ReviewDraft::parse(stars, text, lang).map_err(crate::domain::review::ReviewError::Invalid)?;
    let months = months_used(&review.module, &use_of(&mut tx, &review.account, &review.module).await?, cx.now);
    review.edit(draft, months, cx.now);
    tx.save_review(&review).await?;
    tx.commit().await?;
    Ok(view(&review, &user, false))
}

/// The author deletes their review, and the reply under it.
pub async fn delete_review<S: Store>(cx: &Ctx<S>, id: &ReviewId) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in_as(&mut tx, Role::AccountOwner).await?;
    own_review(&mut tx, &user, id).await?;
    tx.delete_review(id).await?;
    Ok(tx.commit().await?)
}

/// An account owner finds a review helpful: counted once per account. The
/// review's helpful count after it.
pub async fn mark_helpful<S: Store>(cx: &Ctx<S>, id: &ReviewId) -> Result<u32, ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in_as(&mut tx, Role::AccountOwner).await?;
    let account = user.account.clone().ok_or(ApiError::Forbidden)?;
    let review = shown_review(&mut tx, &user, id).await?;
    if review.account == account {
        return Err(ReviewRefusal::OwnReview.into());
    }
    let counted = tx.mark_helpful(id, &account).await?;
    tx.commit().await?;
    Ok(review.helpful + u32::from(counted))
}

/// The module's partner writes the one public reply to a review, or changes it.
pub async fn reply_to_review<S: Store>(cx: &Ctx<S>, id: &ReviewId, text: &str) -> Result<ReviewView, ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in_as(&mut tx, Role::Partner).await?;
    let mut review = tx.review(id).await?.ok_or(ApiError::NotFound)?;
    if !is_partner_of(&mut tx, &user, &review.module).await? {
        return Err(ApiError::Forbidden);
    }
    let text = reply_text(text).map_err(|problem| crate::domain::review::ReviewError::Invalid(vec![problem]))?;
    review.answer(&user.email, text, cx.now);
    tx.save_review(&review).await?;
    tx.commit().await?;
    Ok(view(&review, &user, true))
}

/// Any signed-in user reports a review, or the reply under it, to the
/// moderators. Reporting what one reported already and is still open changes nothing.
pub async fn report_review<S: Store>(
    cx: &Ctx<S>,
    id: &ReviewId,
    target: Target,
    reason: ReportReason,
    text: &str,
) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in(&mut tx).await?;
    let review = shown_review(&mut tx, &user, id).await?;
    if target == Target::Reply && review.shown_reply().is_none() {
        return Err(ReviewRefusal::NoReply.into());
    }
    let text = report_text(text).map_err(|problem| crate::domain::review::ReviewError::Invalid(vec![problem]))?;
    if tx.reported_by(id, target, &user.email).await? {
        return Ok(());
    }
    let report = Report {
        id: ReportId::new(format!("rep-{}", random_hex(8))),
        review: id.clone(),
        target,
        reporter: user.email,
        reason,
        text,
        at: cx.now,
        decided: None,
    };
    tx.insert_report(&report).await?;
    Ok(tx.commit().await?)
}

/// The moderators' queue: open reports, newest first, and the latest decisions.
pub async fn review_reports<S: Store>(cx: &Ctx<S>, from: Option<u32>) -> Result<ReportsView, ApiError> {
    let mut tx = cx.store.read().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    reports_view(&mut tx, from).await
}

/// A moderator decides on a report: hides the reported text (its author is
/// told why), keeps it, or asks its author to edit it. Logged with who and when.
pub async fn decide_report<S: Store>(
    cx: &Ctx<S>,
    id: &ReportId,
    decision: Decision,
    note: &str,
) -> Result<ReportsView, ApiError> {
    let mut tx = cx.store.write().await?;
    let moderator = cx.signed_in_as(&mut tx, Role::Moderator).await?;
    let mut report = tx.report(id).await?.ok_or(ApiError::NotFound)?;
    let mut review = tx.review(&report.review).await?.ok_or(ApiError::NotFound)?;
    report.decide(&mut review, decision, note, &moderator.email, cx.now)?;
    tx.save_report(&report).await?;
    tx.save_review(&review).await?;
    if decision != Decision::Keep {
        tell_the_author(cx, &mut tx, &report, &review, decision).await?;
    }
    let view = reports_view(&mut tx, None).await?;
    tx.commit().await?;
    Ok(view)
}

/// A partner's modules' ratings, their averages month by month, and every
/// review, hidden ones too (with the moderator's reason).
pub async fn partner_reviews<S: Store>(cx: &Ctx<S>) -> Result<Vec<PartnerModuleReviews>, ApiError> {
    let mut tx = cx.store.read().await?;
    let user = cx.signed_in_as(&mut tx, Role::Partner).await?;
    let mut modules = Vec::new();
    for submission in tx.submissions_of(&user.email).await? {
        let Some(code) = submission.published_code else { continue };
        let Some(module) = tx.module(&code).await? else { continue };
        let name = names(&module);
        let mut reviews = tx.reviews_of(&code).await?;
        reviews.sort_by(|a, b| b.written_at.cmp(&a.written_at).then_with(|| a.id.cmp(&b.id)));
        modules.push(PartnerModuleReviews {
            rating: Rating::of(&reviews),
            name,
            months: by_month(&reviews),
            reviews: reviews.iter().map(moderated_view).collect(),
            code,
        });
    }
    Ok(modules)
}

/// A module's name in either language.
fn names(module: &Module) -> Localized<String> {
    let materials = &module.listing.materials;
    Localized { ru: materials.ru.name.clone(), en: materials.en.name.clone() }
}

/// The module, when `user` may see it: an account owner the modules made for
/// the account; partners and moderators every one.
async fn seen_module<T: Tx>(tx: &mut T, user: &UserRecord, code: &ModuleCode) -> Result<Module, ApiError> {
    let module = tx.module(code).await?.ok_or(ApiError::NotFound)?;
    if let Some(id) = &user.account {
        let (account, _) = tx.account(id).await?.ok_or_else(|| StoreError::new(format!("account {id} is missing")))?;
        if !visibility::is_visible(&module.listing, &account) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(module)
}

/// The account's history of the module and its ledger: what whether it may
/// review the module, and how long it has used it, are computed from.
async fn use_of<T: Tx>(
    tx: &mut T,
    account: &AccountId,
    code: &ModuleCode,
) -> Result<(Vec<Operation>, Ledger), ApiError> {
    let history = tx.history(account, &HistoryQuery { module: Some(code.clone()), ..HistoryQuery::default() }).await?;
    let (_, ledger) =
        tx.ledger(account).await?.ok_or_else(|| StoreError::new(format!("account {account} is missing")))?;
    Ok((history, ledger))
}

fn eligibility(module: &Module, (history, ledger): &(Vec<Operation>, Ledger)) -> Eligibility {
    let code = &module.listing.code;
    Eligibility::of(code, &module.listing.pricing, history, ledger.connections_of(code.as_str()))
}

fn months_used(code: &ModuleCode, (history, ledger): &(Vec<Operation>, Ledger), now: DateTime<Utc>) -> u32 {
    used_months(code, history, ledger.is_active(code.as_str()), now)
}

/// Whether `user` is the partner whose listing is published as `code`.
async fn is_partner_of<T: Tx>(tx: &mut T, user: &UserRecord, code: &ModuleCode) -> Result<bool, ApiError> {
    if user.role != Role::Partner {
        return Ok(false);
    }
    let Some(listing) = tx.submission_of_module(code).await? else { return Ok(false) };
    Ok(tx.submission(&listing).await?.is_some_and(|submission| submission.owner == user.email))
}

/// The user's own review; anyone else's is refused.
async fn own_review<T: Tx>(tx: &mut T, user: &UserRecord, id: &ReviewId) -> Result<Review, ApiError> {
    let review = tx.review(id).await?.ok_or(ApiError::NotFound)?;
    if review.author != user.email || user.account.as_ref() != Some(&review.account) {
        return Err(ApiError::Forbidden);
    }
    Ok(review)
}

/// A review the marketplace shows, of a module `user` may see.
async fn shown_review<T: Tx>(tx: &mut T, user: &UserRecord, id: &ReviewId) -> Result<Review, ApiError> {
    let review = tx.review(id).await?.filter(|review| review.shown.is_shown()).ok_or(ApiError::NotFound)?;
    seen_module(tx, user, &review.module).await?;
    Ok(review)
}

/// A review as `reader` sees it: the moderator's note on it only for the
/// one who wrote it; the reply, hidden or not, with its note, only for the
/// module's partner.
fn view(review: &Review, reader: &UserRecord, partner: bool) -> ReviewView {
    let mine = review.author == reader.email;
    shaped(review, mine, mine, partner)
}

/// A review with what moderators decided on it and its reply, for its partner.
fn moderated_view(review: &Review) -> ReviewView {
    shaped(review, false, true, true)
}

/// The review's answer: `notes` carries the moderator's note on the review,
/// `partner` the hidden reply and the note on it.
fn shaped(review: &Review, mine: bool, notes: bool, partner: bool) -> ReviewView {
    let reply = review.reply.as_ref().filter(|reply| partner || reply.shown.is_shown()).map(|reply| ReplyView {
        text: reply.text.clone(),
        written_at: reply.written_at,
        edited_at: reply.edited_at,
        shown: if partner { reply.shown.clone() } else { Shown::Shown },
    });
    ReviewView {
        id: review.id.clone(),
        stars: review.stars,
        text: review.text.clone(),
        lang: review.lang,
        author_name: review.author_name.clone(),
        used_months: review.used_months,
        written_at: review.written_at,
        edited_at: review.edited_at,
        helpful: review.helpful,
        mine,
        shown: if notes { review.shown.clone() } else { Shown::Shown },
        reply,
    }
}

async fn reports_view<T: Tx>(tx: &mut T, from: Option<u32>) -> Result<ReportsView, ApiError> {
    let (open, more) = super::first_page(tx.open_reports(super::window(from)).await?);
    let decided = tx.decided_reports(crate::store::Window { offset: 0, limit: DECISIONS_SHOWN }).await?;
    Ok(ReportsView {
        open: Page { items: report_items(tx, open).await?, next: more.then(|| from.unwrap_or(0) + super::PAGE) },
        decided: report_items(tx, decided).await?,
        open_count: tx.count_open_reports().await?,
    })
}

/// Each report with the review it is about, unless that was deleted since.
async fn report_items<T: Tx>(tx: &mut T, reports: Vec<Report>) -> Result<Vec<ReportItem>, ApiError> {
    let mut items = Vec::with_capacity(reports.len());
    for report in reports {
        let review = tx.review(&report.review).await?;
        let module = match &review {
            Some(review) => tx.module(&review.module).await?.map(|module| names(&module)),
            None => None,
        };
        items.push(ReportItem { review, report, module });
    }
    Ok(items)
}

/// What a letter about a moderator's decision is about.
const REVIEW_MODERATED: &str = "review_moderated";

/// Tells the author of the hidden text, or of the text to edit, why.
async fn tell_the_author<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    report: &Report,
    review: &Review,
    decision: Decision,
) -> Result<(), ApiError> {
    let (recipient, lang): (&Email, Lang) = match (report.target, &review.reply) {
        (Target::Reply, Some(reply)) => (&reply.author, review.lang),
        _ => {
            let account = tx.account(&review.account).await?;
            (&review.author, account.map_or(review.lang, |(account, _)| account.lang))
        }
    };
    let name = tx
        .module(&review.module)
        .await?
        .map_or_else(|| review.module.to_string(), |module| module.listing.materials(lang).name.clone());
    let note = report.decided.as_ref().map_or("", |decided| decided.note.as_str());
    let (subject, body) = crate::texts::reviews::moderation_letter(lang, decision, report.target, &name, note);
    let letter = Letter {
        id: format!("ltr-{}", random_hex(8)),
        kind: REVIEW_MODERATED.into(),
        recipient: recipient.clone(),
        subject,
        body,
        at: cx.now,
    };
    Ok(tx.post_letter(&letter).await?)
}
