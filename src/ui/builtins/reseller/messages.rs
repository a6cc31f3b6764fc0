//! The reseller billing's refusals as its screen says them (the words
//! themselves are `crate::texts::reseller`).

use crate::api::reseller::ResellerView;
use crate::api::ApiError;
use crate::domain::reseller::{HandlerProblem, ResellerRefusal};
use crate::i18n::*;
use crate::texts::reseller::refusal_text;
use crate::ui::labels::error_message;
use crate::ui::widgets::Form;
use leptos::prelude::*;

/// Any error of the reseller screen's calls.
pub fn reseller_error(locale: Locale, error: &ApiError) -> String {
    match error {
        ApiError::Reseller(refusal) => match refusal.decode() {
            Some(refusal) => refusal_text(locale, &refusal),
            None => error_message(locale, error),
        },
        _ => error_message(locale, error),
    }
}

/// A wizard's last step came back: saved, the screen takes the new view and
/// the wizard closes; refused, as `shown` says.
pub fn finished(
    result: Result<ResellerView, ApiError>,
    reseller: RwSignal<ResellerView>,
    on_close: Callback<()>,
    form: Form<HandlerProblem>,
) -> Result<(), Option<ApiError>> {
    let view = result.map_err(|error| shown(form, error))?;
    reseller.set(view);
    on_close.run(());
    Ok(())
}

/// What a send's failure leaves to say: a field's problem goes to its form,
/// beside the field (`None`); any other error is said above the button.
pub fn shown(form: Form<HandlerProblem>, error: ApiError) -> Option<ApiError> {
    if let ApiError::Reseller(refusal) = &error {
        if let Some(ResellerRefusal::Invalid(problem)) = refusal.decode() {
            form.refused(vec![problem]);
            return None;
        }
    }
    Some(error)
}
