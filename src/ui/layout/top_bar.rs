//! The bar on top: brand, navigation, offline badge, language, who is signed in.

use crate::api;
use crate::domain::money::format_rub;
use crate::domain::Role;
use crate::i18n::*;
use crate::ui::books::{use_books, BooksState};
use crate::ui::labels::{lang_of, role_name};
use crate::ui::links::rel;
use crate::ui::partner::signed_in_role;
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::LocaleSwitch;
use leptos::prelude::*;

#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sign_out = widgets::submit(move |()| {
        async move {
            // Signing out locally even if the server call fails: the cookie expires anyway.
            let _ = api::auth::sign_out().await;
            // Every page sends a signed-out visitor to sign in (and back to it
            // after): a second navigation here raced that one, and the router
            // then ignored the next sign-in's.
            session.state.set(SessionState::SignedOut);
        }
    });
    let sign_out = move |_| {
        sign_out.dispatch(());
    };

    let books = use_books();
    let role = signed_in_role();
    let who = move || {
        session.info().map(|info| {
            let locale = i18n.get_locale();
            // The ledger's balance is the fresh one; the session's is from sign-in.
            let balance = books.view().map(|v| v.ledger.balance);
            let detail = match &info.account {
                Some(account) => format!(
                    "{} · {} {}",
                    account.account.name,
                    td_string!(locale, balance),
                    format_rub(balance.unwrap_or(account.balance), lang_of(locale))
                ),
                None => role_name(locale, info.user.role).to_string(),
            };
            view! {
                <div class="who" data-testid="who">
                    <a class="who-name" href="/account" rel=rel("/account") data-testid="nav-account"
                        title=td_string!(locale, account_title)>{info.user.name.clone()}</a>
                    <span class="who-detail" data-testid="balance">{detail}</span>
                </div>
                <button type="button" class="button button--ghost" data-testid="sign-out" on:click=sign_out>
                    {td_string!(locale, sign_out)}
                </button>
            }
        })
    };

    view! {
        <header class="topbar">
            <a class="brand" href="/marketplace" rel=rel("/marketplace")>
                <img src="/favicon.svg" alt="" width="28" height="28" />
                <span class="brand-name">{tr!(app_name)}</span>
                <span class="brand-tagline">{tr!(app_tagline)}</span>
            </a>
            <Show when=move || books.state.with(|s| !matches!(s, BooksState::None))>
                <nav class="topnav" aria-label=tr!(main_nav)>
                    <a href="/marketplace" rel=rel("/marketplace") data-testid="nav-marketplace">{tr!(nav_marketplace)}</a>
                    <a href="/billing" rel=rel("/billing") data-testid="nav-billing">{tr!(nav_billing)}</a>
                    <a href="/notifications" rel=rel("/notifications") data-testid="nav-notifications">{tr!(nav_notifications)}</a>
                    <a href="/api-keys" rel=rel("/api-keys") data-testid="nav-api-keys">{tr!(nav_api_keys)}</a>
                </nav>
            </Show>
            {move || match role.get() {
                Some(Role::Partner) => Some(view! {
                    <nav class="topnav" aria-label=tr!(main_nav)>
                        <a href="/marketplace" rel=rel("/marketplace") data-testid="nav-marketplace">{tr!(nav_marketplace)}</a>
                        <a href="/partner" rel=rel("/partner") data-testid="nav-partner">{tr!(nav_partner)}</a>
                    </nav>
                }.into_any()),
                Some(Role::Moderator) => Some(view! {
                    <nav class="topnav" aria-label=tr!(main_nav)>
                        <a href="/marketplace" rel=rel("/marketplace") data-testid="nav-marketplace">{tr!(nav_marketplace)}</a>
                        <a href="/moderation" rel=rel("/moderation") data-testid="nav-moderation">{tr!(nav_moderation)}</a>
                    </nav>
                }.into_any()),
                _ => None,
            }}
            <div class="topbar-spacer"></div>
            <super::zone_switch::ZoneSwitch />
            <LocaleSwitch />
            {who}
        </header>
        {preview_strip()}
    }
}

/// The offline preview's own controls sit apart from the product's bar.
#[cfg(feature = "offline")]
fn preview_strip() -> impl IntoView {
    view! {
        <div class="preview-strip" data-testid="preview-strip">
            <span class="offline-badge" data-testid="offline-badge" title=tr!(offline_hint)>
                {tr!(offline_badge)}
            </span>
            <super::role_switch::RoleSwitch />
            <super::time_travel::TimeTravel />
        </div>
    }
}

#[cfg(not(feature = "offline"))]
fn preview_strip() -> impl IntoView {}
