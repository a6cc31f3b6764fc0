//! Русский / English, switchable at any moment.

use crate::i18n::*;
use crate::ui::locale;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let option = move |target: Locale, label: &'static str, code: &'static str| {
        view! {
            <button
                type="button"
                class="locale-option"
                data-locale=code
                lang=code
                aria-pressed=move || (i18n.get_locale() == target).to_string()
                on:click=move |_| locale::choose(i18n, target)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="locale-switch" role="group" data-testid="locale-switch" aria-label=tr!(locale_switch_label)>
            {option(Locale::ru, "RU", "ru")}
            {option(Locale::en, "EN", "en")}
        </div>
    }
}
