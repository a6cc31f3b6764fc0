//! The `synonyms` and `missed_queries` tables.

use super::{time, Result, SqlTx, Statement, WithContext};
use crate::domain::search::synonyms::{MissedQuery, Synonym};
use crate::domain::{AccountId, Email};
use crate::store::SearchTerms;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct SynonymRow {
    term: String,
    meaning: String,
}

#[derive(sqlx::FromRow)]
struct MissedRow {
    query: String,
    accounts: i64,
    times: i64,
    last_at: i64,
}

impl SearchTerms for SqlTx {
    async fn synonyms(&mut self) -> Result<Vec<Synonym>> {
        let rows: Vec<SynonymRow> = sqlx::query_as("SELECT term, meaning FROM synonyms ORDER BY term")
            .fetch_all(self.conn())
            .await
            .context(|| "read the synonyms".to_string())?;
        Ok(rows.into_iter().map(|row| Synonym { term: row.term, meaning: row.meaning }).collect())
    }

    async fn add_synonym(&mut self, synonym: &Synonym, by: &Email, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("INSERT INTO synonyms (term, meaning, added_by, added_at) VALUES ($1, $2, $3, $4)")
            .bind(synonym.term.as_str())
            .bind(synonym.meaning.as_str())
            .bind(by.as_str())
            .bind(now.timestamp())
            .run(self, || format!("add the synonym {:?}", synonym.term))
            .await
    }

    async fn delete_synonym(&mut self, term: &str) -> Result<bool> {
        let deleted = sqlx::query("DELETE FROM synonyms WHERE term = $1")
            .bind(term)
            .changed(self, || format!("delete the synonym {term:?}"))
            .await?;
        Ok(deleted > 0)
    }

    async fn count_missed_query(&mut self, query: &str, account: &AccountId, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "INSERT INTO missed_queries (query, account_id, times, last_at) VALUES ($1, $2, 1, $3) \
             ON CONFLICT (query, account_id) DO UPDATE SET times = missed_queries.times + 1, last_at = $3",
        )
        .bind(query)
        .bind(account.as_str())
        .bind(now.timestamp())
        .run(self, || format!("count the query {query:?} that found nothing for account {account}"))
        .await
    }

    async fn missed_queries(&mut self, limit: u32) -> Result<Vec<MissedQuery>> {
        let rows: Vec<MissedRow> = sqlx::query_as(
            "SELECT query, COUNT(*) AS accounts, CAST(SUM(times) AS BIGINT) AS times, MAX(last_at) AS last_at \
             FROM missed_queries GROUP BY query ORDER BY accounts DESC, times DESC, last_at DESC, query LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(self.conn())
        .await
        .context(|| "read the queries that found nothing".to_string())?;
        rows.into_iter()
            .map(|row| {
                Ok(MissedQuery {
                    accounts: u32::try_from(row.accounts).unwrap_or(u32::MAX),
                    times: u32::try_from(row.times).unwrap_or(u32::MAX),
                    last_at: time(row.last_at)?,
                    query: row.query,
                })
            })
            .collect()
    }

    async fn forget_missed_query(&mut self, query: &str) -> Result<()> {
        sqlx::query("DELETE FROM missed_queries WHERE query = $1")
            .bind(query)
            .run(self, || format!("forget the query {query:?}"))
            .await
    }
}
