//! A failed load: what went wrong, in the user's language, and a way to retry.

use crate::api::ApiError;
use crate::i18n::*;
use crate::ui::labels::error_message;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-panel" role="alert" data-testid="error-panel">
            <h2>{tr!(error_title)}</h2>
            <p>{move || error_message(i18n.get_locale(), &error)}</p>
            <button class="button" on:click=move |_| on_retry.run(())>{tr!(retry)}</button>
        </div>
    }
}
