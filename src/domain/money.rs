//! Rubles with kopecks: parsing-free formatting for each language.

use super::Lang;
use rust_decimal::{Decimal, RoundingStrategy};

/// A no-break space: a price never wraps between its digits and its sign.
const NBSP: char = '\u{a0}';

/// Rounds an amount to kopecks, the point at which every price is set.
pub fn to_kopecks(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// "1 990 ₽" / "1 990,50 ₽" in Russian, "₽1,990" / "₽1,990.50" in English.
/// Whole rubles are shown without kopecks, as price tags usually are.
pub fn format_rub(amount: Decimal, lang: Lang) -> String {
    let amount = to_kopecks(amount);
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let abs = amount.abs();
    let rubles = abs.trunc();
    let kopecks = ((abs - rubles) * Decimal::ONE_HUNDRED).trunc();
    let (group, decimal) = match lang {
        Lang::Ru => (NBSP, ','),
        Lang::En => (',', '.'),
    };
    let mut number = group_thousands(&rubles.to_string(), group);
    if !kopecks.is_zero() {
        number.push(decimal);
        number.push_str(&format!("{kopecks:0>2}"));
    }
    let sign = if negative { "−" } else { "" };
    match lang {
        Lang::Ru => format!("{sign}{number}{NBSP}₽"),
        Lang::En => format!("{sign}₽{number}"),
    }
}

fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn rub(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_in_both_languages() {
        let cases = [
            ("0", "0\u{a0}₽", "₽0"),
            ("5", "5\u{a0}₽", "₽5"),
            ("990", "990\u{a0}₽", "₽990"),
            ("1990", "1\u{a0}990\u{a0}₽", "₽1,990"),
            ("1990.5", "1\u{a0}990,50\u{a0}₽", "₽1,990.50"),
            ("1990.05", "1\u{a0}990,05\u{a0}₽", "₽1,990.05"),
            ("25000", "25\u{a0}000\u{a0}₽", "₽25,000"),
            ("1000000", "1\u{a0}000\u{a0}000\u{a0}₽", "₽1,000,000"),
            ("149.999", "150\u{a0}₽", "₽150"),
            ("-300", "−300\u{a0}₽", "−₽300"),
        ];
        for (amount, ru, en) in cases {
            assert_eq!(format_rub(rub(amount), Lang::Ru), ru, "ru {amount}");
            assert_eq!(format_rub(rub(amount), Lang::En), en, "en {amount}");
        }
    }

    #[test]
    fn rounds_half_kopecks_away_from_zero() {
        assert_eq!(to_kopecks(rub("10.005")), rub("10.01"));
        assert_eq!(to_kopecks(rub("10.004")), rub("10.00"));
    }
}
