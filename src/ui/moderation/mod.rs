//! The moderator's screens: the review queue of listings and revisions, and
//! the partner applications, the reports of reviews, the search's synonyms:
//! one tab each.

mod applications;
mod reports;
mod review;
mod search_terms;

use crate::api;
use crate::api::applications::ApplicationView;
use crate::api::moderation::ReviewItem;
use crate::api::types::{Page, Waiting};
use crate::api::ApiError;
use crate::domain::Role;
use crate::ui::partner::RoleGate;
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Paged};
use applications::Applications;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::A;
use reports::Reports;
use review::ReviewCard;
use search_terms::SearchTerms;

type QueueList = LocalResource<Result<Page<ReviewItem>, ApiError>>;
type ApplicationList = LocalResource<Result<Page<ApplicationView>, ApiError>>;
type WaitingCounts = LocalResource<Result<Waiting, ApiError>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Queue,
    Applications,
    Search,
    Reviews,
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Moderator>
            <Moderation tab=Tab::Queue />
        </RoleGate>
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Moderator>
            <Moderation tab=Tab::Applications />
        </RoleGate>
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Moderator>
            <Moderation tab=Tab::Reviews />
        </RoleGate>
    }
}

#[component]
pub fn SearchTermsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Moderator>
            <Moderation tab=Tab::Search />
        </RoleGate>
    }
}

/// The tabs count what waits in each, whichever is open, and a decision
/// updates the count at once.
#[component]
fn Moderation(tab: Tab) -> impl IntoView {
    let waiting: WaitingCounts = LocalResource::new(|| async { api::moderation::moderation_waiting().await });
    view! {
        <section class="page moderation">
            <Tabs waiting />
            {match tab {
                Tab::Queue => EitherOf4::A(view! { <Queue waiting /> }),
                Tab::Applications => EitherOf4::B(view! { <Applications waiting /> }),
                Tab::Search => EitherOf4::C(view! { <SearchTerms /> }),
                Tab::Reviews => EitherOf4::D(view! { <Reports waiting /> }),
            }}
        </section>
    }
}

/// The moderation screens, with what waits in each; the router marks the current one.
#[component]
fn Tabs(waiting: WaitingCounts) -> impl IntoView {
    let counts = move || waiting.get().and_then(Result::ok);
    let count = |n: Option<u64>| n.map(|n| view! { <span class="tab-count">{n}</span> });
    view! {
        <nav class="tabs" aria-label=tr!(moderation_tabs)>
            <A href="/moderation" exact=true attr:class="tab" attr:data-testid="tab-queue">
                {tr!(tab_queue)} {move || count(counts().map(|c| c.in_review))}
            </A>
            <A href="/moderation/applications" attr:class="tab" attr:data-testid="tab-applications">
                {tr!(tab_applications)} {move || count(counts().map(|c| c.applications))}
            </A>
            <A href="/moderation/reviews" attr:class="tab" attr:data-testid="tab-reviews">
                {tr!(tab_reviews)} {move || count(counts().map(|c| c.reports))}
            </A>
            <A href="/moderation/search" attr:class="tab" attr:data-testid="tab-search">
                {tr!(tab_search)}
            </A>
        </nav>
    }
}

#[component]
fn Queue(waiting: WaitingCounts) -> impl IntoView {
    let queue: QueueList = LocalResource::new(|| async { api::moderation::review_queue(None).await });
    let decided = Callback::new(move |()| {
        queue.refetch();
        waiting.refetch();
    });
    let items = loaded(queue, move |first| {
        Paged::new(first, |from| api::moderation::review_queue(Some(from))).list(
            move || view! { <p class="empty" data-testid="queue-empty">{tr!(queue_empty)}</p> },
            move |items| {
                move || items.get().into_iter().map(|item| view! { <ReviewCard item decided /> }).collect_view()
            },
        )
    });
    view! {
        <header class="page-head">
            <h1>{tr!(queue_title)}</h1>
        </header>
        {items}
    }
}
