//! The moderators' synonyms and the queries that found nothing, in memory.

use super::{MemoryTx, Result};
use crate::domain::search::synonyms::{MissedQuery, Synonym};
use crate::domain::{AccountId, Email};
use crate::store::SearchTerms;
use chrono::{DateTime, Utc};
use std::cmp::Reverse;

impl SearchTerms for MemoryTx {
    async fn synonyms(&mut self) -> Result<Vec<Synonym>> {
        Ok(self.state.synonyms.values().cloned().collect())
    }

    async fn add_synonym(&mut self, synonym: &Synonym, _: &Email, _: DateTime<Utc>) -> Result<()> {
        self.state_mut().synonyms.insert(synonym.term.clone(), synonym.clone());
        Ok(())
    }

    async fn delete_synonym(&mut self, term: &str) -> Result<bool> {
        Ok(self.state_mut().synonyms.remove(term).is_some())
    }

    async fn count_missed_query(&mut self, query: &str, account: &AccountId, now: DateTime<Utc>) -> Result<()> {
        let counts = self.state_mut().missed_queries.entry(query.to_string()).or_default();
        let (times, last_at) = counts.entry(account.clone()).or_insert((0, now));
        *times += 1;
        *last_at = now;
        Ok(())
    }

    async fn missed_queries(&mut self, limit: u32) -> Result<Vec<MissedQuery>> {
        let mut missed: Vec<MissedQuery> = (self.state.missed_queries.iter())
            .filter_map(|(query, by_account)| {
                Some(MissedQuery {
                    query: query.clone(),
                    accounts: u32::try_from(by_account.len()).unwrap_or(u32::MAX),
                    times: by_account.values().map(|(times, _)| times).sum(),
                    last_at: by_account.values().map(|(_, at)| *at).max()?,
                })
            })
            .collect();
        missed.sort_by_key(|m| (Reverse(m.accounts), Reverse(m.times), Reverse(m.last_at), m.query.clone()));
        missed.truncate(limit as usize);
        Ok(missed)
    }

    async fn forget_missed_query(&mut self, query: &str) -> Result<()> {
        self.state_mut().missed_queries.remove(query);
        Ok(())
    }
}
