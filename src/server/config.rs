//! Settings read from the environment.

use super::auth::SessionCookie;
use super::StartError;
use crate::store::sql::{SecretKey, SqlStore};
use std::path::{Path, PathBuf};
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
    /// How often callbacks to modules are sent; `None` (SOUK_DELIVERY_INTERVAL=0)
    /// leaves them to whoever calls `app::deliveries::send_due` (the tests).
    pub delivery_interval: Option<Duration>,
    /// `smtp://host:port`: notices are sent through it; without it they stay in the in-app outbox.
    pub smtp_url: Option<String>,
    /// The From of notices (SOUK_MAIL_FROM).
    pub mail_from: String,
    /// Where users reach the app (SOUK_PUBLIC_URL), for links in letters; without
    /// it, the address the moderator's browser used.
    pub public_url: Option<String>,
    /// What module secrets are sealed with: SOUK_SECRET_KEY (64 hex digits),
    /// else a key file created on first start next to the SQLite file (or in
    /// `data/` beside a PostgreSQL database). Never in the database.
    pub secret_key: SecretKeySource,
    /// Demo mode (SOUK_DEMO=1 or `--demo`): an empty database gets the demo
    /// data, whose passwords are public. Off, the server starts empty and an
    /// operator creates the first moderator (`souk-server user create`).
    pub demo: bool,
    /// The proxies in front of the server (SOUK_TRUSTED_PROXIES): only from
    /// them is `X-Forwarded-For` read for the client's address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The payment provider (SOUK_PAYMENTS_URL, SOUK_PAYMENTS_SHOP_ID,
    /// SOUK_PAYMENTS_SECRET). Without it, a demo pays on the stand-in it
    /// mounts at `/demo-payments`; any other server takes no top-ups.
    pub payments: Option<super::payments::PaymentsConfig>,
    /// Calls to modules may go to loopback and private addresses
    /// (SOUK_ALLOW_LOCAL_MODULES=1: `make run` and the tests, whose modules
    /// run on this machine); otherwise they are refused, so a listing cannot
    /// point the server at its own network.
    pub allow_local_modules: bool,
    /// Where the demo module's backend runs (SOUK_DEMO_MODULE_URL, default
    /// `http://127.0.0.1:8090`, as `make run` starts it): a demo's listing
    /// with simple connection is seeded pointing there.
    pub demo_module_url: String,
    /// The SMS gateway a new SMS service connection starts with
    /// (SOUK_SMS_GATEWAY_URL, default `http://127.0.0.1:8091`, the stand-in
    /// `make run` starts); each owner may point theirs elsewhere.
    pub sms_gateway_url: String,
    /// The selling billing a new handler's form starts with (SOUK_BILLMGR_URL,
    /// default `http://127.0.0.1:8092`, the stand-in `souk-server billmgr`).
    pub billmgr_url: String,
    /// The booking partner channels publish to (SOUK_BOOKING_URL, default
    /// `http://127.0.0.1:8093`, the stand-in `souk-server booking`;
    /// SOUK_BOOKING_PARTNER and SOUK_BOOKING_TOKEN, the stand-in's by default).
    pub booking: crate::app::builtins::BookingPartnerAt,
    /// Calls a second one API key may make to `/api/v5`
    /// (SOUK_MODULE_API_PER_SECOND, default 10, as RetailCRM allows).
    pub module_api_per_second: usize,
}

#[derive(Debug, Clone)]
pub enum SecretKeySource {
    Given(SecretKey),
    File(PathBuf),
}

/// SOUK_PUBLIC_URL as an origin: `http(s)://host[:port]`, without a path,
/// since pages' requests are checked against it.
pub fn public_origin(url: &str) -> Result<String, String> {
    let problem = || format!("SOUK_PUBLIC_URL must be http(s)://host[:port] with no path, not {url:?}");
    let uri: axum::http::Uri = url.parse().map_err(|_| problem())?;
    let scheme = uri.scheme_str().filter(|s| *s == "http" || *s == "https").ok_or_else(problem)?;
    let authority = uri.authority().filter(|a| !a.as_str().contains('@')).ok_or_else(problem)?;
    if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
        return Err(problem());
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    let host = authority.host().to_ascii_lowercase();
    Ok(match authority.port_u16().filter(|port| *port != default_port) {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

pub const DEFAULT_MAIL_FROM: &str = "Souk <no-reply@souk.localhost>";

/// A yes/no variable, off when unset.
/// The booking partner as configured, the stand-in's for what is not.
fn booking(
    url: Option<String>,
    partner: Option<String>,
    token: Option<String>,
) -> crate::app::builtins::BookingPartnerAt {
    let standin = crate::app::builtins::BookingPartnerAt::default();
    crate::app::builtins::BookingPartnerAt {
        url: url.unwrap_or(standin.url),
        partner: partner.unwrap_or(standin.partner),
        token: token.unwrap_or(standin.token),
    }
}

fn flag(value: Option<String>, name: &str) -> Result<bool, String> {
    match value.as_deref() {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => Err(format!("{name} must be 1 or 0, not {other:?}")),
    }
}

/// An interval in seconds, `default` when unset; 0 means none.
fn interval(value: Option<String>, name: &str, default: u64) -> Result<Option<Duration>, String> {
    let seconds = match value {
        Some(seconds) => seconds.parse().map_err(|_| format!("{name} must be seconds, not {seconds:?}"))?,
        None => default,
    };
    Ok((seconds > 0).then(|| Duration::from_secs(seconds)))
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let port = match var("PORT") {
            Some(port) => port.parse().map_err(|_| format!("PORT must be a port number, not {port:?}"))?,
            None => 8080,
        };
        let database_url = var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/souk.db".into());
        let secret_key = match var("SOUK_SECRET_KEY") {
            Some(hex) => SecretKeySource::Given(SecretKey::from_hex(&hex)?),
            None => SecretKeySource::File(key_file_beside(&database_url)),
        };
        Ok(Config {
            secret_key,
            host: var("SOUK_HOST").unwrap_or_else(|| "127.0.0.1".into()),
            port,
            database_url,
            dist: var("SOUK_DIST").map(PathBuf::from).unwrap_or_else(|| "dist".into()),
            billing_interval: interval(var("SOUK_BILLING_INTERVAL"), "SOUK_BILLING_INTERVAL", 60)?,
            delivery_interval: interval(var("SOUK_DELIVERY_INTERVAL"), "SOUK_DELIVERY_INTERVAL", 2)?,
            smtp_url: var("SOUK_SMTP_URL"),
            mail_from: var("SOUK_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            public_url: var("SOUK_PUBLIC_URL").map(|url| public_origin(&url)).transpose()?,
            demo: flag(var("SOUK_DEMO"), "SOUK_DEMO")?,
            trusted_proxies: super::client::parse_trusted(&var("SOUK_TRUSTED_PROXIES").unwrap_or_default())?,
            payments: payments(var("SOUK_PAYMENTS_URL"), var("SOUK_PAYMENTS_SHOP_ID"), var("SOUK_PAYMENTS_SECRET"))?,
            allow_local_modules: flag(var("SOUK_ALLOW_LOCAL_MODULES"), "SOUK_ALLOW_LOCAL_MODULES")?,
            demo_module_url: var("SOUK_DEMO_MODULE_URL").unwrap_or_else(super::demo_module::default_url),
            sms_gateway_url: var("SOUK_SMS_GATEWAY_URL")
                .unwrap_or_else(|| crate::domain::sms::settings::DEFAULT_GATEWAY.into()),
            billmgr_url: var("SOUK_BILLMGR_URL").unwrap_or_else(|| crate::domain::reseller::DEFAULT_BILLING.into()),
            booking: booking(var("SOUK_BOOKING_URL"), var("SOUK_BOOKING_PARTNER"), var("SOUK_BOOKING_TOKEN")),
            module_api_per_second: match var("SOUK_MODULE_API_PER_SECOND") {
                Some(calls) => calls
                    .parse()
                    .ok()
                    .filter(|&calls| calls > 0)
                    .ok_or_else(|| format!("SOUK_MODULE_API_PER_SECOND must be a positive number, not {calls:?}"))?,
                None => crate::app::limits::MODULE_API_PER_SECOND,
            },
        })
    }

    /// What serving needs beyond `from_env`: outside demo mode, where users
    /// reach the app, since requests are checked against it and letters link to it.
    pub fn check_for_serving(&self) -> Result<(), String> {
        if self.demo || self.public_url.is_some() {
            Ok(())
        } else {
            Err("SOUK_PUBLIC_URL is required (where users reach the app, e.g. https://souk.example); \
                 for a demo on this machine, run with --demo or SOUK_DEMO=1"
                .into())
        }
    }

    /// Whether users reach the app over HTTPS, as SOUK_PUBLIC_URL says.
    pub fn https(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }

    pub fn session_cookie(&self) -> SessionCookie {
        SessionCookie { secure: self.https() }
    }

    /// The database, migrated, with the module secrets' key.
    pub async fn store(&self) -> Result<SqlStore, StartError> {
        let key = match &self.secret_key {
            SecretKeySource::Given(key) => key.clone(),
            SecretKeySource::File(path) => SecretKey::load_or_create(path)
                .map_err(|e| StartError::SecretKey(format!("{}: {e}", path.display())))?,
        };
        Ok(SqlStore::connect(&self.database_url, &key).await?)
    }
}

/// The provider's three settings, all or none.
fn payments(
    url: Option<String>,
    shop_id: Option<String>,
    secret: Option<String>,
) -> Result<Option<super::payments::PaymentsConfig>, String> {
    match (url, shop_id, secret) {
        (None, None, None) => Ok(None),
        (Some(url), Some(shop_id), Some(secret)) => {
            let uri: axum::http::Uri = url.parse().map_err(|_| format!("SOUK_PAYMENTS_URL is not a URL: {url:?}"))?;
            if !matches!(uri.scheme_str(), Some("https" | "http")) || uri.host().is_none() {
                return Err(format!("SOUK_PAYMENTS_URL must be https://host/path, not {url:?}"));
            }
            Ok(Some(super::payments::PaymentsConfig { url, shop_id, secret }))
        }
        _ => Err("SOUK_PAYMENTS_URL, SOUK_PAYMENTS_SHOP_ID and SOUK_PAYMENTS_SECRET go together: set all three".into()),
    }
}

/// `secret.key` in the SQLite file's folder; `data/secret.key` for PostgreSQL.
pub fn key_file_beside(database_url: &str) -> PathBuf {
    let folder = database_url
        .strip_prefix("sqlite:")
        .map(|path| path.trim_start_matches("//"))
        .map(|path| path.split('?').next().unwrap_or(path))
        .and_then(|file| Path::new(file).parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("data"));
    folder.join("secret.key")
}
