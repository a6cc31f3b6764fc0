//! A text of the interface in its language, as a view that follows the
//! language switch.
//!
//! Leptos' `t!` makes each use a reactive view of a closure type of its own:
//! about a kilobyte of the browser's wasm per use, and the apps have hundreds.
//! Here every use is one plain function (the text in each language) passed to
//! one shared closure type, so one reactive view serves them all.

use crate::i18n::*;

/// A text in the interface's language.
pub type Text = fn(Locale) -> &'static str;

/// `text` in the language the interface is shown in now.
pub fn shown(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(i18n.get_locale())
}

/// `tr!(key)`: the locale key's text, following the interface's language,
/// for a view's text or an attribute.
macro_rules! tr {
    ($key:ident) => {
        $crate::ui::widgets::text::shown(|locale| $crate::i18n::td_string!(locale, $key))
    };
}
pub(crate) use tr;
