//! A billing run over 1,000,000 due subscriptions in SQLite, against a bare
//! SQL UPDATE of the same rows. Figures go to target/bench-billing.json; no
//! test asserts on them. `cargo bench --features server --bench billing [-- <rows>]`

use chrono::{Duration, TimeZone, Utc};
use souk::app::billing::run_billing;
use souk::store::sql::SecretKey;
use std::time::Instant;

#[path = "seeded.rs"]
mod seeded;

use seeded::{seeded, ACCOUNTS};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let rows: i64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
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

    let bare = seeded(&dir.path().join("bare.db"), rows, due_at.timestamp(), &SecretKey::random()).await?;
    let started = Instant::now();
    sqlx::query("UPDATE connections SET due_at = due_at + 2419200, due_on = '2027-04-01' WHERE due_at <= $1")
        .bind(now.timestamp())
        .execute(&bare.pool)
        .await?;
    let bare_seconds = started.elapsed().as_secs_f64();

    let figures = serde_json::json!({
        "measured_at": Utc::now().to_rfc3339(),
        "due_subscriptions": rows,
        "accounts": ACCOUNTS,
        "billing_run_seconds": billing_seconds,
        "billing_rows_per_second": rows as f64 / billing_seconds,
        "bare_update_seconds": bare_seconds,
        "ratio_to_bare_update": billing_seconds / bare_seconds,
        "peak_rss_kib_before_run": rss_before,
        "peak_rss_kib_after_run": rss_after,
        "report": report,
    });
    std::fs::create_dir_all("target")?;
    std::fs::write("target/bench-billing.json", serde_json::to_string_pretty(&figures)? + "\n")?;
    println!("{}", serde_json::to_string_pretty(&figures)?);
    Ok(())
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}
