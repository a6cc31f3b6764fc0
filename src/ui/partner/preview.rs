//! The live preview beside the form: the card and the pop-up as an account
//! will see them, in either language whatever the interface's.

use crate::domain::logo::check_logo;
use crate::domain::submission::{ListingDraft, Vendor};
use crate::domain::Coded;
use crate::domain::Lang;
use crate::i18n::*;
use crate::ui::labels::{access_name, api_section_name, listing_section_name, locale_of, trial_text};
use crate::ui::widgets::tr;
use crate::ui::widgets::PriceTag;
use leptos::prelude::*;

/// A logo that passes the check, as a data URL for `<img>`; never inlined.
pub fn logo_url(svg: &str) -> Option<String> {
    check_logo(svg.as_bytes()).ok().map(|()| crate::domain::logo::data_url(svg))
}

#[component]
pub fn ListingPreview(draft: RwSignal<ListingDraft>, vendor: String) -> impl IntoView {
    let lang = RwSignal::new(Lang::Ru);
    let locale = Signal::derive(move || locale_of(lang.get()));
    let listing = Memo::new(move |_| {
        let vendor = Vendor { name: &vendor, website: "" };
        draft.with(|d| d.preview(&vendor, 0, chrono::NaiveDate::default()))
    });
    let logo = Memo::new(move |_| draft.with(|d| logo_url(&d.logo)));
    let materials = move || listing.with(|l| l.materials.get(lang.get()).clone());
    let lang_button = move |value: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="chip"
                aria-pressed=move || (lang.get() == value).to_string()
                data-testid=format!("preview-{}", value.code())
                on:click=move |_| lang.set(value)
            >
                {label}
            </button>
        }
    };

    view! {
        <aside class="preview" data-testid="listing-preview" aria-label=tr!(preview_title)>
            <div class="preview-head">
                <h2>{tr!(preview_title)}</h2>
                <div class="chips" role="group">{lang_button(Lang::Ru, "RU")} {lang_button(Lang::En, "EN")}</div>
            </div>
            <div class="card preview-card" data-testid="preview-card">
                {move || match logo.get() {
                    Some(url) => view! { <img class="card-logo" src=url alt="" width="56" height="56" /> }.into_any(),
                    None => view! { <div class="card-logo card-logo--empty" aria-hidden="true"></div> }.into_any(),
                }}
                <div class="card-body">
                    <div class="card-title">
                        <h3 class="card-name" data-testid="preview-name">{move || materials().name}</h3>
                    </div>
                    {move || view! { <PriceTag pricing=listing.with(|l| l.pricing.clone()) locale /> }}
                    <p class="card-short">{move || materials().short}</p>
                </div>
                <div class="card-foot">
                    <span class="card-vendor">{move || listing.with(|l| l.vendor.clone())}</span>
                    {move || {
                        listing
                            .with(|l| l.pricing.trial_days())
                            .map(|days| view! { <span class="badge badge--trial">{trial_text(locale.get(), days)}</span> })
                    }}
                </div>
            </div>
            // It scrolls: the keyboard reaches it too.
            <article class="popup preview-popup" data-testid="preview-popup" tabindex="0"
                aria-label=tr!(preview_popup_label)>
                <p class="popup-section">{move || listing.with(|l| listing_section_name(locale.get(), l))}</p>
                <h3>{move || materials().name}</h3>
                <section class="popup-section-block">
                    <h4>{move || td_string!(locale.get(), popup_about)}</h4>
                    <p>{move || materials().description}</p>
                </section>
                <section class="popup-section-block">
                    <h4>{move || td_string!(locale.get(), popup_features)}</h4>
                    <ul class="features">
                        {move || materials().features.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                    </ul>
                </section>
                <section class="popup-section-block">
                    <h4>{move || td_string!(locale.get(), popup_install)}</h4>
                    <p data-testid="preview-install">{move || materials().install}</p>
                </section>
                <section class="popup-section-block">
                    <h4>{move || td_string!(locale.get(), popup_permissions)}</h4>
                    <ul class="scopes">
                        {move || {
                            let locale = locale.get();
                            listing
                                .with(|l| l.scopes.clone())
                                .into_iter()
                                .map(|scope| {
                                    view! {
                                        <li>
                                            <span class="scope-section">{api_section_name(locale, scope.section)}</span>
                                            <span class="scope-access">{access_name(locale, scope.access)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </article>
        </aside>
    }
}
