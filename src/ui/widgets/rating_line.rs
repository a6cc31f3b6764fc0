//! A module's rating on its card: "★ 4.7 · 12 reviews", or "New" below
//! `MIN_SHOWN` reviews.

use crate::domain::review::rating::Rating;
use crate::i18n::*;
use crate::ui::labels::{format_average, reviews_text};
use crate::ui::widgets::tr;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn RatingLine(#[prop(into)] rating: Signal<Rating>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || rating.with(Rating::count);
    let reviews = move || reviews_text(i18n.get_locale(), count());
    // Nothing on a card no one has reviewed yet: "New" on every such card
    // would say nothing about any of them.
    move || {
        (count() > 0).then(|| {
            view! {
                <p class="rating" data-testid="rating">
                    {move || match rating.with(Rating::shown_average) {
                        Some(average) => Either::Left(view! {
                            <span class="visually-hidden">{tr!(rv_rating_label)}</span>
                            <span class="rating-star" aria-hidden="true">"★"</span>
                            <span class="rating-average" data-testid="rating-average">
                                {move || format_average(i18n.get_locale(), average)}
                            </span>
                        }),
                        None => Either::Right(view! {
                            <span class="badge badge--new" data-testid="rating-average" data-new="true">{tr!(rv_new)}</span>
                        }),
                    }}
                    <span class="rating-count" data-testid="rating-count" data-count=count>{reviews}</span>
                </p>
            }
        })
    }
}
