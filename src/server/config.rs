//! Settings read from the environment.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// The app built by Trunk.
    pub dist: PathBuf,
    /// How often billing runs; `None` (SOUK_BILLING_INTERVAL=0) leaves it to `souk-server billing`.
    pub billing_interval: Option<Duration>,
    /// `smtp://host:port`: notices are sent through it; without it they stay in the in-app outbox.
    pub smtp_url: Option<String>,
    /// The From of notices (SOUK_MAIL_FROM).
    pub mail_from: String,
    /// Where users reach the app (SOUK_PUBLIC_URL), for links in letters; without
    /// it, the address the moderator's browser used.
    pub public_url: Option<String>,
}

pub const DEFAULT_MAIL_FROM: &str = "Souk <no-reply@souk.localhost>";

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let port = match var("PORT") {
            Some(port) => port.parse().map_err(|_| format!("PORT must be a port number, not {port:?}"))?,
            None => 8080,
        };
        Ok(Config {
            host: var("SOUK_HOST").unwrap_or_else(|| "127.0.0.1".into()),
            port,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/souk.db".into()),
            dist: var("SOUK_DIST").map(PathBuf::from).unwrap_or_else(|| "dist".into()),
            billing_interval: match var("SOUK_BILLING_INTERVAL") {
                Some(seconds) => {
                    let seconds: u64 = seconds
                        .parse()
                        .map_err(|_| format!("SOUK_BILLING_INTERVAL must be seconds, not {seconds:?}"))?;
                    (seconds > 0).then(|| Duration::from_secs(seconds))
                }
                None => Some(Duration::from_secs(60)),
            },
            smtp_url: var("SOUK_SMTP_URL"),
            mail_from: var("SOUK_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            public_url: var("SOUK_PUBLIC_URL").map(|url| url.trim_end_matches('/').to_string()),
        })
    }
}
