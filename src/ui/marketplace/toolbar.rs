//! Search as you type, the price, "active" and "4★ and up" filters, and the sort order.

use crate::domain::Coded;
use crate::domain::{CatalogQuery, PriceFilter, SortOrder};
use crate::i18n::*;
use crate::ui::labels::results_text;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn SearchBox(query: RwSignal<CatalogQuery>) -> impl IntoView {
    let text = move || query.with(|q| q.text.clone());
    view! {
        <div class="search">
            <label class="visually-hidden" for="module-search">{tr!(search_label)}</label>
            <input
                id="module-search"
                type="search"
                data-testid="search-input"
                autocomplete="off"
                placeholder=tr!(search_placeholder)
                prop:value=text
                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn Toolbar(query: RwSignal<CatalogQuery>, #[prop(into)] found: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let price_option = move |filter: PriceFilter, code: &'static str| {
        view! {
            <button
                type="button"
                class="chip"
                data-testid="price-filter"
                data-filter=code
                aria-pressed=move || query.with(|q| q.price == filter).to_string()
                on:click=move |_| query.update(|q| q.price = filter)
            >
                {move || match filter {
                    PriceFilter::Any => t_string!(i18n, filter_any),
                    PriceFilter::Free => t_string!(i18n, filter_free),
                    PriceFilter::Paid => t_string!(i18n, filter_paid),
                }}
            </button>
        }
    };
    let sort_label = move |sort: SortOrder| match sort {
        SortOrder::Popular => t_string!(i18n, sort_popular),
        SortOrder::Newest => t_string!(i18n, sort_newest),
        SortOrder::Price => t_string!(i18n, sort_price),
        SortOrder::Rating => t_string!(i18n, sort_rating),
    };
    view! {
        <div class="toolbar">
            <div class="chips" role="group" aria-label=tr!(filter_price_label)>
                {price_option(PriceFilter::Any, "any")}
                {price_option(PriceFilter::Free, "free")}
                {price_option(PriceFilter::Paid, "paid")}
            </div>
            <label class="toggle">
                <input
                    type="checkbox"
                    data-testid="active-filter"
                    prop:checked=move || query.with(|q| q.active_only)
                    on:change=move |ev| query.update(|q| q.active_only = event_target_checked(&ev))
                />
                <span>{tr!(filter_active)}</span>
            </label>
            <label class="toggle">
                <input
                    type="checkbox"
                    data-testid="high-rated-filter"
                    prop:checked=move || query.with(|q| q.high_rated)
                    on:change=move |ev| query.update(|q| q.high_rated = event_target_checked(&ev))
                />
                <span>{tr!(filter_high_rated)}</span>
            </label>
            <div class="toolbar-spacer"></div>
            <span class="found" data-testid="found" aria-live="polite">
                {move || results_text(i18n.get_locale(), found.get())}
            </span>
            <label class="sort">
                <span>{tr!(sort_label)}</span>
                <select
                    data-testid="sort"
                    on:change=move |ev| {
                        if let Some(sort) = SortOrder::from_code(&event_target_value(&ev)) {
                            query.update(|q| q.sort = sort);
                        }
                    }
                >
                    {SortOrder::ALL
                        .into_iter()
                        .map(|sort| {
                            view! {
                                <option value=sort.code() selected=move || query.with(|q| q.sort == sort)>
                                    {move || sort_label(sort)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}
