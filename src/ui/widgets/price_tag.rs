//! The price line under a module's name.

use crate::domain::money::format_rub;
use crate::domain::{PriceLine, Pricing};
use crate::i18n::*;
use crate::ui::labels::lang_of;
use leptos::either::EitherOf4;
use leptos::prelude::*;

#[component]
pub fn PriceTag(
    pricing: Pricing,
    /// The language to write it in, when not the interface's (the partner's preview).
    #[prop(optional, into)]
    locale: Option<Signal<Locale>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let line = pricing.price_line();
    move || {
        let locale = locale.map_or_else(|| i18n.get_locale(), |l| l.get());
        let lang = lang_of(locale);
        let per_month = |price| td_string!(locale, price_per_month, price = format_rub(price, lang)).to_string();
        match line {
            PriceLine::Free => EitherOf4::A(
                view! { <p class="price price--free" data-testid="price">{td_string!(locale, price_free)}</p> },
            ),
            PriceLine::Monthly { price } => {
                EitherOf4::B(view! { <p class="price" data-testid="price">{per_month(price)}</p> })
            }
            PriceLine::Discounted { regular, price } => EitherOf4::C(view! {
                <p class="price price--discounted" data-testid="price">
                    <s class="price-regular" title=td_string!(locale, price_regular)>{format_rub(regular, lang)}</s>
                    " "
                    <span>{per_month(price)}</span>
                </p>
            }),
            PriceLine::ServiceSide => EitherOf4::D(view! {
                <p class="price price--service" data-testid="price">{td_string!(locale, price_service_side)}</p>
            }),
        }
    }
}
