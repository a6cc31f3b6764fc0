//! The booking channel's refusals as its screen says them (the words
//! themselves are `crate::texts::booking`).

use crate::api::ApiError;
use crate::i18n::*;
use crate::texts::booking::refusal_text;
use crate::ui::labels::error_message;

pub fn booking_error(locale: Locale, error: &ApiError) -> String {
    match error {
        ApiError::Booking(refusal) => match refusal.decode() {
            Some(refusal) => refusal_text(locale, &refusal),
            None => error_message(locale, error),
        },
        _ => error_message(locale, error),
    }
}
