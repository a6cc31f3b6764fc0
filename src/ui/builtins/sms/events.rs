//! The global switch, the loyalty programme the events depend on, and each
//! event's switch: an event the programme rules out is off, cannot be
//! switched on, and says why.

use super::messages::sms_error;
use crate::api;
use crate::api::sms::SmsView;
use crate::domain::sms::programme::EXPIRY_DAYS;
use crate::domain::sms::{LoyaltyProgramme, SmsEvent};
use crate::domain::Coded;
use crate::i18n::*;
use crate::texts::sms::{event_name, impossible_text};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, shown, Field, Input, Text};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn Events(service: RwSignal<SmsView>) -> impl IntoView {
    let i18n = use_i18n();
    let switch = widgets::submit(move |(enabled, events): &(bool, BTreeMap<SmsEvent, bool>)| {
        let call =
            api::sms::set_sms_switches(service.with_untracked(|s| s.connection.clone()), *enabled, events.clone());
        async move {
            let view = call.await?;
            service.set(view);
            Ok(())
        }
    });
    let failure = move || switch.value().get().and_then(Result::err);
    let enabled = Memo::new(move |_| service.with(|s| s.settings.enabled));
    let toggle_all = move |on: bool| switch.dispatch((on, BTreeMap::new()));
    let rows = move || {
        let locale = i18n.get_locale();
        service.with(|s| {
            SmsEvent::ALL
                .into_iter()
                .map(|event| {
                    let why = s.programme.rules_out(event);
                    let on = s.settings.sends(event, &s.programme);
                    let id = format!("sms-event-{}", event.code());
                    let reason_id = format!("sms-event-reason-{}", event.code());
                    view! {
                        <li data-testid="sms-event" data-event=event.code() data-on=on.to_string()
                            data-possible=why.is_none().to_string()>
                            <label class="switch">
                                <input type="checkbox" id=id prop:checked=on disabled=why.is_some() || switch.pending().get()
                                    aria-describedby=why.map(|_| reason_id.clone())
                                    on:change=move |e| {
                                        let events = BTreeMap::from([(event, event_target_checked(&e))]);
                                        switch.dispatch((enabled.get_untracked(), events));
                                    } />
                                <span>{event_name(locale, event)}</span>
                            </label>
                            {why.map(|why| view! {
                                <p class="hint" id=reason_id data-testid="sms-event-reason">{impossible_text(locale, why)}</p>
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel" data-testid="sms-events" aria-labelledby="sms-events-title">
            <h2 id="sms-events-title">{tr!(sms_events_title)}</h2>
            <label class="switch switch--main">
                <input type="checkbox" data-testid="sms-enabled" prop:checked=enabled disabled=switch.pending()
                    on:change=move |e| toggle_all(event_target_checked(&e)) />
                <span>{tr!(sms_enabled)}</span>
            </label>
            <p class="hint">{tr!(sms_events_lead)}</p>
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{sms_error(i18n.get_locale(), &e)}</p> })}
            <ul class="sms-events">{rows}</ul>
            <Programme service />
        </section>
    }
}

/// The account's loyalty programme, as far as the events depend on it.
#[component]
fn Programme(service: RwSignal<SmsView>) -> impl IntoView {
    let i18n = use_i18n();
    let kept = service.with_untracked(|s| s.programme);
    let accrual = RwSignal::new(kept.accrual);
    let expires = RwSignal::new(kept.expiry_days.is_some());
    let days = RwSignal::new(kept.expiry_days.unwrap_or(365).to_string());
    let birthday = RwSignal::new(kept.birthday_bonus);
    let welcome = RwSignal::new(kept.welcome_bonus);
    let done = RwSignal::new(false);
    let parsed_days = move || days.with(|d| d.trim().parse::<u32>().ok().filter(|d| EXPIRY_DAYS.contains(d)));
    let days_message = Signal::derive(move || {
        (expires.get() && parsed_days().is_none()).then(|| t_string!(i18n, sms_programme_days_invalid).to_string())
    });
    let save = widgets::submit(move |programme: &LoyaltyProgramme| {
        let call = api::sms::save_loyalty_programme(service.with_untracked(|s| s.connection.clone()), *programme);
        async move {
            let view = call.await?;
            service.set(view);
            done.set(true);
            Ok(())
        }
    });
    let failure = move || save.value().get().and_then(Result::err);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let expiry_days = if expires.get_untracked() { parsed_days() } else { None };
        if save.pending().get_untracked() || (expires.get_untracked() && expiry_days.is_none()) {
            return;
        }
        save.dispatch(LoyaltyProgramme {
            accrual: accrual.get_untracked(),
            expiry_days,
            birthday_bonus: birthday.get_untracked(),
            welcome_bonus: welcome.get_untracked(),
        });
    };
    let check = move |signal: RwSignal<bool>, testid: &'static str, text: Text| {
        view! {
            <label class="switch">
                <input type="checkbox" data-testid=testid prop:checked=signal
                    on:change=move |e| { signal.set(event_target_checked(&e)); done.set(false); } />
                <span>{shown(text)}</span>
            </label>
        }
    };
    let expiry_label: Text = |l| td_string!(l, sms_programme_expiry);
    let days_label: Text = |l| td_string!(l, sms_programme_days);
    view! {
        <form class="stack sms-programme" data-testid="sms-programme" on:submit=submit novalidate>
            <h3>{tr!(sms_programme_title)}</h3>
            <p class="hint">{tr!(sms_programme_lead)}</p>
            {check(accrual, "sms-programme-accrual", |l| td_string!(l, sms_programme_accrual))}
            <Field id="sms-programme-expiry" label=expiry_label group=true>
                <label class="choice">
                    <input type="radio" name="sms-programme-expiry" data-testid="sms-programme-never"
                        prop:checked=move || !expires.get() on:change=move |_| { expires.set(false); done.set(false); } />
                    <span>{tr!(sms_programme_never)}</span>
                </label>
                <label class="choice">
                    <input type="radio" name="sms-programme-expiry" data-testid="sms-programme-expires"
                        prop:checked=expires on:change=move |_| { expires.set(true); done.set(false); } />
                    <span>{tr!(sms_programme_expires)}</span>
                </label>
            </Field>
            <Show when=move || expires.get()>
                <Field id="sms-programme-days" label=days_label message=days_message>
                    <Input inputmode="numeric" value=days on_input=move |text| { days.set(text); done.set(false); } />
                </Field>
            </Show>
            {check(birthday, "sms-programme-birthday", |l| td_string!(l, sms_programme_birthday))}
            {check(welcome, "sms-programme-welcome", |l| td_string!(l, sms_programme_welcome))}
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{sms_error(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="submit" class="button" data-testid="sms-programme-save" disabled=save.pending()>
                    {move || if save.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, sms_programme_save) }}
                </button>
                <Show when=move || done.get()>
                    <span class="saved-note" role="status" data-testid="sms-programme-saved">{tr!(sms_saved)}</span>
                </Show>
            </div>
        </form>
    }
}
