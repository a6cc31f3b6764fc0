//! A billing run over 1,000,000 due subscriptions in SQLite, against a bare
//! SQL UPDATE of the same rows. Figures go to target/bench-billing.json; no
//! test asserts on them. `cargo bench --features server --bench billing [-- <rows>]`

use chrono::{Duration, TimeZone, Utc};
use souk::app::billing::run_billing;
use souk::store::sql::{SecretKey, SqlStore};
use std::time::Instant;

const ACCOUNTS: i64 = 10_000;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let rows: i64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    // Due on 2027-03-01 (Moscow), billed a minute after it began.
    let due_at = Utc.with_ymd_and_hms(2027, 2, 28, 21, 0, 0).single().ok_or("bad date")?;
    let now = due_at + Duration::minutes(1);

    let db = seeded(&dir.path().join("billing.db"), rows, due_at.timestamp()).await?;
    let rss_before = peak_rss_kib();
    let started = Instant::now();
    let report = run_billing(&db, now).await?;
    let billing_seconds = started.elapsed().as_secs_f64();
    let rss_after = peak_rss_kib();
    assert_eq!(report.charges, rows as u64, "every due subscription is charged once");

    let bare = seeded(&dir.path().join("bare.db"), rows, due_at.timestamp()).await?;
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

/// A database with `rows` paid subscriptions, all due at `due_at`, spread over
/// the accounts, every account able to pay for all of them.
async fn seeded(
    path: &std::path::Path,
    rows: i64,
    due_at: i64,
) -> Result<SqlStore, Box<dyn std::error::Error + Send + Sync>> {
    let db = SqlStore::connect(&format!("sqlite://{}", path.display()), &SecretKey::random()).await?;
    let listing = serde_json::json!({
        "code": "bench", "section": "other", "vendor": "Bench", "pricing": {"monthly": {"price": "100"}},
        "countries": ["RU"], "min_api": "v3", "scopes": [],
        "links": {"documentation": "", "support": "", "website": ""},
        "materials": {
            "ru": {"name": "Бенч", "short": "", "description": "", "features": [], "install": ""},
            "en": {"name": "Bench", "short": "", "description": "", "features": [], "install": ""}
        },
        "installs": 0, "published": "2027-01-01"
    });
    sqlx::query("INSERT INTO modules (code, section, listing, logo_svg) VALUES ('bench', 'other', $1, '<svg/>')")
        .bind(listing.to_string())
        .execute(&db.pool)
        .await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1) \
         INSERT INTO accounts (id, name, countries, api_version, lang, timezone, balance_kopecks) \
         SELECT 'a' || i, 'Account ' || i, '[\"RU\"]', 'v5', 'ru', 'Europe/Moscow', 100000000000 FROM n",
    )
    .bind(ACCOUNTS)
    .execute(&db.pool)
    .await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1) \
         INSERT INTO connections (id, account_id, module_code, section, name, created_at, status, anchor_day, \
         due_on, due_at, noticed, notice_at, frozen_at) \
         SELECT 'c' || i, 'a' || (i % $2), 'bench', 'other', 'Bench ' || i, 1790000000, 'paid', 1, \
         '2027-03-01', $3, 1, NULL, NULL FROM n",
    )
    .bind(rows)
    .bind(ACCOUNTS)
    .bind(due_at)
    .execute(&db.pool)
    .await?;
    Ok(db)
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}
