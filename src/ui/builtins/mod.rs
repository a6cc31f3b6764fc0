//! Built-in modules' settings screens (an app of their own, `/builtins/…`): Souk's
//! own screens where a partner's module would open its page, and the API
//! access log they share.

mod api_log;
pub mod booking;
pub mod reseller;
pub mod sms;

pub use api_log::ApiLog;

use crate::domain::ConnectionId;
use crate::ui::links::GoTo;
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::{shown, Text};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The connection a built-in's page is about, from its address.
pub fn use_connection() -> Memo<ConnectionId> {
    let params = use_params_map();
    Memo::new(move |_| ConnectionId::new(params.with(|p| p.get("connection").unwrap_or_default())))
}

/// A built-in's settings page (`/builtins/<screen>/<connection>`): a
/// signed-out visitor signs in and comes back; the page's head, then
/// `children`, the connection's screen as it loads.
#[component]
pub fn BuiltinPage(
    screen: &'static str,
    connection: Memo<ConnectionId>,
    title: Text,
    lead: Text,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let kind = Memo::new(move |_| session.state.with(SessionState::kind));
    let children = StoredValue::new(children);
    move || match kind.get() {
        SessionKind::SignedOut => {
            let next = format!("/signin?next=/builtins/{screen}/{}", connection.get_untracked());
            view! { <GoTo path=next /> }.into_any()
        }
        _ => view! {
            <div class=format!("page builtin {screen}")>
                <header class="page-head">
                    <div>
                        <h1>{shown(title)}</h1>
                        <p class="lead">{shown(lead)}</p>
                    </div>
                </header>
                {children.with_value(|children| children())}
            </div>
        }
        .into_any(),
    }
}
