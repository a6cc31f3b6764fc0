//! CLDR cardinal plural categories for the two languages of the app. ICU's
//! tables cover every language on earth and weigh more than this whole rule.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// The category of a whole number `n`, by CLDR's rules: Russian has
/// one (1, 21, 101…), few (2–4, 22–24…), many (0, 5–20, 25…); English one (1) and other.
pub fn plural(lang: Lang, n: u64) -> Plural {
    match lang {
        Lang::En if n == 1 => Plural::One,
        Lang::En => Plural::Other,
        Lang::Ru => match (n % 10, n % 100) {
            (1, tens) if tens != 11 => Plural::One,
            (2..=4, tens) if !(12..=14).contains(&tens) => Plural::Few,
            _ => Plural::Many,
        },
    }
}
