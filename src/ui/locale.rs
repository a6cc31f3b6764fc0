//! The interface language: the user's explicit choice is remembered in this
//! browser; until there is one, the account's language is used.

use super::labels::locale_of;
use crate::domain::Coded;
use crate::domain::Lang;
use crate::i18n::*;
use gloo_storage::{LocalStorage, Storage};
use leptos_i18n::I18nContext;

const CHOICE_KEY: &str = "souk.locale";

fn stored_choice() -> Option<Locale> {
    let code: String = LocalStorage::get(CHOICE_KEY).ok()?;
    Lang::from_code(&code).map(locale_of)
}

/// At start-up: the remembered choice, if any. In an effect, because
/// leptos_i18n sets the browser's language from an effect of its own when it
/// starts; ours, created after it, runs after it and wins.
pub fn restore(i18n: I18nContext<Locale>) {
    leptos::prelude::Effect::new(move |_| {
        if let Some(locale) = stored_choice() {
            i18n.set_locale(locale);
        }
    });
}

/// After sign-in: the account's language, unless the user chose one.
pub fn follow_account(i18n: I18nContext<Locale>, lang: Lang) {
    if stored_choice().is_none() {
        i18n.set_locale(locale_of(lang));
    }
}

pub fn choose(i18n: I18nContext<Locale>, locale: Locale) {
    i18n.set_locale(locale);
    // Not remembering is harmless: the choice still holds for this visit.
    let _ = LocalStorage::set(CHOICE_KEY, super::labels::lang_of(locale).code());
}
