//! Translated names for the domain's values: the one place enums meet locales.

use crate::api::ApiError;
use crate::domain::plural::{plural, Plural};
use crate::domain::{Access, ApiSection, Lang, Role, Section};
use crate::i18n::*;

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::ru => Lang::Ru,
        Locale::en => Lang::En,
    }
}

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Ru => Locale::ru,
        Lang::En => Locale::en,
    }
}

pub fn section_name(locale: Locale, section: Section) -> &'static str {
    match section {
        Section::Telephony => td_string!(locale, section_telephony),
        Section::Warehouse => td_string!(locale, section_warehouse),
        Section::CashRegisters => td_string!(locale, section_cash_registers),
        Section::CallTracking => td_string!(locale, section_call_tracking),
        Section::Delivery => td_string!(locale, section_delivery),
        Section::Messengers => td_string!(locale, section_messengers),
        Section::SmsEmail => td_string!(locale, section_sms_email),
        Section::Loyalty => td_string!(locale, section_loyalty),
        Section::Billing => td_string!(locale, section_billing),
        Section::Booking => td_string!(locale, section_booking),
        Section::Analytics => td_string!(locale, section_analytics),
        Section::Other => td_string!(locale, section_other),
    }
}

pub fn api_section_name(locale: Locale, section: ApiSection) -> &'static str {
    match section {
        ApiSection::Order => td_string!(locale, api_order),
        ApiSection::Customer => td_string!(locale, api_customer),
        ApiSection::Reference => td_string!(locale, api_reference),
        ApiSection::Store => td_string!(locale, api_store),
        ApiSection::Delivery => td_string!(locale, api_delivery),
        ApiSection::Telephony => td_string!(locale, api_telephony),
        ApiSection::Payment => td_string!(locale, api_payment),
        ApiSection::Loyalty => td_string!(locale, api_loyalty),
        ApiSection::Integration => td_string!(locale, api_integration),
        ApiSection::User => td_string!(locale, api_user),
        ApiSection::Analytics => td_string!(locale, api_analytics),
        ApiSection::File => td_string!(locale, api_file),
    }
}

pub fn access_name(locale: Locale, access: Access) -> &'static str {
    match access {
        Access::Read => td_string!(locale, access_read),
        Access::Write => td_string!(locale, access_write),
    }
}

pub fn role_name(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::AccountOwner => td_string!(locale, role_account_owner),
        Role::Partner => td_string!(locale, role_partner),
        Role::Moderator => td_string!(locale, role_moderator),
    }
}

pub fn error_message(locale: Locale, error: &ApiError) -> &'static str {
    match error {
        ApiError::NotSignedIn => td_string!(locale, error_not_signed_in),
        ApiError::BadCredentials => td_string!(locale, error_bad_credentials),
        ApiError::Forbidden => td_string!(locale, error_forbidden),
        ApiError::NotFound => td_string!(locale, error_not_found),
        ApiError::BadRequest(_) => td_string!(locale, error_bad_request),
        ApiError::Internal => td_string!(locale, error_internal),
        ApiError::Network(_) => td_string!(locale, error_network),
    }
}

/// Picks the plural form of a key with `one`/`few`/`many`/`other` subkeys.
macro_rules! counted {
    ($locale:expr, $key:ident, $n:expr) => {{
        let (locale, n): (Locale, u64) = ($locale, $n);
        match plural(lang_of(locale), n) {
            Plural::One => td_string!(locale, $key.one, count = n).to_string(),
            Plural::Few => td_string!(locale, $key.few, count = n).to_string(),
            Plural::Many => td_string!(locale, $key.many, count = n).to_string(),
            Plural::Other => td_string!(locale, $key.other, count = n).to_string(),
        }
    }};
}

/// "14 дней бесплатно" / "14-day free trial".
pub fn trial_text(locale: Locale, days: u16) -> String {
    counted!(locale, trial, u64::from(days))
}

/// "14 дней" / "14 days".
pub fn days_text(locale: Locale, days: u16) -> String {
    counted!(locale, days, u64::from(days))
}

/// "40 модулей" / "40 modules".
pub fn results_text(locale: Locale, found: usize) -> String {
    counted!(locale, results, found as u64)
}
