//! The server benchmarks' Souk: the demo, in this process, on an ephemeral
//! loopback port, with no background runs; and signing in as a demo user.
// Each benchmark including this file uses a part of it.
#![allow(dead_code)]

use souk::server::config::SecretKeySource;
use souk::server::{self, Config, RunningServer};
use souk::store::sql::SecretKey;

pub type Failure = Box<dyn std::error::Error + Send + Sync>;

pub struct DemoServer {
    pub running: RunningServer,
    pub base: String,
    pub database_url: String,
    pub key: SecretKey,
}

/// The demo on SQLite in `dir`, the module API's per-key limit raised to
/// `module_api_per_second` (the default, 10 a second, would answer most of
/// a benchmark's calls 503).
pub async fn start(dir: &std::path::Path, module_api_per_second: usize) -> Result<DemoServer, Failure> {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist)?;
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Souk</title>")?;
    let key = SecretKey::load_or_create(&dir.join("secret.key"))?;
    let database_url = format!("sqlite://{}", dir.join("souk.db").display());
    let mut config = Config::from_env()?;
    config.port = 0;
    config.database_url = database_url.clone();
    config.dist = dist;
    config.secret_key = SecretKeySource::Given(key.clone());
    config.demo = true;
    config.public_url = None;
    config.billing_interval = None;
    config.delivery_interval = None;
    config.module_api_per_second = module_api_per_second;
    let running = server::start(config).await?;
    let base = format!("http://{}", running.addr);
    Ok(DemoServer { running, base, database_url, key })
}

/// A demo user's session cookie, as the sign-in answer sets it.
pub async fn sign_in(base: &str, email: &str, password: &str) -> Result<String, Failure> {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/sign_in"))
        .header("origin", base)
        .json(&serde_json::json!({ "email": email, "password": password }))
        .send()
        .await?
        .error_for_status()?;
    let cookie = response.headers().get_all("set-cookie").iter().find_map(|value| {
        let value = value.to_str().ok()?;
        let pair = value.split(';').next()?;
        pair.contains("session=").then(|| pair.to_string())
    });
    cookie.ok_or_else(|| format!("signing in as {email} set no session cookie").into())
}
