//! One module in the grid: logo, name, price line, short description, trial, lamp.

use crate::api::CatalogModule;
use crate::domain::billing::Status;
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{connections_text, lang_of, trial_text};
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
    let books = use_books();
    let connections = Memo::new({
        let code = listing.code.clone();
        move |_| books.connections_of(code.as_str())
    });
    let count = move || connections.with(Vec::len);
    let active = move || count() > 0;
    let frozen = move || connections.with(|all| all.iter().any(|c| c.status == Status::Frozen));
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
            data-code=listing.code.to_string()
            href=href
        >
            <img class="card-logo" src=module.logo_url alt="" width="56" height="56" loading="lazy" decoding="async" />
            <div class="card-body">
                <div class="card-title">
                    <h2 class="card-name">{name}</h2>
                    <Show when=active>
                        <span
                            class="lamp"
                            class:lamp--on=move || !frozen()
                            class:lamp--frozen=frozen
                            data-testid="lamp"
                            data-state=move || if frozen() { "frozen" } else { "on" }
                            title=move || if frozen() { t_string!(i18n, frozen) } else { t_string!(i18n, active) }
                        >
                            <span class="visually-hidden">
                                {move || if frozen() { t_string!(i18n, frozen) } else { t_string!(i18n, active) }}
                            </span>
                        </span>
                    </Show>
                </div>
                <PriceTag pricing=listing.pricing.clone() />
                <p class="card-short">{short}</p>
            </div>
            <div class="card-foot">
                <span class="card-vendor">{listing.vendor.clone()}</span>
                <Show when=frozen>
                    <span class="badge badge--frozen" data-testid="frozen-label">{t!(i18n, frozen)}</span>
                </Show>
                <Show when=move || { count() > 1 }>
                    <span class="badge badge--stack" data-testid="connection-stack" data-count=count>
                        {move || connections_text(i18n.get_locale(), count())}
                    </span>
                </Show>
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
