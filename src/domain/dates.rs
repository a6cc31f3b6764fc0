//! Dates and times as each language writes them, in the account's time zone.

use super::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// "31.01.2027" / "31 Jan 2027".
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%-d %b %Y").to_string(),
    }
}

/// "31.01.2027 14:05" / "31 Jan 2027, 14:05", local to the account.
pub fn format_date_time(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&tz);
    match lang {
        Lang::Ru => local.format("%d.%m.%Y %H:%M").to_string(),
        Lang::En => local.format("%-d %b %Y, %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(format_date(date, Lang::Ru), "05.01.2027");
        assert_eq!(format_date(date, Lang::En), "5 Jan 2027");
        let at = DateTime::parse_from_rfc3339("2027-01-30T21:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(format_date_time(at, chrono_tz::Europe::Moscow, Lang::Ru), "31.01.2027 00:30");
        assert_eq!(format_date_time(at, chrono_tz::Europe::Moscow, Lang::En), "31 Jan 2027, 00:30");
    }
}
