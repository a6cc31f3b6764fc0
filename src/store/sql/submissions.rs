//! The `submissions` table: partners' working copies, their stage, and their
//! module's secret, sealed (`super::secrets`).

use super::{coded, json, time, to_json, Result, SqlTx, Statement, WithContext};
use crate::domain::submission::lifecycle::{Lifecycle, Stage, StageKind};
use crate::domain::{Coded, Email, ListingId, ModuleCode};
use crate::store::{ModuleSecret, Submission, Submissions, Window};

const SELECT: &str =
    "SELECT id, owner_email, draft, stage, reason, published_code, revision, updated_at, submitted_at FROM submissions";

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    id: String,
    owner_email: String,
    draft: String,
    stage: String,
    reason: Option<String>,
    published_code: Option<String>,
    revision: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
}

impl SubmissionRow {
    fn submission(self) -> Result<Submission> {
        let stage = match coded::<StageKind>("stage", &self.stage)? {
            StageKind::Draft => Stage::Draft,
            StageKind::InReview => Stage::InReview,
            StageKind::Rejected => Stage::Rejected(self.reason.unwrap_or_default()),
            StageKind::Approved => Stage::Approved,
        };
        Ok(Submission {
            owner: Email::try_from(self.owner_email).context(|| format!("owner of {}", self.id))?,
            draft: json("submissions.draft", &self.draft)?,
            lifecycle: Lifecycle { stage, published: self.published_code.is_some() },
            published_code: self.published_code.map(Into::into),
            revision: u32::try_from(self.revision).context(|| format!("revision of {}", self.id))?,
            updated_at: time(self.updated_at)?,
            submitted_at: self.submitted_at.map(time).transpose()?,
            id: self.id.into(),
        })
    }
}

/// The stage's text and the reason beside it.
fn stage_columns(stage: &Stage) -> (&'static str, Option<&str>) {
    let reason = match stage {
        Stage::Rejected(reason) => Some(reason.as_str()),
        _ => None,
    };
    (StageKind::from(stage).code(), reason)
}

impl SqlTx {
    async fn submissions_where(&mut self, filter: &str, value: &str) -> Result<Vec<Submission>> {
        let sql = format!("{SELECT} {filter}");
        let rows: Vec<SubmissionRow> = sqlx::query_as(&sql)
            .bind(value)
            .fetch_all(self.conn())
            .await
            .context(|| format!("load the listings {filter}"))?;
        rows.into_iter().map(SubmissionRow::submission).collect()
    }
}

impl Submissions for SqlTx {
    async fn submission(&mut self, id: &ListingId) -> Result<Option<Submission>> {
        Ok(self.submissions_where("WHERE id = $1", id.as_str()).await?.pop())
    }

    async fn submissions_of(&mut self, owner: &Email) -> Result<Vec<Submission>> {
        self.submissions_where("WHERE owner_email = $1 ORDER BY updated_at DESC, id", owner.as_str()).await
    }

    async fn in_review(&mut self, window: Window) -> Result<Vec<Submission>> {
        let in_review = StageKind::InReview.code();
        self.submissions_where(&format!("WHERE stage = $1 ORDER BY submitted_at, id{}", window.sql()), in_review).await
    }

    async fn count_in_review(&mut self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM submissions WHERE stage = $1")
            .bind(StageKind::InReview.code())
            .fetch_one(self.conn())
            .await
            .context(|| "count the listings in review".into())?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    async fn save_submission(&mut self, submission: &Submission) -> Result<()> {
        let (stage, reason) = stage_columns(&submission.lifecycle.stage);
        sqlx::query(
            "INSERT INTO submissions (id, owner_email, code, draft, stage, reason, published_code, revision, \
             updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE \
             SET code = excluded.code, draft = excluded.draft, stage = excluded.stage, reason = excluded.reason, \
             published_code = excluded.published_code, revision = excluded.revision, \
             updated_at = excluded.updated_at, submitted_at = excluded.submitted_at",
        )
        .bind(submission.id.as_str())
        .bind(submission.owner.as_str())
        .bind(&submission.draft.code)
        .bind(to_json("submissions.draft", &submission.draft)?)
        .bind(stage)
        .bind(reason)
        .bind(submission.published_code.as_ref().map(|code| code.as_str()))
        .bind(i64::from(submission.revision))
        .bind(submission.updated_at.timestamp())
        .bind(submission.submitted_at.map(|t| t.timestamp()))
        .run(self, || format!("save listing {}", submission.id))
        .await
    }

    async fn code_taken(&mut self, code: &str, except: Option<&ListingId>) -> Result<bool> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM submissions WHERE code = $1 AND id <> $2 AND stage = $3) + \
             (SELECT COUNT(*) FROM modules WHERE code = $1 AND code NOT IN \
                (SELECT published_code FROM submissions WHERE id = $2 AND published_code IS NOT NULL))",
        )
        .bind(code)
        .bind(except.map_or("", |id| id.as_str()))
        .bind(StageKind::InReview.code())
        .fetch_one(self.conn())
        .await
        .context(|| format!("check whether code {code:?} is taken"))?;
        Ok(n > 0)
    }

    async fn set_module_secret(&mut self, id: &ListingId, secret: &ModuleSecret) -> Result<()> {
        let sealed = self.sealer.seal(id, secret)?;
        sqlx::query("UPDATE submissions SET secret_sealed = $1 WHERE id = $2")
            .bind(sealed)
            .bind(id.as_str())
            .run(self, || format!("store the secret of {id}"))
            .await
    }

    async fn module_secret(&mut self, id: &ListingId) -> Result<Option<ModuleSecret>> {
        let row: Option<(Option<String>,)> = sqlx::query_as("SELECT secret_sealed FROM submissions WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load the secret of {id}"))?;
        row.and_then(|(sealed,)| sealed).map(|sealed| self.sealer.open(id, &sealed)).transpose()
    }

    async fn submission_of_module(&mut self, code: &ModuleCode) -> Result<Option<ListingId>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT id FROM submissions WHERE published_code = $1")
            .bind(code.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("find the listing of module {code}"))?;
        Ok(row.map(|(id,)| ListingId::new(id)))
    }
}
