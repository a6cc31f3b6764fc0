//! The server's edge: a use case runs on the SQL store at the server's clock,
//! for the session in the request's cookie, and its error becomes the
//! answer's HTTP status, so clients other than the app can tell.

use crate::api::ApiError;
use crate::app::passwords::Passwords;
use crate::app::session::SignedIn;
use crate::app::tokens::SessionToken;
use crate::app::Ctx;
use crate::server::auth::SessionCookie;
use crate::server::client::client_address;
use crate::server::csrf::request_origin;
use crate::server::AppState;
use crate::store::sql::SqlStore;
use axum::extract::ConnectInfo;
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::SocketAddr;

pub async fn serve<T>(use_case: impl AsyncFnOnce(&Ctx<SqlStore>) -> Result<T, ApiError>) -> Result<T, ApiError> {
    let result = match context() {
        Ok(cx) => {
            let result = use_case(&cx).await;
            // The answer stands: the session slides at the next call instead.
            if let Err(error) = crate::app::session::keep_alive(&cx).await {
                tracing::warn!(%error, "a session could not be kept alive");
            }
            result
        }
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
    Ok(context_of(&state, use_context::<Parts>().as_ref()))
}

/// The context of a use case called by the request with these `parts`.
pub fn context_of(state: &AppState, parts: Option<&Parts>) -> Ctx<SqlStore> {
    let origin = state.config.public_url.clone().or_else(|| parts.and_then(|p| request_origin(&p.headers)));
    let cookie = state.config.session_cookie();
    Ctx {
        store: state.store.clone(),
        now: chrono::Utc::now(),
        session: parts.and_then(|parts| session(parts, cookie)),
        client: parts.and_then(|parts| {
            let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip();
            Some(client_address(peer, &parts.headers, &state.config.trusted_proxies))
        }),
        origin: origin.unwrap_or_default(),
        limits: state.limits.clone(),
        passwords: Passwords::Server,
        demo_mail: state.config.demo && state.config.smtp_url.is_none(),
        demo: state.config.demo,
        payments: state.payments.clone(),
        modules: state.modules.clone(),
        outside: crate::app::builtins::Outside {
            sms_gateway: state.config.sms_gateway_url.clone(),
            billing: state.config.billmgr_url.clone(),
            booking: state.config.booking.clone(),
        },
        session_times: Default::default(),
    }
}

fn session(parts: &Parts, cookie: SessionCookie) -> Option<SessionToken> {
    let cookies = parts.headers.get_all(header::COOKIE);
    cookies.iter().filter_map(|value| value.to_str().ok()).find_map(|h| cookie.token(h)).map(SessionToken::from_cookie)
}

fn session_cookie() -> Option<SessionCookie> {
    use_context::<AppState>().map(|state| state.config.session_cookie())
}

/// The new session's cookie goes with the answer.
pub fn remember(signed_in: SignedIn) -> crate::api::SessionInfo {
    if let Some(cookie) = session_cookie() {
        set_cookie(&cookie.set(signed_in.token.as_str()));
    }
    signed_in.info
}

pub fn forget_session() {
    if let Some(cookie) = session_cookie() {
        set_cookie(&cookie.expired());
    }
}

fn set_cookie(cookie: &str) {
    if let (Some(options), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(cookie)) {
        options.append_header(header::SET_COOKIE, value);
    }
}
