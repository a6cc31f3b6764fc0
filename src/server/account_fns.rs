//! The account owner's server functions: each change locks the account,
//! lets the domain decide, and stores the outcome in one transaction.

use super::billing::{listings, prices};
use super::fns::{answer, internal, load_account, signed_in_user, state};
use super::ledgers;
use super::AppState;
use crate::api::types::{AccountView, BillingView, MailView};
use crate::api::ApiError;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{default_name, parse_top_up, Clock, Effects, HistoryFilter, Ledger, Operation, Refusal};
use crate::domain::{visibility, Lang, Listing, Role};
use chrono::{TimeZone, Utc};
use sqlx::Row;
use std::collections::HashMap;

/// The signed-in account owner's account; everyone else is refused.
async fn owner() -> Result<(AppState, AccountView), ApiError> {
    let state = state()?;
    let user = signed_in_user().await?;
    match (user.role, &user.account_id) {
        (Role::AccountOwner, Some(id)) => {
            let account = load_account(&state, id).await?;
            Ok((state, account))
        }
        _ => Err(ApiError::Forbidden),
    }
}

pub async fn billing() -> Result<BillingView, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        let mut conn = state.db.pool.acquire().await.map_err(internal)?;
        let (_, ledger) = ledgers::load(&mut conn, &account.account.id).await.map_err(internal)?;
        Ok(BillingView { ledger, now: Utc::now() })
    })
    .await
}

/// Runs one domain change on the account's ledger and stores it, or changes nothing.
async fn change(
    state: &AppState,
    account_id: &str,
    decide: impl FnOnce(&mut Ledger, &Clock) -> Result<Effects, Refusal>,
) -> Result<BillingView, ApiError> {
    let mut tx = state.db.pool.begin().await.map_err(internal)?;
    if !ledgers::lock(&mut tx, account_id).await.map_err(internal)? {
        return Err(ApiError::NotFound);
    }
    let (tz, mut ledger) = ledgers::load(&mut tx, account_id).await.map_err(internal)?;
    let before = ledger.clone();
    let now = Utc::now();
    let effects = decide(&mut ledger, &Clock { now, tz }).map_err(ApiError::Refused)?;
    ledgers::store(&mut tx, account_id, tz, &before, &ledger, &effects).await.map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(BillingView { ledger, now })
}

async fn visible_listing(state: &AppState, account: &AccountView, code: &str) -> Result<Listing, ApiError> {
    let row = sqlx::query("SELECT listing FROM modules WHERE code = $1")
        .bind(code)
        .fetch_optional(&state.db.pool)
        .await
        .map_err(internal)?
        .ok_or(ApiError::Refused(Refusal::UnknownModule))?;
    let listing: Listing = serde_json::from_str(&row.get::<String, _>("listing")).map_err(internal)?;
    if !visibility::is_visible(&listing, &account.account) {
        return Err(ApiError::Refused(Refusal::UnknownModule));
    }
    Ok(listing)
}

fn new_connection_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub async fn activate(code: String) -> Result<BillingView, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        let listing = visible_listing(&state, &account, &code).await?;
        let module_name = listing.materials(account.account.lang).name.clone();
        change(&state, &account.account.id, |ledger, clock| {
            let name = default_name(&module_name, ledger.connections_of(&listing.code).map(|c| c.name.as_str()));
            ledger.activate(&listing, new_connection_id(), &name, clock)
        })
        .await
    })
    .await
}

pub async fn deactivate_connection(id: String) -> Result<BillingView, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        change(&state, &account.account.id, |ledger, _| ledger.deactivate(&id).map(|_| Effects::default())).await
    })
    .await
}

pub async fn deactivate_module(code: String) -> Result<BillingView, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        change(&state, &account.account.id, |ledger, _| ledger.deactivate_module(&code).map(|_| Effects::default()))
            .await
    })
    .await
}

pub async fn rename_connection(id: String, name: String) -> Result<BillingView, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        change(&state, &account.account.id, |ledger, _| ledger.rename(&id, &name).map(|()| Effects::default())).await
    })
    .await
}

pub async fn top_up(amount: String) -> Result<BillingView, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        let amount = parse_top_up(&amount).map_err(|e| ApiError::Refused(Refusal::Amount(e)))?;
        let prices = prices(&state.db).await.map_err(internal)?;
        change(&state, &account.account.id, |ledger, clock| ledger.top_up(amount, &prices, clock)).await
    })
    .await
}

async fn filtered_history(
    state: &AppState,
    account: &AccountView,
    filter: &HistoryFilter,
) -> Result<Vec<Operation>, ApiError> {
    let tz = zone(&account.account.timezone);
    let rows = sqlx::query("SELECT * FROM operations WHERE account_id = $1 ORDER BY seq DESC")
        .bind(&account.account.id)
        .fetch_all(&state.db.pool)
        .await
        .map_err(internal)?;
    let mut operations = Vec::with_capacity(rows.len());
    for row in &rows {
        let operation = ledgers::operation_from_row(row).map_err(internal)?;
        if filter.matches(&operation, tz) {
            operations.push(operation);
        }
    }
    Ok(operations)
}

pub async fn history(filter: HistoryFilter) -> Result<Vec<Operation>, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        filtered_history(&state, &account, &filter).await
    })
    .await
}

pub async fn history_csv(filter: HistoryFilter, lang: Lang) -> Result<String, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        let operations = filtered_history(&state, &account, &filter).await?;
        let names = module_names(&state, lang).await?;
        let tz = zone(&account.account.timezone);
        Ok(crate::texts::history_csv(lang, tz, &operations, |code| {
            names.get(code).cloned().unwrap_or_else(|| code.to_string())
        }))
    })
    .await
}

async fn module_names(state: &AppState, lang: Lang) -> Result<HashMap<String, String>, ApiError> {
    let listings = listings(&state.db.pool).await.map_err(internal)?;
    Ok(listings.into_iter().map(|l| (l.code.clone(), l.materials(lang).name.clone())).collect())
}

pub async fn notifications() -> Result<Vec<MailView>, ApiError> {
    answer(async {
        let (state, account) = owner().await?;
        let rows = sqlx::query(
            "SELECT mail_key, created_at, recipient, notice, sent_at FROM outbox WHERE account_id = $1 \
             ORDER BY created_at DESC, mail_key",
        )
        .bind(&account.account.id)
        .fetch_all(&state.db.pool)
        .await
        .map_err(internal)?;
        rows.iter()
            .map(|row| {
                Ok(MailView {
                    key: row.get("mail_key"),
                    created_at: Utc.timestamp_opt(row.get("created_at"), 0).single().ok_or(ApiError::Internal)?,
                    recipient: row.get("recipient"),
                    notice: serde_json::from_str(&row.get::<String, _>("notice")).map_err(internal)?,
                    sent_at: row.get::<Option<i64>, _>("sent_at").and_then(|t| Utc.timestamp_opt(t, 0).single()),
                })
            })
            .collect()
    })
    .await
}
