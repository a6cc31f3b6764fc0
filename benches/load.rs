//! Mixed load: 64 connections for 60 seconds over the demo, each looping over
//! the catalog, the module API, activations (some sent twice at once with one
//! idempotency key, as a retrying browser does) followed by a deactivation,
//! top-ups paid on the payment stand-in's page, and the billing page. Every
//! answer must be a success; afterwards every account's balance must be the
//! sum of its history, each activation charged once and each paid top-up
//! credited once. The benchmark asserts it and writes its figures to
//! target/bench-load.json. `cargo bench --features server --bench load [-- <seconds>]`

#[path = "demo_server.rs"]
mod demo_server;

use demo_server::{sign_in, Failure};
use souk::domain::ModuleCode;
use souk::store::sql::SqlStore;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 64;
/// The demo's account owners: each worker acts for one of them.
const OWNERS: [(&str, &str); 3] = [
    ("owner@volga.demo", "volga-demo-2026"),
    ("owner@steppe.demo", "steppe-demo-2026"),
    ("owner@clinic.demo", "clinic-demo-2026"),
];
/// A paid module with no trial that every demo account may activate and has not.
const ACTIVATED: &str = "task-sync";
/// The demo module whose key reads the module API, and the integration module it registered.
const MODULE: &str = "chatterbox";
const REGISTERED: &str = "govorun-volga-trade";
const TOP_UP: &str = "5000";
const OPENING_TOP_UP: &str = "100000";
const RAISED_LIMIT: usize = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Catalog,
    ModuleApi,
    Activate,
    Deactivate,
    TopUp,
    Pay,
    Billing,
}

impl Op {
    /// One turn of a worker's loop, twenty steps: half catalog reads, a
    /// quarter module API reads, two activations, two top-ups, one billing page.
    fn of_step(step: usize) -> Op {
        match step % 20 {
            0..=9 => Op::Catalog,
            10..=14 => Op::ModuleApi,
            15 | 16 => Op::Activate,
            17 | 18 => Op::TopUp,
            _ => Op::Billing,
        }
    }
}

#[derive(Default)]
struct Tally {
    /// Microseconds of each answered call, by what it was.
    took: BTreeMap<Op, Vec<u64>>,
    errors: Vec<String>,
    /// The idempotency keys of the activations that succeeded.
    activations: HashSet<String>,
    paid: u64,
    sent_twice: u64,
}

struct Load {
    http: reqwest::Client,
    base: String,
    api_key: String,
    tally: Mutex<Tally>,
    /// Connections of the activated module a worker has taken to deactivate.
    claimed: Mutex<HashSet<String>>,
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let seconds: u64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(60);
    let dir = tempfile::tempdir()?;
    let demo = demo_server::start(dir.path(), RAISED_LIMIT).await?;
    let mut sessions = Vec::new();
    for (email, password) in OWNERS {
        sessions.push(sign_in(&demo.base, email, password).await?);
    }
    let store = SqlStore::connect(&demo.database_url, &demo.key).await?;
    let (api_key, _) = souk::app::api_keys::create_for_operator(
        &store,
        OWNERS[0].0,
        &ModuleCode::new(MODULE),
        &["integration_read".to_string()],
        chrono::Utc::now(),
    )
    .await?;
    let load = Arc::new(Load {
        // The stand-in's page answers a payment with a redirect back to Souk: not followed.
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()?,
        base: demo.base.clone(),
        api_key,
        tally: Mutex::default(),
        claimed: Mutex::default(),
    });

    let top_ups = || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM operations WHERE kind = 'top_up'");
    let credited_before = top_ups().fetch_one(&store.pool).await?;
    // A top-up first for each account, enough for its workers' first turn,
    // when most of them activate before they top up: an activation refused
    // for want of money would be counted as an error.
    for (account, session) in sessions.iter().enumerate() {
        load.top_up(session, OPENING_TOP_UP, CONNECTIONS + account, 0).await;
    }
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|worker| {
            let load = load.clone();
            let session = sessions[worker % sessions.len()].clone();
            tokio::spawn(async move {
                let mut step = worker;
                while Instant::now() < deadline {
                    load.step(Op::of_step(step), &session, worker, step).await;
                    step += 1;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();

    let pool = &store.pool;
    let unbalanced: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT a.id, a.balance_kopecks, COALESCE((SELECT SUM(o.amount_kopecks) FROM operations o \
         WHERE o.account_id = a.id), 0) AS history FROM accounts a",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter(|(_, balance, history): &(String, i64, i64)| balance != history)
    .collect();
    let charges: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM operations WHERE kind = 'charge' AND module_code = $1")
        .bind(ACTIVATED)
        .fetch_one(pool)
        .await?;
    let succeeded: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE status = 'succeeded'").fetch_one(pool).await?;
    let credited = top_ups().fetch_one(pool).await? - credited_before;
    demo.running.task.abort();

    let tally = std::mem::take(&mut *load.tally.lock().map_err(|_| "a worker panicked")?);
    let mut calls = serde_json::Map::new();
    let mut total = 0;
    println!("mixed load: {CONNECTIONS} connections for {seconds} s");
    for (op, took) in &tally.took {
        let mut sorted = took.clone();
        sorted.sort_unstable();
        let at = |q: f64| {
            sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).map_or(0.0, |us| *us as f64 / 1000.0)
        };
        total += sorted.len();
        println!(
            "  {:<12} {:>7} calls  p50 {:>7.2} ms  p99 {:>7.2} ms",
            format!("{op:?}"),
            sorted.len(),
            at(0.5),
            at(0.99)
        );
        calls.insert(
            format!("{op:?}"),
            serde_json::json!({ "calls": sorted.len(), "p50_ms": at(0.5), "p99_ms": at(0.99) }),
        );
    }
    let activations = tally.activations.len() as i64;
    let figures = serde_json::json!({
        "measured_at": chrono::Utc::now().to_rfc3339(),
        "connections": CONNECTIONS,
        "seconds": elapsed,
        "requests_per_second": total as f64 / elapsed,
        "calls": calls,
        "errors": tally.errors.len(),
        "first_errors": tally.errors.iter().take(5).collect::<Vec<_>>(),
        "activations": activations,
        "activations_sent_twice": tally.sent_twice,
        "activation_charges": charges,
        "top_ups_paid": tally.paid,
        "payments_succeeded": succeeded,
        "top_ups_credited": credited,
        "accounts_whose_balance_is_not_their_history": unbalanced.len(),
        "module_api_per_second_raised_to": RAISED_LIMIT,
    });
    std::fs::create_dir_all("target")?;
    std::fs::write("target/bench-load.json", serde_json::to_string_pretty(&figures)? + "\n")?;
    println!(
        "  {total} calls, {:.0} a second; {} errors; {activations} activations ({} sent twice at once) charged {charges} times; \
         {} top-ups paid, {succeeded} payments succeeded, {credited} credited; {} accounts whose balance is not their history",
        total as f64 / elapsed,
        tally.errors.len(),
        tally.sent_twice,
        tally.paid,
        unbalanced.len()
    );
    println!("written to target/bench-load.json");
    for error in tally.errors.iter().take(5) {
        eprintln!("  error: {error}");
    }
    let mut broken = Vec::new();
    if !tally.errors.is_empty() {
        broken.push(format!("{} calls failed", tally.errors.len()));
    }
    if !unbalanced.is_empty() {
        broken.push(format!("balances that are not their history: {unbalanced:?}"));
    }
    if charges != activations {
        broken.push(format!("{activations} activations were charged {charges} times"));
    }
    if succeeded != tally.paid as i64 || credited != succeeded {
        broken.push(format!("{} top-ups paid, {succeeded} payments succeeded, {credited} credited", tally.paid));
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(broken.join("; ").into())
    }
}

impl Load {
    async fn step(&self, op: Op, session: &str, worker: usize, step: usize) {
        match op {
            Op::Catalog => {
                self.call(op, self.post("catalog", session, serde_json::json!({}))).await;
            }
            Op::ModuleApi => {
                let url = format!("{}/api/v5/integration-modules/{REGISTERED}", self.base);
                self.call(op, self.http.get(url).header("x-api-key", &self.api_key)).await;
            }
            Op::Activate => self.activate(session, worker, step).await,
            Op::TopUp => self.top_up(session, TOP_UP, worker, step).await,
            Op::Billing => {
                self.call(op, self.post("billing", session, serde_json::json!({}))).await;
            }
            Op::Deactivate | Op::Pay => unreachable!("steps of an activation and a top-up"),
        }
    }

    /// An activation, every fourth one sent twice at once with the same key;
    /// then the deactivation of a connection of the module no worker has taken.
    async fn activate(&self, session: &str, worker: usize, step: usize) {
        let key = format!("load-activate-{worker}-{step}");
        let body = serde_json::json!({ "code": ACTIVATED, "idempotency_key": key });
        let view = if step % 80 == 15 {
            let (first, second) = tokio::join!(
                self.call(Op::Activate, self.post("activate", session, body.clone())),
                self.call(Op::Activate, self.post("activate", session, body))
            );
            self.tally().sent_twice += 1;
            first.or(second)
        } else {
            self.call(Op::Activate, self.post("activate", session, body)).await
        };
        let Some(view) = view else { return };
        let view = serde_json::from_slice(&view).unwrap_or(serde_json::Value::Null);
        self.tally().activations.insert(key);
        let Some(id) = self.claim(&view) else { return };
        self.call(Op::Deactivate, self.post("deactivate_connection", session, serde_json::json!({ "id": id }))).await;
    }

    /// A connection of the activated module in the billing view that no
    /// worker has taken yet, now taken by this one.
    fn claim(&self, view: &serde_json::Value) -> Option<String> {
        let connections = view["ledger"]["connections"].as_array()?;
        let mut claimed = self.claimed.lock().ok()?;
        connections
            .iter()
            .filter(|connection| connection["module"] == ACTIVATED)
            .filter_map(|connection| connection["id"].as_str())
            .find(|id| claimed.insert(id.to_string()))
            .map(str::to_string)
    }

    /// A top-up through the provider: Souk's answer sends the payer to the
    /// stand-in's page, where the payer pays.
    async fn top_up(&self, session: &str, amount: &str, worker: usize, step: usize) {
        let key = format!("load-top-up-{worker}-{step}");
        let body = serde_json::json!({ "amount": amount, "idempotency_key": key });
        let Some(outcome) = self.call(Op::TopUp, self.post("top_up", session, body)).await else { return };
        let outcome: serde_json::Value = serde_json::from_slice(&outcome).unwrap_or(serde_json::Value::Null);
        let Some(page) = outcome["pay"]["url"].as_str() else {
            self.failed(format!("top-up {key}: no provider's page in {outcome}"));
            return;
        };
        if self.call(Op::Pay, self.http.post(format!("{page}/pay"))).await.is_some() {
            self.tally().paid += 1;
        }
    }

    fn post(&self, function: &str, session: &str, body: serde_json::Value) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}/api/{function}", self.base))
            .header("cookie", session)
            .header("origin", &self.base)
            .json(&body)
    }

    /// The call's answer, its time tallied; a failure is tallied as an error
    /// and gives none. Read as JSON only where it is needed: the load
    /// generator shares the machine with the server it measures.
    async fn call(&self, op: Op, request: reqwest::RequestBuilder) -> Option<axum::body::Bytes> {
        let started = Instant::now();
        let answer = async {
            let response = request.send().await.map_err(|error| format!("{op:?}: {error}"))?;
            let status = response.status();
            let body = response.bytes().await.map_err(|error| format!("{op:?}: {error}"))?;
            if status.is_success() || status.is_redirection() {
                Ok(body)
            } else {
                Err(format!("{op:?}: {status} {}", String::from_utf8_lossy(&body)))
            }
        }
        .await;
        let took = started.elapsed().as_micros() as u64;
        match answer {
            Ok(value) => {
                self.tally().took.entry(op).or_default().push(took);
                Some(value)
            }
            Err(error) => {
                self.failed(error);
                None
            }
        }
    }

    fn failed(&self, error: String) {
        self.tally().errors.push(error);
    }

    fn tally(&self) -> std::sync::MutexGuard<'_, Tally> {
        self.tally.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
