//! One module in the grid: logo, name, price line, short description, trial, lamp.

use crate::api::CatalogModule;
use crate::i18n::*;
use crate::ui::labels::{lang_of, trial_text};
use crate::ui::widgets::PriceTag;
use leptos::prelude::*;

#[component]
pub fn ModuleCard(module: CatalogModule) -> impl IntoView {
    let i18n = use_i18n();
    let listing = module.listing;
    let href = format!("/marketplace/{}", listing.code);
    let trial = listing.pricing.trial_days();
    let materials = listing.materials.clone();
    let name = {
        let materials = materials.clone();
        move || materials.get(lang_of(i18n.get_locale())).name.clone()
    };
    let short = move || materials.get(lang_of(i18n.get_locale())).short.clone();
    view! {
        <a class="card" class:card--active=module.active data-testid="module-card" data-code=listing.code.clone() href=href>
            <img class="card-logo" src=module.logo_url alt="" width="56" height="56" loading="lazy" decoding="async" />
            <div class="card-body">
                <div class="card-title">
                    <h3 class="card-name">{name}</h3>
                    <Show when=move || module.active>
                        <span class="lamp lamp--on" data-testid="lamp" title=move || t_string!(i18n, active)>
                            <span class="visually-hidden">{t!(i18n, active)}</span>
                        </span>
                    </Show>
                </div>
                <PriceTag pricing=listing.pricing.clone() />
                <p class="card-short">{short}</p>
            </div>
            <div class="card-foot">
                <span class="card-vendor">{listing.vendor.clone()}</span>
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
