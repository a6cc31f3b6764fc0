//! The moderator's screens: the review queue of listings and revisions, and
//! the partner applications, one tab each.

mod applications;
mod review;

use crate::api;
use crate::api::applications::ApplicationView;
use crate::api::moderation::ReviewItem;
use crate::api::ApiError;
use crate::domain::application::Decision;
use crate::domain::Role;
use crate::i18n::*;
use crate::ui::partner::RoleGate;
use crate::ui::widgets::list;
use applications::Applications;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use review::ReviewCard;

type QueueList = LocalResource<Result<Vec<ReviewItem>, ApiError>>;
type ApplicationList = LocalResource<Result<Vec<ApplicationView>, ApiError>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Queue,
    Applications,
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

/// Both lists are loaded whichever tab is open: each tab shows how many items
/// wait, and a decision on one updates its count at once.
#[component]
fn Moderation(tab: Tab) -> impl IntoView {
    let queue: QueueList = LocalResource::new(|| async { api::moderation::review_queue().await });
    let applications: ApplicationList = LocalResource::new(|| async { api::applications::applications().await });
    view! {
        <section class="page moderation">
            <Tabs queue applications />
            {match tab {
                Tab::Queue => Either::Left(view! { <Queue queue /> }),
                Tab::Applications => Either::Right(view! { <Applications list=applications /> }),
            }}
        </section>
    }
}

/// The two moderation screens, with what waits in each; the router marks the current one.
#[component]
fn Tabs(queue: QueueList, applications: ApplicationList) -> impl IntoView {
    let i18n = use_i18n();
    let in_review = move || queue.get().and_then(Result::ok).map(|items| items.len());
    let pending = move || {
        applications
            .get()
            .and_then(Result::ok)
            .map(|all| all.iter().filter(|a| a.decision == Decision::Pending).count())
    };
    let count = |n: Option<usize>| n.map(|n| view! { <span class="tab-count">{n}</span> });
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, moderation_tabs)>
            <A href="/moderation" exact=true attr:class="tab" attr:data-testid="tab-queue">
                {t!(i18n, tab_queue)} {move || count(in_review())}
            </A>
            <A href="/moderation/applications" attr:class="tab" attr:data-testid="tab-applications">
                {t!(i18n, tab_applications)} {move || count(pending())}
            </A>
        </nav>
    }
}

#[component]
fn Queue(queue: QueueList) -> impl IntoView {
    let i18n = use_i18n();
    let decided = Callback::new(move |()| queue.refetch());
    let items = list(
        queue,
        move || view! { <p class="empty" data-testid="queue-empty">{t!(i18n, queue_empty)}</p> },
        move |items| items.into_iter().map(|item| view! { <ReviewCard item decided /> }).collect_view(),
    );
    view! {
        <header class="page-head">
            <h1>{t!(i18n, queue_title)}</h1>
        </header>
        {items}
    }
}
