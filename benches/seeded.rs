//! The billing benchmarks' database: due subscriptions written straight in SQL.
// Each benchmark including this file uses a part of it.
#![allow(dead_code)]

use souk::store::sql::{SecretKey, SqlStore};

/// The accounts the subscriptions are spread over.
pub const ACCOUNTS: i64 = 10_000;
/// Each account's opening balance, in kopecks: enough for every subscription.
pub const OPENING_KOPECKS: i64 = 100_000_000_000;
/// The monthly price of the benchmarks' module, in kopecks.
pub const PRICE_KOPECKS: i64 = 10_000;

/// A database with `rows` paid subscriptions, all due at `due_at`, spread over
/// the accounts, every account able to pay for all of them.
pub async fn seeded(
    path: &std::path::Path,
    rows: i64,
    due_at: i64,
    key: &SecretKey,
) -> Result<SqlStore, Box<dyn std::error::Error + Send + Sync>> {
    let db = SqlStore::connect(&format!("sqlite://{}", path.display()), key).await?;
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
         SELECT 'a' || i, 'Account ' || i, '[\"RU\"]', 'v5', 'ru', 'Europe/Moscow', $2 FROM n",
    )
    .bind(ACCOUNTS)
    .bind(OPENING_KOPECKS)
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
