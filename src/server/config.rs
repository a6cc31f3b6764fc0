//! Settings read from the environment.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// The app built by Trunk.
    pub dist: PathBuf,
}

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
        })
    }
}
