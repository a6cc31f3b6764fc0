//! Sending the outbox through SMTP. Billing only writes notices into the
//! outbox; this task sends them apart from it, so a slow or failing mail server
//! never holds billing up. A failed send is retried later, a few times.

use super::billing::listings;
use super::db::Db;
use super::ledgers::Error;
use super::StartError;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::Notice;
use crate::domain::Lang;
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::Row;
use std::time::Duration;

/// Attempts before a mail is given up on (it stays readable in the app).
pub const MAX_ATTEMPTS: i64 = 8;

pub fn spawn_sender(db: Db, url: &str, from: &str) -> Result<tokio::task::JoinHandle<()>, StartError> {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| StartError::Mail(format!("SOUK_SMTP_URL: {e}")))?
        .timeout(Some(Duration::from_secs(20)))
        .build();
    let from: Mailbox = from.parse().map_err(|e| StartError::Mail(format!("SOUK_MAIL_FROM: {e}")))?;
    Ok(tokio::spawn(async move {
        loop {
            if let Err(problem) = send_due(&db, &transport, &from, Utc::now()).await {
                tracing::error!("sending notices: {problem}");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    }))
}

/// Sends the mail whose attempt is due; answers how many went out.
pub async fn send_due(
    db: &Db,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let rows = sqlx::query(
        "SELECT o.account_id, o.mail_key, o.recipient, o.notice, o.attempts, a.lang, a.timezone \
         FROM outbox o JOIN accounts a ON a.id = o.account_id \
         WHERE o.sent_at IS NULL AND o.next_attempt_at <= $1 AND o.attempts < $2 ORDER BY o.next_attempt_at LIMIT 50",
    )
    .bind(now.timestamp())
    .bind(MAX_ATTEMPTS)
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let listings = listings(&db.pool).await?;
    let mut sent = 0;
    for row in rows {
        let lang = Lang::from_code(&row.get::<String, _>("lang")).unwrap_or(Lang::Ru);
        let notice: Notice = serde_json::from_str(&row.get::<String, _>("notice"))?;
        let module = listings
            .iter()
            .find(|l| l.code == notice.module)
            .map_or_else(|| notice.module.clone(), |l| l.materials(lang).name.clone());
        let (subject, body) =
            crate::texts::notice_mail(lang, zone(&row.get::<String, _>("timezone")), &notice, &module);
        let recipient: String = row.get("recipient");
        let attempts: i64 = row.get("attempts");
        let outcome = match recipient.parse::<Mailbox>() {
            Ok(to) => match Message::builder().from(from.clone()).to(to).subject(subject).body(body) {
                Ok(message) => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Err(e) => Err(e.to_string()),
        };
        let query = match &outcome {
            Ok(()) => {
                sent += 1;
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = $4 \
                     WHERE account_id = $2 AND mail_key = $3",
                )
                .bind(now.timestamp())
            }
            Err(problem) => {
                tracing::warn!(%recipient, "a notice was not sent: {problem}");
                // One minute, then twice as long each time, at most six hours.
                let wait = (60_i64 << attempts.clamp(0, 10)).min(6 * 3600);
                sqlx::query(
                    "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1, last_error = $4 \
                     WHERE account_id = $2 AND mail_key = $3",
                )
                .bind(now.timestamp() + wait)
            }
        };
        query
            .bind(row.get::<String, _>("account_id"))
            .bind(row.get::<String, _>("mail_key"))
            .bind(outcome.err())
            .execute(&db.pool)
            .await?;
    }
    Ok(sent)
}
