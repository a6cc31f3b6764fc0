//! The axum server: the app's edges, the module API, storage, static files,
//! the billing timer and the mail sender (feature `server`).

pub mod auth;
pub mod billing;
pub mod client;
pub mod config;
pub mod csrf;
pub mod headers;
pub mod logos;
pub mod mail;
pub mod router;
pub mod seed;
pub mod statics;

pub use config::Config;

use crate::app::limits::Limits;
use crate::store::sql::SqlStore;
use crate::store::StoreError;
use std::net::SocketAddr;
use std::sync::Arc;

/// What every request handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub store: SqlStore,
    pub config: Arc<Config>,
    pub limits: Arc<Limits>,
}

/// A server listening on its port, serving until the process ends.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Connects to the database, migrates it, seeds the demo data into an empty
/// one in demo mode, and starts answering on `config.port` (0 picks a free port).
pub async fn start(config: Config) -> Result<RunningServer, StartError> {
    config.check_for_serving().map_err(StartError::Config)?;
    let store = config.store().await?;
    if config.demo {
        seed::seed_demo_if_empty(&store).await?;
    }
    if let Some(interval) = config.billing_interval {
        billing::spawn_scheduler(store.clone(), interval);
    }
    if let Some(smtp) = &config.smtp_url {
        mail::spawn_sender(store.clone(), smtp, &config.mail_from)?;
    }
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let state = AppState { store, config: Arc::new(config), limits: Arc::default() };
    // The peer address reaches the handlers: sign-in attempts are limited per address too.
    let app = router::app(state).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(RunningServer { addr, task })
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("secret key: {0}")]
    SecretKey(String),
    #[error("demo data: {0}")]
    Demo(#[from] serde_json::Error),
    #[error("mail: {0}")]
    Mail(String),
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}
