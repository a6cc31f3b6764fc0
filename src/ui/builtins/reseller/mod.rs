//! The reseller billing's settings (`/builtins/reseller/<connection>`, seed
//! 002): service handlers and the data centres they name, tariff plans
//! imported from the selling billing and enabled for sale, the services
//! customers ordered, and the API access log.

mod data_centres;
mod handlers;
mod import;
mod messages;
mod plans;
mod services;
mod wizard;

use super::ApiLog;
use super::{use_connection, BuiltinPage};
use crate::api;
use crate::api::reseller::ResellerView;
use crate::i18n::*;
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Text};
use leptos::prelude::*;

#[component]
pub fn ResellerPage() -> impl IntoView {
    let connection = use_connection();
    let reseller = LocalResource::new(move || api::reseller::reseller(connection.get()));
    let title: Text = |l| td_string!(l, res_title);
    let lead: Text = |l| td_string!(l, res_lead);
    view! {
        <BuiltinPage screen="reseller" connection title lead>
            {loaded(reseller, move |view: ResellerView| view! { <ResellerScreen view /> })}
        </BuiltinPage>
    }
}

/// The screen of one connection, each section changing `view` as it saves.
#[component]
fn ResellerScreen(view: ResellerView) -> impl IntoView {
    let connection = view.connection.clone();
    let log_enabled = view.log_enabled;
    let name = view.connection_name.clone();
    let frozen = view.frozen;
    let reseller = RwSignal::new(view);
    // Counts calls to the selling billing, so the log reads itself again after each.
    let (calls, set_calls) = signal(0_u32);
    let called = Callback::new(move |()| set_calls.update(|n| *n += 1));
    view! {
        <p class="hint">{tr!(res_connection)} " " <strong>{name}</strong></p>
        {frozen.then(|| view! { <p class="refusal" role="status" data-testid="reseller-frozen">{tr!(res_refused_frozen)}</p> })}
        <div class="reseller-stack">
            <handlers::Handlers reseller called />
            <plans::Plans reseller called />
            <services::Services reseller called />
            <data_centres::DataCentres reseller />
            <ApiLog connection enabled=log_enabled calls />
        </div>
    }
}
