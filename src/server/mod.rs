//! The axum server: the app's edges, the module API, storage, static files,
//! the billing timer and the mail sender (feature `server`).

pub mod auth;
pub mod billing;
pub mod billmgr;
pub mod booking;
pub mod callbacks;
pub mod client;
pub mod config;
pub mod csrf;
pub mod demo_module;
pub mod headers;
pub mod logos;
pub mod mail;
pub mod module_api;
pub mod outgoing;
pub mod payments;
pub mod router;
pub mod seed;
pub mod smsc;
pub mod statics;

pub use config::Config;

use crate::app::limits::{Limits, ModuleApiLimits};
use crate::app::payments::{Payments, ProviderError};
use crate::store::sql::SqlStore;
use crate::store::StoreError;
use axum::serve::ListenerExt;
use payments::{HttpProvider, PaymentsConfig};
use std::net::SocketAddr;
use std::sync::Arc;

/// What every request handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub store: SqlStore,
    pub config: Arc<Config>,
    pub limits: Arc<Limits>,
    pub payments: Payments,
    /// The payment provider's stand-in, mounted in a demo with no provider.
    pub standin: Option<Arc<payments::standin::Standin>>,
    /// Calls to modules' backends.
    pub modules: Arc<dyn crate::app::module_calls::ModuleCalls>,
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
        seed::seed_demo_if_empty(&store, &config.demo_module_url).await?;
    }
    if let Some(interval) = config.billing_interval {
        billing::spawn_scheduler(store.clone(), interval);
    }
    if let Some(smtp) = &config.smtp_url {
        mail::spawn_sender(store.clone(), smtp, &config.mail_from)?;
    }
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let system_url = config.public_url.clone().unwrap_or_else(|| format!("http://{addr}"));
    let modules = outgoing::ModuleClient::new(config.allow_local_modules, system_url)
        .map_err(|e| StartError::Config(format!("the client of modules: {e}")))?;
    if let Some(interval) = config.delivery_interval {
        callbacks::spawn_sender(store.clone(), modules.clone(), config.booking.clone(), interval);
    }
    let (payments, standin) = payments_of(&config, addr).map_err(|e| StartError::Config(e.to_string()))?;
    let modules = Arc::new(modules);
    let limits = Limits { module_api: ModuleApiLimits::allowing(config.module_api_per_second), ..Limits::default() };
    let state = AppState { store, config: Arc::new(config), limits: Arc::new(limits), payments, standin, modules };
    // The peer address reaches the handlers: sign-in attempts are limited per address too.
    let app = router::app(state).into_make_service_with_connect_info::<SocketAddr>();
    // Each answer leaves as written: otherwise a streamed body (a file) waits
    // behind its headers for the client's delayed acknowledgement, ~40 ms.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(RunningServer { addr, task })
}

/// The configured provider; in a demo without one, the stand-in this server
/// mounts, called over loopback like any provider; otherwise none.
fn payments_of(
    config: &Config,
    addr: SocketAddr,
) -> Result<(Payments, Option<Arc<payments::standin::Standin>>), ProviderError> {
    if let Some(provider) = &config.payments {
        return Ok((Payments::Provider(Arc::new(HttpProvider::new(provider.clone())?)), None));
    }
    if !config.demo {
        return Ok((Payments::Off, None));
    }
    let own = format!("http://{addr}");
    let public = config.public_url.clone().unwrap_or_else(|| own.clone());
    let secret = crate::app::tokens::random_hex(16);
    let standin = payments::standin::Standin::new(
        "demo-shop",
        &secret,
        &format!("{public}{}", payments::STANDIN_PATH),
        &format!("{own}{}", payments::NOTIFICATIONS_PATH),
    );
    let provider = HttpProvider::new(PaymentsConfig {
        url: format!("{own}{}/v3", payments::STANDIN_PATH),
        shop_id: "demo-shop".into(),
        secret,
    })?;
    Ok((Payments::Provider(Arc::new(provider)), Some(standin)))
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
