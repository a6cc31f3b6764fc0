//! Server reads under load: requests per second and p99 at 64 connections for
//! the catalog server function and `GET /api/v5/integration-modules/{code}`,
//! each beside tower-http's `ServeDir` serving the same bytes from a file on
//! the same machine, in the same run, loaded by Debian's `wrk` over loopback
//! for a bounded time. Figures go to target/bench-reads.json; no test asserts
//! on them. `cargo bench --features server --bench reads [-- <seconds>]`
//!
//! The module API's per-key limit (10 calls a second) would answer most calls
//! 503 here: the run raises it (`module_api_per_second`) and says so.

#[path = "demo_server.rs"]
mod demo_server;

use axum::serve::ListenerExt;
use axum::Router;
use demo_server::{sign_in, Failure};
use souk::domain::ModuleCode;
use souk::store::sql::SqlStore;
use std::process::Command;
use tower_http::services::ServeDir;

const CONNECTIONS: &str = "64";
const OWNER: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
/// The demo module the owner's key is for, and the integration module it registered.
const MODULE: &str = "chatterbox";
const REGISTERED: &str = "govorun-volga-trade";
const RAISED_LIMIT: usize = 1_000_000;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let seconds: u32 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10);
    if Command::new("wrk").arg("--version").output().is_err() {
        return Err("wrk is missing: `make bench` installs Debian's".into());
    }
    let dir = tempfile::tempdir()?;
    let demo = demo_server::start(dir.path(), RAISED_LIMIT).await?;
    let base = demo.base.clone();
    let session = sign_in(&base, OWNER.0, OWNER.1).await?;
    let store = SqlStore::connect(&demo.database_url, &demo.key).await?;
    let scopes = ["integration_read".to_string()];
    let (api_key, _) = souk::app::api_keys::create_for_operator(
        &store,
        OWNER.0,
        &ModuleCode::new(MODULE),
        &scopes,
        chrono::Utc::now(),
    )
    .await?;

    // The same bytes, as files, for the static server.
    let files = dir.path().join("static");
    std::fs::create_dir_all(&files)?;
    let client = reqwest::Client::new();
    let catalog = client
        .post(format!("{base}/api/catalog"))
        .header("cookie", &session)
        .header("origin", &base)
        .json(&serde_json::json!({}))
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let module_url = format!("{base}/api/v5/integration-modules/{REGISTERED}");
    let module =
        client.get(&module_url).header("x-api-key", &api_key).send().await?.error_for_status()?.bytes().await?;
    std::fs::write(files.join("catalog.json"), &catalog)?;
    std::fs::write(files.join("integration-module.json"), &module)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let static_base = format!("http://{}", listener.local_addr()?);
    // As Souk's own server: each answer leaves as written (TCP_NODELAY).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move { axum::serve(listener, Router::new().fallback_service(ServeDir::new(files))).await });

    let catalog_script = dir.path().join("catalog.lua");
    std::fs::write(
        &catalog_script,
        format!(
            "wrk.method = \"POST\"\nwrk.body = \"{{}}\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n\
             wrk.headers[\"Cookie\"] = \"{session}\"\nwrk.headers[\"Origin\"] = \"{base}\"\n"
        ),
    )?;
    let runs = [
        ("catalog_static", wrk(seconds, &format!("{static_base}/catalog.json"), &[]).await?),
        (
            "catalog",
            wrk(seconds, &format!("{base}/api/catalog"), &["-s", &catalog_script.display().to_string()]).await?,
        ),
        ("module_static", wrk(seconds, &format!("{static_base}/integration-module.json"), &[]).await?),
        ("module", wrk(seconds, &module_url, &["-H", &format!("X-API-KEY: {api_key}")]).await?),
    ];
    let figure = |name: &str| runs.iter().find(|(run, _)| *run == name).map(|(_, figures)| figures.clone());
    let ratio = |ours: &str, anchor: &str| -> Option<f64> {
        let (ours, anchor) = (figure(ours)?, figure(anchor)?);
        Some((ours.requests_per_second / anchor.requests_per_second * 100.0).round() / 100.0)
    };
    let figures = serde_json::json!({
        "measured_at": chrono::Utc::now().to_rfc3339(),
        "connections": 64,
        "seconds_each": seconds,
        "catalog_bytes": catalog.len(),
        "module_bytes": module.len(),
        "module_api_per_second_raised_to": RAISED_LIMIT,
        "runs": runs.iter().map(|(name, f)| (name.to_string(), serde_json::to_value(f).unwrap_or_default())).collect::<serde_json::Map<_, _>>(),
        "catalog_to_static": ratio("catalog", "catalog_static"),
        "module_to_static": ratio("module", "module_static"),
        "aim": "at least 0.5x the static server, p99 at most 10 ms",
    });
    std::fs::create_dir_all("target")?;
    std::fs::write("target/bench-reads.json", serde_json::to_string_pretty(&figures)? + "\n")?;
    println!("server reads at {CONNECTIONS} connections, {seconds} s each (the module API's per-key limit raised to {RAISED_LIMIT}/s for this run)");
    for (name, f) in &runs {
        println!(
            "  {name:<16} {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  errors {}",
            f.requests_per_second, f.p50_ms, f.p99_ms, f.errors
        );
    }
    let shown = |ratio: Option<f64>| ratio.map_or_else(|| "-".to_string(), |ratio| format!("{ratio}x"));
    println!(
        "  catalog {} its static file, module API {} (aim: >= 0.5x, p99 <= 10 ms)",
        shown(ratio("catalog", "catalog_static")),
        shown(ratio("module", "module_static"))
    );
    println!("written to target/bench-reads.json");
    demo.running.task.abort();
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize)]
struct WrkFigures {
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// Non-2xx answers and socket errors.
    errors: u64,
}

/// `wrk` for `seconds` at 64 connections on two threads, read from its report.
async fn wrk(seconds: u32, url: &str, extra: &[&str]) -> Result<WrkFigures, Failure> {
    let args: Vec<String> = ["-t2", "-c", CONNECTIONS, "-d", &format!("{seconds}s"), "--latency"]
        .iter()
        .map(|s| s.to_string())
        .chain(extra.iter().map(|s| s.to_string()))
        .chain([url.to_string()])
        .collect();
    // Off the runtime's workers: they serve the server under measure.
    let output = tokio::task::spawn_blocking(move || Command::new("wrk").args(&args).output()).await??;
    let report = String::from_utf8_lossy(&output.stdout).to_string();
    if !output.status.success() {
        return Err(format!("wrk {url}: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    parse_wrk(&report).ok_or_else(|| format!("wrk's report for {url} did not read:\n{report}").into())
}

fn parse_wrk(report: &str) -> Option<WrkFigures> {
    let line_after = |label: &str| {
        report.lines().find_map(|line| line.trim_start().strip_prefix(label).map(|rest| rest.trim().to_string()))
    };
    let requests_per_second = line_after("Requests/sec:")?.parse().ok()?;
    let latency = |percent: &str| line_after(percent).and_then(|value| milliseconds(&value));
    let count = |label: &str| -> u64 {
        line_after(label)
            .map_or(0, |rest| rest.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<u64>().ok()).sum())
    };
    Some(WrkFigures {
        requests_per_second,
        p50_ms: latency("50%")?,
        p99_ms: latency("99%")?,
        errors: count("Non-2xx or 3xx responses:") + count("Socket errors:"),
    })
}

/// wrk's "812.00us", "5.12ms" or "1.20s", in milliseconds.
fn milliseconds(value: &str) -> Option<f64> {
    let split = value.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    match unit {
        "us" => Some(number / 1000.0),
        "ms" => Some(number),
        "s" => Some(number * 1000.0),
        "m" => Some(number * 60_000.0),
        _ => None,
    }
}
