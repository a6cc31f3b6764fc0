//! The moderators' synonyms: a word users type («ККТ») standing for the
//! words the modules use («онлайн-касса»), and the queries that found
//! nothing, from which moderators learn which synonyms are missing.

use super::{fold, query_words};
use serde::{Deserialize, Serialize};

/// At most this many letters in a term or a missed query, and in a meaning.
pub const TERM_MAX: usize = 40;
pub const MEANING_MAX: usize = 100;
/// A missed query is kept up to this length; a longer one is nobody's word.
pub const QUERY_MAX: usize = 100;

/// `term` finds what `meaning` finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonym {
    /// One word, folded (lower case, ё as е).
    pub term: String,
    /// The words it stands for, as the moderator typed them.
    pub meaning: String,
}

/// What is wrong with a synonym a moderator typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum SynonymProblem {
    #[error("term: one word of at most 40 letters")]
    Term,
    #[error("meaning: one to five words, at most 100 letters")]
    Meaning,
    #[error("meaning: the same as the term")]
    Same,
    #[error("term: already has a synonym")]
    Taken,
}

impl SynonymProblem {
    /// The form field the problem is in.
    pub fn field(self) -> &'static str {
        match self {
            SynonymProblem::Term | SynonymProblem::Taken => "term",
            SynonymProblem::Meaning | SynonymProblem::Same => "meaning",
        }
    }
}

impl Synonym {
    /// The synonym as typed, checked against those kept.
    pub fn parse(term: &str, meaning: &str, kept: &[Synonym]) -> Result<Synonym, SynonymProblem> {
        let term = fold(term.trim());
        // Matched whole against a query's words, which are letters and digits.
        if term.is_empty() || term.chars().count() > TERM_MAX || !term.chars().all(char::is_alphanumeric) {
            return Err(SynonymProblem::Term);
        }
        let meaning = meaning.split_whitespace().collect::<Vec<_>>().join(" ");
        let meaning_words = query_words(&meaning);
        if meaning_words.is_empty() || meaning_words.len() > 5 || meaning.chars().count() > MEANING_MAX {
            return Err(SynonymProblem::Meaning);
        }
        if fold(&meaning) == term {
            return Err(SynonymProblem::Same);
        }
        if kept.iter().any(|synonym| synonym.term == term) {
            return Err(SynonymProblem::Taken);
        }
        Ok(Synonym { term, meaning })
    }
}

/// A query as it is counted among those that found nothing: folded, its
/// spaces collapsed; `None` when empty or longer than `QUERY_MAX`.
pub fn missed_query(typed: &str) -> Option<String> {
    let query = fold(&typed.split_whitespace().collect::<Vec<_>>().join(" "));
    (!query.is_empty() && query.chars().count() <= QUERY_MAX).then_some(query)
}

/// A query that found nothing, as moderators see it: how many accounts
/// typed it, how many times, and when last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissedQuery {
    pub query: String,
    pub accounts: u32,
    pub times: u32,
    pub last_at: chrono::DateTime<chrono::Utc>,
}
