//! The marketplace screen: section tabs, search, filters, the module grid, and
//! the pop-up of one module at `/marketplace/<code>`.

mod activation;
mod active_module;
mod connection_drawer;
mod module_card;
mod module_popup;
pub(crate) mod reviews;
mod scope_groups;
mod section_tabs;
mod simple_connect;
mod toolbar;

use crate::api;
use crate::api::{ApiError, CatalogView};
use crate::domain::search::SearchIndex;
use crate::domain::{CatalogQuery, ModuleCode};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::lang_of;
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::tr;
use crate::ui::widgets::ErrorPanel;
use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use module_card::{Card, ModuleCard};
use module_popup::ModuleRoute;
use section_tabs::SectionTabs;
use std::collections::HashSet;
use std::sync::Arc;
use toolbar::{SearchBox, Toolbar};

/// The catalog as loaded, shared with the pop-up route.
#[derive(Clone, Copy)]
pub struct CatalogData(pub LocalResource<Result<Arc<CatalogView>, ApiError>>);

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
    reviews::FreshRatings::provide();

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
                    <h1>{tr!(marketplace_title)}</h1>
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
                Some(Ok(catalog)) => EitherOf3::C(view! { <Browse catalog query has_account=Signal::derive(has_account) /> }),
            }}
            <ModuleRoute />
        </div>
    }
}

/// Cards rendered at first and added by each "show more".
const WINDOW: usize = 60;
/// Cards drawn while the user types: a large screen's worth. The rest of the
/// window follows once typing pauses for `SETTLE_MS`, so a keystroke over
/// 10,000 modules repaints within a frame or two.
const WHILE_TYPING: usize = 24;
const SETTLE_MS: u64 = 150;

#[component]
fn Browse(catalog: Arc<CatalogView>, query: RwSignal<CatalogQuery>, has_account: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let active = Memo::new(move |_| {
        books.view().map(|v| v.ledger.connections.iter().map(|c| c.module.clone()).collect()).unwrap_or_default()
    });
    // Built once for the catalog; each keystroke only looks words up in it, once.
    let mut index = SearchIndex::of(catalog.modules.iter().map(AsRef::as_ref));
    index.set_synonyms(catalog.synonyms.clone());
    let index = StoredValue::new(index);
    let text = Memo::new(move |_| query.with(|q| q.text.clone()));
    let relevance = Memo::new(move |_| {
        let lang = lang_of(i18n.get_locale());
        text.with(|text| index.with_value(|index| index.relevance(text, lang)))
    });
    let shown = Memo::new({
        let catalog = catalog.clone();
        move |_| {
            active.with(|active: &HashSet<ModuleCode>| {
                relevance.with(|relevance| query.with(|q| q.positions(&catalog.modules, relevance, active)))
            })
        }
    });
    let counts = Memo::new({
        let catalog = catalog.clone();
        move |_| {
            active.with(|active| {
                relevance.with(|relevance| query.with(|q| q.section_counts_ranked(&catalog.modules, relevance, active)))
            })
        }
    });
    let nothing_found = Signal::derive(move || relevance.with(|found| found.iter().all(Option::is_none)));
    report_missed_queries(text, nothing_found, has_account);

    // How many cards are rendered, for the query it was widened for: a new
    // query or filter starts again from the first window.
    let widened = RwSignal::new((CatalogQuery::default(), WINDOW));
    let limit = move || widened.with(|(for_query, limit)| query.with(|q| if q == for_query { *limit } else { WINDOW }));
    // The query the user paused on: the whole window is drawn for it.
    let settled = RwSignal::new(CatalogQuery::default());
    Effect::new(move || {
        let typed = query.get();
        if settled.with_untracked(|settled| *settled != typed) {
            set_timeout(
                move || {
                    if query.with_untracked(|now| *now == typed) {
                        settled.set(typed);
                    }
                },
                std::time::Duration::from_millis(SETTLE_MS),
            );
        }
    });
    let drawn = move || {
        let limit = limit();
        if query.with(|q| settled.with(|settled| q == settled)) {
            limit
        } else {
            limit.min(WHILE_TYPING)
        }
    };
    let rendered = Memo::new(move |_| shown.with(|shown| shown[..shown.len().min(drawn())].to_vec()));
    let more = move || shown.with(Vec::len).saturating_sub(limit()).min(WINDOW);
    let show_more = Callback::new({
        let catalog = catalog.clone();
        move |_: ()| {
            let from = limit();
            widened.set((query.get_untracked(), from + WINDOW));
            // The keyboard goes on from the first card just shown.
            if let Some(code) =
                shown.with_untracked(|shown| shown.get(from).map(|&at| catalog.modules[at].listing.code.clone()))
            {
                request_animation_frame(move || module_popup::focus_card(code.as_str()));
            }
        }
    });
    let reset = move |_| query.set(CatalogQuery::default());
    let mut added: Vec<_> = catalog.modules.iter().filter_map(|m| m.listing.added_section.clone()).collect();
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
                        <h2>{tr!(empty_title)}</h2>
                        <p>{tr!(empty_hint)}</p>
                        <button type="button" class="button" on:click=reset>{tr!(reset_filters)}</button>
                    </div>
                }
            }
        >
            <div class="grid" data-testid="module-grid">
                <For
                    each=move || rendered.get()
                    key=|&at| at
                    children={
                        let catalog = catalog.clone();
                        move |at| view! { <ModuleCard card=Card::from(&catalog.modules[at]) /> }
                    }
                />
            </div>
            <Show when=move || { more() > 0 }>
                <div class="grid-more">
                    <span data-testid="shown-of">
                        {move || {
                            let total = shown.with(Vec::len);
                            let shown = limit().min(total);
                            t_string!(i18n, shown_of, shown = shown, total = total).to_string()
                        }}
                    </span>
                    <button type="button" class="button" data-testid="show-more" on:click=move |_| show_more.run(())>
                        {move || t_string!(i18n, more_modules, count = more()).to_string()}
                    </button>
                </div>
            </Show>
        </Show>
    }
}

/// How long typing must pause before a query that found nothing is told to
/// the moderators: the words on the way to a query are not queries.
const PAUSE_MS: u64 = 1500;

/// Tells the server, once per query and page, an account owner's query that
/// found nothing in the whole catalog (whatever the filters), after a pause.
fn report_missed_queries(text: Memo<String>, nothing_found: Signal<bool>, has_account: Signal<bool>) {
    let i18n = use_i18n();
    let missed = Memo::new(move |_| {
        let text = text.with(|text| text.trim().to_string());
        let found_nothing = !text.is_empty() && nothing_found.get() && has_account.get();
        found_nothing.then(|| (text, lang_of(i18n.get_locale())))
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
    view! {
        <div class="grid grid--loading" aria-busy="true" data-testid="loading">
            <span class="visually-hidden">{tr!(loading)}</span>
            {(0..8).map(|_| view! { <div class="card card--skeleton"></div> }).collect_view()}
        </div>
    }
}
