//! Any address the app does not know.

use crate::ui::links::rel;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn PageNotFound() -> impl IntoView {
    view! {
        <div class="page empty" data-testid="page-not-found">
            <h1>{tr!(page_not_found_title)}</h1>
            <p>{tr!(page_not_found_text)}</p>
            <a class="button button--primary" href="/marketplace" rel=rel("/marketplace")>{tr!(back_to_marketplace)}</a>
        </div>
    }
}
