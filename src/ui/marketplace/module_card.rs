//! One module in the grid: logo, name, price line, rating, short description, trial, lamp.

use crate::api::CatalogModule;
use crate::domain::billing::Status;
use crate::domain::lang::Localized;
use crate::domain::review::rating::Rating;
use crate::domain::{ModuleCode, Pricing};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{connections_text, lang_of, trial_text};
use crate::ui::widgets::tr;
use crate::ui::widgets::{PriceTag, RatingLine};
use leptos::prelude::*;

/// What a card shows of a module: only these are copied for each card drawn
/// (a keystroke over a large catalog draws a window of them anew).
#[derive(Debug, Clone)]
pub struct Card {
    code: ModuleCode,
    logo_url: String,
    names: Localized<String>,
    shorts: Localized<String>,
    pricing: Pricing,
    vendor: String,
    rating: Rating,
}

impl From<&CatalogModule> for Card {
    fn from(module: &CatalogModule) -> Card {
        let materials = &module.listing.materials;
        Card {
            code: module.listing.code.clone(),
            logo_url: module.logo_url.clone(),
            names: Localized { ru: materials.ru.name.clone(), en: materials.en.name.clone() },
            shorts: Localized { ru: materials.ru.short.clone(), en: materials.en.short.clone() },
            pricing: module.listing.pricing.clone(),
            vendor: module.listing.vendor.clone(),
            rating: module.rating,
        }
    }
}

#[component]
pub fn ModuleCard(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let Card { code, logo_url, names, shorts, pricing, vendor, rating } = card;
    let href = format!("/marketplace/{code}");
    let trial = pricing.trial_days();
    let name = move || names.get(lang_of(i18n.get_locale())).clone();
    let short = move || shorts.get(lang_of(i18n.get_locale())).clone();
    let books = use_books();
    let connections = Memo::new({
        let code = code.clone();
        move |_| books.connections_of(code.as_str())
    });
    let count = move || connections.with(Vec::len);
    let active = move || count() > 0;
    let frozen = move || connections.with(|all| all.iter().any(|c| c.status == Status::Frozen));
    let state_text = move || if frozen() { t_string!(i18n, frozen) } else { t_string!(i18n, active) };
    // Several connections form a stack; a click opens the drawer with all of them.
    let href = move || if count() > 1 { format!("{href}?view=connections") } else { href.clone() };
    view! {
        <a
            class=move || {
                let mut class = String::from("card");
                for (on, name) in [(active(), " card--active"), (frozen(), " card--frozen"), (count() > 1, " card--stack")] {
                    if on {
                        class.push_str(name);
                    }
                }
                class
            }
            data-testid="module-card"
            data-code=code.to_string()
            href=href
        >
            <img class="card-logo" src=logo_url alt="" width="56" height="56" loading="lazy" decoding="async" />
            <div class="card-body">
                <div class="card-title">
                    <h2 class="card-name">{name}</h2>
                    // Closures rather than <Show>: cheaper to draw, and a card is drawn often.
                    {move || {
                        active()
                            .then(|| {
                                view! {
                                    <span
                                        class="lamp"
                                        class:lamp--on=move || !frozen()
                                        class:lamp--frozen=frozen
                                        data-testid="lamp"
                                        data-state=move || if frozen() { "frozen" } else { "on" }
                                        title=state_text
                                    >
                                        <span class="visually-hidden">{state_text}</span>
                                    </span>
                                }
                            })
                    }}
                </div>
                <PriceTag pricing />
                <RatingLine rating=super::reviews::FreshRatings::of(code.clone(), rating) />
                <p class="card-short">{short}</p>
            </div>
            <div class="card-foot">
                <span class="card-vendor">{vendor}</span>
                {move || {
                    frozen()
                        .then(|| view! { <span class="badge badge--frozen" data-testid="frozen-label">{tr!(frozen)}</span> })
                }}
                {move || {
                    (count() > 1)
                        .then(|| {
                            view! {
                                <span class="badge badge--stack" data-testid="connection-stack" data-count=count>
                                    {move || connections_text(i18n.get_locale(), count())}
                                </span>
                            }
                        })
                }}
                {trial
                    .map(|days| {
                        view! {
                            <span class="badge badge--trial" data-testid="trial">
                                {move || trial_text(i18n.get_locale(), days)}
                            </span>
                        }
                    })}
            </div>
        </a>
    }
}
