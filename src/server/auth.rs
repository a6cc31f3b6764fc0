//! The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS. Its value
//! is the session's token (`crate::app::tokens::SessionToken`).

pub const SESSION_COOKIE: &str = "souk_session";

/// The session token from a `Cookie` header, if there is one.
pub fn session_token(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// `Secure` is added when the request came through HTTPS (a proxy says so).
pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = crate::app::session::SESSION_DAYS * 24 * 3600;
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

pub fn expired_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}
