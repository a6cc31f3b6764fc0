//! First start: fills an empty database with the demo data set.

use super::auth::{random_token, token_hash};
use super::db::Db;
use super::ledgers;
use super::submissions::{self, Submission};
use super::StartError;
use crate::demo::DemoData;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::Ledger;
use crate::domain::submission::lifecycle::{Lifecycle, Stage};
use crate::domain::submission::ListingDraft;
use chrono::NaiveTime;

/// The demo data, compiled into the server from the same file the offline preview fetches.
pub const DEMO_JSON: &str = include_str!("../../public/demo/catalog.json");

pub fn demo_data() -> Result<DemoData, serde_json::Error> {
    DemoData::parse(DEMO_JSON)
}

pub async fn seed_demo_if_empty(db: &Db) -> Result<(), StartError> {
    let (modules,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM modules").fetch_one(&db.pool).await?;
    if modules > 0 {
        return Ok(());
    }
    let demo = demo_data()?;
    let mut tx = db.pool.begin().await?;
    for module in &demo.modules {
        sqlx::query("INSERT INTO modules (code, section, listing, logo_svg) VALUES ($1, $2, $3, $4)")
            .bind(&module.listing.code)
            .bind(module.listing.section.code())
            .bind(serde_json::to_string(&module.listing)?)
            .bind(&module.logo)
            .execute(&mut *tx)
            .await?;
    }
    for demo_account in &demo.accounts {
        let account = &demo_account.account;
        sqlx::query(
            "INSERT INTO accounts (id, name, countries, api_version, lang, timezone) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&account.id)
        .bind(&account.name)
        .bind(serde_json::to_string(&account.countries)?)
        .bind(account.api_version.code())
        .bind(account.lang.code())
        .bind(&account.timezone)
        .execute(&mut *tx)
        .await?;
    }
    for user in &demo.users {
        let hash = super::auth::hash_password(user.password.clone()).await;
        sqlx::query(
            "INSERT INTO users (email, name, password_hash, role, account_id, company, website) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user.email.to_lowercase())
        .bind(&user.name)
        .bind(hash)
        .bind(user.role.code())
        .bind(&user.account)
        .bind(&user.company)
        .bind(&user.website)
        .execute(&mut *tx)
        .await?;
        // A demo partner owns the catalog's modules of its company, published.
        let owned = demo.modules.iter().filter(|m| user.company.as_deref() == Some(m.listing.vendor.as_str()));
        for module in owned {
            let draft = ListingDraft::from_listing(&module.listing, &module.logo);
            let submission = Submission {
                id: format!("lst-{}", module.listing.code),
                owner_email: user.email.to_lowercase(),
                draft,
                lifecycle: Lifecycle { stage: Stage::Approved, published: true },
                published_code: Some(module.listing.code.clone()),
                updated_at: module.listing.published.and_time(NaiveTime::MIN).and_utc().timestamp(),
                submitted_at: None,
            };
            submissions::insert(&mut tx, &submission, &token_hash(&random_token())).await.map_err(StartError::Api)?;
        }
    }
    // The owners exist now, so the opening ledgers' notices find their recipients.
    let now = chrono::Utc::now();
    for demo_account in &demo.accounts {
        let (ledger, effects) = demo_account.opening_ledger(&demo.modules, now);
        let tz = zone(&demo_account.account.timezone);
        ledgers::store(&mut tx, &demo_account.account.id, tz, &Ledger::default(), &ledger, &effects)
            .await
            .map_err(StartError::Seed)?;
    }
    tx.commit().await?;
    tracing::info!(modules = demo.modules.len(), accounts = demo.accounts.len(), "seeded the demo data");
    Ok(())
}
