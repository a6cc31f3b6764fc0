//! The reviews of a partner's modules in the cabinet: each module's rating
//! and its average month by month, and every review (hidden ones too, with
//! the moderator's reason), each with the partner's one public reply.

use crate::api;
use crate::api::reviews::PartnerModuleReviews;
use crate::domain::dates::format_month;
use crate::i18n::*;
use crate::ui::labels::{format_average, lang_of};
use crate::ui::marketplace::reviews::row::{OpenForm, ReviewRow};
use crate::ui::widgets::tr;
use crate::ui::widgets::{list, RatingLine};
use leptos::prelude::*;

#[component]
pub fn PartnerReviews() -> impl IntoView {
    let modules = LocalResource::new(|| async { api::reviews::partner_reviews().await });
    provide_context(OpenForm(RwSignal::new_local(None)));
    let changed = Callback::new(move |()| modules.refetch());
    let content = list(
        modules,
        move || view! { <p class="empty" data-testid="partner-reviews-empty">{tr!(pr_reviews_empty)}</p> },
        move |modules| {
            let reviewed: Vec<PartnerModuleReviews> = modules.into_iter().filter(|m| !m.reviews.is_empty()).collect();
            if reviewed.is_empty() {
                return view! { <p class="empty" data-testid="partner-reviews-empty">{tr!(pr_reviews_empty)}</p> }
                    .into_any();
            }
            reviewed.into_iter().map(|module| view! { <ModuleReviews module changed /> }).collect_view().into_any()
        },
    );
    view! {
        <section class="panel partner-reviews" data-testid="partner-reviews" aria-labelledby="partner-reviews-title">
            <h2 id="partner-reviews-title">{tr!(pr_reviews)}</h2>
            <p class="hint">{tr!(pr_reviews_lead)}</p>
            {content}
        </section>
    }
}

#[component]
fn ModuleReviews(module: PartnerModuleReviews, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let PartnerModuleReviews { code, name, rating, months, reviews } = module;
    let heading = format!("reviews-of-{code}");
    let months = months
        .into_iter()
        .rev()
        .map(|month| {
            let line = move || {
                let locale = i18n.get_locale();
                let name = format_month(month.month, lang_of(locale));
                let average = month.rating.average().map(|a| format_average(locale, a)).unwrap_or_default();
                let count = month.rating.count();
                td_string!(locale, pr_month_line, month = name, average = average, count = count).to_string()
            };
            view! { <li data-testid="partner-month">{line}</li> }
        })
        .collect_view();
    view! {
        <article class="partner-module-reviews" data-testid="partner-module-reviews" data-code=code.to_string()
            aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{move || name.get(lang_of(i18n.get_locale())).clone()}</h3>
            <RatingLine rating=rating />
            <details class="partner-months">
                <summary>{tr!(pr_months)}</summary>
                <ul>{months}</ul>
            </details>
            <ul class="rv-list">
                {reviews.into_iter().map(|review| view! { <ReviewRow review partner=true changed /> }).collect_view()}
            </ul>
        </article>
    }
}
