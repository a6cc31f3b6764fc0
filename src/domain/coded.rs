//! Enums kept as text (in storage, URLs and CSV): each derives its text form
//! with strum, named as serde names it, and gets `code`/`from_code` here.

use std::str::FromStr;

pub trait Coded: Copy + Into<&'static str> + FromStr {
    fn code(self) -> &'static str {
        self.into()
    }

    fn from_code(code: &str) -> Option<Self> {
        code.parse().ok()
    }
}

impl<T: Copy + Into<&'static str> + FromStr> Coded for T {}
