//! The SMS service's refusals as its screen says them (the words themselves
//! are `crate::texts::sms`).

use crate::api::ApiError;
use crate::domain::sms::{SmsProblem, SmsRefusal};
use crate::i18n::*;
use crate::texts::sms::{gateway_text, impossible_text, problem_text};
use crate::ui::labels::error_message;
use crate::ui::widgets::Form;

/// Any error of the SMS screen's calls.
pub fn sms_error(locale: Locale, error: &ApiError) -> String {
    let ApiError::Sms(refusal) = error else { return error_message(locale, error) };
    match refusal.decode() {
        Some(SmsRefusal::Invalid(problem)) => problem_text(locale, &problem),
        Some(SmsRefusal::Programme(_)) => td_string!(locale, sms_programme_days_invalid).to_string(),
        Some(SmsRefusal::Impossible(_, why)) => impossible_text(locale, why).to_string(),
        Some(SmsRefusal::NotSetUp) => td_string!(locale, sms_not_set_up).to_string(),
        Some(SmsRefusal::Frozen) => td_string!(locale, sms_frozen).to_string(),
        Some(SmsRefusal::Gateway(failure)) => gateway_text(locale, &failure),
        None => error_message(locale, error),
    }
}

/// What a send's failure leaves to say: a field's problem goes to its form,
/// beside the field (`None`); any other error is said above the button.
pub fn shown(form: Form<SmsProblem>, error: ApiError) -> Option<ApiError> {
    match &error {
        ApiError::Sms(refusal) => match refusal.decode() {
            Some(SmsRefusal::Invalid(problem)) => {
                form.refused(vec![problem]);
                None
            }
            _ => Some(error),
        },
        _ => Some(error),
    }
}
