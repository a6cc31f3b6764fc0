//! The moderators' synonyms, and the queries that found nothing.

use super::types::SearchTermsView;
use super::ApiError;
use crate::domain::Lang;
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;

/// Tells the server an account owner's search found nothing.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "report_missed_query", input = Json))]
pub async fn report_missed_query(query: String, lang: Lang) -> Result<bool, ApiError> {
    run!(search_terms::report_missed_query(&query, lang))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "search_terms", input = Json))]
pub async fn search_terms() -> Result<SearchTermsView, ApiError> {
    run!(search_terms::search_terms())
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "add_synonym", input = Json))]
pub async fn add_synonym(term: String, meaning: String) -> Result<SearchTermsView, ApiError> {
    run!(search_terms::add_synonym(&term, &meaning))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "delete_synonym", input = Json))]
pub async fn delete_synonym(term: String) -> Result<SearchTermsView, ApiError> {
    run!(search_terms::delete_synonym(&term))
}
