//! Becoming a partner: anyone applies (a few times an hour per address), a
//! moderator decides, and the approval letter's one-time link is the only way
//! to set the new partner's first password.

use super::session::{start_session, SignedIn};
use super::tokens::{random_hex, sha256_hex};
use super::Ctx;
use crate::api::applications::{ApplicationView, Invitation, Letter};
use crate::api::ApiError;
use crate::domain::application::{
    check_password, Application, ApplicationField, ApplicationProblem, Decision, INVITATION_DAYS,
};
use crate::domain::submission::Issue;
use crate::domain::{ApplicationId, Email, Lang, Role};
use crate::store::{ApplicationRecord, Applications, Invitations, Store, StoreError, Tx, UserRecord, Users};
use chrono::TimeDelta;

fn email_taken() -> ApiError {
    vec![ApplicationProblem { field: ApplicationField::Email, issue: Issue::EmailTaken }].into()
}

/// Sends an application; `lang` is the language the applicant wrote in, for the letter.
pub async fn apply<S: Store>(cx: &Ctx<S>, application: &Application, lang: Lang) -> Result<(), ApiError> {
    let application = application.normalized();
    let problems = application.problems();
    let email = match Email::parse(&application.email) {
        Ok(email) if problems.is_empty() => email,
        _ => return Err(problems.into()),
    };
    cx.limits.applications.admit(cx.client, cx.now).map_err(ApiError::wait)?;
    let mut tx = cx.store.write().await?;
    if tx.user(&email).await?.is_some() || tx.has_pending_application(&email).await? {
        return Err(email_taken());
    }
    let record = ApplicationRecord {
        view: ApplicationView {
            id: ApplicationId::new(format!("app-{}", random_hex(8))),
            application,
            decision: Decision::Pending,
            submitted_at: cx.now,
            decided_at: None,
            letter: None,
        },
        lang,
    };
    match tx.insert_application(&record).await {
        // Another application with this e-mail arrived at the same moment.
        Err(error) if error.is_duplicate() => Err(email_taken()),
        Err(error) => Err(error.into()),
        Ok(()) => Ok(tx.commit().await?),
    }
}

/// Every application, the pending ones first.
pub async fn applications<S: Store>(cx: &Ctx<S>) -> Result<Vec<ApplicationView>, ApiError> {
    let mut tx = cx.store.read().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    Ok(tx.applications().await?.into_iter().map(|record| record.view).collect())
}

async fn pending<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, id: &ApplicationId) -> Result<ApplicationRecord, ApiError> {
    cx.signed_in_as(tx, Role::Moderator).await?;
    tx.application(id).await?.ok_or(ApiError::NotFound)
}

/// Stores the decision the record now carries with its letter, and answers it.
async fn decide<S: Store>(
    cx: &Ctx<S>,
    mut tx: S::Tx,
    mut record: ApplicationRecord,
    (subject, body): (String, String),
) -> Result<ApplicationView, ApiError> {
    record.view.decided_at = Some(cx.now);
    record.view.letter =
        Some(Letter { recipient: record.view.application.email.clone(), subject, body, sent_at: None });
    if !tx.record_decision(&record).await? {
        return Err(ApiError::Decision(crate::domain::application::DecisionError::AlreadyDecided));
    }
    tx.commit().await?;
    Ok(record.view)
}

/// Gives the applicant a partner's sign-in with no password yet, and writes
/// the letter with the one-time link that sets it.
pub async fn approve_application<S: Store>(cx: &Ctx<S>, id: &ApplicationId) -> Result<ApplicationView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut record = pending(cx, &mut tx, id).await?;
    record.view.decision.approve()?;
    let application = &record.view.application;
    let email = Email::parse(&application.email)
        .map_err(|_| StoreError::new(format!("application {id} holds a bad e-mail {:?}", application.email)))?;
    if tx.user(&email).await?.is_some() {
        return Err(email_taken());
    }
    tx.insert_user(&UserRecord {
        email: email.clone(),
        name: application.contact.clone(),
        role: Role::Partner,
        account: None,
        company: Some(application.company.clone()),
        website: Some(application.website.clone()),
        timezone: None,
        password_hash: String::new(),
    })
    .await?;
    let token = random_hex(32);
    tx.insert_invitation(&sha256_hex(&token), &email, cx.now + TimeDelta::days(INVITATION_DAYS)).await?;
    let link = format!("{}/welcome/{token}", cx.origin);
    let letter = crate::texts::decision_letter(record.lang, &application.company, None, Some(&link));
    decide(cx, tx, record, letter).await
}

pub async fn decline_application<S: Store>(
    cx: &Ctx<S>,
    id: &ApplicationId,
    reason: &str,
) -> Result<ApplicationView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut record = pending(cx, &mut tx, id).await?;
    record.view.decision.decline(reason)?;
    let Decision::Declined(reason) = &record.view.decision else { return Err(ApiError::Internal) };
    let letter = crate::texts::decision_letter(record.lang, &record.view.application.company, Some(reason), None);
    decide(cx, tx, record, letter).await
}

/// Whom the link's token is for, while it is unused and unexpired.
pub async fn open_invitation<S: Store>(cx: &Ctx<S>, token: &str) -> Result<Invitation, ApiError> {
    let mut tx = cx.store.read().await?;
    tx.invitation(&sha256_hex(token), cx.now).await?.ok_or(ApiError::NotFound)
}

/// Sets the partner's password, uses the link up and signs the partner in.
pub async fn accept_invitation<S: Store>(cx: &Ctx<S>, token: &str, password: &str) -> Result<SignedIn, ApiError> {
    if let Err(issue) = check_password(password) {
        return Err(vec![ApplicationProblem { field: ApplicationField::Password, issue }].into());
    }
    let invitation = open_invitation(cx, token).await?;
    let hash = cx.passwords.hash(password.to_string()).await;
    let mut tx = cx.store.write().await?;
    // The link is used up here, once: a second request finds it used and changes nothing.
    if !tx.use_invitation(&sha256_hex(token), cx.now).await? {
        return Err(ApiError::NotFound);
    }
    tx.set_password(&invitation.email, &hash).await?;
    let user = tx.user(&invitation.email).await?.ok_or(ApiError::NotFound)?;
    let signed_in = start_session(cx, &mut tx, user).await?;
    tx.commit().await?;
    Ok(signed_in)
}
