//! The pop-up of a module not yet activated: what it does, what it asks for,
//! what it costs, and where to read more. Open while the address is `/marketplace/<code>`.

use super::activation::ActivateBox;
use super::active_module::ActiveModule;
use super::connection_drawer::ConnectionDrawer;
use super::reviews::Reviews;
use super::scope_groups::ScopeGroups;
use super::CatalogData;
use crate::api::CatalogModule;
use crate::domain::billing::Connection;
use crate::domain::Coded;
use crate::i18n::*;
use crate::ui::books::{use_books, BooksState};
use crate::ui::labels::{days_text, lang_of, listing_section_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{Modal, PriceTag};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use wasm_bindgen::JsCast;

#[component]
pub fn ModuleRoute() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let CatalogData(catalog) = expect_context::<CatalogData>();
    let books = use_books();
    let navigate = use_navigate();
    let code = move || params.with(|p| p.get("code"));
    let drawer = move || query.with(|q| q.get("view").as_deref() == Some("connections"));

    let close = Callback::new(move |_| {
        let Some(code) = code() else { return };
        navigate("/marketplace", Default::default());
        // Back to where the user was: the card that opened the pop-up.
        request_animation_frame(move || focus_card(&code));
    });

    move || {
        let Some(code) = code() else { return EitherOf4::D(()) };
        match catalog.get() {
            Some(Ok(loaded)) => match loaded.modules.iter().find(|m| m.listing.code == code) {
                Some(module) => {
                    let listing_code = code.clone();
                    let connections = Memo::new(move |_| books.connections_of(&listing_code));
                    if drawer() && connections.with(|c| !c.is_empty()) {
                        EitherOf4::A(
                            view! { <ConnectionDrawer listing=module.listing.clone() connections on_close=close /> },
                        )
                    } else {
                        EitherOf4::B(view! { <ModulePopup module=module.clone() connections on_close=close /> })
                    }
                }
                None => EitherOf4::C(view! { <ModuleNotFound code on_close=close /> }),
            },
            _ => EitherOf4::D(()),
        }
    }
}

pub(super) fn focus_card(code: &str) {
    let selector = format!("[data-testid='module-card'][data-code='{code}']");
    if let Some(card) = document().query_selector(&selector).ok().flatten() {
        if let Ok(card) = card.dyn_into::<web_sys::HtmlElement>() {
            let _ = card.focus();
        }
    }
}

#[component]
fn ModulePopup(module: CatalogModule, connections: Memo<Vec<Connection>>, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    // Partners and moderators browse; only an account has something to activate.
    let can_activate = move || books.state.with(|s| matches!(s, BooksState::Loaded(_)));
    let actions = {
        let listing = module.listing.clone();
        move || {
            can_activate().then(|| {
                if connections.with(|c| c.is_empty()) {
                    Either::Left(view! { <div class="popup-actions"><ActivateBox listing=listing.clone() /></div> })
                } else {
                    Either::Right(view! { <ActiveModule listing=listing.clone() connections /> })
                }
            })
        }
    };
    let listing = module.listing;
    let materials = listing.materials.clone();
    let text = move |pick: fn(&crate::domain::Materials) -> String| {
        let materials = materials.clone();
        move || pick(materials.get(lang_of(i18n.get_locale())))
    };
    let features = {
        let materials = listing.materials.clone();
        move || {
            materials
                .get(lang_of(i18n.get_locale()))
                .features
                .iter()
                .map(|f| view! { <li>{f.clone()}</li> })
                .collect_view()
        }
    };
    let exclusive = listing.section.is_exclusive();
    let shelved = listing.clone();
    let trial = listing.pricing.trial_days();
    let min_api = listing.min_api.code();
    let links = listing.links.clone();

    view! {
        <Modal labelled_by="module-popup-title" on_close>
            <article class="popup" data-testid="module-popup" data-code=listing.code.to_string()>
                <header class="popup-head">
                    <img class="popup-logo" src=module.logo_url alt="" width="72" height="72" />
                    <div class="popup-title">
                        <p class="popup-section">{move || listing_section_name(i18n.get_locale(), &shelved)}</p>
                        <h2 id="module-popup-title">{text(|m| m.name.clone())}</h2>
                        <p class="popup-vendor">
                            {move || td_string!(i18n.get_locale(), by_vendor, vendor = listing.vendor.clone()).to_string()}
                        </p>
                    </div>
                    <button
                        type="button"
                        class="icon-button"
                        data-autofocus
                        data-testid="popup-close"
                        aria-label=tr!(close)
                        on:click=move |_| on_close.run(())
                    >
                        "×"
                    </button>
                </header>
                <dl class="popup-facts">
                    <div data-testid="popup-cost">
                        <dt>{tr!(popup_cost)}</dt>
                        <dd><PriceTag pricing=listing.pricing.clone() /></dd>
                    </div>
                    <div data-testid="popup-trial">
                        <dt>{tr!(popup_trial)}</dt>
                        <dd>
                            {move || match trial {
                                Some(days) => days_text(i18n.get_locale(), days),
                                None => t_string!(i18n, popup_no_trial).to_string(),
                            }}
                        </dd>
                    </div>
                </dl>
                {actions}
                <Show when=move || exclusive>
                    <p class="notice">{tr!(exclusive_hint)}</p>
                </Show>
                <section class="popup-section-block">
                    <h3>{tr!(popup_about)}</h3>
                    <p>{text(|m| m.description.clone())}</p>
                </section>
                <section class="popup-section-block">
                    <h3>{tr!(popup_features)}</h3>
                    <ul class="features">{features}</ul>
                </section>
                <section class="popup-section-block">
                    <h3>{tr!(popup_install)}</h3>
                    <p>{text(|m| m.install.clone())}</p>
                </section>
                <Reviews code=listing.code.clone() />
                <section class="popup-section-block" data-testid="popup-permissions">
                    <h3>{tr!(popup_permissions)}</h3>
                    <p class="hint">{tr!(popup_permissions_hint)}</p>
                    <ScopeGroups scopes=listing.scopes.clone() />
                </section>
                <section class="popup-section-block">
                    <h3>{tr!(popup_links)}</h3>
                    <ul class="links">
                        <li>
                            <a data-testid="link-docs" href=links.documentation target="_blank" rel="noopener noreferrer">
                                {tr!(link_docs)}
                            </a>
                        </li>
                        <li>
                            <a data-testid="link-support" href=links.support target="_blank" rel="noopener noreferrer">
                                {tr!(link_support)}
                            </a>
                        </li>
                        <li>
                            <a data-testid="link-site" href=links.website target="_blank" rel="noopener noreferrer">
                                {tr!(link_site)}
                            </a>
                        </li>
                    </ul>
                </section>
                <footer class="popup-foot">
                    {move || td_string!(i18n.get_locale(), popup_requires_api, version = min_api).to_string()}
                </footer>
            </article>
        </Modal>
    }
}

#[component]
fn ModuleNotFound(code: String, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Modal labelled_by="module-missing-title" on_close>
            <div class="popup popup--missing" data-testid="module-not-found">
                <h2 id="module-missing-title">{tr!(module_not_found_title)}</h2>
                <p>{move || td_string!(i18n.get_locale(), module_not_found_text, code = code.clone()).to_string()}</p>
                <button type="button" class="button button--primary" data-autofocus on:click=move |_| on_close.run(())>
                    {tr!(back_to_marketplace)}
                </button>
            </div>
        </Modal>
    }
}
