//! Checking the gateway: its balance first, then, once it answers, a test
//! message to a phone the owner types, with its parts, cost and the balance left.

use super::messages::{shown, sms_error};
use crate::api;
use crate::api::sms::{SmsView, TestSms};
use crate::domain::money::format_rub;
use crate::domain::sms::gateway::Balance;
use crate::domain::sms::settings::{parse_phone, SmsField};
use crate::domain::sms::{Encoding, SmsProblem};
use crate::i18n::*;
use crate::texts::sms::problem_text;
use crate::ui::labels::lang_of;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Input, Text};
use leptos::prelude::*;
use rust_decimal::Decimal;

fn money(amount: Decimal, currency: &str, locale: Locale) -> String {
    if currency == "RUB" {
        format_rub(amount, lang_of(locale))
    } else {
        format!("{amount} {currency}")
    }
}

#[component]
pub fn GatewayCheck(service: RwSignal<SmsView>, called: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let connection = move || service.with_untracked(|s| s.connection.clone());
    let balance = widgets::submit(move |_: &()| {
        let call = api::sms::check_sms_balance(connection());
        async move {
            let result = call.await;
            called.run(());
            result
        }
    });
    let known = move || balance.value().get().and_then(Result::ok);
    let balance_failure = move || balance.value().get().and_then(Result::err);
    let saved = Memo::new(move |_| service.with(|s| s.password_saved && !s.settings.login.is_empty()));
    view! {
        <section class="panel" data-testid="sms-check" aria-labelledby="sms-check-title">
            <h2 id="sms-check-title">{tr!(sms_check_title)}</h2>
            <p class="hint">{tr!(sms_check_lead)}</p>
            <div class="form-actions">
                <button type="button" class="button" data-testid="sms-check-balance"
                    disabled=move || balance.pending().get() || !saved.get()
                    on:click=move |_| balance.dispatch(())>
                    {move || if balance.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, sms_check_balance) }}
                </button>
                {move || known().map(|b: Balance| view! {
                    <p class="sms-balance" role="status">
                        {tr!(sms_balance)} " "
                        <strong data-testid="sms-balance">{money(b.amount, &b.currency, i18n.get_locale())}</strong>
                    </p>
                })}
            </div>
            <Show when=move || !saved.get()>
                <p class="hint" data-testid="sms-check-needs">{tr!(sms_not_set_up)}</p>
            </Show>
            {move || balance_failure().map(|e| view! {
                <p class="form-error" role="alert" data-testid="sms-error">{sms_error(i18n.get_locale(), &e)}</p>
            })}
            {move || known().map(|_| view! { <TestMessage service called /> })}
        </section>
    }
}

#[component]
fn TestMessage(service: RwSignal<SmsView>, called: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let phone = RwSignal::new(String::new());
    let form =
        Form::new(move || phone.with(|p| parse_phone(p).err().into_iter().collect()), |_| "sms-test-phone".into());
    let send = widgets::submit(move |typed: &String| {
        let call = api::sms::send_test_sms(
            service.with_untracked(|s| s.connection.clone()),
            typed.clone(),
            lang_of(i18n.get_locale_untracked()),
        );
        async move {
            let result = call.await;
            called.run(());
            result.map_err(|error| shown(form, error))
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !send.pending().get_untracked() && form.ready_to_send() {
            send.dispatch(phone.get_untracked());
        }
    };
    let sent = move || send.value().get().and_then(Result::ok);
    let failure = move || send.value().get().and_then(|r| r.err().flatten());
    let label: Text = |l| td_string!(l, sms_test_phone);
    let hint: Text = |l| td_string!(l, sms_test_phone_hint);
    view! {
        <form class="stack sms-test" on:submit=submit novalidate>
            <Field id="sms-test-phone" label hint message=form.message(SmsField::Phone, |locale, p: &SmsProblem| problem_text(locale, p))>
                <Input kind="tel" inputmode="tel" autocomplete="tel" placeholder=Signal::derive(|| "+7 999 123-45-67".to_string())
                    value=phone on_input=move |text| { phone.set(text); form.edited(SmsField::Phone); } />
            </Field>
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="sms-test-error">{sms_error(i18n.get_locale(), &e)}</p> })}
            <button type="submit" class="button button--primary" data-testid="sms-test-send" disabled=send.pending()>
                {move || if send.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, sms_test_send) }}
            </button>
            {move || sent().map(|sent: TestSms| {
                let locale = i18n.get_locale();
                let encoding = match sent.count.encoding { Encoding::Gsm7 => "GSM-7", Encoding::Ucs2 => "UCS-2" };
                view! {
                    <div class="sms-sent" role="status" data-testid="sms-test-result" data-parts=sent.parts.to_string()>
                        <p>{td_string!(locale, sms_test_sent, phone = sent.phone.clone())}</p>
                        <blockquote class="sms-text">{sent.message.clone()}</blockquote>
                        <p>{td_string!(locale, sms_test_cost, parts = sent.parts, encoding = encoding,
                            cost = format_rub(sent.cost, lang_of(locale)), balance = format_rub(sent.balance, lang_of(locale)))}</p>
                    </div>
                }
            })}
        </form>
    }
}
