//! Sign-in, sign-out and the current session.

use super::types::{SecondFactorDone, SignInAnswer};
use super::{ApiError, SessionInfo};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "session", input = Json))]
pub async fn current_session() -> Result<Option<SessionInfo>, ApiError> {
    run!(session::current_session())
}

/// The password step: a session, or (a moderator) the second factor next.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "sign_in", input = Json))]
pub async fn sign_in(email: String, password: String) -> Result<SignInAnswer, ApiError> {
    use crate::app::second_factor::SignInStep;
    crate::api::edge::serve(async |cx| {
        Ok(match crate::app::session::sign_in(cx, &email, &password).await? {
            SignInStep::SignedIn(signed_in) => SignInAnswer::SignedIn(crate::api::edge::remember(signed_in)),
            SignInStep::Code { challenge, demo_code } => {
                SignInAnswer::Code { challenge: challenge.as_str().into(), demo_code }
            }
            SignInStep::Enrol { challenge, secret, otpauth, qr, demo_code } => {
                SignInAnswer::Enrol { challenge: challenge.as_str().into(), secret, otpauth, qr, demo_code }
            }
        })
    })
    .await
}

/// The second step of a moderator's sign-in: the code from the app, or a recovery code.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "second_factor", input = Json))]
pub async fn second_factor(challenge: String, code: String) -> Result<SecondFactorDone, ApiError> {
    crate::api::edge::serve(async |cx| {
        let (signed_in, recovery_codes) = crate::app::second_factor::second_factor(cx, &challenge, &code).await?;
        Ok(SecondFactorDone { session: crate::api::edge::remember(signed_in), recovery_codes })
    })
    .await
}

/// How many unused recovery codes the signed-in moderator has; `None` without a second factor.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "recovery_codes_left", input = Json))]
pub async fn recovery_codes_left() -> Result<Option<u32>, ApiError> {
    run!(second_factor::recovery_codes_left())
}

/// Ends the session; the browser forgets it even if the store could not.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "sign_out", input = Json))]
pub async fn sign_out() -> Result<(), ApiError> {
    let ended = run!(session::sign_out());
    crate::api::edge::forget_session();
    ended
}

/// Ends every session of the user, this one too.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "sign_out_everywhere", input = Json))]
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    let ended = run!(session::sign_out_everywhere());
    if ended.is_ok() {
        crate::api::edge::forget_session();
    }
    ended
}

/// A new password, after the current one; the user's other sessions end.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "change_password", input = Json))]
pub async fn change_password(current: String, new: String, again: String) -> Result<(), ApiError> {
    run!(session::change_password(&current, &new, &again))
}

/// The zone a partner or a moderator reads times in.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "set_timezone", input = Json))]
pub async fn set_timezone(timezone: String) -> Result<SessionInfo, ApiError> {
    run!(session::set_timezone(&timezone))
}
