//! A billing run over 100,000 and then 1,000,000 due subscriptions in SQLite,
//! each against a bare SQL UPDATE of the same rows, with the peak resident
//! memory after each. Figures go to target/bench-billing.json; no test
//! asserts on them. `cargo bench --features server --bench billing [-- <largest rows>]`

use chrono::{Duration, TimeZone, Utc};
use souk::app::billing::run_billing;
use souk::store::sql::SecretKey;
use std::time::Instant;

#[path = "seeded.rs"]
mod seeded;

use seeded::{seeded, ACCOUNTS};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let largest: i64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    // The smaller run first: the peak resident memory only grows, so the
    // second figure says whether ten times the rows needed more.
    let mut runs = Vec::new();
    for rows in [largest / 10, largest] {
        let run = measure(rows).await?;
        println!(
            "billing {rows} due subscriptions: {:.2} s ({:.0} rows/s), the bare UPDATE {:.2} s, {:.1}x; peak RSS {} MiB",
            run["billing_run_seconds"].as_f64().unwrap_or_default(),
            run["billing_rows_per_second"].as_f64().unwrap_or_default(),
            run["bare_update_seconds"].as_f64().unwrap_or_default(),
            run["ratio_to_bare_update"].as_f64().unwrap_or_default(),
            run["peak_rss_kib_after_run"].as_u64().unwrap_or_default() / 1024,
        );
        runs.push(run);
    }
    let figures = serde_json::json!({
        "measured_at": Utc::now().to_rfc3339(),
        "accounts": ACCOUNTS,
        "runs": runs,
        "aim": "1,000,000 rows in at most 10 s and at most 3x the bare UPDATE, memory flat in the number of rows",
    });
    std::fs::create_dir_all("target")?;
    std::fs::write("target/bench-billing.json", serde_json::to_string_pretty(&figures)? + "\n")?;
    println!("written to target/bench-billing.json");
    Ok(())
}

/// One billing run over `rows` due subscriptions, and the bare UPDATE of as many.
async fn measure(rows: i64) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
    let dir = tempfile::tempdir()?;
    // Due on 2027-03-01 (Moscow), billed a minute after it began.
    let due_at = Utc.with_ymd_and_hms(2027, 2, 28, 21, 0, 0).single().ok_or("bad date")?;
    let now = due_at + Duration::minutes(1);

    let db = seeded(&dir.path().join("billing.db"), rows, due_at.timestamp(), &SecretKey::random()).await?;
    let rss_before = peak_rss_kib();
    let started = Instant::now();
    let report = run_billing(&db, now).await?;
    let billing_seconds = started.elapsed().as_secs_f64();
    let rss_after = peak_rss_kib();
    assert_eq!(report.charges, rows as u64, "every due subscription is charged once");
    db.pool.close().await;

    let bare = seeded(&dir.path().join("bare.db"), rows, due_at.timestamp(), &SecretKey::random()).await?;
    let started = Instant::now();
    sqlx::query("UPDATE connections SET due_at = due_at + 2419200, due_on = '2027-04-01' WHERE due_at <= $1")
        .bind(now.timestamp())
        .execute(&bare.pool)
        .await?;
    let bare_seconds = started.elapsed().as_secs_f64();
    bare.pool.close().await;

    Ok(serde_json::json!({
        "due_subscriptions": rows,
        "billing_run_seconds": billing_seconds,
        "billing_rows_per_second": rows as f64 / billing_seconds,
        "bare_update_seconds": bare_seconds,
        "ratio_to_bare_update": billing_seconds / bare_seconds,
        "peak_rss_kib_before_run": rss_before,
        "peak_rss_kib_after_run": rss_after,
        "report": report,
    }))
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}
