//! The search's words in either language: a synonym's problems.

use crate::domain::search::synonyms::SynonymProblem;
use crate::i18n::*;

pub fn synonym_problem_text(locale: Locale, problem: SynonymProblem) -> String {
    match problem {
        SynonymProblem::Term => td_string!(locale, sy_problem_term),
        SynonymProblem::Meaning => td_string!(locale, sy_problem_meaning),
        SynonymProblem::Same => td_string!(locale, sy_problem_same),
        SynonymProblem::Taken => td_string!(locale, sy_problem_taken),
    }
    .to_string()
}
