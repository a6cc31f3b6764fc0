//! Signing in and out, and who the current session is.

use super::second_factor::SignInStep;
use super::tokens::SessionToken;
use super::Ctx;
use crate::api::types::AccountView;
use crate::api::{ApiError, SessionInfo, UserView};
use crate::domain::application::{
    new_password_problems, ApplicationField, ApplicationProblem, MAX_EMAIL, MAX_PASSWORD,
};
use crate::domain::submission::Issue;
use crate::domain::{Email, Role};
use crate::store::{Accounts, SessionTimes, Sessions, Store, StoreError, Tx, UserRecord, Users};
use chrono::{DateTime, TimeDelta, Utc};

/// How long a session lasts at most, however busy.
pub const SESSION_HOURS: i64 = 12;
/// How long a session lasts without a call.
pub const IDLE_MINUTES: i64 = 30;
/// A session's idle end is written at most this often, not on every call.
const SLIDE_EVERY: TimeDelta = TimeDelta::minutes(1);

fn new_times(now: DateTime<Utc>) -> SessionTimes {
    SessionTimes {
        expires_at: now + TimeDelta::hours(SESSION_HOURS),
        idle_until: now + TimeDelta::minutes(IDLE_MINUTES),
    }
}

/// A new session: its token goes back to the browser (a cookie on the
/// server), the store keeps its hash.
#[derive(Debug)]
pub struct SignedIn {
    pub token: SessionToken,
    pub info: SessionInfo,
}

pub async fn current_session<S: Store>(cx: &Ctx<S>) -> Result<Option<SessionInfo>, ApiError> {
    let mut tx = cx.store.read().await?;
    match cx.signed_in(&mut tx).await {
        Ok(user) => Ok(Some(session_info(&mut tx, user).await?)),
        Err(ApiError::NotSignedIn) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Signs in with an e-mail and a password. A wrong password and an unknown
/// e-mail get the same answer in the same time; the attempt is counted before
/// the password is checked, and past the free failures of `super::limits`
/// the account, the address or both wait a growing delay.
/// A moderator's right password leads to the second factor (`super::second_factor`).
pub async fn sign_in<S: Store>(cx: &Ctx<S>, email: &str, password: &str) -> Result<SignInStep, ApiError> {
    // Before anything else: nothing this long is an address or a password.
    if email.len() > MAX_EMAIL {
        return Err(ApiError::BadRequest(format!("email: longer than {MAX_EMAIL} bytes")));
    }
    if password.len() > MAX_PASSWORD * 4 {
        return Err(ApiError::BadRequest(format!("password: longer than {MAX_PASSWORD} characters")));
    }
    let key = email.trim().to_lowercase();
    let reserved = cx.limits.sign_in.reserve(&key, cx.client, cx.now).map_err(ApiError::wait)?;
    // Read, then hash with no transaction open: argon2 takes a while on purpose.
    let user = match Email::parse(email) {
        Ok(email) => cx.store.read().await?.user(&email).await?,
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    if !cx.passwords.verify(password.to_string(), stored).await {
        return Err(ApiError::BadCredentials);
    }
    cx.limits.sign_in.succeeded(reserved);
    let user = user.ok_or(ApiError::BadCredentials)?;
    if user.role == Role::Moderator {
        return super::second_factor::challenge(cx, &user).await;
    }
    let mut tx = cx.store.write().await?;
    let signed_in = start_session(cx, &mut tx, user).await?;
    tx.commit().await?;
    Ok(SignInStep::SignedIn(signed_in))
}

/// Signs `user` in, in the caller's transaction.
pub(super) async fn start_session<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    user: UserRecord,
) -> Result<SignedIn, ApiError> {
    tx.delete_ended_sessions(cx.now).await?;
    let token = SessionToken::random();
    tx.insert_session(&token.hash(), &user.email, new_times(cx.now)).await?;
    Ok(SignedIn { token, info: session_info(tx, user).await? })
}

/// A call keeps its session alive for `IDLE_MINUTES` more, never past its
/// end; the new idle end is written once a minute at most. The edges run it
/// after the use case, which has usually read the session's times already.
pub async fn keep_alive<S: Store>(cx: &Ctx<S>) -> Result<(), ApiError> {
    let Some(token) = &cx.session else { return Ok(()) };
    let hash = token.hash();
    let times = match cx.session_times.get() {
        Some(times) => *times,
        None => match cx.store.read().await?.session_times(&hash, cx.now).await? {
            Some(times) => times,
            None => return Ok(()),
        },
    };
    let idle_until = (cx.now + TimeDelta::minutes(IDLE_MINUTES)).min(times.expires_at);
    if idle_until - times.idle_until < SLIDE_EVERY {
        return Ok(());
    }
    let mut tx = cx.store.write().await?;
    tx.slide_session(&hash, idle_until).await?;
    Ok(tx.commit().await?)
}

/// The session, started afresh at `later`: the offline preview's clock moved
/// forward, and its user stayed.
pub async fn carry_session<S: Store>(cx: &Ctx<S>, later: DateTime<Utc>) -> Result<(), ApiError> {
    let Some(token) = &cx.session else { return Ok(()) };
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in(&mut tx).await?;
    tx.delete_session(&token.hash()).await?;
    tx.insert_session(&token.hash(), &user.email, new_times(later)).await?;
    Ok(tx.commit().await?)
}

/// Ends every session of the signed-in user, on every device.
pub async fn sign_out_everywhere<S: Store>(cx: &Ctx<S>) -> Result<(), ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in(&mut tx).await?;
    tx.delete_sessions_of(&user.email, None).await?;
    Ok(tx.commit().await?)
}

/// Changes the signed-in user's password: the current one is checked first
/// (counted as a sign-in attempt), the new one by the rules, and every other
/// session of the user ends.
pub async fn change_password<S: Store>(cx: &Ctx<S>, current: &str, new: &str, again: &str) -> Result<(), ApiError> {
    let problems = new_password_problems(new, again);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if current.len() > MAX_PASSWORD * 4 {
        return Err(ApiError::BadRequest(format!("current: longer than {MAX_PASSWORD} characters")));
    }
    let user = cx.signed_in(&mut cx.store.read().await?).await?;
    let reserved = cx.limits.sign_in.reserve(user.email.as_str(), cx.client, cx.now).map_err(ApiError::wait)?;
    if !cx.passwords.verify(current.to_string(), Some(user.password_hash.clone())).await {
        let wrong = ApplicationProblem { field: ApplicationField::CurrentPassword, issue: Issue::WrongPassword };
        return Err(vec![wrong].into());
    }
    cx.limits.sign_in.succeeded(reserved);
    let hash = cx.passwords.hash(new.to_string()).await;
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in(&mut tx).await?;
    tx.set_password(&user.email, &hash).await?;
    let this_session = cx.session.as_ref().map(SessionToken::hash);
    tx.delete_sessions_of(&user.email, this_session.as_deref()).await?;
    Ok(tx.commit().await?)
}

/// Ends the session the call came with, if any.
pub async fn sign_out<S: Store>(cx: &Ctx<S>) -> Result<(), ApiError> {
    if let Some(token) = &cx.session {
        let mut tx = cx.store.write().await?;
        tx.delete_session(&token.hash()).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// A partner or a moderator chooses the zone they read times in; account
/// owners read them in the account's.
pub async fn set_timezone<S: Store>(cx: &Ctx<S>, timezone: &str) -> Result<SessionInfo, ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in(&mut tx).await?;
    if user.account.is_some() {
        return Err(ApiError::Forbidden);
    }
    if timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(ApiError::BadRequest(format!("unknown time zone {timezone:?}")));
    }
    tx.set_timezone(&user.email, timezone).await?;
    let info = session_info(&mut tx, UserRecord { timezone: Some(timezone.to_string()), ..user }).await?;
    tx.commit().await?;
    Ok(info)
}

/// What the app needs to know of a signed-in user.
pub(super) async fn session_info<T: Accounts>(tx: &mut T, user: UserRecord) -> Result<SessionInfo, ApiError> {
    let account = match &user.account {
        Some(id) => {
            let (account, balance) = tx
                .account(id)
                .await?
                .ok_or_else(|| StoreError::new(format!("account {id} of {} is missing", user.email)))?;
            Some(AccountView { account, balance })
        }
        None => None,
    };
    Ok(SessionInfo {
        user: UserView {
            email: user.email,
            name: user.name,
            role: user.role,
            company: user.company,
            timezone: user.timezone,
        },
        account,
    })
}
