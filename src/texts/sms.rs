//! The SMS service's words in either language: its events, each field's
//! problem, why an event cannot happen, and each of the gateway's errors by
//! its code. Here rather than beside the screen, so a native test reads them all.

use crate::domain::sms::gateway::{GatewayCode, GatewayFailure};
use crate::domain::sms::settings::{SenderProblem, TextProblem};
use crate::domain::sms::{Impossible, SmsEvent, SmsProblem};
use crate::i18n::*;

pub fn event_name(locale: Locale, event: SmsEvent) -> &'static str {
    match event {
        SmsEvent::PointsAccrued => td_string!(locale, sms_event_points_accrued),
        SmsEvent::PointsSpent => td_string!(locale, sms_event_points_spent),
        SmsEvent::PointsExpiring => td_string!(locale, sms_event_points_expiring),
        SmsEvent::BirthdayBonus => td_string!(locale, sms_event_birthday_bonus),
        SmsEvent::Welcome => td_string!(locale, sms_event_welcome),
    }
}

pub fn problem_text(locale: Locale, problem: &SmsProblem) -> String {
    match problem {
        SmsProblem::Login(TextProblem::Empty) => td_string!(locale, sms_login_empty).to_string(),
        SmsProblem::Login(TextProblem::TooLong) => td_string!(locale, sms_login_long).to_string(),
        SmsProblem::Password(TextProblem::Empty) => td_string!(locale, sms_password_empty).to_string(),
        SmsProblem::Password(TextProblem::TooLong) => td_string!(locale, sms_password_long).to_string(),
        SmsProblem::Sender(SenderProblem::TooLong) => td_string!(locale, sms_sender_long).to_string(),
        SmsProblem::Sender(SenderProblem::Character(c)) => td_string!(locale, sms_sender_character, c = *c).to_string(),
        SmsProblem::GatewayUrl => td_string!(locale, sms_gateway_url_invalid).to_string(),
        SmsProblem::Phone => td_string!(locale, sms_phone_invalid).to_string(),
    }
}

pub fn impossible_text(locale: Locale, why: Impossible) -> &'static str {
    match why {
        Impossible::NoAccrual => td_string!(locale, sms_impossible_no_accrual),
        Impossible::NoPoints => td_string!(locale, sms_impossible_no_points),
        Impossible::NeverExpire => td_string!(locale, sms_impossible_never_expire),
        Impossible::NoBirthdayBonus => td_string!(locale, sms_impossible_no_birthday),
        Impossible::NoWelcomeBonus => td_string!(locale, sms_impossible_no_welcome),
    }
}

pub fn gateway_text(locale: Locale, failure: &GatewayFailure) -> String {
    match failure {
        GatewayFailure::Refused(code) => {
            let text = match code {
                GatewayCode::BadParameters => td_string!(locale, sms_gateway_error_1),
                GatewayCode::WrongCredentials => td_string!(locale, sms_gateway_error_2),
                GatewayCode::NoMoney => td_string!(locale, sms_gateway_error_3),
                GatewayCode::AddressBlocked => td_string!(locale, sms_gateway_error_4),
                GatewayCode::MessageRefused => td_string!(locale, sms_gateway_error_6),
                GatewayCode::PhoneFormat => td_string!(locale, sms_gateway_error_7),
                GatewayCode::Undeliverable => td_string!(locale, sms_gateway_error_8),
                GatewayCode::Duplicate => td_string!(locale, sms_gateway_error_9),
                GatewayCode::Other(number) => {
                    return td_string!(locale, sms_gateway_error_other, code = *number).to_string()
                }
            };
            text.to_string()
        }
        GatewayFailure::NoAnswer(why) => td_string!(locale, sms_gateway_no_answer, why = why.as_str()).to_string(),
        GatewayFailure::BadAnswer(why) => td_string!(locale, sms_gateway_bad_answer, why = why.as_str()).to_string(),
    }
}
