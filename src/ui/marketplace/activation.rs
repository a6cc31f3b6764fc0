//! Activating a module, or adding a connection: what will happen is shown
//! before the user confirms, and a refusal says why and what to do.

use super::CatalogData;
use crate::api;
use crate::api::types::module_name;
use crate::api::ApiError;
use crate::domain::billing::{Quote, Refusal};
use crate::domain::dates::format_date;
use crate::domain::money::format_rub;
use crate::domain::{Listing, ModuleCode};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::intent::Intent;
use crate::ui::labels::{days_text, error_message, lang_of};
use crate::ui::links::rel;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::either::{EitherOf3, EitherOf5};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Where the activation stands; while it is sent, the action says so.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    Confirm(Quote),
    Refused(Refusal),
    Failed(ApiError),
}

/// The Activate button (or Add connection, for a module already active) and
/// what follows it; for a module with simple connection, Connect, once the
/// module has said what it asks for, which registers the key with it and
/// then opens its settings page.
#[component]
pub fn ActivateBox(listing: Listing, #[prop(optional)] another: bool) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let stage = RwSignal::new(Stage::Idle);
    let code = StoredValue::new(listing.code.clone());
    let simple = listing.links.simple_connection.is_some();
    let config =
        simple.then(|| LocalResource::new(move || api::simple_connection::connection_config(code.get_value())));
    let listing = StoredValue::new(listing);
    let intent = Intent::new();

    let send = widgets::submit(move |code: &ModuleCode| {
        let code = code.clone();
        async move {
            let result = if simple {
                let connected = api::simple_connection::connect(code, intent.key()).await;
                let opened = connected.as_ref().ok().map(|c| settings_page(&c.account_url, c.client_id.as_deref()));
                let result = books.change(async { connected.map(|c| c.billing) }).await;
                if let Some(page) = opened {
                    let _ = window().location().assign(&page);
                }
                result
            } else {
                books.change(api::billing::activate(code, intent.key())).await
            };
            // A failure that may not have reached the server keeps the key, so trying again is safe.
            if !matches!(result, Err(ApiError::Network(_) | ApiError::Internal)) {
                intent.done();
            }
            stage.set(match result {
                Ok(()) => Stage::Idle,
                Err(ApiError::Refused(refusal)) => Stage::Refused(refusal),
                Err(error) => Stage::Failed(error),
            });
        }
    });
    let activate = move || {
        send.dispatch(code.get_value());
    };
    let start = move |_| {
        let Some(clock) = books.clock() else { return };
        let Some(view) = books.view() else { return };
        match listing.with_value(|l| view.ledger.quote(l, &clock)) {
            Quote::Free | Quote::ServiceSide => activate(),
            Quote::Insufficient { amount, balance } => {
                stage.set(Stage::Refused(Refusal::InsufficientFunds { price: amount, balance }))
            }
            Quote::Exclusive { active } => stage.set(Stage::Refused(Refusal::Exclusive { active })),
            Quote::TooMany { max } => stage.set(Stage::Refused(Refusal::TooManyConnections { max })),
            quote => stage.set(Stage::Confirm(quote)),
        }
    };
    let label = move || match (simple, another) {
        (true, _) => t_string!(i18n, connect),
        (false, true) => t_string!(i18n, add_connection),
        (false, false) => t_string!(i18n, activate),
    };
    let testid = match (simple, another) {
        (true, _) => "connect-button",
        (false, true) => "add-connection",
        (false, false) => "activate",
    };
    let blocked = move || config.is_some_and(|config| !super::simple_connect::ready(config));
    let asks = config.map(|config| view! { <super::simple_connect::ModuleAsks config /> });

    let action = move || match (send.pending().get(), stage.get()) {
        (true, _) => EitherOf5::B(view! {
            <button type="button" class="button button--primary" disabled aria-busy="true">
                {tr!(working)}
            </button>
        }),
        (false, Stage::Idle) => EitherOf5::A(view! {
            <button type="button" class="button button--primary" data-testid=testid on:click=start disabled=blocked>
                {label}
            </button>
        }),
        (false, Stage::Confirm(quote)) => EitherOf5::C(view! {
            <div class="confirm-box" data-testid="activation-quote" role="group">
                <QuoteText quote />
                <div class="confirm-actions">
                    <button
                        type="button"
                        class="button button--primary"
                        data-testid="confirm-activation"
                        on:click=move |_| activate()
                    >
                        {tr!(confirm)}
                    </button>
                    <button type="button" class="button" on:click=move |_| stage.set(Stage::Idle)>
                        {tr!(cancel)}
                    </button>
                </div>
            </div>
        }),
        (false, Stage::Refused(refusal)) => EitherOf5::D(view! {
            <RefusalText refusal />
            <button type="button" class="button button--ghost" on:click=move |_| stage.set(Stage::Idle)>
                {tr!(cancel)}
            </button>
        }),
        (false, Stage::Failed(error)) => EitherOf5::E(view! {
            <p class="form-error" role="alert" data-testid="activation-error">{move || error_message(i18n.get_locale(), &error)}</p>
            <button type="button" class="button" on:click=start>{label}</button>
        }),
    };
    view! { {asks} {action} }
}

/// The module's settings page for this connection: `accountUrl` with the
/// module's `clientId` (unless it holds one already) and the platform's address (`account`).
fn settings_page(account_url: &str, client_id: Option<&str>) -> String {
    let origin = window().location().origin().unwrap_or_default();
    let named = |name: &str| account_url.contains(&format!("?{name}=")) || account_url.contains(&format!("&{name}="));
    let client_id = client_id.filter(|_| !named("clientId"));
    let mut query: Vec<String> = client_id.map(|id| format!("clientId={}", encode(id))).into_iter().collect();
    query.push(format!("account={}", encode(&origin)));
    let separator = if account_url.contains('?') { '&' } else { '?' };
    format!("{account_url}{separator}{}", query.join("&"))
}

fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

#[component]
fn QuoteText(quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let money = |amount| format_rub(amount, lang);
        match &quote {
            Quote::Trial { days, ends_on, then } => EitherOf3::A(view! {
                <p class="quote-main">
                    {td_string!(locale, quote_trial, days = days_text(locale, *days), price = money(*then)).to_string()}
                </p>
                <p class="hint">
                    {td_string!(locale, quote_trial_first_charge, date = format_date(*ends_on, lang)).to_string()}
                </p>
            }),
            Quote::Charge { amount, balance_after } => EitherOf3::B(view! {
                <p class="quote-main">{td_string!(locale, quote_charge, amount = money(*amount)).to_string()}</p>
                <p class="hint">{td_string!(locale, quote_balance_after, balance = money(*balance_after)).to_string()}</p>
            }),
            _ => EitherOf3::C(view! { <p class="quote-main">{td_string!(locale, quote_free).to_string()}</p> }),
        }
    }
}

/// Why the activation was refused, with the way out: a top-up, or the module already active.
#[component]
pub fn RefusalText(refusal: Refusal) -> impl IntoView {
    let i18n = use_i18n();
    let CatalogData(catalog) = expect_context::<CatalogData>();
    let navigate = use_navigate();
    match refusal {
        Refusal::InsufficientFunds { price, balance } => EitherOf3::A(view! {
            <div class="refusal" role="alert" data-testid="refusal" data-reason="funds">
                <p>
                    {move || {
                        let lang = lang_of(i18n.get_locale());
                        td_string!(
                            i18n.get_locale(), refused_funds, price = format_rub(price, lang), balance = format_rub(balance, lang)
                        )
                            .to_string()
                    }}
                </p>
                <a class="button button--primary" href="/billing" rel=rel("/billing") data-testid="top-up-link">{tr!(top_up_link)}</a>
            </div>
        }),
        Refusal::Exclusive { active } => {
            let name = {
                let active = active.clone();
                move || {
                    let catalog = catalog.get().and_then(|c| c.ok()).unwrap_or_default();
                    module_name(&catalog.modules, active.as_str(), lang_of(i18n.get_locale()))
                }
            };
            let href = format!("/marketplace/{active}");
            let name2 = name.clone();
            EitherOf3::B(view! {
                <div class="refusal" role="alert" data-testid="refusal" data-reason="exclusive">
                    <p>{move || td_string!(i18n.get_locale(), refused_exclusive, module = name()).to_string()}</p>
                    <button
                        type="button"
                        class="button button--primary"
                        data-testid="go-to-active"
                        on:click=move |_| navigate(&href, Default::default())
                    >
                        {move || td_string!(i18n.get_locale(), go_to_module, module = name2()).to_string()}
                    </button>
                </div>
            })
        }
        other => EitherOf3::C(view! {
            <p class="refusal" role="alert" data-testid="refusal">
                {move || match &other {
                    Refusal::TooManyConnections { max } => {
                        td_string!(i18n.get_locale(), refused_too_many, max = *max).to_string()
                    }
                    _ => t_string!(i18n, refused_unknown).to_string(),
                }}
            </p>
        }),
    }
}
