//! A moderator's second factor: a TOTP code (RFC 6238: HMAC-SHA-1, six
//! digits, 30-second steps, one step of clock drift either way) from an
//! authenticator app, or a one-time recovery code. After the right password a
//! moderator gets a challenge, not a session; one who has no second factor yet
//! enrols first (a QR code of the secret, then a code from the app), and gets
//! ten recovery codes, shown once.

use super::session::{start_session, SignedIn};
use super::tokens::{sha256_hex, SessionToken};
use super::Ctx;
use crate::api::ApiError;
use crate::domain::Email;
use crate::store::{Challenge, SecondFactor, SecondFactors, Store, StoreError, Tx, UserRecord, Users};
use chrono::{DateTime, TimeDelta, Utc};
use rand::RngCore;
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// How long a right password waits for its code.
pub const CHALLENGE_MINUTES: i64 = 5;
/// Wrong codes a challenge takes before the password must be typed again.
pub const MAX_CODE_ATTEMPTS: u32 = 5;
pub const RECOVERY_CODES: usize = 10;
const ISSUER: &str = "Souk";
/// Seconds per code.
const STEP: u64 = 30;

/// What a right password leads to.
#[derive(Debug)]
pub enum SignInStep {
    SignedIn(SignedIn),
    /// A code is asked for (the challenge's token travels to the browser only).
    Code {
        challenge: SessionToken,
        demo_code: Option<String>,
    },
    /// A second factor is to be set up: the secret, as text and as an
    /// `otpauth://` address in a QR code, then a code from the app.
    Enrol {
        challenge: SessionToken,
        secret: String,
        otpauth: String,
        qr: String,
        demo_code: Option<String>,
    },
}

impl SignInStep {
    /// The session, when the password was all it took.
    pub fn session(self) -> Option<SignedIn> {
        match self {
            SignInStep::SignedIn(signed_in) => Some(signed_in),
            _ => None,
        }
    }
}

fn totp(secret: &str) -> Result<Totp, StoreError> {
    let bytes = Secret::try_from_base32(secret).map_err(|_| StoreError::new("a TOTP secret that is not base32"))?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(STEP)
        .with_skew(1)
        .with_secret(bytes)
        .build()
        .map_err(|e| StoreError::new(format!("a TOTP secret: {e}")))
}

fn seconds(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or_default()
}

/// The code an authenticator app shows for `secret` at `now`.
pub fn code_at(secret: &str, now: DateTime<Utc>) -> Result<String, StoreError> {
    Ok(totp(secret)?.generate(seconds(now)).to_string())
}

/// A new secret: 160 random bits, as RFC 4226 recommends, in base32.
fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes.to_vec()).to_base32()
}

/// The address authenticator apps read from the QR code.
fn otpauth(email: &Email, secret: &str) -> String {
    let label: String = email
        .as_str()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("otpauth://totp/{ISSUER}:{label}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits=6&period={STEP}")
}

/// The QR code of `text`, as a `data:` URL of an SVG image.
fn qr(text: &str) -> Result<String, StoreError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| StoreError::new(format!("QR code: {e}")))?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build();
    Ok(crate::domain::logo::data_url(&svg))
}

/// A recovery code as typed: case, spaces and dashes do not matter.
fn recovery_hash(code: &str) -> String {
    let plain: String = code.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    sha256_hex(&format!("recovery:{plain}"))
}

/// Ten codes of ten random letters and digits, `xxxxx-xxxxx`.
fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            let chars: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// After a moderator's right password: a challenge for a code, or to enrol.
pub(super) async fn challenge<S: Store>(cx: &Ctx<S>, user: &UserRecord) -> Result<SignInStep, ApiError> {
    let mut tx = cx.store.write().await?;
    let enrolled = tx.second_factor(&user.email).await?;
    let token = SessionToken::random();
    let offered = enrolled.is_none().then(new_secret);
    let challenge = Challenge {
        email: user.email.clone(),
        enrol_secret: offered.clone(),
        expires_at: cx.now + TimeDelta::minutes(CHALLENGE_MINUTES),
        attempts: 0,
    };
    tx.delete_expired_challenges(cx.now).await?;
    tx.insert_challenge(&token.hash(), &challenge).await?;
    tx.commit().await?;
    // Demo mode shows the code an app would (the demo's sign-ins are public
    // anyway): the one of this step, or of the next if this one was used.
    let demo_code = match (&offered, &enrolled) {
        _ if !cx.demo => None,
        (Some(secret), _) => Some(code_at(secret, cx.now)?),
        (None, Some(factor)) => {
            let now = seconds(cx.now) / STEP;
            let step = now.max(factor.last_step + 1);
            (step <= now + 1).then(|| totp(&factor.secret).map(|t| t.generate(step * STEP).to_string())).transpose()?
        }
        (None, None) => None,
    };
    Ok(match offered {
        None => SignInStep::Code { challenge: token, demo_code },
        Some(secret) => {
            let otpauth = otpauth(&user.email, &secret);
            let qr = qr(&otpauth)?;
            SignInStep::Enrol { challenge: token, secret, otpauth, qr, demo_code }
        }
    })
}

/// The second step of a moderator's sign-in: a code from the app (or, once
/// enrolled, a recovery code). Wrong codes count as failed sign-ins, and
/// after `MAX_CODE_ATTEMPTS` the password is asked again. Answers the
/// session, and the recovery codes when this step enrolled.
pub async fn second_factor<S: Store>(
    cx: &Ctx<S>,
    challenge: &str,
    code: &str,
) -> Result<(SignedIn, Vec<String>), ApiError> {
    if code.len() > 64 {
        return Err(ApiError::BadRequest("code: longer than 64 bytes".into()));
    }
    let token = SessionToken::from_cookie(challenge);
    let hash = token.hash();
    let mut tx = cx.store.write().await?;
    let waiting = tx.challenge(&hash, cx.now).await?.filter(|c| c.attempts < MAX_CODE_ATTEMPTS);
    let Some(waiting) = waiting else { return Err(ApiError::SignInExpired) };
    let reserved = cx.limits.sign_in.reserve(waiting.email.as_str(), cx.client, cx.now).map_err(ApiError::wait)?;
    let user = tx.user(&waiting.email).await?.ok_or(ApiError::SignInExpired)?;
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let recovery_codes = match &waiting.enrol_secret {
        Some(secret) => match totp(secret)?.check(&typed, seconds(cx.now)) {
            Some(step) => {
                let codes = new_recovery_codes();
                let hashes: Vec<String> = codes.iter().map(|code| recovery_hash(code)).collect();
                let factor = SecondFactor { secret: secret.clone(), last_step: step };
                tx.set_second_factor(&user.email, &factor, &hashes, cx.now).await?;
                Some(codes)
            }
            None => None,
        },
        None => {
            let factor = tx.second_factor(&user.email).await?.ok_or(ApiError::SignInExpired)?;
            let step = totp(&factor.secret)?.check(&typed, seconds(cx.now));
            let accepted = match step {
                Some(step) => tx.use_step(&user.email, step).await?,
                None => tx.use_recovery_code(&user.email, &recovery_hash(&typed), cx.now).await?,
            };
            accepted.then(Vec::new)
        }
    };
    let Some(recovery_codes) = recovery_codes else {
        tx.fail_challenge(&hash).await?;
        tx.commit().await?;
        return Err(ApiError::WrongCode);
    };
    cx.limits.sign_in.succeeded(reserved);
    tx.delete_challenge(&hash).await?;
    let signed_in = start_session(cx, &mut tx, user).await?;
    tx.commit().await?;
    Ok((signed_in, recovery_codes))
}

/// The signed-in moderator's recovery codes left; `None` for anyone without a second factor.
pub async fn recovery_codes_left<S: Store>(cx: &Ctx<S>) -> Result<Option<u32>, ApiError> {
    let mut tx = cx.store.read().await?;
    let user = cx.signed_in(&mut tx).await?;
    if tx.second_factor(&user.email).await?.is_none() {
        return Ok(None);
    }
    Ok(Some(tx.recovery_codes_left(&user.email).await?))
}

/// A demo user's second factor, set when the demo data is seeded.
pub(super) async fn seed<T: Tx>(tx: &mut T, email: &Email, secret: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    totp(secret)?;
    tx.set_second_factor(email, &SecondFactor { secret: secret.into(), last_step: 0 }, &[], now).await
}
