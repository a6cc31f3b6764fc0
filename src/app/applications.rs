//! Becoming a partner: anyone applies (a few times an hour per address), a
//! moderator decides, and the approval letter's one-time link is the only way
//! to set the new partner's first password.

use super::session::{start_session, SignedIn};
use super::tokens::{random_hex, sha256_hex};
use super::Ctx;
use crate::api::applications::{ApplicationView, Invitation, Letter as DecisionLetter};
use crate::api::types::Page;
use crate::api::ApiError;
use crate::domain::application::{
    check_password, Application, ApplicationField, ApplicationProblem, Decision, DecisionError, INVITATION_DAYS,
};
use crate::domain::submission::Issue;
use crate::domain::{ApplicationId, Email, Lang, Role};
use crate::store::{
    ApplicationRecord, Applications, Invitations, Letter, Letters, Store, StoreError, Tx, UserRecord, Users,
};
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
    // Whether the address already signs in, or already waits for a decision,
    // is not told: the answer is the one a new applicant gets.
    if tx.user(&email).await?.is_some() {
        tell_the_owner(cx, &mut tx, &email, lang).await?;
        return Ok(tx.commit().await?);
    }
    if tx.has_pending_application(&email).await? {
        return Ok(());
    }
    let record = ApplicationRecord {
        view: ApplicationView {
            id: ApplicationId::new(format!("app-{}", random_hex(8))),
            application,
            decision: Decision::Pending,
            submitted_at: cx.now,
            decided_at: None,
            letter: None,
            joined: false,
        },
        lang,
    };
    match tx.insert_application(&record).await {
        // Another application with this e-mail arrived at the same moment: that one waits.
        Err(error) if error.is_duplicate() => Ok(()),
        Err(error) => Err(error.into()),
        Ok(()) => Ok(tx.commit().await?),
    }
}

/// What a letter to someone who already signs in is about.
const ALREADY_SIGNS_IN: &str = "already_signs_in";

/// Someone applied with the address of a user: the letter tells its owner,
/// once a day at most, and the applicant learns nothing.
async fn tell_the_owner<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, email: &Email, lang: Lang) -> Result<(), ApiError> {
    if tx.posted_since(email, ALREADY_SIGNS_IN, cx.now - TimeDelta::days(1)).await? {
        return Ok(());
    }
    let (subject, body) = crate::texts::already_signs_in_letter(lang, &format!("{}/signin", cx.origin));
    let letter = Letter {
        id: format!("ltr-{}", random_hex(8)),
        kind: ALREADY_SIGNS_IN.into(),
        recipient: email.clone(),
        subject,
        body,
        at: cx.now,
    };
    Ok(tx.post_letter(&letter).await?)
}

/// Every application, the pending ones first.
pub async fn applications<S: Store>(cx: &Ctx<S>, from: Option<u32>) -> Result<Page<ApplicationView>, ApiError> {
    let mut tx = cx.store.read().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    let mut views = Vec::new();
    for record in tx.applications(super::window(from)).await? {
        views.push(with_demo_link(cx, &mut tx, record.view).await?);
    }
    Ok(super::page(views, from))
}

/// The view as the moderator reads it: whether the partner has joined, and
/// the letter's link where the outbox is the demo's mailbox.
async fn with_demo_link<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    mut view: ApplicationView,
) -> Result<ApplicationView, ApiError> {
    if view.decision == Decision::Approved {
        let partner = match Email::parse(&view.application.email) {
            Ok(email) => tx.user(&email).await?,
            Err(_) => None,
        };
        view.joined = partner.is_some_and(|p| !p.password_hash.is_empty());
    }
    if let Some(letter) = view.letter.as_mut().filter(|_| cx.demo_mail) {
        letter.demo_link = tx.unsent_link(&view.id).await?;
    }
    Ok(view)
}

async fn pending<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, id: &ApplicationId) -> Result<ApplicationRecord, ApiError> {
    cx.signed_in_as(tx, Role::Moderator).await?;
    tx.application(id).await?.ok_or(ApiError::NotFound)
}

/// Stores the decision the record now carries with its letter (and an
/// approval's link, apart from it), and answers it.
async fn decide<S: Store>(
    cx: &Ctx<S>,
    mut tx: S::Tx,
    mut record: ApplicationRecord,
    (subject, body): (String, String),
    link: Option<&str>,
) -> Result<ApplicationView, ApiError> {
    record.view.decided_at = Some(cx.now);
    let recipient = record.view.application.email.clone();
    record.view.letter = Some(DecisionLetter { recipient, subject, body, sent_at: None, demo_link: None });
    if !tx.record_decision(&record, link).await? {
        return Err(ApiError::Decision(DecisionError::AlreadyDecided));
    }
    let view = with_demo_link(cx, &mut tx, record.view).await?;
    tx.commit().await?;
    Ok(view)
}

/// A new one-time link for `email`: its hash is stored, the link answered.
async fn new_link<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, email: &Email) -> Result<String, ApiError> {
    let token = random_hex(32);
    tx.insert_invitation(&sha256_hex(&token), email, cx.now + TimeDelta::days(INVITATION_DAYS)).await?;
    Ok(format!("{}/welcome/{token}", cx.origin))
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
    let link = new_link(cx, &mut tx, &email).await?;
    let letter = crate::texts::decision_letter(record.lang, &application.company, None, Some(DecisionLetter::LINK));
    decide(cx, tx, record, letter, Some(&link)).await
}

/// Sends the approval letter again with a new link, which voids the old one:
/// for a link that was lost, expired, or seen by someone it was not for.
pub async fn resend_link<S: Store>(cx: &Ctx<S>, id: &ApplicationId) -> Result<ApplicationView, ApiError> {
    let mut tx = cx.store.write().await?;
    let record = pending(cx, &mut tx, id).await?;
    if record.view.decision != Decision::Approved {
        return Err(ApiError::Decision(DecisionError::NotApproved));
    }
    let email = Email::parse(&record.view.application.email)
        .map_err(|_| StoreError::new(format!("application {id} holds a bad e-mail")))?;
    let partner = tx.user(&email).await?.ok_or(ApiError::NotFound)?;
    if !partner.password_hash.is_empty() {
        return Err(ApiError::Decision(DecisionError::AlreadyJoined));
    }
    tx.revoke_invitations(&email).await?;
    let link = new_link(cx, &mut tx, &email).await?;
    tx.renew_link(id, &link, cx.now).await?;
    let mut view = record.view;
    if let Some(letter) = view.letter.as_mut() {
        letter.sent_at = None;
    }
    let view = with_demo_link(cx, &mut tx, view).await?;
    tx.commit().await?;
    Ok(view)
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
    decide(cx, tx, record, letter, None).await
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
