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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        assert_eq!(session_token("a=1; souk_session=abc; b=2"), Some("abc"));
        assert_eq!(session_token("souk_session="), None);
        assert_eq!(session_token("other=x"), None);
    }

    #[test]
    fn cookie_is_http_only_and_same_site() {
        let cookie = session_cookie("t", false);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"));
        assert!(session_cookie("t", true).ends_with("; Secure"));
    }
}
