//! Calls to modules' backends, as the use cases make them (simple
//! connection's configuration and registration, lifecycle callbacks, built-ins'
//! outside systems): HTTP on
//! the server (`crate::server::outgoing`), a simulation in the offline preview.

use std::future::Future;
use std::pin::Pin;

/// What an attempt to call a module came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOutcome {
    pub status: Option<u16>,
    pub body: String,
    pub latency_ms: u32,
    pub error: Option<String>,
}

pub type Call<'a> = Pin<Box<dyn Future<Output = CallOutcome> + Send + 'a>>;

pub trait ModuleCalls: Send + Sync {
    /// The platform's address, the `systemUrl` modules are told.
    fn system_url(&self) -> String;
    /// By default (a caller standing in for one outside system) no module is reached.
    fn get<'a>(&'a self, url: &'a str) -> Call<'a> {
        Box::pin(std::future::ready(unreachable(url)))
    }
    /// `POST` of `fields`, form-urlencoded, to `url`.
    fn post<'a>(&'a self, url: &'a str, _fields: &'a [(&'a str, String)]) -> Call<'a> {
        Box::pin(std::future::ready(unreachable(url)))
    }
    /// A JSON call; by default none is reached.
    fn send_json<'a>(&'a self, call: &'a JsonCall) -> Call<'a> {
        Box::pin(std::future::ready(unreachable(&call.url)))
    }
}

/// A call of a JSON API with a bearer token (the booking partner's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonCall {
    /// `POST`, `PATCH`, `DELETE`, …
    pub method: &'static str,
    pub url: String,
    pub bearer: String,
    pub body: Option<String>,
}

/// What a caller answers for an address it does not reach.
pub fn unreachable(url: &str) -> CallOutcome {
    CallOutcome { status: None, body: String::new(), latency_ms: 0, error: Some(format!("{url} is not reached")) }
}
