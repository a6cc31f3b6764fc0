//! The axum server: server functions, storage, static files (feature `server`).

pub mod account_fns;
pub mod application_fns;
pub mod auth;
pub mod billing;
pub mod config;
pub mod db;
pub mod fns;
pub mod ledgers;
pub mod limits;
pub mod logos;
pub mod mail;
pub mod moderation_fns;
pub mod partner_fns;
pub mod router;
pub mod seed;
pub mod statics;
pub mod submissions;

pub use config::Config;
pub use db::Db;

use std::net::SocketAddr;
use std::sync::Arc;

/// What every request handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub sign_in_limits: Arc<limits::SignInLimits>,
    pub application_limits: Arc<limits::ApplicationLimits>,
}

/// A server listening on its port, serving until the process ends.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Connects to the database, migrates it, seeds the demo data into an empty
/// one, and starts answering on `config.port` (0 picks a free port).
pub async fn start(config: Config) -> Result<RunningServer, StartError> {
    let db = Db::connect(&config.database_url).await?;
    seed::seed_demo_if_empty(&db).await?;
    if let Some(interval) = config.billing_interval {
        billing::spawn_scheduler(db.clone(), interval);
    }
    if let Some(smtp) = &config.smtp_url {
        mail::spawn_sender(db.clone(), smtp, &config.mail_from)?;
    }
    fns::register();
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let state =
        AppState { db, config: Arc::new(config), sign_in_limits: Arc::default(), application_limits: Arc::default() };
    // The peer address reaches the handlers: sign-in attempts are limited per address too.
    let app = router::app(state).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(RunningServer { addr, task })
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("demo data: {0}")]
    Demo(#[from] serde_json::Error),
    #[error("demo ledgers: {0}")]
    Seed(ledgers::Error),
    #[error("demo listings: {0}")]
    Api(crate::api::ApiError),
    #[error("mail: {0}")]
    Mail(String),
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}
