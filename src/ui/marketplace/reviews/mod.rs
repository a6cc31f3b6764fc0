//! A module's reviews in its pop-up: the average and the five bars, the
//! owner's own review (or why they cannot write one yet), and the reviews,
//! the reader's language first, newest or most helpful first.

pub(crate) mod row;
mod write;

use crate::api;
use crate::api::reviews::ReviewsView;
use crate::domain::dates::format_date;
use crate::domain::review::eligibility::Eligibility;
use crate::domain::review::rating::Rating;
use crate::domain::review::{ReviewOrder, Stars};
use crate::domain::ModuleCode;
use crate::i18n::*;
use crate::ui::labels::{format_average, lang_of, reviews_text};
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Paged};
use leptos::prelude::*;
use row::ReviewRow;
use std::collections::HashMap;
use write::MyReview;

/// Ratings as the pop-ups last read them: a card shows these over the
/// catalog's, so a review just written or deleted shows on its card at once.
#[derive(Clone, Copy)]
pub struct FreshRatings(pub RwSignal<HashMap<ModuleCode, Rating>>);

impl FreshRatings {
    pub fn provide() {
        provide_context(FreshRatings(RwSignal::new(HashMap::new())));
    }

    /// The module's rating: the fresh one, else `catalog`'s.
    pub fn of(code: ModuleCode, catalog: Rating) -> Signal<Rating> {
        let fresh = use_context::<FreshRatings>();
        Signal::derive(move || fresh.and_then(|f| f.0.with(|all| all.get(&code).copied())).unwrap_or(catalog))
    }
}

#[component]
pub fn Reviews(code: ModuleCode) -> impl IntoView {
    let i18n = use_i18n();
    let order = RwSignal::new(ReviewOrder::Newest);
    let reviews = LocalResource::new({
        let code = code.clone();
        move || {
            // The language the reviews are first read in is the one at opening:
            // switching it must not reload (and close) a review being written.
            let (code, order, lang) = (code.clone(), order.get(), lang_of(i18n.get_locale_untracked()));
            async move { api::reviews::module_reviews(code, order, lang, None).await }
        }
    });
    let changed = Callback::new(move |()| reviews.refetch());
    provide_context(row::OpenForm(RwSignal::new_local(None)));
    let fresh = use_context::<FreshRatings>();
    Effect::new({
        let code = code.clone();
        move || {
            if let (Some(Ok(view)), Some(fresh)) = (reviews.get(), fresh) {
                fresh.0.update(|all| {
                    all.insert(code.clone(), view.rating);
                });
            }
        }
    });
    let order_button = move |value: ReviewOrder, testid: &'static str| {
        view! {
            <button type="button" class="chip" data-testid=testid aria-pressed=move || (order.get() == value).to_string()
                on:click=move |_| order.set(value)>
                {move || match value {
                    ReviewOrder::Newest => t_string!(i18n, rv_order_newest),
                    ReviewOrder::Helpful => t_string!(i18n, rv_order_helpful),
                }}
            </button>
        }
    };
    let code = StoredValue::new(code);
    let content = loaded(reviews, move |view: ReviewsView| {
        let ReviewsView { rating, reviews: first, mine, may_write, partner } = view;
        let paged = Paged::new(first, move |from| {
            let lang = lang_of(i18n.get_locale_untracked());
            let page = api::reviews::module_reviews(code.get_value(), order.get_untracked(), lang, Some(from));
            async move { page.await.map(|view| view.reviews) }
        });
        view! {
            <Summary rating />
            {may_write.map(|may| view! { <MyReview code=code.get_value() may mine changed /> })}
            <div class="chips" role="group" aria-label=tr!(rv_order_label)>
                {order_button(ReviewOrder::Newest, "review-order-newest")}
                {order_button(ReviewOrder::Helpful, "review-order-helpful")}
            </div>
            {paged.list(
                move || view! { <p class="empty" data-testid="reviews-empty">{tr!(rv_empty)}</p> },
                move |items| view! {
                    <ul class="rv-list" data-testid="review-list">
                        <For each=move || items.get() key=|r| (r.id.clone(), r.helpful, r.edited_at, r.reply.as_ref().map(|reply| (reply.written_at, reply.edited_at)))
                            children=move |review| view! { <ReviewRow review partner changed /> } />
                    </ul>
                },
            )}
        }
    });
    view! {
        <section class="popup-section-block reviews" data-testid="reviews" aria-labelledby="reviews-title">
            <h3 id="reviews-title">{tr!(rv_title)}</h3>
            {content}
        </section>
    }
}

/// The average (or "New"), the count, and how many reviews gave each number of stars.
#[component]
fn Summary(rating: Rating) -> impl IntoView {
    let i18n = use_i18n();
    let count = rating.count();
    let most = rating.bars.iter().copied().max().unwrap_or(0).max(1);
    let bars = Stars::ALL
        .iter()
        .rev()
        .map(|&stars| {
            let n = rating.bars[usize::from(stars.get() - 1)];
            // Through the CSSOM: the CSP allows no inline style attribute.
            let width = format!("{}%", n * 100 / most);
            view! {
                <li class="rating-bar" data-stars=stars.get()>
                    <span class="rating-bar-label" aria-hidden="true">{stars.get()} "★"</span>
                    <span class="rating-bar-track" aria-hidden="true"><span class="rating-bar-fill" style:width=width></span></span>
                    <span class="rating-bar-count" aria-hidden="true">{n}</span>
                    <span class="visually-hidden">
                        {move || td_string!(i18n.get_locale(), rv_bar, stars = stars.get(), count = n).to_string()}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rating-summary">
            <p class="rating-big">
                {move || match rating.shown_average() {
                    Some(average) => view! {
                        <span class="rating-big-number" data-testid="rating-average">{format_average(i18n.get_locale(), average)}</span>
                        <span class="visually-hidden">{tr!(rv_out_of_five)}</span>
                    }.into_any(),
                    None => view! { <span class="badge badge--new" data-testid="rating-average" data-new="true">{tr!(rv_new)}</span> }.into_any(),
                }}
                <span class="rating-count" data-testid="rating-count" data-count=count>{move || reviews_text(i18n.get_locale(), count)}</span>
            </p>
            <ul class="rating-bars" data-testid="rating-bars">{bars}</ul>
        </div>
    }
}

/// Why an account owner cannot review the module yet, and when they can.
pub(crate) fn why_not(locale: Locale, may: &Eligibility) -> String {
    match may {
        Eligibility::Yes { .. } => String::new(),
        Eligibility::Free => td_string!(locale, rv_may_free).to_string(),
        Eligibility::ServiceSide => td_string!(locale, rv_may_service_side).to_string(),
        Eligibility::NotActivated => td_string!(locale, rv_may_not_activated).to_string(),
        Eligibility::Trial { on } => {
            td_string!(locale, rv_may_trial, date = format_date(*on, lang_of(locale))).to_string()
        }
        Eligibility::Frozen => td_string!(locale, rv_may_frozen).to_string(),
    }
}
