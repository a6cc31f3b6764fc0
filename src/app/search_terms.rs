//! The moderators' synonyms, and the queries that found nothing: counted
//! when an account owner's search finds nothing, listed for the moderators.

use super::Ctx;
use crate::api::types::SearchTermsView;
use crate::api::ApiError;
use crate::domain::search::synonyms::{missed_query, Synonym};
use crate::domain::search::SearchIndex;
use crate::domain::{visibility, Lang, Role};
use crate::store::{Accounts, Modules, SearchTerms, Store, StoreError, Tx};

/// The most missed queries a moderator is shown.
const MISSED_SHOWN: u32 = 100;

/// The synonyms and the queries that found nothing, for a moderator.
pub async fn search_terms<S: Store>(cx: &Ctx<S>) -> Result<SearchTermsView, ApiError> {
    let mut tx = cx.store.read().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    view(&mut tx).await
}

async fn view<T: SearchTerms>(tx: &mut T) -> Result<SearchTermsView, ApiError> {
    Ok(SearchTermsView { synonyms: tx.synonyms().await?, missed: tx.missed_queries(MISSED_SHOWN).await? })
}

/// A moderator adds a synonym; the query it answers leaves the missed list.
pub async fn add_synonym<S: Store>(cx: &Ctx<S>, term: &str, meaning: &str) -> Result<SearchTermsView, ApiError> {
    let mut tx = cx.store.write().await?;
    let moderator = cx.signed_in_as(&mut tx, Role::Moderator).await?;
    let synonym = Synonym::parse(term, meaning, &tx.synonyms().await?).map_err(ApiError::Synonym)?;
    tx.add_synonym(&synonym, &moderator.email, cx.now).await?;
    tx.forget_missed_query(&synonym.term).await?;
    let view = view(&mut tx).await?;
    tx.commit().await?;
    Ok(view)
}

pub async fn delete_synonym<S: Store>(cx: &Ctx<S>, term: &str) -> Result<SearchTermsView, ApiError> {
    let mut tx = cx.store.write().await?;
    cx.signed_in_as(&mut tx, Role::Moderator).await?;
    if !tx.delete_synonym(term).await? {
        return Err(ApiError::NotFound);
    }
    let view = view(&mut tx).await?;
    tx.commit().await?;
    Ok(view)
}

/// An account owner's search in `lang` found nothing: counted once more for
/// the account, after the server searched the account's catalog again (a
/// query that finds something is not counted). `true` when counted.
pub async fn report_missed_query<S: Store>(cx: &Ctx<S>, query: &str, lang: Lang) -> Result<bool, ApiError> {
    let mut tx = cx.store.write().await?;
    let user = cx.signed_in(&mut tx).await?;
    let Some(query) = missed_query(query) else {
        return Err(ApiError::BadRequest("query: 1 to 100 letters".into()));
    };
    // Partners and moderators look through every module; only the owners' searches say what is missing.
    let Some(id) = user.account.filter(|_| user.role == Role::AccountOwner) else { return Ok(false) };
    let (account, _) = tx.account(&id).await?.ok_or_else(|| StoreError::new(format!("account {id} is missing")))?;
    let modules = tx.modules().await?;
    let visible = modules.iter().map(|m| &m.listing).filter(|listing| visibility::is_visible(listing, &account));
    let mut index = SearchIndex::of(visible);
    index.set_synonyms(tx.synonyms().await?);
    if index.relevance(&query, lang).iter().any(Option::is_some) {
        return Ok(false);
    }
    tx.count_missed_query(&query, &id, cx.now).await?;
    tx.commit().await?;
    Ok(true)
}
