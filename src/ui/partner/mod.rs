//! The partner cabinet: the partner's modules with their status, and the
//! module form with its live preview.

mod deliveries;
mod form;
mod messages;
mod preview;
mod reviews;

pub use messages::{field_label, issue_text, pricing_kind_name};
pub use preview::logo_url;

use crate::api;
use crate::api::partner::DraftView;
use crate::domain::dates::format_date_time;
use crate::domain::{ListingId, Role};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::lang_of;
use crate::ui::links::GoTo;
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, list, Loading};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use messages::status_text;

/// The signed-in user's role, once the session is known.
pub fn signed_in_role() -> Memo<Option<Role>> {
    let session = use_session();
    Memo::new(move |_| match session.state.get() {
        SessionState::SignedIn(info) => Some(info.user.role),
        _ => None,
    })
}

/// What a screen for one role shows to everyone else.
#[component]
pub fn RoleGate(role: Role, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let current = signed_in_role();
    let here = use_location().pathname;
    move || match (session.state.with(SessionState::kind), current.get()) {
        (_, Some(r)) if r == role => children().into_any(),
        (crate::ui::session::SessionKind::Loading, _) => view! { <Loading /> }.into_any(),
        (crate::ui::session::SessionKind::SignedIn, _) => {
            view! { <p class="empty" data-testid="wrong-role">{tr!(error_forbidden)}</p> }.into_any()
        }
        // Back here once signed in.
        _ => view! { <GoTo path=format!("/signin?next={}", here.get_untracked()) /> }.into_any(),
    }
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Partner>
            <ListingList />
        </RoleGate>
    }
}

#[component]
fn ListingList() -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let listings = LocalResource::new(|| async { api::partner::my_listings().await });
    let rows = list(
        listings,
        move || view! { <p class="empty" data-testid="listings-empty">{tr!(partner_empty)}</p> },
        move |list| {
            move || {
                let locale = i18n.get_locale();
                let lang = lang_of(locale);
                let tz = books.tz.get();
                list.iter()
                .map(|l| {
                    let name = l.name.get(lang).clone();
                    let name = if name.trim().is_empty() { l.code.clone() } else { name };
                    view! {
                        <tr data-testid="listing-row" data-code=l.code.clone()>
                            <td><a href=format!("/partner/{}", l.id)>{name}</a></td>
                            <td><code>{l.code.clone()}</code></td>
                            <td>
                                <span class="badge" data-testid="listing-row-status">{status_text(locale, l.status)}</span>
                                {l.reason.clone().map(|r| view! { <p class="hint" data-testid="listing-row-reason">{r}</p> })}
                            </td>
                            <td>{format_date_time(l.updated_at, tz, lang)}</td>
                        </tr>
                    }
                })
                .collect_view()
            }
        },
    );
    view! {
        <section class="page partner">
            <header class="page-head">
                <h1>{tr!(partner_modules)}</h1>
                <a class="button button--primary" href="/partner/new" data-testid="add-listing">{tr!(partner_add)}</a>
            </header>
            <table class="table listings">
                <thead>
                    <tr>
                        <th>{tr!(field_name)}</th>
                        <th>{tr!(field_code)}</th>
                        <th>{tr!(partner_status)}</th>
                        <th>{tr!(partner_updated)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <reviews::PartnerReviews />
        </section>
    }
}

/// `/partner/new` or `/partner/<id>`: the form, once the listing is loaded.
#[component]
pub fn ListingPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Partner>
            <ListingLoader />
        </RoleGate>
    }
}

#[component]
fn ListingLoader() -> impl IntoView {
    let params = use_params_map();
    let session = use_session();
    let vendor = move || match session.state.get() {
        SessionState::SignedIn(info) => info.user.vendor().to_string(),
        _ => String::new(),
    };
    // Loaded once: after the first save the address becomes /partner/<id>, and
    // the form (with the secret it shows once) must stay as it is.
    let loaded = LocalResource::new(move || {
        let id = params.with_untracked(|p| p.get("id")).filter(|id| id != "new");
        async move {
            match id {
                Some(id) => api::partner::open_listing(ListingId::new(id)).await.map(Some),
                None => Ok(None),
            }
        }
    });
    widgets::loaded(loaded, move |initial: Option<DraftView>| {
        // A published module's callbacks: what its backend was told.
        let published = initial.as_ref().filter(|view| view.lifecycle.published).map(|view| view.id.clone());
        view! {
            <form::ListingForm initial vendor=vendor() />
            {published.map(|listing| view! { <deliveries::DeliveryLog listing /> })}
        }
    })
}
