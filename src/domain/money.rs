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
