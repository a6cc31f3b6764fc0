//! The server's edge: a use case runs on the SQL store at the server's clock,
//! for the session in the request's cookie, and its error becomes the
//! answer's HTTP status, so clients other than the app can tell.

use crate::api::ApiError;
use crate::app::passwords::Passwords;
use crate::app::session::SignedIn;
use crate::app::tokens::SessionToken;
use crate::app::Ctx;
use crate::server::{auth, AppState};
use crate::store::sql::SqlStore;
use axum::extract::ConnectInfo;
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::future::Future;
use std::net::SocketAddr;

pub async fn serve<T, F>(use_case: impl FnOnce(Ctx<SqlStore>) -> F) -> Result<T, ApiError>
where
    F: Future<Output = Result<T, ApiError>>,
{
    let result = match context() {
        Ok(cx) => use_case(cx).await,
        Err(error) => Err(error),
    };
    if let (Err(error), Some(options)) = (&result, use_context::<ResponseOptions>()) {
        options.set_status(StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    }
    result
}

fn context() -> Result<Ctx<SqlStore>, ApiError> {
    let state = use_context::<AppState>().ok_or_else(|| {
        tracing::error!("a server function ran without the AppState");
        ApiError::Internal
    })?;
    let parts = use_context::<Parts>();
    let origin = state.config.public_url.clone().or_else(|| parts.as_ref().and_then(origin)).unwrap_or_default();
    Ok(Ctx {
        store: state.store.clone(),
        now: chrono::Utc::now(),
        session: parts.as_ref().and_then(session),
        client: parts.as_ref().and_then(|p| p.extensions.get::<ConnectInfo<SocketAddr>>()).map(|info| info.0.ip()),
        origin,
        limits: state.limits.clone(),
        passwords: Passwords::Server,
    })
}

fn session(parts: &Parts) -> Option<SessionToken> {
    let cookies = parts.headers.get_all(header::COOKIE);
    cookies.iter().filter_map(|value| value.to_str().ok()).find_map(auth::session_token).map(SessionToken::from_cookie)
}

fn is_https(parts: &Parts) -> bool {
    parts.headers.get("x-forwarded-proto").is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// `scheme://host` as the browser reached the server, for links in letters.
fn origin(parts: &Parts) -> Option<String> {
    let host = parts.headers.get("x-forwarded-host").or_else(|| parts.headers.get(header::HOST))?.to_str().ok()?;
    let scheme = if is_https(parts) { "https" } else { "http" };
    Some(format!("{scheme}://{host}"))
}

/// The new session's cookie goes with the answer.
pub fn remember(signed_in: SignedIn) -> crate::api::SessionInfo {
    let secure = use_context::<Parts>().is_some_and(|parts| is_https(&parts));
    set_cookie(&auth::session_cookie(signed_in.token.as_str(), secure));
    signed_in.info
}

pub fn forget_session() {
    set_cookie(&auth::expired_cookie());
}

fn set_cookie(cookie: &str) {
    if let (Some(options), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(cookie)) {
        options.append_header(header::SET_COOKIE, value);
    }
}
