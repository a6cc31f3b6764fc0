//! The session cookie. Its value is the session's token
//! (`crate::app::tokens::SessionToken`); it is `HttpOnly` and
//! `SameSite=Strict`. When the app is served over HTTPS (SOUK_PUBLIC_URL says
//! so; a request header never decides it) it is also `Secure` and named with
//! the `__Host-` prefix, so no sibling subdomain can set or shadow it.

/// The cookie's attributes, fixed by the configuration at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionCookie {
    pub secure: bool,
}

impl SessionCookie {
    pub fn name(self) -> &'static str {
        if self.secure {
            "__Host-souk_session"
        } else {
            "souk_session"
        }
    }

    /// The session token from a `Cookie` header, if there is one.
    pub fn token(self, cookie_header: &str) -> Option<&str> {
        cookie_header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name())
            .map(|(_, value)| value)
            .filter(|value| !value.is_empty())
    }

    pub fn set(self, token: &str) -> String {
        self.cookie(token, crate::app::session::SESSION_HOURS * 3600)
    }

    pub fn expired(self) -> String {
        self.cookie("", 0)
    }

    fn cookie(self, value: &str, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}", self.name())
    }
}
