//! The booking channel's settings (`/builtins/booking/<connection>`, seed
//! 004), in the seed's order: activate the channel accepting both texts,
//! tick the services to publish (and keep the services themselves), set
//! channel prices in bulk, publish, and the traffic permission; then the
//! API access log of the calls to the partner.

mod activation;
mod messages;
mod prices;
mod publish;
mod service_form;
mod services;

use super::ApiLog;
use super::{use_connection, BuiltinPage};
use crate::api;
use crate::api::booking::ChannelView;
use crate::i18n::*;
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Text};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn BookingPage() -> impl IntoView {
    let connection = use_connection();
    let channel = LocalResource::new(move || api::booking::booking_channel(connection.get()));
    let title: Text = |l| td_string!(l, bk_title);
    let lead: Text = |l| td_string!(l, bk_lead);
    view! {
        <BuiltinPage screen="booking" connection title lead>
            {loaded(channel, move |view: ChannelView| view! { <BookingScreen view /> })}
        </BuiltinPage>
    }
}

/// What the sections share: the channel as last answered, the rows chosen
/// for a bulk edit, and a count of calls that may have reached the partner
/// (the log reads itself again after each).
#[derive(Clone, Copy)]
pub struct Screen {
    pub channel: RwSignal<ChannelView>,
    pub chosen: RwSignal<BTreeSet<String>>,
    pub called: Callback<()>,
}

impl Screen {
    pub fn connection(self) -> crate::domain::ConnectionId {
        self.channel.with_untracked(|c| c.connection.clone())
    }

    /// Takes the channel as the server answered it after a change.
    pub fn answered(self, view: ChannelView) {
        let rows: BTreeSet<String> = view.rows.iter().map(|row| row.service.id.clone()).collect();
        self.chosen.update(|chosen| chosen.retain(|id| rows.contains(id)));
        self.channel.set(view);
        self.called.run(());
    }
}

#[component]
fn BookingScreen(view: ChannelView) -> impl IntoView {
    let connection = view.connection.clone();
    let log_enabled = view.log_enabled;
    let name = view.connection_name.clone();
    let frozen = view.frozen;
    let (calls, set_calls) = signal(0_u32);
    let screen = Screen {
        channel: RwSignal::new(view),
        chosen: RwSignal::new(BTreeSet::new()),
        called: Callback::new(move |()| set_calls.update(|n| *n += 1)),
    };
    view! {
        <p class="hint">{tr!(bk_connection)} " " <strong>{name}</strong></p>
        {frozen.then(|| view! { <p class="refusal" role="status" data-testid="booking-frozen">{tr!(bk_refused_frozen)}</p> })}
        <div class="reseller-stack">
            <activation::Activation screen />
            <services::Services screen />
            <prices::BulkPrices screen />
            <publish::Publish screen />
            <ApiLog connection enabled=log_enabled calls />
        </div>
    }
}
