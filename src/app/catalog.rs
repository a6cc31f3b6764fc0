//! The published modules a signed-in user may see, and the search's synonyms.

use super::Ctx;
use crate::api::{ApiError, CatalogModule, CatalogView};
use crate::domain::visibility;
use crate::store::{Accounts, Modules, Reviews, SearchTerms, Store, StoreError};

/// An account owner sees the modules made for the account's countries and API
/// version; partners and moderators, who have no account, see every one. The
/// moderators' synonyms come with them: the marketplace searches with both.
pub async fn catalog<S: Store>(cx: &Ctx<S>) -> Result<CatalogView, ApiError> {
    let mut tx = cx.store.read().await?;
    let user = cx.signed_in(&mut tx).await?;
    let account = match &user.account {
        Some(id) => Some(tx.account(id).await?.ok_or_else(|| StoreError::new(format!("account {id} is missing")))?.0),
        None => None,
    };
    let modules = tx.modules().await?;
    let mut ratings = tx.ratings().await?;
    let modules = modules
        .iter()
        .filter(|module| account.as_ref().is_none_or(|account| visibility::is_visible(&module.listing, account)))
        .map(|module| CatalogModule {
            logo_url: cx.store.logo_url(&module.listing.code, &module.logo),
            listing: module.listing.clone(),
            rating: ratings.remove(&module.listing.code).unwrap_or_default(),
        })
        .collect();
    Ok(CatalogView { modules, synonyms: tx.synonyms().await? })
}
