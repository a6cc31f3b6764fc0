//! Addresses a listing gives: absolute `https://` URLs, with plain
//! `http://localhost` allowed while a partner develops. Checked by hand: the
//! `url` crate's IDNA tables would add ~150 KB to the browser's wasm, and the
//! rule needs only the scheme and a well-formed host.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlError {
    /// Not an absolute URL with a host.
    NotAbsolute,
    /// An absolute URL, but not `https://`.
    NotHttps,
}

pub fn check_url(text: &str) -> Result<(), UrlError> {
    let text = text.trim();
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlError::NotAbsolute);
    }
    let (scheme, rest) = text.split_once("://").ok_or(UrlError::NotAbsolute)?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, after)| after);
    let (host, port) = match host_and_port.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']').ok_or(UrlError::NotAbsolute)?;
            (format!("[{address}]"), after.strip_prefix(':'))
        }
        None => match host_and_port.split_once(':') {
            Some((host, port)) => (host.to_string(), Some(port)),
            None => (host_and_port.to_string(), None),
        },
    };
    if !scheme_ok
        || !well_formed_host(&host)
        || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(UrlError::NotAbsolute);
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if matches!(host.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "[::1]") => Ok(()),
        _ => Err(UrlError::NotHttps),
    }
}

/// Dot-separated labels of letters (any script), digits and inner hyphens, or an IPv6 literal.
fn well_formed_host(host: &str) -> bool {
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !v6.is_empty() && v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}
