//! Dates and times as each language writes them, in the account's time zone.
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

/// "31.01.2027 14:05" / "31 Jan 2027, 14:05", local to the account.
pub fn format_date_time(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&tz);
    let date = format_date(local.date_naive(), lang);
    let separator = match lang {
        Lang::Ru => " ",
        Lang::En => ", ",
    };
    format!("{date}{separator}{:02}:{:02}", local.hour(), local.minute())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(format_date(date, Lang::Ru), "05.01.2027");
        assert_eq!(format_date(date, Lang::En), "5 Jan 2027");
        assert_eq!(format_date(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(), Lang::En), "31 Dec 2027");
        let at = DateTime::parse_from_rfc3339("2027-01-30T21:30:09Z").unwrap().with_timezone(&Utc);
        assert_eq!(format_date_time(at, chrono_tz::Europe::Moscow, Lang::Ru), "31.01.2027 00:30");
        assert_eq!(format_date_time(at, chrono_tz::Europe::Moscow, Lang::En), "31 Jan 2027, 00:30");
        assert_eq!(iso_date_time(at, chrono_tz::Europe::Moscow), "2027-01-31 00:30:09");
    }

    #[test]
    fn date_inputs() {
        assert_eq!(parse_iso_date("2028-02-29"), NaiveDate::from_ymd_opt(2028, 2, 29));
        for bad in ["", "2027-02-29", "2027-1", "2027-01-01-01", "31.01.2027", "2027-01-xx"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
