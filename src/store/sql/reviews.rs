//! The `reviews`, `review_replies`, `review_helpful` and `review_reports` tables.

use super::{coded, time, Result, SqlTx, Statement, WithContext};
use crate::domain::review::rating::Rating;
use crate::domain::review::report::{Decided, Report, Target};
use crate::domain::review::{Reply, Review, Shown, ShownKind, Stars};
use crate::domain::{AccountId, Coded, Email, ModuleCode, ReportId, ReviewId};
use crate::store::{Reviews, StoreError, Window};
use std::collections::HashMap;

const SELECT_REVIEW: &str =
    "SELECT r.id, r.module_code, r.account_id, r.author_email, r.author_name, r.stars, r.body, \
     r.lang, r.used_months, r.written_at, r.edited_at, r.helpful, r.shown, r.shown_note, \
     p.author_email AS reply_author, p.body AS reply_body, p.written_at AS reply_written_at, \
     p.edited_at AS reply_edited_at, p.shown AS reply_shown, p.shown_note AS reply_note \
     FROM reviews r LEFT JOIN review_replies p ON p.review_id = r.id";

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: String,
    module_code: String,
    account_id: String,
    author_email: String,
    author_name: String,
    stars: i64,
    body: String,
    lang: String,
    used_months: i64,
    written_at: i64,
    edited_at: Option<i64>,
    helpful: i64,
    shown: String,
    shown_note: String,
    reply_author: Option<String>,
    reply_body: Option<String>,
    reply_written_at: Option<i64>,
    reply_edited_at: Option<i64>,
    reply_shown: Option<String>,
    reply_note: Option<String>,
}

impl ReviewRow {
    fn review(self) -> Result<Review> {
        let id = ReviewId::new(self.id);
        let reply = match (self.reply_author, self.reply_body, self.reply_written_at, self.reply_shown) {
            (Some(author), Some(text), Some(written_at), Some(shown)) => Some(Reply {
                author: Email::try_from(author).context(|| format!("the reply author of review {id}"))?,
                text,
                written_at: time(written_at)?,
                edited_at: self.reply_edited_at.map(time).transpose()?,
                shown: Shown::from_parts(coded("review_replies.shown", &shown)?, self.reply_note.unwrap_or_default()),
            }),
            _ => None,
        };
        let stars = u8::try_from(self.stars).ok().and_then(|stars| Stars::new(stars).ok());
        Ok(Review {
            module: ModuleCode::new(self.module_code),
            account: AccountId::new(self.account_id),
            author: Email::try_from(self.author_email).context(|| format!("the author of review {id}"))?,
            author_name: self.author_name,
            stars: stars.ok_or_else(|| StoreError::new(format!("review {id} has {} stars", self.stars)))?,
            text: self.body,
            lang: coded("reviews.lang", &self.lang)?,
            used_months: u32::try_from(self.used_months).unwrap_or(0),
            written_at: time(self.written_at)?,
            edited_at: self.edited_at.map(time).transpose()?,
            helpful: u32::try_from(self.helpful).unwrap_or(0),
            shown: Shown::from_parts(coded("reviews.shown", &self.shown)?, self.shown_note),
            reply,
            id,
        })
    }
}

const SELECT_REPORT: &str =
    "SELECT id, review_id, target, reporter_email, reason, body, at, decision, decided_by, decided_at, note \
     FROM review_reports";

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: String,
    review_id: String,
    target: String,
    reporter_email: String,
    reason: String,
    body: String,
    at: i64,
    decision: Option<String>,
    decided_by: Option<String>,
    decided_at: Option<i64>,
    note: Option<String>,
}

impl ReportRow {
    fn report(self) -> Result<Report> {
        let id = ReportId::new(self.id);
        let decided = match (self.decision, self.decided_by, self.decided_at) {
            (Some(decision), Some(by), Some(at)) => Some(Decided {
                decision: coded("review_reports.decision", &decision)?,
                by: Email::try_from(by).context(|| format!("the moderator of report {id}"))?,
                at: time(at)?,
                note: self.note.unwrap_or_default(),
            }),
            _ => None,
        };
        Ok(Report {
            review: ReviewId::new(self.review_id),
            target: coded("review_reports.target", &self.target)?,
            reporter: Email::try_from(self.reporter_email).context(|| format!("the reporter of {id}"))?,
            reason: coded("review_reports.reason", &self.reason)?,
            text: self.body,
            at: time(self.at)?,
            decided,
            id,
        })
    }
}

#[derive(sqlx::FromRow)]
struct BarRow {
    module_code: String,
    stars: i64,
    reviews: i64,
}

impl SqlTx {
    async fn reviews_where(&mut self, condition: &str, values: &[&str]) -> Result<Vec<Review>> {
        let sql = format!("{SELECT_REVIEW} WHERE {condition}");
        let query = values.iter().fold(sqlx::query_as(&sql), |query, value| query.bind(*value));
        let rows: Vec<ReviewRow> =
            query.fetch_all(self.conn()).await.context(|| format!("read reviews where {condition}"))?;
        rows.into_iter().map(ReviewRow::review).collect()
    }

    async fn reports_where(&mut self, condition: &str, window: Window) -> Result<Vec<Report>> {
        let sql = format!("{SELECT_REPORT} WHERE {condition}{}", window.sql());
        let rows: Vec<ReportRow> =
            sqlx::query_as(&sql).fetch_all(self.conn()).await.context(|| format!("read reports where {condition}"))?;
        rows.into_iter().map(ReportRow::report).collect()
    }

    async fn save_reply(&mut self, review: &Review) -> Result<()> {
        let id = &review.id;
        let Some(reply) = &review.reply else {
            return sqlx::query("DELETE FROM review_replies WHERE review_id = $1")
                .bind(id.as_str())
                .run(self, || format!("delete the reply to review {id}"))
                .await;
        };
        sqlx::query(
            "INSERT INTO review_replies (review_id, author_email, body, written_at, edited_at, shown, shown_note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (review_id) DO UPDATE SET author_email = $2, body = $3, \
             written_at = $4, edited_at = $5, shown = $6, shown_note = $7",
        )
        .bind(id.as_str())
        .bind(reply.author.as_str())
        .bind(reply.text.as_str())
        .bind(reply.written_at.timestamp())
        .bind(reply.edited_at.map(|at| at.timestamp()))
        .bind(reply.shown.kind().code())
        .bind(reply.shown.note())
        .run(self, || format!("write the reply to review {id}"))
        .await
    }
}

impl Reviews for SqlTx {
    async fn review(&mut self, id: &ReviewId) -> Result<Option<Review>> {
        Ok(self.reviews_where("r.id = $1", &[id.as_str()]).await?.pop())
    }

    async fn review_by(&mut self, module: &ModuleCode, account: &AccountId) -> Result<Option<Review>> {
        Ok(self
            .reviews_where("r.module_code = $1 AND r.account_id = $2", &[module.as_str(), account.as_str()])
            .await?
            .pop())
    }

    async fn reviews_of(&mut self, module: &ModuleCode) -> Result<Vec<Review>> {
        self.reviews_where("r.module_code = $1", &[module.as_str()]).await
    }

    async fn insert_review(&mut self, review: &Review) -> Result<()> {
        let id = &review.id;
        sqlx::query(
            "INSERT INTO reviews (id, module_code, account_id, author_email, author_name, stars, body, lang, \
             used_months, written_at, edited_at, helpful, shown, shown_note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13)",
        )
        .bind(id.as_str())
        .bind(review.module.as_str())
        .bind(review.account.as_str())
        .bind(review.author.as_str())
        .bind(review.author_name.as_str())
        .bind(i64::from(review.stars.get()))
        .bind(review.text.as_str())
        .bind(review.lang.code())
        .bind(i64::from(review.used_months))
        .bind(review.written_at.timestamp())
        .bind(review.edited_at.map(|at| at.timestamp()))
        .bind(review.shown.kind().code())
        .bind(review.shown.note())
        .run(self, || format!("add review {id} of {} by account {}", review.module, review.account))
        .await?;
        self.save_reply(review).await
    }

    async fn save_review(&mut self, review: &Review) -> Result<()> {
        let id = &review.id;
        sqlx::query(
            "UPDATE reviews SET stars = $1, body = $2, lang = $3, used_months = $4, edited_at = $5, shown = $6, \
             shown_note = $7 WHERE id = $8",
        )
        .bind(i64::from(review.stars.get()))
        .bind(review.text.as_str())
        .bind(review.lang.code())
        .bind(i64::from(review.used_months))
        .bind(review.edited_at.map(|at| at.timestamp()))
        .bind(review.shown.kind().code())
        .bind(review.shown.note())
        .bind(id.as_str())
        .run(self, || format!("write review {id}"))
        .await?;
        self.save_reply(review).await
    }

    async fn delete_review(&mut self, id: &ReviewId) -> Result<()> {
        sqlx::query("DELETE FROM review_reports WHERE review_id = $1 AND decided_at IS NULL")
            .bind(id.as_str())
            .run(self, || format!("delete the open reports of review {id}"))
            .await?;
        // The reply and the marks go with it (ON DELETE CASCADE).
        sqlx::query("DELETE FROM reviews WHERE id = $1")
            .bind(id.as_str())
            .run(self, || format!("delete review {id}"))
            .await
    }

    async fn mark_helpful(&mut self, id: &ReviewId, account: &AccountId) -> Result<bool> {
        let marked = sqlx::query(
            "INSERT INTO review_helpful (review_id, account_id) VALUES ($1, $2) ON CONFLICT (review_id, account_id) DO NOTHING",
        )
        .bind(id.as_str())
        .bind(account.as_str())
        .changed(self, || format!("mark review {id} helpful for account {account}"))
        .await?;
        if marked > 0 {
            sqlx::query("UPDATE reviews SET helpful = helpful + 1 WHERE id = $1")
                .bind(id.as_str())
                .run(self, || format!("count the helpful mark on review {id}"))
                .await?;
        }
        Ok(marked > 0)
    }

    async fn ratings(&mut self) -> Result<HashMap<ModuleCode, Rating>> {
        let rows: Vec<BarRow> = sqlx::query_as(
            "SELECT module_code, stars, COUNT(*) AS reviews FROM reviews WHERE shown <> $1 GROUP BY module_code, stars",
        )
        .bind(ShownKind::Hidden.code())
        .fetch_all(self.conn())
        .await
        .context(|| "read the modules' ratings".into())?;
        let mut ratings: HashMap<ModuleCode, Rating> = HashMap::new();
        for row in rows {
            let stars = u8::try_from(row.stars).ok().and_then(|stars| Stars::new(stars).ok());
            let stars = stars
                .ok_or_else(|| StoreError::new(format!("a review of {} has {} stars", row.module_code, row.stars)))?;
            ratings
                .entry(ModuleCode::new(row.module_code))
                .or_default()
                .add(stars, u32::try_from(row.reviews).unwrap_or(0));
        }
        Ok(ratings)
    }

    async fn insert_report(&mut self, report: &Report) -> Result<()> {
        let id = &report.id;
        sqlx::query(
            "INSERT INTO review_reports (id, review_id, target, reporter_email, reason, body, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.as_str())
        .bind(report.review.as_str())
        .bind(report.target.code())
        .bind(report.reporter.as_str())
        .bind(report.reason.code())
        .bind(report.text.as_str())
        .bind(report.at.timestamp())
        .run(self, || format!("add report {id} of review {}", report.review))
        .await
    }

    async fn report(&mut self, id: &ReportId) -> Result<Option<Report>> {
        let row: Option<ReportRow> = self.find_where(SELECT_REPORT, "id = $1", &[id.as_str()]).await?;
        row.map(ReportRow::report).transpose()
    }

    async fn reported_by(&mut self, review: &ReviewId, target: Target, reporter: &Email) -> Result<bool> {
        let row: Option<ReportRow> = self
            .find_where(
                SELECT_REPORT,
                "review_id = $1 AND target = $2 AND reporter_email = $3 AND decided_at IS NULL",
                &[review.as_str(), target.code(), reporter.as_str()],
            )
            .await?;
        Ok(row.is_some())
    }

    async fn save_report(&mut self, report: &Report) -> Result<()> {
        let id = &report.id;
        let decided = report.decided.as_ref();
        sqlx::query(
            "UPDATE review_reports SET decision = $1, decided_by = $2, decided_at = $3, note = $4 WHERE id = $5",
        )
        .bind(decided.map(|d| d.decision.code()))
        .bind(decided.map(|d| d.by.as_str()))
        .bind(decided.map(|d| d.at.timestamp()))
        .bind(decided.map(|d| d.note.as_str()))
        .bind(id.as_str())
        .run(self, || format!("write the decision on report {id}"))
        .await
    }

    async fn open_reports(&mut self, window: Window) -> Result<Vec<Report>> {
        self.reports_where("decided_at IS NULL ORDER BY at DESC, id DESC", window).await
    }

    async fn count_open_reports(&mut self) -> Result<u64> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM review_reports WHERE decided_at IS NULL")
            .fetch_one(self.conn())
            .await
            .context(|| "count the open reports".into())?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn decided_reports(&mut self, window: Window) -> Result<Vec<Report>> {
        self.reports_where("decided_at IS NOT NULL ORDER BY decided_at DESC, id DESC", window).await
    }
}
