//! Dates and times as each language writes them, in the reader's time zone,
//! which every time names.
//! Written by hand rather than with chrono's `format`/`parse`, whose general
//! format-string machinery would add tens of kilobytes to the wasm.

use super::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "31.01.2027" / "31 Jan 2027".
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
        Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[date.month0() as usize], date.year()),
    }
}

/// "31.01.2027 14:05 MSK" / "31 Jan 2027, 14:05 MSK", local to `tz`.
/// A month as a heading of a monthly figure: "11.2026", "Nov 2026".
pub fn format_month(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("{:02}.{}", date.month(), date.year()),
        Lang::En => format!("{} {}", MONTHS_EN[date.month0() as usize], date.year()),
    }
}

pub fn format_date_time(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    date_time(at, tz, lang, false)
}

/// "31.01.2027 14:05:09 MSK": to the second, where two moments a minute apart must differ.
pub fn format_date_time_seconds(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    date_time(at, tz, lang, true)
}

fn date_time(at: DateTime<Utc>, tz: Tz, lang: Lang, seconds: bool) -> String {
    let local = at.with_timezone(&tz);
    let date = format_date(local.date_naive(), lang);
    let separator = match lang {
        Lang::Ru => " ",
        Lang::En => ", ",
    };
    let seconds = if seconds { format!(":{:02}", local.second()) } else { String::new() };
    format!("{date}{separator}{:02}:{:02}{seconds} {}", local.hour(), local.minute(), zone_abbreviation(at, tz))
}

/// How a time names its zone: its abbreviation then ("MSK", "UTC"), or its
/// offset from UTC where it has none ("UTC+5" for Almaty, "UTC+5:30").
pub fn zone_abbreviation(at: DateTime<Utc>, tz: Tz) -> String {
    use chrono::{Offset, TimeZone};
    use chrono_tz::OffsetName;
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    if let Some(name) = offset.abbreviation().filter(|name| name.starts_with(|c: char| c.is_ascii_alphabetic())) {
        return name.to_string();
    }
    let seconds = offset.fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    if minutes == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{minutes:02}")
    }
}

/// "2027-01-31 14:05:09", local to the account: the CSV export's timestamps.
pub fn iso_date_time(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    format!("{} {:02}:{:02}:{:02}", local.date_naive(), local.hour(), local.minute(), local.second())
}

/// "2027-01-31", as a date input gives it; anything else is no date.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}
