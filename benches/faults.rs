//! A fault in the middle of billing: `souk-server billing` killed with
//! SIGKILL partway through a run over 100,000 due subscriptions, then run
//! again. Every subscription must be charged exactly once, no history row
//! lost or doubled, and every account's balance must be its opening balance
//! less its charges, as its last history row says. The benchmark asserts it
//! and writes what it saw to target/bench-faults.json.
//! `cargo bench --features server --bench faults [-- <rows>]`

#[path = "seeded.rs"]
mod seeded;

use chrono::{Duration, TimeZone, Utc};
use seeded::{seeded, OPENING_KOPECKS, PRICE_KOPECKS};
use souk::store::sql::SecretKey;
use std::process::{Command, Stdio};
use std::time::Instant;

type Failure = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let rows: i64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let due_at = Utc.with_ymd_and_hms(2027, 2, 28, 21, 0, 0).single().ok_or("bad date")?;
    let now = (due_at + Duration::minutes(1)).to_rfc3339();
    let key = SecretKey::random();
    let path = dir.path().join("faults.db");
    let db = seeded(&path, rows, due_at.timestamp(), &key).await?;
    let billing = || {
        Command::new(env!("CARGO_BIN_EXE_souk-server"))
            .args(["billing", "--now", &now])
            .env("DATABASE_URL", format!("sqlite://{}", path.display()))
            .env("SOUK_SECRET_KEY", key.to_hex())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
    };
    let pool = &db.pool;
    let scalar = |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await };
    let charged = || scalar("SELECT COUNT(*) FROM operations WHERE kind = 'charge'");

    // The first run, killed once about a third of the subscriptions are charged.
    let started = Instant::now();
    let mut first = billing()?;
    let mut before_kill = 0;
    while first.try_wait()?.is_none() {
        before_kill = charged().await?;
        if before_kill >= rows / 3 {
            first.kill()?;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let killed = first.wait()?;
    let killed_after_seconds = started.elapsed().as_secs_f64();
    let after_kill = charged().await?;

    let started = Instant::now();
    let second = billing()?.wait_with_output()?;
    if !second.status.success() {
        return Err(format!("the second run failed: {}", String::from_utf8_lossy(&second.stdout)).into());
    }
    let second_seconds = started.elapsed().as_secs_f64();
    let report: serde_json::Value = serde_json::from_slice(&second.stdout)?;

    let charges = charged().await?;
    let connections_charged =
        scalar("SELECT COUNT(DISTINCT connection_id) FROM operations WHERE kind = 'charge'").await?;
    let renewed = scalar("SELECT COUNT(*) FROM connections WHERE due_on = '2027-04-01'").await?;
    // Opening balance less the charges, and the last history row says the same.
    let balances_wrong = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM accounts a WHERE a.balance_kopecks <> $1 - $2 * \
         (SELECT COUNT(*) FROM operations o WHERE o.account_id = a.id AND o.kind = 'charge') \
         OR a.balance_kopecks <> (SELECT o.balance_after_kopecks FROM operations o WHERE o.account_id = a.id \
         ORDER BY o.seq DESC LIMIT 1)",
    )
    .bind(OPENING_KOPECKS)
    .bind(PRICE_KOPECKS)
    .fetch_one(pool)
    .await?;

    let figures = serde_json::json!({
        "measured_at": Utc::now().to_rfc3339(),
        "due_subscriptions": rows,
        "killed_by": format!("{killed:?}"),
        "killed_after_seconds": killed_after_seconds,
        "charged_when_killed": after_kill,
        "second_run_seconds": second_seconds,
        "second_run_report": report,
        "charges": charges,
        "connections_charged": connections_charged,
        "connections_renewed": renewed,
        "accounts_whose_balance_disagrees": balances_wrong,
    });
    std::fs::create_dir_all("target")?;
    std::fs::write("target/bench-faults.json", serde_json::to_string_pretty(&figures)? + "\n")?;
    println!("{}", serde_json::to_string_pretty(&figures)?);
    assert!(before_kill < rows, "the first run was killed before it ended");
    assert_eq!((charges, connections_charged, renewed), (rows, rows, rows), "each subscription charged once");
    assert_eq!(balances_wrong, 0, "every balance is its opening balance less its charges");
    Ok(())
}
