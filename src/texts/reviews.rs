//! The reviews' words in either language: what is wrong with what was typed,
//! why a change was refused, and the letters about moderators' decisions.

use super::locale_of;
use crate::domain::review::report::{self, Decision, ReportReason, Target};
use crate::domain::review::{ReviewProblem, ReviewRefusal, REPLY_MAX, TEXT_MAX, TEXT_MIN};
use crate::domain::Lang;
use crate::i18n::*;

pub fn problem_text(locale: Locale, problem: ReviewProblem) -> String {
    match problem {
        ReviewProblem::Stars => td_string!(locale, rv_problem_stars).to_string(),
        ReviewProblem::TextShort => td_string!(locale, rv_problem_text_short, min = TEXT_MIN).to_string(),
        ReviewProblem::TextLong => td_string!(locale, rv_problem_text_long, max = TEXT_MAX).to_string(),
        ReviewProblem::ReplyEmpty => td_string!(locale, rv_problem_reply_empty).to_string(),
        ReviewProblem::ReplyLong => td_string!(locale, rv_problem_reply_long, max = REPLY_MAX).to_string(),
        ReviewProblem::ReportEmpty => td_string!(locale, rv_problem_report_empty).to_string(),
        ReviewProblem::ReportLong => td_string!(locale, rv_problem_report_long, max = report::TEXT_MAX).to_string(),
        ReviewProblem::NoteEmpty => td_string!(locale, rv_problem_note_empty).to_string(),
    }
}

pub fn reason_name(locale: Locale, reason: ReportReason) -> &'static str {
    match reason {
        ReportReason::Spam => td_string!(locale, rv_reason_spam),
        ReportReason::Offensive => td_string!(locale, rv_reason_offensive),
        ReportReason::OffTopic => td_string!(locale, rv_reason_off_topic),
        ReportReason::ConflictOfInterest => td_string!(locale, rv_reason_conflict),
        ReportReason::Other => td_string!(locale, rv_reason_other),
    }
}

pub fn refusal_text(locale: Locale, refusal: &ReviewRefusal) -> &'static str {
    match refusal {
        ReviewRefusal::NotYet(_) => td_string!(locale, rv_refused_not_yet),
        ReviewRefusal::AlreadyReviewed => td_string!(locale, rv_refused_already),
        ReviewRefusal::OwnReview => td_string!(locale, rv_refused_own),
        ReviewRefusal::NoReply => td_string!(locale, rv_refused_no_reply),
        ReviewRefusal::Decided => td_string!(locale, rv_refused_decided),
    }
}

/// The letter telling the author of a hidden text, or of one to edit, why:
/// its subject and body. `Keep` sends none.
pub fn moderation_letter(lang: Lang, decision: Decision, target: Target, module: &str, note: &str) -> (String, String) {
    let locale = locale_of(lang);
    let (subject, body) = match (target, decision) {
        (Target::Review, Decision::Hide | Decision::Keep) => (
            td_string!(locale, rv_letter_hidden_subject, module = module),
            td_string!(locale, rv_letter_hidden_body, module = module, note = note),
        ),
        (Target::Review, Decision::AskToEdit) => (
            td_string!(locale, rv_letter_edit_subject, module = module),
            td_string!(locale, rv_letter_edit_body, module = module, note = note),
        ),
        (Target::Reply, Decision::Hide | Decision::Keep) => (
            td_string!(locale, rv_letter_reply_hidden_subject, module = module),
            td_string!(locale, rv_letter_reply_hidden_body, module = module, note = note),
        ),
        (Target::Reply, Decision::AskToEdit) => (
            td_string!(locale, rv_letter_reply_edit_subject, module = module),
            td_string!(locale, rv_letter_reply_edit_body, module = module, note = note),
        ),
    };
    (subject.to_string(), body.to_string())
}
