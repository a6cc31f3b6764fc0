//! The two single-page apps (`crate::apps`): Leptos components, a folder per screen.

mod account;
mod api_keys;
mod billing;
mod books;
mod builtins;
mod intent;
mod join;
mod labels;
mod layout;
mod links;
mod locale;
mod marketplace;
mod moderation;
mod not_found;
mod notifications;
mod partner;
mod session;
mod signin;
mod widgets;

use crate::apps::App;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use session::{Session, SessionState};

/// The marketplace: the catalog and a module's pop-up, and sign-in for everyone.
#[component]
pub fn MarketplaceApp() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell app=App::Marketplace>
                <Routes fallback=not_found::PageNotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/marketplace" /> } />
                    <Route path=path!("/signin") view=signin::SignInPage />
                    // One route for the grid and its pop-up, so the grid stays mounted
                    // (search, filters, scroll) while a module opens and closes.
                    <Route path=path!("/marketplace/:code?") view=marketplace::MarketplacePage />
                </Routes>
            </Shell>
        </I18nContextProvider>
    }
}

/// The account: balance and history, notices, API keys, one's sign-in and sessions.
#[component]
pub fn AccountApp() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell app=App::Account>
                <Routes fallback=not_found::PageNotFound>
                    <Route path=path!("/billing") view=billing::BillingPage />
                    <Route path=path!("/notifications") view=notifications::NotificationsPage />
                    <Route path=path!("/account") view=account::AccountPage />
                    <Route path=path!("/api-keys") view=api_keys::ApiKeysPage />
                </Routes>
            </Shell>
        </I18nContextProvider>
    }
}

/// The cabinet: partners' modules, applying and the welcome link.
#[component]
pub fn CabinetApp() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell app=App::Cabinet>
                <Routes fallback=not_found::PageNotFound>
                    <Route path=path!("/apply") view=join::ApplyPage />
                    <Route path=path!("/welcome/:token") view=join::WelcomePage />
                    <Route path=path!("/partner") view=partner::PartnerPage />
                    <Route path=path!("/partner/:id") view=partner::ListingPage />
                </Routes>
            </Shell>
        </I18nContextProvider>
    }
}

/// Moderation: listings in review, partners' applications, reports of reviews, the search's synonyms.
#[component]
pub fn ModerationApp() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell app=App::Moderation>
                <Routes fallback=not_found::PageNotFound>
                    <Route path=path!("/moderation") view=moderation::ModerationPage />
                    <Route path=path!("/moderation/applications") view=moderation::ApplicationsPage />
                    <Route path=path!("/moderation/reviews") view=moderation::ReportsPage />
                    <Route path=path!("/moderation/search") view=moderation::SearchTermsPage />
                </Routes>
            </Shell>
        </I18nContextProvider>
    }
}

/// What every app shares: the locale, the session, the books, the top bar.
#[component]
fn Shell(app: App, children: Children) -> impl IntoView {
    links::provide(app);
    let i18n = use_i18n();
    locale::restore(i18n);
    let session = Session::provide();
    books::Books::provide();
    // The account's language is the default until the user picks one.
    Effect::new(move || {
        if let SessionState::SignedIn(info) = session.state.get() {
            if let Some(account) = info.account {
                locale::follow_account(i18n, account.account.lang);
            }
        }
    });

    view! {
        <Router>
            <layout::TopBar />
            <main id="main">{children()}</main>
        </Router>
    }
}

/// Built-in modules: the settings screens of Souk's own modules.
#[component]
pub fn BuiltinsApp() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell app=App::Builtins>
                <Routes fallback=not_found::PageNotFound>
                    <Route path=path!("/builtins/sms/:connection") view=builtins::sms::SmsPage />
                    <Route path=path!("/builtins/reseller/:connection") view=builtins::reseller::ResellerPage />
                    <Route path=path!("/builtins/booking/:connection") view=builtins::booking::BookingPage />
                </Routes>
            </Shell>
        </I18nContextProvider>
    }
}
