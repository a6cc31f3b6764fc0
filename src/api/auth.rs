//! Sign-in, sign-out and the current session.

use super::{ApiError, SessionInfo};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "session", input = Json))]
pub async fn current_session() -> Result<Option<SessionInfo>, ApiError> {
    run!(session::current_session())
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "sign_in", input = Json))]
pub async fn sign_in(email: String, password: String) -> Result<SessionInfo, ApiError> {
    crate::api::edge::serve(|cx| async move {
        let signed_in = crate::app::session::sign_in(&cx, &email, &password).await?;
        Ok(crate::api::edge::remember(signed_in))
    })
    .await
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
