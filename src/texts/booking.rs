//! The booking channel's words in either language: each field's problem,
//! each refusal, a bulk edit's problem, and a row's last sync.

use crate::domain::booking::channel::{ConsentText, SyncState};
use crate::domain::booking::prices::PriceProblem;
use crate::domain::booking::services::ServiceProblem;
use crate::domain::booking::BookingRefusal;
use crate::domain::dates::format_date_time_seconds;
use crate::i18n::*;
use crate::texts::lang_of;

use chrono_tz::Tz;

pub fn problem_text(locale: Locale, problem: &ServiceProblem) -> String {
    match problem {
        ServiceProblem::NameRu => td_string!(locale, bk_problem_name_ru),
        ServiceProblem::NameEn => td_string!(locale, bk_problem_name_en),
        ServiceProblem::Duration => td_string!(locale, bk_problem_duration),
        ServiceProblem::Price => td_string!(locale, bk_problem_price),
    }
    .to_string()
}

pub fn price_problem_text(locale: Locale, problem: PriceProblem) -> String {
    match problem {
        PriceProblem::Kind => td_string!(locale, bk_problem_kind),
        PriceProblem::NotANumber => td_string!(locale, bk_problem_not_a_number),
        PriceProblem::OutOfRange => td_string!(locale, bk_problem_out_of_range),
        PriceProblem::Percent => td_string!(locale, bk_problem_percent),
        PriceProblem::NothingChosen => td_string!(locale, bk_problem_nothing_chosen),
    }
    .to_string()
}

pub fn refusal_text(locale: Locale, refusal: &BookingRefusal) -> String {
    match refusal {
        BookingRefusal::Invalid(problem) => problem_text(locale, problem),
        BookingRefusal::ConsentMissing(ConsentText::Declaration) => td_string!(locale, bk_missing_declaration).into(),
        BookingRefusal::ConsentMissing(ConsentText::Terms) => td_string!(locale, bk_missing_terms).into(),
        BookingRefusal::NotActive => td_string!(locale, bk_not_active).into(),
        BookingRefusal::Price(problem) => price_problem_text(locale, *problem),
        BookingRefusal::NothingToUndo => td_string!(locale, bk_nothing_to_undo).into(),
        BookingRefusal::NotWithdrawn(said) => td_string!(locale, bk_not_withdrawn, said = said.as_str()).to_string(),
        BookingRefusal::Frozen => td_string!(locale, bk_refused_frozen).into(),
    }
}

/// A row's last call: sent, or failed with the partner's message and the next try.
pub fn sync_text(locale: Locale, state: &SyncState, tz: Tz) -> String {
    let at = format_date_time_seconds(state.at, tz, lang_of(locale));
    match &state.error {
        None => td_string!(locale, bk_sync_ok, at = at.as_str(), call = state.call.as_str()).to_string(),
        Some(error) => {
            let retry =
                state.retry_at.map(|retry| format_date_time_seconds(retry, tz, lang_of(locale))).unwrap_or_default();
            td_string!(
                locale,
                bk_sync_failed,
                at = at.as_str(),
                call = state.call.as_str(),
                error = error.as_str(),
                retry = retry.as_str()
            )
            .to_string()
        }
    }
}
