//! Partners and moderators choose the time zone they read times in; account
//! owners read them in the account's.

use crate::api;
use crate::ui::books::use_books;
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn ZoneSwitch() -> impl IntoView {
    let session = use_session();
    let books = use_books();
    let choose = widgets::submit(|zone: &String| {
        let zone = zone.clone();
        async move { api::auth::set_timezone(zone).await }
    });
    Effect::new(move || {
        if let Some(Ok(info)) = choose.value().get() {
            session.state.set(SessionState::SignedIn(info));
        }
    });
    let without_account = move || session.info().is_some_and(|info| info.account.is_none());
    view! {
        <Show when=without_account>
            <label class="zone-switch">
                <span class="visually-hidden">{tr!(time_zone)}</span>
                <select class="input" data-testid="zone-switch" disabled=choose.pending()
                    on:change=move |e| { choose.dispatch(event_target_value(&e)); }>
                    {chrono_tz::TZ_VARIANTS.iter().map(|zone| {
                        let name = zone.name();
                        view! { <option value=name selected=move || books.tz.get() == *zone>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
        </Show>
    }
}
