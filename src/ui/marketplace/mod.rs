//! The marketplace screen: section tabs, search, filters, the module grid, and
//! the pop-up of one module at `/marketplace/<code>`.

mod activation;
mod active_module;
mod connection_drawer;
mod module_card;
mod module_popup;
mod scope_groups;
mod section_tabs;
mod simple_connect;
mod toolbar;

use crate::api;
use crate::api::{ApiError, CatalogModule};
use crate::domain::search::SearchIndex;
use crate::domain::{CatalogQuery, ModuleCode};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::lang_of;
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::ErrorPanel;
use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use module_card::ModuleCard;
use module_popup::ModuleRoute;
use section_tabs::SectionTabs;
use std::collections::HashSet;
use std::sync::Arc;
use toolbar::{SearchBox, Toolbar};

pub type Modules = Arc<Vec<CatalogModule>>;

/// The catalog as loaded, shared with the pop-up route.
#[derive(Clone, Copy)]
pub struct CatalogData(pub LocalResource<Result<Modules, ApiError>>);

#[component]
pub fn MarketplacePage() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let kind = Memo::new(move |_| session.state.with(SessionState::kind));
    move || match kind.get() {
        SessionKind::SignedIn => EitherOf4::A(view! { <Catalog /> }),
        SessionKind::SignedOut => {
            let next = format!("/signin?next={}", location.pathname.get_untracked());
            EitherOf4::B(view! { <Redirect path=next /> })
        }
        SessionKind::Failed => {
            let error = match session.state.get_untracked() {
                SessionState::Failed(error) => error,
                _ => ApiError::Internal,
            };
            EitherOf4::C(view! { <div class="page"><ErrorPanel error on_retry=move |_| session.reload() /></div> })
        }
        SessionKind::Loading => EitherOf4::D(view! { <div class="page"><SkeletonGrid /></div> }),
    }
}

#[component]
fn Catalog() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalog = LocalResource::new(|| async { api::catalog::catalog().await.map(Arc::new) });
    provide_context(CatalogData(catalog));

    // A session that ended on the server sends the user back to sign in.
    Effect::new(move || {
        if let Some(Err(ApiError::NotSignedIn)) = catalog.get() {
            session.state.set(SessionState::SignedOut);
        }
    });

    let query = RwSignal::new(CatalogQuery::default());
    let has_account = move || session.info().is_some_and(|info| info.account.is_some());

    view! {
        <div class="page marketplace">
            <header class="page-head">
                <div>
                    <h1>{t!(i18n, marketplace_title)}</h1>
                    <p class="lead">
                        {move || {
                            if has_account() {
                                t_string!(i18n, marketplace_lead)
                            } else {
                                t_string!(i18n, marketplace_lead_all)
                            }
                        }}
                    </p>
                </div>
                <SearchBox query />
            </header>
            {move || match catalog.get() {
                None => EitherOf3::A(view! { <SkeletonGrid /> }),
                Some(Err(error)) => EitherOf3::B(view! { <ErrorPanel error on_retry=move |_| catalog.refetch() /> }),
                Some(Ok(modules)) => EitherOf3::C(view! { <Browse modules query /> }),
            }}
            <ModuleRoute />
        </div>
    }
}

#[component]
fn Browse(modules: Modules, query: RwSignal<CatalogQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let active = Memo::new(move |_| {
        books.view().map(|v| v.ledger.connections.iter().map(|c| c.module.clone()).collect()).unwrap_or_default()
    });
    // Built once for the catalog; each keystroke only looks words up in it.
    let index = StoredValue::new(SearchIndex::of(modules.iter().map(AsRef::as_ref)));
    let shown = Memo::new({
        let modules = modules.clone();
        move |_| {
            let lang = lang_of(i18n.get_locale());
            active.with(|active: &HashSet<ModuleCode>| {
                index.with_value(|index| {
                    query.with(|q| {
                        q.apply_indexed(&modules, index, lang, active).into_iter().cloned().collect::<Vec<_>>()
                    })
                })
            })
        }
    });
    let counts = Memo::new({
        let modules = modules.clone();
        move |_| {
            let lang = lang_of(i18n.get_locale());
            active.with(|active| {
                index.with_value(|index| query.with(|q| q.section_counts_indexed(&modules, index, lang, active)))
            })
        }
    });
    let reset = move |_| query.set(CatalogQuery::default());
    let mut added: Vec<_> = modules.iter().filter_map(|m| m.listing.added_section.clone()).collect();
    added.sort_by(|a, b| a.code.cmp(&b.code));
    added.dedup_by(|a, b| a.code == b.code);

    view! {
        <SectionTabs query counts added />
        <Toolbar query found=Signal::derive(move || shown.with(Vec::len)) />
        <Show
            when=move || shown.with(|s| !s.is_empty())
            fallback=move || {
                view! {
                    <div class="empty" data-testid="empty">
                        <h2>{t!(i18n, empty_title)}</h2>
                        <p>{t!(i18n, empty_hint)}</p>
                        <button type="button" class="button" on:click=reset>{t!(i18n, reset_filters)}</button>
                    </div>
                }
            }
        >
            <div class="grid" data-testid="module-grid">
                <For each=move || shown.get() key=|m| m.listing.code.clone() children=|m| view! { <ModuleCard module=m /> } />
            </div>
        </Show>
    }
}

#[component]
fn SkeletonGrid() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="grid grid--loading" aria-busy="true" data-testid="loading">
            <span class="visually-hidden">{t!(i18n, loading)}</span>
            {(0..8).map(|_| view! { <div class="card card--skeleton"></div> }).collect_view()}
        </div>
    }
}
