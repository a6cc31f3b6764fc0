//! The SMS service's settings (`/builtins/sms/<connection>`, seed 003): the
//! gateway account, its balance and a test message, the loyalty programme
//! and the events it allows, the standard texts with what each costs, and
//! the API access log.

mod check;
mod events;
mod gateway;
mod messages;
mod texts;

use super::ApiLog;
use super::{use_connection, BuiltinPage};
use crate::api;
use crate::api::sms::SmsView;
use crate::i18n::*;
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Text};
use leptos::prelude::*;

#[component]
pub fn SmsPage() -> impl IntoView {
    let connection = use_connection();
    let service = LocalResource::new(move || api::sms::sms_service(connection.get()));
    let title: Text = |l| td_string!(l, sms_title);
    let lead: Text = |l| td_string!(l, sms_lead);
    view! {
        <BuiltinPage screen="sms" connection title lead>
            {loaded(service, move |view: SmsView| view! { <SmsScreen view /> })}
        </BuiltinPage>
    }
}

/// The screen of one connection, each section changing `view` as it saves.
#[component]
fn SmsScreen(view: SmsView) -> impl IntoView {
    let connection = view.connection.clone();
    let log_enabled = view.log_enabled;
    let name = view.connection_name.clone();
    let frozen = view.frozen;
    // The sender name as typed: the texts count it before it is saved.
    let sender = RwSignal::new(view.settings.sender.clone());
    let service = RwSignal::new(view);
    // Counts calls to the gateway, so the log reads itself again after each.
    let (calls, set_calls) = signal(0_u32);
    let called = Callback::new(move |()| set_calls.update(|n| *n += 1));
    view! {
        <p class="hint" data-testid="sms-connection">{tr!(sms_connection)} " " <strong>{name}</strong></p>
        {frozen.then(|| view! { <p class="refusal" role="status" data-testid="sms-frozen">{tr!(sms_frozen)}</p> })}
        <div class="builtin-grid">
            <gateway::GatewayForm service sender />
            <check::GatewayCheck service called />
            <events::Events service />
            <texts::Texts sender />
            <ApiLog connection enabled=log_enabled calls />
        </div>
    }
}
