//! The moderator's screens: the review queue of listings and revisions, and
//! the partner applications, one tab each.

mod applications;
mod review;

use crate::backend::{backend, Backend};
use crate::domain::Role;
use crate::i18n::*;
use crate::ui::partner::RoleGate;
use crate::ui::widgets::ErrorPanel;
use applications::Applications;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::A;
use review::ReviewCard;

#[component]
pub fn ModerationPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Moderator>
            <section class="page moderation">
                <Tabs />
                <Queue />
            </section>
        </RoleGate>
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Moderator>
            <section class="page moderation">
                <Tabs />
                <Applications />
            </section>
        </RoleGate>
    }
}

/// The two moderation screens; the router marks the current one.
#[component]
fn Tabs() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, moderation_tabs)>
            <A href="/moderation" exact=true attr:class="tab" attr:data-testid="tab-queue">{t!(i18n, tab_queue)}</A>
            <A href="/moderation/applications" attr:class="tab" attr:data-testid="tab-applications">
                {t!(i18n, tab_applications)}
            </A>
        </nav>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let queue = LocalResource::new(|| async { backend().review_queue().await });
    let decided = Callback::new(move |()| queue.refetch());
    let items = move || match queue.get() {
        None => EitherOf4::A(view! { <div class="panel--loading" aria-busy="true">{t!(i18n, loading)}</div> }),
        Some(Err(error)) => EitherOf4::B(view! { <ErrorPanel error on_retry=move |_| queue.refetch() /> }),
        Some(Ok(items)) if items.is_empty() => {
            EitherOf4::C(view! { <p class="empty" data-testid="queue-empty">{t!(i18n, queue_empty)}</p> })
        }
        Some(Ok(items)) => {
            EitherOf4::D(items.into_iter().map(|item| view! { <ReviewCard item decided /> }).collect_view())
        }
    };
    view! {
        <header class="page-head">
            <h1>{t!(i18n, queue_title)}</h1>
        </header>
        {items}
    }
}
