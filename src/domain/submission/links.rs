//! Addresses a listing gives: absolute `https://` URLs, with plain
//! `http://localhost` allowed while a partner develops.

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
    let url = url::Url::parse(text.trim()).map_err(|_| UrlError::NotAbsolute)?;
    let host = url.host_str().filter(|h| !h.is_empty()).ok_or(UrlError::NotAbsolute)?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if matches!(host, "localhost" | "127.0.0.1" | "[::1]") => Ok(()),
        _ => Err(UrlError::NotHttps),
    }
}
