//! What an active module's pop-up shows instead of the Activate button: its
//! cost, trial, next charge, connections, and Deactivate.

use super::activation::ActivateBox;
use crate::api;
use crate::domain::billing::{Connection, Status};
use crate::domain::builtin::Builtin;
use crate::domain::dates::format_date;
use crate::domain::{Listing, ModuleCode};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{connection_status, connections_text, error_message, lang_of};
use crate::ui::links::rel;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::ConfirmAction;
use leptos::prelude::*;

#[component]
pub fn ActiveModule(listing: Listing, connections: Memo<Vec<Connection>>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let error = RwSignal::new(None);
    let code = listing.code.clone();
    let pricing = StoredValue::new(listing.pricing.clone());
    let name = {
        let materials = listing.materials.clone();
        Signal::derive(move || materials.get(lang_of(i18n.get_locale())).name.clone())
    };
    let next_charge = move || {
        let lang = lang_of(i18n.get_locale());
        let next = connections.with(|all| all.iter().filter(|c| c.is_billed()).filter_map(|c| c.due_on).min());
        next.map(|date| format_date(date, lang))
    };
    let frozen = move || connections.with(|all| all.iter().any(|c| c.status == Status::Frozen));
    let deactivate = {
        let deactivate = widgets::submit(move |code: &ModuleCode| {
            let code = code.clone();
            async move { error.set(books.change(api::billing::deactivate_module(code)).await.err()) }
        });
        let code = code.clone();
        move |_| {
            deactivate.dispatch(code.clone());
        }
    };
    let drawer_href = format!("/marketplace/{code}?view=connections");
    // The account is known to the module by the platform's address, and by the key the owner gives it.
    let connection_page = listing.links.connection_page(&window().location().origin().unwrap_or_default());
    // A module with simple connection connects through its Connect button below
    // instead; a built-in one is set up on a screen of Souk's own.
    let simple = listing.links.simple_connection.is_some();
    let builtin = Builtin::of(&listing.code);

    view! {
        <section class="active-module" data-testid="active-module">
            <h3>{tr!(active_module_title)}</h3>
            <Show when=frozen>
                <p class="refusal" data-testid="frozen-notice">
                    {tr!(frozen_hint)} " " <a href="/billing" rel=rel("/billing") data-testid="frozen-top-up">{tr!(top_up_link)}</a>
                </p>
            </Show>
            <dl class="popup-facts">
                <div data-testid="next-charge">
                    <dt>{tr!(next_charge)}</dt>
                    <dd>{move || next_charge().unwrap_or_else(|| t_string!(i18n, no_charges).to_string())}</dd>
                </div>
                <div>
                    <dt>{tr!(connections)}</dt>
                    <dd>{move || connections_text(i18n.get_locale(), connections.with(Vec::len))}</dd>
                </div>
            </dl>
            <ul class="connection-list">
                {move || {
                    let locale = i18n.get_locale();
                    let tz = books.tz.get();
                    connections
                        .get()
                        .into_iter()
                        .map(|c| {
                            let status = pricing.with_value(|p| connection_status(locale, &c, p, tz));
                            view! {
                                <li class:frozen=c.status == Status::Frozen>
                                    <span class="connection-name">{c.name.clone()}</span>
                                    <span class="connection-status">{status}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {builtin.map(|builtin| view! { <BuiltinSettings builtin connections /> })}
            {(!simple && builtin.is_none()).then(|| view! {
                <div class="connect" data-testid="connect">
                    <a class="button button--primary" href=connection_page target="_blank" rel="noopener noreferrer"
                        data-testid="connect-button">{tr!(connect)}</a>
                    <p class="hint">
                        {tr!(connect_hint)} " "
                        <a href="/api-keys" rel=rel("/api-keys") data-testid="connect-keys">{tr!(nav_api_keys)}</a>
                    </p>
                </div>
            })}
            <div class="active-actions">
                <a class="button" href=drawer_href data-testid="open-connections">{tr!(show_connections)}</a>
                <ActivateBox listing=listing.clone() another=true />
                <ConfirmAction
                    label=Signal::derive(move || t_string!(i18n, deactivate).to_string())
                    question=Signal::derive(move || {
                        td_string!(i18n.get_locale(), deactivate_module_confirm, module = name.get()).to_string()
                    })
                    testid="deactivate"
                    on_confirm=Callback::new(deactivate)
                />
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
        </section>
    }
}

/// A built-in module's settings: a screen of Souk's own for each connection.
#[component]
fn BuiltinSettings(builtin: Builtin, connections: Memo<Vec<Connection>>) -> impl IntoView {
    view! {
        <div class="connect" data-testid="builtin">
            <p class="hint">{tr!(builtin_settings_hint)}</p>
            <ul class="builtin-links">
                {move || connections.get().into_iter().map(|connection| {
                    let href = builtin.settings_page(connection.id.as_str());
                    view! {
                        <li>
                            <a class="button button--primary" href=href.clone() rel=rel(&href) data-testid="builtin-settings">
                                {tr!(builtin_settings)}
                            </a>
                            " " <span class="hint">{connection.name}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
