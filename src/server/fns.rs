//! What the server functions of `crate::api` do on the server: every rule is
//! checked here, whatever the browser already checked.

use super::auth;
use super::db::from_kopecks;
use super::AppState;
use crate::api::types::AccountView;
use crate::api::{ApiError, CatalogModule, SessionInfo, UserView};
use crate::domain::{visibility, Account, ApiVersion, Lang, Listing, Role};
use axum::extract::ConnectInfo;
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

/// Server functions live in a library, where `inventory` registration can be
/// dropped by the linker; registering them by hand is reliable.
pub fn register() {
    use crate::api::{auth, catalog};
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<auth::CurrentSession>();
    register_explicit::<auth::SignIn>();
    register_explicit::<auth::SignOut>();
    register_explicit::<catalog::Catalog>();
    use crate::api::billing;
    register_explicit::<billing::Billing>();
    register_explicit::<billing::Activate>();
    register_explicit::<billing::DeactivateConnection>();
    register_explicit::<billing::DeactivateModule>();
    register_explicit::<billing::RenameConnection>();
    register_explicit::<billing::TopUp>();
    register_explicit::<billing::History>();
    register_explicit::<billing::HistoryCsv>();
    register_explicit::<billing::Notifications>();
    use crate::api::{moderation, partner};
    register_explicit::<partner::MyListings>();
    register_explicit::<partner::OpenListing>();
    register_explicit::<partner::SaveListing>();
    register_explicit::<partner::SubmitListing>();
    register_explicit::<partner::CodeAvailable>();
    register_explicit::<partner::RotateSecret>();
    register_explicit::<moderation::ReviewQueue>();
    register_explicit::<moderation::ApproveListing>();
    register_explicit::<moderation::RejectListing>();
    register_explicit::<moderation::AddSection>();
    use crate::api::applications;
    register_explicit::<applications::Apply>();
    register_explicit::<applications::Applications>();
    register_explicit::<applications::ApproveApplication>();
    register_explicit::<applications::DeclineApplication>();
    register_explicit::<applications::OpenInvitation>();
    register_explicit::<applications::AcceptInvitation>();
}

pub async fn current_session() -> Result<Option<SessionInfo>, ApiError> {
    answer(async {
        match signed_in_user().await {
            Ok(user) => Ok(Some(session_info(&state()?, user).await?)),
            Err(ApiError::NotSignedIn) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}

pub async fn sign_in(email: String, password: String) -> Result<SessionInfo, ApiError> {
    answer(async {
        let state = state()?;
        let email = email.trim().to_lowercase();
        let address = client_address();
        if state.sign_in_limits.check(&email, address, Instant::now()).is_err() {
            return Err(ApiError::TooManyAttempts);
        }
        let row =
            sqlx::query("SELECT email, name, role, account_id, company, password_hash FROM users WHERE email = $1")
                .bind(&email)
                .fetch_optional(&state.db.pool)
                .await
                .map_err(internal)?;
        let stored = row.as_ref().map(|r| r.get::<String, _>("password_hash"));
        if !auth::verify_password(password, stored).await {
            state.sign_in_limits.failed(&email, address, Instant::now());
            return Err(ApiError::BadCredentials);
        }
        state.sign_in_limits.succeeded(&email);
        let user = row.map(|r| user_row(&r)).transpose()?.ok_or(ApiError::BadCredentials)?;
        start_session(&state, user).await
    })
    .await
}

/// Signs `user` in: a new session, its cookie, and what the app needs to know.
pub(super) async fn start_session(state: &AppState, user: UserRow) -> Result<SessionInfo, ApiError> {
    let token = auth::random_token();
    let expires = chrono::Utc::now().timestamp() + auth::SESSION_DAYS * 24 * 3600;
    sqlx::query("INSERT INTO sessions (token_hash, email, expires_at) VALUES ($1, $2, $3)")
        .bind(auth::token_hash(&token))
        .bind(&user.email)
        .bind(expires)
        .execute(&state.db.pool)
        .await
        .map_err(internal)?;
    set_cookie(&auth::session_cookie(&token, request_is_https()));
    session_info(state, user).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    answer(async {
        let state = state()?;
        if let Some(token) = request_token() {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(auth::token_hash(&token))
                .execute(&state.db.pool)
                .await
                .map_err(internal)?;
        }
        set_cookie(&auth::expired_cookie());
        Ok(())
    })
    .await
}

pub async fn catalog() -> Result<Vec<CatalogModule>, ApiError> {
    answer(async {
        let state = state()?;
        let user = signed_in_user().await?;
        let account = match &user.account_id {
            Some(id) => Some(load_account(&state, id).await?.account),
            None => None,
        };
        let rows = sqlx::query("SELECT listing, logo_svg FROM modules ORDER BY code")
            .fetch_all(&state.db.pool)
            .await
            .map_err(internal)?;
        let mut modules = Vec::with_capacity(rows.len());
        for row in rows {
            let listing: Listing = serde_json::from_str(&row.get::<String, _>("listing")).map_err(internal)?;
            // Partners and moderators have no account: they browse every published module.
            if account.as_ref().is_some_and(|a| !visibility::is_visible(&listing, a)) {
                continue;
            }
            let logo_url = logo_url(&listing.code, &row.get::<String, _>("logo_svg"));
            modules.push(CatalogModule { listing, logo_url });
        }
        Ok(modules)
    })
    .await
}

/// The logo's address, versioned by its content so it can be cached for long.
fn logo_url(code: &str, svg: &str) -> String {
    let digest = hex::encode(Sha256::digest(svg.as_bytes()));
    format!("/logos/{code}.svg?v={}", &digest[..12])
}

pub(super) struct UserRow {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub account_id: Option<String>,
    pub company: Option<String>,
}

pub(super) fn user_row(row: &sqlx::any::AnyRow) -> Result<UserRow, ApiError> {
    let role: String = row.get("role");
    Ok(UserRow {
        email: row.get("email"),
        name: row.get("name"),
        role: Role::from_code(&role).ok_or_else(|| internal(format!("unknown role {role:?}")))?,
        account_id: row.get("account_id"),
        company: row.get("company"),
    })
}

pub(super) async fn signed_in_user() -> Result<UserRow, ApiError> {
    let state = state()?;
    let token = request_token().ok_or(ApiError::NotSignedIn)?;
    let row = sqlx::query(
        "SELECT u.email, u.name, u.role, u.account_id, u.company FROM sessions s JOIN users u ON u.email = s.email \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(auth::token_hash(&token))
    .bind(chrono::Utc::now().timestamp())
    .fetch_optional(&state.db.pool)
    .await
    .map_err(internal)?
    .ok_or(ApiError::NotSignedIn)?;
    user_row(&row)
}

async fn session_info(state: &AppState, user: UserRow) -> Result<SessionInfo, ApiError> {
    let account = match &user.account_id {
        Some(id) => Some(load_account(state, id).await?),
        None => None,
    };
    Ok(SessionInfo {
        user: UserView { email: user.email, name: user.name, role: user.role, company: user.company },
        account,
    })
}

pub(super) async fn load_account(state: &AppState, id: &str) -> Result<AccountView, ApiError> {
    let row = sqlx::query(
        "SELECT id, name, countries, api_version, lang, timezone, balance_kopecks FROM accounts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await
    .map_err(internal)?
    .ok_or_else(|| internal(format!("account {id} is missing")))?;
    let api_version: String = row.get("api_version");
    let lang: String = row.get("lang");
    let account = Account {
        id: row.get("id"),
        name: row.get("name"),
        countries: serde_json::from_str(&row.get::<String, _>("countries")).map_err(internal)?,
        api_version: ApiVersion::from_code(&api_version).ok_or_else(|| internal("bad api_version"))?,
        lang: Lang::from_code(&lang).ok_or_else(|| internal("bad lang"))?,
        timezone: row.get("timezone"),
    };
    Ok(AccountView { account, balance: from_kopecks(row.get("balance_kopecks")) })
}

pub(super) fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| internal("no AppState in context"))
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

fn request_token() -> Option<String> {
    let parts = request_parts()?;
    let cookies = parts.headers.get_all(header::COOKIE);
    cookies.iter().filter_map(|value| value.to_str().ok()).find_map(auth::session_token).map(str::to_owned)
}

/// The peer's address, as the listener saw it.
pub(super) fn client_address() -> Option<IpAddr> {
    request_parts()?.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())
}

fn request_is_https() -> bool {
    request_parts()
        .and_then(|parts| parts.headers.get("x-forwarded-proto").cloned())
        .is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// `scheme://host` as the browser reached the server, for links in letters.
pub(super) fn request_origin() -> Option<String> {
    let parts = request_parts()?;
    let host = parts.headers.get("x-forwarded-host").or_else(|| parts.headers.get(header::HOST))?.to_str().ok()?;
    let scheme = if request_is_https() { "https" } else { "http" };
    Some(format!("{scheme}://{host}"))
}

fn set_cookie(cookie: &str) {
    if let (Some(options), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(cookie)) {
        options.append_header(header::SET_COOKIE, value);
    }
}

/// Answers an error with its HTTP status, so clients other than the app can tell.
pub(super) async fn answer<T>(work: impl std::future::Future<Output = Result<T, ApiError>>) -> Result<T, ApiError> {
    let result = work.await;
    if let (Err(error), Some(options)) = (&result, use_context::<ResponseOptions>()) {
        options.set_status(StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    }
    result
}

pub(super) fn internal(error: impl std::fmt::Display) -> ApiError {
    tracing::error!("{error}");
    ApiError::Internal
}
