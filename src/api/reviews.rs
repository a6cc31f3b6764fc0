//! Ratings and reviews: the pop-up's list, writing and editing a review,
//! marking it helpful, the partner's reply, reports and the moderators' queue.

use super::types::Page;
use super::ApiError;
use crate::domain::lang::Localized;
use crate::domain::review::eligibility::Eligibility;
use crate::domain::review::rating::{MonthRating, Rating};
use crate::domain::review::report::{Decision, Report, ReportReason, Target};
use crate::domain::review::{Review, ReviewOrder, Shown, Stars};
use crate::domain::{Lang, ModuleCode, ReportId, ReviewId};
use chrono::{DateTime, Utc};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A review as one reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: ReviewId,
    pub stars: Stars,
    pub text: String,
    pub lang: Lang,
    pub author_name: String,
    pub used_months: u32,
    pub written_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub helpful: u32,
    /// The reader wrote it: they may edit or delete it.
    pub mine: bool,
    /// A moderator's request or reason, for the review's author (and its
    /// module's partner in the cabinet); `Shown` for everyone else.
    pub shown: Shown,
    pub reply: Option<ReplyView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub text: String,
    pub written_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// A moderator's request or reason, for the partner who wrote it.
    pub shown: Shown,
}

/// A module's reviews in its pop-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewsView {
    pub rating: Rating,
    /// The shown reviews, the reader's language first.
    pub reviews: Page<ReviewView>,
    /// The reader's own review, hidden or not.
    pub mine: Option<ReviewView>,
    /// For an account owner: whether they may write a review, and if not, why.
    pub may_write: Option<Eligibility>,
    /// The reader is the module's partner: they may reply.
    pub partner: bool,
}

/// A report in the moderators' queue, with the review it is about (none once deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub report: Report,
    pub review: Option<Review>,
    /// The reviewed module's name, while it is published.
    pub module: Option<Localized<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportsView {
    /// Waiting for a decision, newest first.
    pub open: Page<ReportItem>,
    /// The latest decisions, with who took them and when.
    pub decided: Vec<ReportItem>,
    pub open_count: u64,
}

/// One of a partner's modules: its rating, month by month, and its reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerModuleReviews {
    pub code: ModuleCode,
    pub name: Localized<String>,
    pub rating: Rating,
    pub months: Vec<MonthRating>,
    /// Newest first, hidden ones too.
    pub reviews: Vec<ReviewView>,
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "module_reviews", input = Json))]
pub async fn module_reviews(
    code: ModuleCode,
    order: ReviewOrder,
    lang: Lang,
    from: Option<u32>,
) -> Result<ReviewsView, ApiError> {
    run!(reviews::module_reviews(&code, order, lang, from))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "write_review", input = Json))]
pub async fn write_review(code: ModuleCode, stars: u8, text: String, lang: Lang) -> Result<ReviewView, ApiError> {
    run!(reviews::write_review(&code, stars, &text, lang))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "edit_review", input = Json))]
pub async fn edit_review(id: ReviewId, stars: u8, text: String, lang: Lang) -> Result<ReviewView, ApiError> {
    run!(reviews::edit_review(&id, stars, &text, lang))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "delete_review", input = Json))]
pub async fn delete_review(id: ReviewId) -> Result<(), ApiError> {
    run!(reviews::delete_review(&id))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "mark_helpful", input = Json))]
pub async fn mark_helpful(id: ReviewId) -> Result<u32, ApiError> {
    run!(reviews::mark_helpful(&id))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "reply_to_review", input = Json))]
pub async fn reply_to_review(id: ReviewId, text: String) -> Result<ReviewView, ApiError> {
    run!(reviews::reply_to_review(&id, &text))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "report_review", input = Json))]
pub async fn report_review(id: ReviewId, target: Target, reason: ReportReason, text: String) -> Result<(), ApiError> {
    run!(reviews::report_review(&id, target, reason, &text))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "review_reports", input = Json))]
pub async fn review_reports(from: Option<u32>) -> Result<ReportsView, ApiError> {
    run!(reviews::review_reports(from))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "decide_report", input = Json))]
pub async fn decide_report(id: ReportId, decision: Decision, note: String) -> Result<ReportsView, ApiError> {
    run!(reviews::decide_report(&id, decision, &note))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "partner_reviews", input = Json))]
pub async fn partner_reviews() -> Result<Vec<PartnerModuleReviews>, ApiError> {
    run!(reviews::partner_reviews())
}
