//! Sending the outbox through SMTP. Billing only writes notices into the
//! outbox, and a decision only writes its letter; this task sends them apart,
//! so a slow or failing mail server never holds anything up, and no database
//! transaction is open while it talks to one. A failed send is retried later,
//! a few times.

use super::StartError;
use crate::store::sql::outbox::Attempt;
use crate::store::sql::SqlStore;
use crate::store::{Modules, Store, StoreError};
use chrono::{DateTime, TimeDelta, Utc};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// Attempts before a mail is given up on (it stays readable in the app).
pub const MAX_ATTEMPTS: i64 = 8;
/// Mails sent per round.
const ROUND: i64 = 50;

/// Where mail goes: an SMTP server; in tests, a list.
#[allow(async_fn_in_trait)]
pub trait Postman {
    async fn post(&self, recipient: &str, subject: String, body: String) -> Result<(), String>;
}

/// The SMTP server of SOUK_SMTP_URL, mail from SOUK_MAIL_FROM.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(url: &str, from: &str) -> Result<Smtp, StartError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| StartError::Mail(format!("SOUK_SMTP_URL: {e}")))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from: Mailbox = from.parse().map_err(|e| StartError::Mail(format!("SOUK_MAIL_FROM: {e}")))?;
        Ok(Smtp { transport, from })
    }
}

impl Postman for Smtp {
    async fn post(&self, recipient: &str, subject: String, body: String) -> Result<(), String> {
        let to: Mailbox = recipient.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
        let message =
            Message::builder().from(self.from.clone()).to(to).subject(subject).body(body).map_err(|e| e.to_string())?;
        let outcome = self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string());
        if let Err(problem) = &outcome {
            tracing::warn!(%recipient, "a mail was not sent: {problem}");
        }
        outcome
    }
}

pub fn spawn_sender(store: SqlStore, url: &str, from: &str) -> Result<tokio::task::JoinHandle<()>, StartError> {
    let smtp = Smtp::new(url, from)?;
    Ok(tokio::spawn(async move {
        loop {
            if let Err(problem) = send_notices(&store, &smtp, Utc::now()).await {
                tracing::error!("sending notices: {problem}");
            }
            if let Err(problem) = send_letters(&store, &smtp, Utc::now()).await {
                tracing::error!("sending letters to applicants: {problem}");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    }))
}

/// Sends the notices whose attempt is due; answers how many went out.
pub async fn send_notices(store: &SqlStore, postman: &impl Postman, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let due = store.due_notices(now, MAX_ATTEMPTS, ROUND).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let modules = store.read().await?.modules().await?;
    let mut sent = 0;
    for mail in due {
        let module = modules
            .iter()
            .find(|m| m.listing.code == mail.notice.module)
            .map_or_else(|| mail.notice.module.to_string(), |m| m.listing.materials(mail.lang).name.clone());
        let (subject, body) = crate::texts::notice_mail(mail.lang, mail.tz, &mail.notice, &module);
        let attempt = attempt(postman.post(&mail.recipient, subject, body).await, now, mail.attempts);
        sent += usize::from(attempt.failed.is_none());
        store.record_notice_attempt(&mail.account, &mail.key, &attempt).await?;
    }
    Ok(sent)
}

/// Sends the moderators' decision letters to applicants, and letters to one
/// person, as `send_notices` sends notices; an approval's one-time link is put
/// in at the last moment.
pub async fn send_letters(store: &SqlStore, postman: &impl Postman, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let mut sent = 0;
    for letter in store.due_letters(now, MAX_ATTEMPTS, ROUND).await? {
        let outcome = postman.post(&letter.email, letter.letter_subject, letter.letter_body).await;
        let attempt = attempt(outcome, now, letter.attempts);
        sent += usize::from(attempt.failed.is_none());
        store.record_letter_attempt(&letter.id, &attempt).await?;
    }
    for letter in store.due_personal_letters(now, MAX_ATTEMPTS, ROUND).await? {
        let attempt = attempt(postman.post(&letter.recipient, letter.subject, letter.body).await, now, letter.attempts);
        sent += usize::from(attempt.failed.is_none());
        store.record_personal_letter_attempt(&letter.id, &attempt).await?;
    }
    Ok(sent)
}

fn attempt(outcome: Result<(), String>, now: DateTime<Utc>, attempts: i64) -> Attempt {
    Attempt { at: now, failed: outcome.err().map(|error| (error, now + retry_wait(attempts))) }
}

/// One minute after the first failure, then twice as long each time, at most six hours.
fn retry_wait(attempts: i64) -> TimeDelta {
    TimeDelta::seconds((60_i64 << attempts.clamp(0, 10)).min(6 * 3600))
}
