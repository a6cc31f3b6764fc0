//! Translated names for the domain's values: the one place enums meet locales.

use crate::api::deliveries::DeliveryView;
use crate::api::ApiError;
use crate::domain::api_key::{KeyRefusal, MAX_KEYS_PER_ACCOUNT};
use crate::domain::application::DecisionError;
use crate::domain::billing::calendar::local_date;
use crate::domain::billing::{AmountError, Connection, NameError, Status};
use crate::domain::dates::format_date;
use crate::domain::delivery::{DeliveryStatus, Event};
use crate::domain::plural::{plural, Plural};
use crate::domain::simple_connection::ConnectRefusal;
use crate::domain::{Access, ApiSection, Listing, Pricing, Role, Scope, Section};
use crate::i18n::*;
use chrono_tz::Tz;

pub use crate::texts::{lang_of, locale_of, operation_kind_name};

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

/// The name of the tab a listing is shelved under: a moderator-added section's own name, or the built-in one's.
pub fn listing_section_name(locale: Locale, listing: &Listing) -> String {
    match &listing.added_section {
        Some(added) => added.names.get(lang_of(locale)).clone(),
        None => section_name(locale, listing.section).to_string(),
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

pub fn delivery_event_name(locale: Locale, event: Event) -> &'static str {
    match event {
        Event::Activated => td_string!(locale, event_activated),
        Event::Deactivated => td_string!(locale, event_deactivated),
        Event::Frozen => td_string!(locale, event_frozen),
        Event::Unfrozen => td_string!(locale, event_unfrozen),
        Event::Test => td_string!(locale, event_test),
    }
}

/// "Delivered", "Attempt 2 failed; next at 14:05", "Failed after 6 attempts".
pub fn delivery_status_text(locale: Locale, delivery: &DeliveryView, tz: Tz) -> String {
    match delivery.status {
        DeliveryStatus::Delivered => td_string!(locale, delivery_delivered).to_string(),
        DeliveryStatus::Failed => td_string!(locale, delivery_failed, n = delivery.attempts).to_string(),
        DeliveryStatus::Pending => match delivery.next_at.filter(|_| delivery.attempts > 0) {
            Some(at) => {
                let at = crate::domain::dates::format_date_time(at, tz, lang_of(locale));
                td_string!(locale, delivery_retrying, n = delivery.attempts, at = at).to_string()
            }
            None => td_string!(locale, delivery_pending).to_string(),
        },
    }
}

/// Why a module could not be connected, with the module's own words when it gave them.
pub fn connect_refusal_text(locale: Locale, refusal: &ConnectRefusal) -> String {
    match refusal {
        ConnectRefusal::NotSimple => td_string!(locale, connect_not_simple).to_string(),
        ConnectRefusal::NoSecret => td_string!(locale, connect_no_secret).to_string(),
        ConnectRefusal::NoAnswer(why) => td_string!(locale, connect_no_answer, why = why).to_string(),
        ConnectRefusal::BadAnswer(why) => td_string!(locale, connect_bad_answer, why = why).to_string(),
        ConnectRefusal::Refused(message) => {
            td_string!(locale, connect_refused_by_module, message = message).to_string()
        }
        ConnectRefusal::AlreadySent => td_string!(locale, connect_already_sent).to_string(),
    }
}

/// "Orders: read".
pub fn scope_name(locale: Locale, scope: Scope) -> String {
    format!("{}: {}", api_section_name(locale, scope.section), access_name(locale, scope.access))
}

/// Why no key was issued, naming the permissions in words.
pub fn key_refusal_text(locale: Locale, refusal: &KeyRefusal) -> String {
    let scopes = |list: &[Scope]| list.iter().map(|s| scope_name(locale, *s)).collect::<Vec<_>>().join(", ");
    match refusal {
        KeyRefusal::Empty => td_string!(locale, key_refused_empty).to_string(),
        KeyRefusal::Unknown(names) => td_string!(locale, key_refused_unknown, scopes = names.join(", ")).to_string(),
        KeyRefusal::Undeclared(list) => td_string!(locale, key_refused_undeclared, scopes = scopes(list)).to_string(),
        KeyRefusal::TooMany => td_string!(locale, key_refused_too_many, n = MAX_KEYS_PER_ACCOUNT).to_string(),
        KeyRefusal::NoConnection => td_string!(locale, key_refused_no_connection).to_string(),
    }
}

pub fn role_name(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::AccountOwner => td_string!(locale, role_account_owner),
        Role::Partner => td_string!(locale, role_partner),
        Role::Moderator => td_string!(locale, role_moderator),
    }
}

pub fn error_message(locale: Locale, error: &ApiError) -> String {
    let text = match error {
        ApiError::NotSignedIn => td_string!(locale, error_not_signed_in),
        ApiError::BadCredentials => td_string!(locale, error_bad_credentials),
        ApiError::Forbidden => td_string!(locale, error_forbidden),
        ApiError::NotFound => td_string!(locale, error_not_found),
        ApiError::BadRequest(_) => td_string!(locale, error_bad_request),
        ApiError::Refused(_) => td_string!(locale, refused_unknown),
        ApiError::TooManyAttempts(seconds) => return too_many_attempts(locale, *seconds),
        ApiError::Key(refusal) => return key_refusal_text(locale, refusal),
        ApiError::NoRegistration => td_string!(locale, deliveries_no_registration),
        // The built-ins' screens name each of their refusals (`ui::builtins`).
        ApiError::Sms(_) => td_string!(locale, refused_unknown),
        ApiError::Reseller(_) => td_string!(locale, refused_unknown),
        // Except the one said where a connection is deactivated.
        ApiError::Booking(refusal) => match refusal.decode() {
            Some(crate::domain::booking::BookingRefusal::NotWithdrawn(said)) => {
                return td_string!(locale, bk_not_withdrawn, said = said.as_str()).to_string()
            }
            _ => td_string!(locale, refused_unknown),
        },
        ApiError::Connect(refusal) => return connect_refusal_text(locale, refusal),
        ApiError::Invalid(_) => td_string!(locale, error_invalid_listing),
        ApiError::Synonym(problem) => return crate::texts::search::synonym_problem_text(locale, *problem),
        ApiError::Review(refusal) => crate::texts::reviews::refusal_text(locale, refusal),
        ApiError::ReviewInvalid(problems) => match problems.decode().first() {
            Some(problem) => return crate::texts::reviews::problem_text(locale, *problem),
            None => td_string!(locale, error_bad_request),
        },
        ApiError::Lifecycle(_) => td_string!(locale, error_listing_stage),
        ApiError::Changed => td_string!(locale, error_listing_changed),
        ApiError::Application(_) => td_string!(locale, error_invalid_application),
        ApiError::Decision(DecisionError::AlreadyDecided) => td_string!(locale, error_already_decided),
        ApiError::Decision(DecisionError::NoReason) => td_string!(locale, error_no_reason),
        ApiError::Decision(DecisionError::AlreadyJoined) => td_string!(locale, error_already_joined),
        ApiError::Decision(DecisionError::NotApproved) => td_string!(locale, error_not_approved),
        ApiError::SignInExpired => td_string!(locale, error_sign_in_expired),
        ApiError::WrongCode => td_string!(locale, second_factor_wrong_code),
        ApiError::PaymentsOff => td_string!(locale, error_payments_off),
        ApiError::PaymentProvider => td_string!(locale, error_payment_provider),
        ApiError::Internal => td_string!(locale, error_internal),
        ApiError::Network(_) => td_string!(locale, error_network),
    };
    text.to_string()
}

/// "Too many attempts. Try again in 8 s." Seconds up to a minute, then minutes.
fn too_many_attempts(locale: Locale, seconds: u32) -> String {
    let wait = if seconds < 60 {
        td_string!(locale, wait_seconds, n = seconds).to_string()
    } else {
        td_string!(locale, wait_minutes, n = seconds.div_ceil(60)).to_string()
    };
    td_string!(locale, error_too_many_attempts, wait = wait).to_string()
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

/// "3 подключения" / "3 connections".
/// "12 reviews" / "12 отзывов".
pub fn reviews_text(locale: Locale, count: u32) -> String {
    counted!(locale, rv_reviews, u64::from(count))
}

/// "used it for 3 months" / "пользуется 3 месяца".
pub fn used_months_text(locale: Locale, months: u32) -> String {
    counted!(locale, rv_used_months, u64::from(months))
}

/// An average of stars as the language writes decimals: "4.7", "4,7".
pub fn format_average(locale: Locale, average: rust_decimal::Decimal) -> String {
    let text = format!("{average:.1}");
    match locale {
        Locale::ru => text.replace('.', ","),
        Locale::en => text,
    }
}

pub fn connections_text(locale: Locale, count: usize) -> String {
    counted!(locale, connections_count, count as u64)
}

pub fn name_error(locale: Locale, error: NameError) -> &'static str {
    match error {
        NameError::Empty => td_string!(locale, name_empty),
        NameError::TooLong => td_string!(locale, name_too_long),
    }
}

pub fn amount_error(locale: Locale, error: AmountError) -> &'static str {
    match error {
        AmountError::NotANumber => td_string!(locale, amount_not_a_number),
        AmountError::TooPrecise => td_string!(locale, amount_too_precise),
        AmountError::NotPositive => td_string!(locale, amount_not_positive),
        AmountError::TooLarge => td_string!(locale, amount_too_large),
    }
}

/// Where a connection stands: "Trial until 24.01.2027", "Next charge on …", "Frozen since …".
pub fn connection_status(locale: Locale, connection: &Connection, pricing: &Pricing, tz: Tz) -> String {
    let lang = lang_of(locale);
    let day = |date| format_date(date, lang);
    match (connection.status, connection.due_on) {
        (Status::Trial, Some(due)) => td_string!(locale, trial_until, date = day(due)).to_string(),
        (Status::Paid, Some(due)) => td_string!(locale, next_charge_on, date = day(due)).to_string(),
        (Status::Frozen, _) => {
            let since = connection.frozen_at.map(|at| day(local_date(at, tz))).unwrap_or_default();
            td_string!(locale, frozen_since, date = since).to_string()
        }
        _ if matches!(pricing, Pricing::ServiceSide) => td_string!(locale, status_service_side).to_string(),
        _ => td_string!(locale, status_free).to_string(),
    }
}
