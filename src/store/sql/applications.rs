//! The `applications` table: partner applications, the moderator's decision,
//! and the letter it sent (kept as the outbox keeps notices).

use super::outbox::Attempt;
use super::{coded, time, Result, SqlStore, SqlTx, Statement, WithContext};
use crate::api::applications::{ApplicationView, Letter};
use crate::domain::application::{Application, Decision, DecisionKind};
use crate::domain::{ApplicationId, Coded, Email};
use crate::store::{ApplicationRecord, Applications, Window};

const SELECT: &str = "SELECT id, company, contact, email, phone, website, message, lang, status, reason, \
                      created_at, decided_at, letter_subject, letter_body, sent_at FROM applications";

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    id: String,
    company: String,
    contact: String,
    email: String,
    phone: String,
    website: String,
    message: String,
    lang: String,
    status: String,
    reason: Option<String>,
    created_at: i64,
    decided_at: Option<i64>,
    letter_subject: Option<String>,
    letter_body: Option<String>,
    sent_at: Option<i64>,
}

impl ApplicationRow {
    fn record(self) -> Result<ApplicationRecord> {
        let decision = match coded::<DecisionKind>("status", &self.status)? {
            DecisionKind::Pending => Decision::Pending,
            DecisionKind::Approved => Decision::Approved,
            DecisionKind::Declined => Decision::Declined(self.reason.unwrap_or_default()),
        };
        let letter = match (self.letter_subject, self.letter_body) {
            (Some(subject), Some(body)) => Some(Letter {
                recipient: self.email.clone(),
                subject,
                body,
                sent_at: self.sent_at.map(time).transpose()?,
                demo_link: None,
            }),
            _ => None,
        };
        let application = Application {
            company: self.company,
            contact: self.contact,
            email: self.email,
            phone: self.phone,
            website: self.website,
            message: self.message,
        };
        let view = ApplicationView {
            id: self.id.into(),
            application,
            decision,
            submitted_at: time(self.created_at)?,
            decided_at: self.decided_at.map(time).transpose()?,
            letter,
            joined: false,
        };
        Ok(ApplicationRecord { view, lang: coded("lang", &self.lang)? })
    }
}

impl Applications for SqlTx {
    async fn insert_application(&mut self, record: &ApplicationRecord) -> Result<()> {
        let (view, application) = (&record.view, &record.view.application);
        sqlx::query(
            "INSERT INTO applications (id, company, contact, email, phone, website, message, lang, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(view.id.as_str())
        .bind(&application.company)
        .bind(&application.contact)
        .bind(&application.email)
        .bind(&application.phone)
        .bind(&application.website)
        .bind(&application.message)
        .bind(record.lang.code())
        .bind(DecisionKind::from(&view.decision).code())
        .bind(view.submitted_at.timestamp())
        .run(self, || format!("add application {} of {}", view.id, application.email))
    .await
    }

    async fn applications(&mut self, window: Window) -> Result<Vec<ApplicationRecord>> {
        let sql = format!(
            "{SELECT} ORDER BY CASE WHEN status = $1 THEN 0 ELSE 1 END, \
             CASE WHEN status = $1 THEN created_at ELSE -decided_at END, id{}",
            window.sql()
        );
        let rows: Vec<ApplicationRow> = sqlx::query_as(&sql)
            .bind(DecisionKind::Pending.code())
            .fetch_all(self.conn())
            .await
            .context(|| "load the applications".into())?;
        rows.into_iter().map(ApplicationRow::record).collect()
    }

    async fn count_pending_applications(&mut self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE status = $1")
            .bind(DecisionKind::Pending.code())
            .fetch_one(self.conn())
            .await
            .context(|| "count the pending applications".into())?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    async fn application(&mut self, id: &ApplicationId) -> Result<Option<ApplicationRecord>> {
        let row: Option<ApplicationRow> = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
            .bind(id.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load application {id}"))?;
        row.map(ApplicationRow::record).transpose()
    }

    async fn has_pending_application(&mut self, email: &Email) -> Result<bool> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE email = $1 AND status = $2")
            .bind(email.as_str())
            .bind(DecisionKind::Pending.code())
            .fetch_one(self.conn())
            .await
            .context(|| format!("look for a pending application of {email}"))?;
        Ok(n > 0)
    }

    async fn record_decision(&mut self, record: &ApplicationRecord, link: Option<&str>) -> Result<bool> {
        let view = &record.view;
        let reason = match &view.decision {
            Decision::Declined(reason) => Some(reason.as_str()),
            _ => None,
        };
        let decided_at = view.decided_at.map(|t| t.timestamp());
        let sealed = link.map(|link| self.sealer.seal_text(&link_owner(&view.id), link)).transpose()?;
        let changed = sqlx::query(
            "UPDATE applications SET status = $1, reason = $2, decided_at = $3, letter_subject = $4, \
             letter_body = $5, next_attempt_at = $3, link_sealed = $8 WHERE id = $6 AND status = $7",
        )
        .bind(DecisionKind::from(&view.decision).code())
        .bind(reason)
        .bind(decided_at)
        .bind(view.letter.as_ref().map(|l| l.subject.as_str()))
        .bind(view.letter.as_ref().map(|l| l.body.as_str()))
        .bind(view.id.as_str())
        .bind(DecisionKind::Pending.code())
        .bind(sealed)
        .changed(self, || format!("record the decision on application {}", view.id))
        .await?;
        Ok(changed == 1)
    }

    async fn unsent_link(&mut self, id: &ApplicationId) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT link_sealed FROM applications WHERE id = $1 AND sent_at IS NULL")
                .bind(id.as_str())
                .fetch_optional(self.conn())
                .await
                .context(|| format!("load the link of application {id}"))?;
        let sealed = row.and_then(|(sealed,)| sealed);
        sealed.map(|sealed| self.sealer.open_text(&link_owner(id), &sealed)).transpose()
    }

    async fn renew_link(&mut self, id: &ApplicationId, link: &str, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
        let sealed = self.sealer.seal_text(&link_owner(id), link)?;
        sqlx::query(
            "UPDATE applications SET link_sealed = $1, sent_at = NULL, attempts = 0, last_error = NULL, \
             next_attempt_at = $2 WHERE id = $3",
        )
        .bind(sealed)
        .bind(now.timestamp())
        .bind(id.as_str())
        .run(self, || format!("renew the link of application {id}"))
        .await
    }
}

/// What an application's sealed link is bound to.
fn link_owner(id: &ApplicationId) -> String {
    format!("application {id}")
}

/// A decision letter whose (next) attempt to send is due, its link in place.
pub struct DueLetter {
    pub id: String,
    pub email: String,
    pub letter_subject: String,
    pub letter_body: String,
    pub attempts: i64,
}

#[derive(sqlx::FromRow)]
struct DueLetterRow {
    id: String,
    email: String,
    letter_subject: String,
    letter_body: String,
    link_sealed: Option<String>,
    attempts: i64,
}

impl SqlStore {
    /// Up to `limit` unsent letters whose attempt is due, with fewer than `max_attempts` made.
    pub async fn due_letters(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        max_attempts: i64,
        limit: i64,
    ) -> Result<Vec<DueLetter>> {
        let rows: Vec<DueLetterRow> = sqlx::query_as(
            "SELECT id, email, letter_subject, letter_body, link_sealed, attempts FROM applications \
             WHERE sent_at IS NULL AND letter_body IS NOT NULL AND next_attempt_at <= $1 AND attempts < $2 \
             ORDER BY next_attempt_at LIMIT $3",
        )
        .bind(now.timestamp())
        .bind(max_attempts)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context(|| "find the letters to send".into())?;
        rows.into_iter()
            .map(|row| {
                let id = ApplicationId::new(row.id);
                let link =
                    row.link_sealed.map(|sealed| self.sealer.open_text(&link_owner(&id), &sealed)).transpose()?;
                let letter_body = match link {
                    Some(link) => row.letter_body.replace(Letter::LINK, &link),
                    None => row.letter_body,
                };
                Ok(DueLetter {
                    id: id.into(),
                    email: row.email,
                    letter_subject: row.letter_subject,
                    letter_body,
                    attempts: row.attempts,
                })
            })
            .collect()
    }

    pub async fn record_letter_attempt(&self, id: &str, attempt: &Attempt) -> Result<()> {
        // Once sent, the link lives in the applicant's mailbox only.
        let also = ", link_sealed = CASE WHEN $1 IS NULL THEN link_sealed ELSE NULL END";
        self.record_attempt("applications", id, attempt, also).await
    }
}
