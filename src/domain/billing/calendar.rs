//! Billing dates: the monthly anchor rule and the account's time zone.
//!
//! Charges are due on local calendar days of the account; a day starts at local
//! midnight, so "due on March 31" in Moscow means due from 21:00 UTC on March 30.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Days before a charge that the account owner is told about it.
pub const NOTICE_DAYS: u64 = 2;

/// The account's time zone; an unknown name falls back to UTC rather than stopping billing.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The calendar day `at` falls on in the time zone.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The moment a local day begins. Where midnight does not exist (a DST jump
/// at 00:00) the day begins at the first moment that does.
pub fn day_start(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=3)
        .find_map(|hour| tz.from_local_datetime(&(midnight + chrono::Duration::hours(hour))).earliest())
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1).and_then(|first| first.pred_opt()).map_or(28, |last| last.day())
}

/// The charge after one on `last`: one calendar month later on the anchor day,
/// or the month's last day when it is shorter (Jan 31 → Feb 29 → Mar 31).
pub fn next_charge_date(last: NaiveDate, anchor_day: u32) -> NaiveDate {
    let (year, month) = if last.month() == 12 { (last.year() + 1, 1) } else { (last.year(), last.month() + 1) };
    let day = anchor_day.clamp(1, 31).min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(last)
}

/// The day the notice of a charge due on `due` goes out.
pub fn notice_date(due: NaiveDate) -> NaiveDate {
    due.checked_sub_days(Days::new(NOTICE_DAYS)).unwrap_or(due)
}

/// `days` calendar days after `date`.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days))).unwrap_or(date)
}
