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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_forms() {
        let cases = [
            (0, Plural::Many),
            (1, Plural::One),
            (2, Plural::Few),
            (3, Plural::Few),
            (4, Plural::Few),
            (5, Plural::Many),
            (11, Plural::Many),
            (12, Plural::Many),
            (14, Plural::Many),
            (21, Plural::One),
            (22, Plural::Few),
            (25, Plural::Many),
            (101, Plural::One),
            (111, Plural::Many),
            (112, Plural::Many),
            (122, Plural::Few),
            (365, Plural::Many),
        ];
        for (n, expected) in cases {
            assert_eq!(plural(Lang::Ru, n), expected, "{n}");
        }
    }

    #[test]
    fn english_forms() {
        assert_eq!(plural(Lang::En, 1), Plural::One);
        for n in [0, 2, 5, 11, 21, 101] {
            assert_eq!(plural(Lang::En, n), Plural::Other, "{n}");
        }
    }
}
