//! Any address the app does not know.

use crate::i18n::*;
use crate::ui::links::rel;
use leptos::prelude::*;

#[component]
pub fn PageNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page empty" data-testid="page-not-found">
            <h1>{t!(i18n, page_not_found_title)}</h1>
            <p>{t!(i18n, page_not_found_text)}</p>
            <a class="button button--primary" href="/marketplace" rel=rel("/marketplace")>{t!(i18n, back_to_marketplace)}</a>
        </div>
    }
}
