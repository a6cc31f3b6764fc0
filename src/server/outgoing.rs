//! Calls to modules' backends: 5 s to connect and 5 s to answer, no
//! redirects, and no loopback, private or link-local address (checked on the
//! address each name resolves to, so a name cannot lead back into the
//! server's network) unless SOUK_ALLOW_LOCAL_MODULES=1. No call is made with
//! a database transaction open: the use cases call in between.

use crate::app::module_calls::{Call, CallOutcome, JsonCall, ModuleCalls};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONNECT: Duration = Duration::from_secs(5);
const ANSWER: Duration = Duration::from_secs(5);
/// The most of an answer read: modules answer a line of JSON.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

#[derive(Clone)]
pub struct ModuleClient {
    http: reqwest::Client,
    allow_local: bool,
    /// The platform's address, which modules are told (`systemUrl`).
    system_url: String,
}

impl ModuleClient {
    pub fn new(allow_local: bool, system_url: String) -> Result<ModuleClient, reqwest::Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT)
            .read_timeout(ANSWER)
            .timeout(CONNECT + ANSWER)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(GuardedResolver { allow_local }))
            .build()?;
        Ok(ModuleClient { http, allow_local, system_url })
    }

    pub async fn get(&self, url: &str) -> CallOutcome {
        self.call(url, self.http.get(url)).await
    }

    /// `POST` of a form; the outcome, never an error: a refusal, a timeout or
    /// a bad answer is what the outcome says.
    pub async fn post_form(&self, url: &str, fields: &[(&str, String)]) -> CallOutcome {
        self.call(url, self.http.post(url).form(fields)).await
    }

    /// A JSON call with a bearer token; the outcome, as `post_form`'s.
    pub async fn send_json(&self, call: &JsonCall) -> CallOutcome {
        let method = reqwest::Method::from_bytes(call.method.as_bytes()).unwrap_or(reqwest::Method::POST);
        let mut request = self.http.request(method, &call.url).bearer_auth(&call.bearer);
        if let Some(body) = &call.body {
            request = request.header(reqwest::header::CONTENT_TYPE, "application/json").body(body.clone());
        }
        self.call(&call.url, request).await
    }

    async fn call(&self, url: &str, request: reqwest::RequestBuilder) -> CallOutcome {
        let started = Instant::now();
        let outcome = match self.check(url) {
            Err(refused) => Err(refused),
            Ok(()) => self.send(request).await,
        };
        let latency_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
        match outcome {
            Ok((status, body)) => CallOutcome { status: Some(status), body, latency_ms, error: None },
            Err(error) => CallOutcome { status: None, body: String::new(), latency_ms, error: Some(error) },
        }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<(u16, String), String> {
        let mut response = request.send().await.map_err(describe)?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(describe)? {
            body.extend_from_slice(&chunk);
            if body.len() >= MAX_ANSWER_BYTES {
                body.truncate(MAX_ANSWER_BYTES);
                break;
            }
        }
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// An address given as an IP is checked here (no name to resolve); names by the resolver.
    fn check(&self, url: &str) -> Result<(), String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("not an address: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("refused: {} is not http(s)", parsed.scheme()));
        }
        let host = parsed.host_str().ok_or("refused: no host")?;
        let literal: Option<IpAddr> = host.trim_start_matches('[').trim_end_matches(']').parse().ok();
        match literal {
            Some(ip) if !self.allow_local && !is_public(ip) => Err(format!("refused: {ip} is not a public address")),
            _ => Ok(()),
        }
    }
}

fn describe(error: reqwest::Error) -> String {
    if error.is_timeout() {
        "no answer within 5 s".into()
    } else if error.is_connect() {
        format!("cannot connect: {}", root_cause(&error))
    } else {
        root_cause(&error)
    }
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Whether an address is on the public internet: not loopback, private,
/// link-local, shared (CGNAT), unique-local, multicast or unspecified.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || (first & 0xfe00) == 0xfc00
                    || (first & 0xffc0) == 0xfe80)
            }
        },
    }
}

/// Resolves names as the system does, then keeps only public addresses.
struct GuardedResolver {
    allow_local: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_local = self.allow_local;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found.into_iter().filter(|a| allow_local || is_public(a.ip())).collect();
            if kept.is_empty() {
                let refused: Box<dyn std::error::Error + Send + Sync> =
                    format!("refused: {host} resolves to no public address").into();
                return Err(refused);
            }
            Ok(Box::new(kept.into_iter()) as Addrs)
        })
    }
}

impl ModuleCalls for ModuleClient {
    fn system_url(&self) -> String {
        self.system_url.clone()
    }

    fn get<'a>(&'a self, url: &'a str) -> Call<'a> {
        Box::pin(ModuleClient::get(self, url))
    }

    fn post<'a>(&'a self, url: &'a str, fields: &'a [(&'a str, String)]) -> Call<'a> {
        Box::pin(self.post_form(url, fields))
    }

    fn send_json<'a>(&'a self, call: &'a JsonCall) -> Call<'a> {
        Box::pin(ModuleClient::send_json(self, call))
    }
}
