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
            if let Err(problem) = send_letters(&db, &transport, &from, Utc::now()).await {
                tracing::error!("sending letters to applicants: {problem}");
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
        let outcome = send(transport, from, &recipient, subject, body).await;
        let query = if outcome.is_ok() {
            sent += 1;
            sqlx::query(
                "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = $4 \
                 WHERE account_id = $2 AND mail_key = $3",
            )
            .bind(now.timestamp())
        } else {
            sqlx::query(
                "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1, last_error = $4 \
                 WHERE account_id = $2 AND mail_key = $3",
            )
            .bind(now.timestamp() + retry_wait(row.get("attempts")))
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

/// Sends the moderators' decision letters to applicants, as `send_due` sends notices.
pub async fn send_letters(
    db: &Db,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let rows = sqlx::query(
        "SELECT id, email, letter_subject, letter_body, attempts FROM applications \
         WHERE sent_at IS NULL AND letter_body IS NOT NULL AND next_attempt_at <= $1 AND attempts < $2 \
         ORDER BY next_attempt_at LIMIT 50",
    )
    .bind(now.timestamp())
    .bind(MAX_ATTEMPTS)
    .fetch_all(&db.pool)
    .await?;
    let mut sent = 0;
    for row in rows {
        let recipient: String = row.get("email");
        let outcome = send(transport, from, &recipient, row.get("letter_subject"), row.get("letter_body")).await;
        let query = if outcome.is_ok() {
            sent += 1;
            sqlx::query("UPDATE applications SET sent_at = $1, attempts = attempts + 1, last_error = $3 WHERE id = $2")
                .bind(now.timestamp())
        } else {
            sqlx::query(
                "UPDATE applications SET next_attempt_at = $1, attempts = attempts + 1, last_error = $3 WHERE id = $2",
            )
            .bind(now.timestamp() + retry_wait(row.get("attempts")))
        };
        query.bind(row.get::<String, _>("id")).bind(outcome.err()).execute(&db.pool).await?;
    }
    Ok(sent)
}

async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    recipient: &str,
    subject: String,
    body: String,
) -> Result<(), String> {
    let to: Mailbox = recipient.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
    let message =
        Message::builder().from(from.clone()).to(to).subject(subject).body(body).map_err(|e| e.to_string())?;
    let outcome = transport.send(message).await.map(|_| ()).map_err(|e| e.to_string());
    if let Err(problem) = &outcome {
        tracing::warn!(%recipient, "a mail was not sent: {problem}");
    }
    outcome
}

/// One minute after the first failure, then twice as long each time, at most six hours.
fn retry_wait(attempts: i64) -> i64 {
    (60_i64 << attempts.clamp(0, 10)).min(6 * 3600)
}
