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
                Some(Ok(modules)) => EitherOf3::C(view! { <Browse modules query has_account=Signal::derive(has_account) /> }),
            }}
            <ModuleRoute />
        </div>
    }
}

#[component]
fn Browse(modules: Modules, query: RwSignal<CatalogQuery>, has_account: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let active = Memo::new(move |_| {
        books.view().map(|v| v.ledger.connections.iter().map(|c| c.module.clone()).collect()).unwrap_or_default()
    });
    // Built once for the catalog (the moderators' synonyms join it when they
    // arrive); each keystroke only looks words up in it.
    let index = RwSignal::new(SearchIndex::of(modules.iter().map(AsRef::as_ref)));
    let synonyms = LocalResource::new(|| async { api::search_terms::synonyms().await });
    Effect::new(move || {
        if let Some(Ok(synonyms)) = synonyms.get() {
            index.update(|index| index.set_synonyms(synonyms));
        }
    });
    let shown = Memo::new({
        let modules = modules.clone();
        move |_| {
            let lang = lang_of(i18n.get_locale());
            active.with(|active: &HashSet<ModuleCode>| {
                index.with(|index| {
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
                index.with(|index| query.with(|q| q.section_counts_indexed(&modules, index, lang, active)))
            })
        }
    });
    report_missed_queries(query, index, Signal::derive(move || shown.with(Vec::is_empty)), has_account);
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

/// How long typing must pause before a query that found nothing is told to
/// the moderators: the words on the way to a query are not queries.
const PAUSE_MS: u64 = 1500;

/// Tells the server, once per query and page, an account owner's query that
/// found nothing in the whole catalog (whatever the filters), after a pause.
fn report_missed_queries(
    query: RwSignal<CatalogQuery>,
    index: RwSignal<SearchIndex>,
    nothing_shown: Signal<bool>,
    has_account: Signal<bool>,
) {
    let i18n = use_i18n();
    let missed = Memo::new(move |_| {
        let text = query.with(|q| q.text.trim().to_string());
        if text.is_empty() || !nothing_shown.get() || !has_account.get() {
            return None;
        }
        let lang = lang_of(i18n.get_locale());
        index.with(|index| index.relevance(&text, lang).iter().all(Option::is_none)).then_some((text, lang))
    });
    let told = StoredValue::new(HashSet::<String>::new());
    Effect::new(move || {
        let Some((text, lang)) = missed.get() else { return };
        set_timeout(
            move || {
                let still = missed.get_untracked().is_some_and(|(now, _)| now == text);
                if still && told.try_update_value(|told| told.insert(text.clone())).unwrap_or(false) {
                    leptos::task::spawn_local(async move {
                        // Only counted, never shown to the user: a failure changes nothing they see.
                        let _ = api::search_terms::report_missed_query(text, lang).await;
                    });
                }
            },
            std::time::Duration::from_millis(PAUSE_MS),
        );
    });
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
