//! The gateway account: its address, login, which password and the password
//! itself (never shown again once saved: "saved", and a way to change it),
//! and the sender name added to every message.

use super::messages::{shown, sms_error};
use crate::api;
use crate::api::sms::{GatewayInput, SmsView};
use crate::domain::sms::settings::{gateway_problems, SmsField};
use crate::domain::sms::{PasswordKind, SmsProblem};
use crate::i18n::*;
use crate::texts::sms::problem_text;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Input, Text};
use leptos::prelude::*;

fn control(field: SmsField) -> String {
    match field {
        SmsField::GatewayUrl => "sms-gateway-url",
        SmsField::Login => "sms-login",
        SmsField::Password => "sms-password",
        SmsField::Sender => "sms-sender",
        SmsField::Phone => "sms-test-phone",
    }
    .into()
}

#[component]
pub fn GatewayForm(service: RwSignal<SmsView>, sender: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let kept = service.get_untracked();
    let url = RwSignal::new(kept.settings.gateway_url.clone());
    let login = RwSignal::new(kept.settings.login.clone());
    let kind = RwSignal::new(kept.settings.password_kind);
    let password = RwSignal::new(String::new());
    let saved = Memo::new(move |_| service.with(|s| s.password_saved));
    // Typing a new password replaces the saved one; until then it is kept.
    let changing = RwSignal::new(!kept.password_saved);
    let typed = move || changing.get().then(|| password.get());
    let form = Form::new(
        move || gateway_problems(&url.get(), &login.get(), typed().as_deref(), saved.get(), &sender.get()),
        control,
    );
    let done = RwSignal::new(false);
    let save = widgets::submit(move |input: &GatewayInput| {
        let call = api::sms::save_sms_gateway(service.get_untracked().connection, input.clone());
        async move {
            match call.await {
                Ok(view) => {
                    service.set(view);
                    password.set(String::new());
                    changing.set(false);
                    done.set(true);
                    Ok(())
                }
                Err(error) => Err(shown(form, error)),
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !save.pending().get_untracked() && form.ready_to_send() {
            save.dispatch(GatewayInput {
                gateway_url: url.get_untracked(),
                login: login.get_untracked(),
                password_kind: kind.get_untracked(),
                password: changing.get_untracked().then(|| password.get_untracked()),
                sender: sender.get_untracked(),
            });
        }
    };
    let failure = move || save.value().get().and_then(|r| r.err().flatten());
    let message = move |field| form.message(field, |locale, p: &SmsProblem| problem_text(locale, p));
    let edited = move |field: SmsField| {
        form.edited(field);
        done.set(false);
    };
    let url_label: Text = |l| td_string!(l, sms_gateway_url);
    let url_hint: Text = |l| td_string!(l, sms_gateway_url_hint);
    let login_label: Text = |l| td_string!(l, sms_login);
    let kind_label: Text = |l| td_string!(l, sms_password_kind);
    let password_label: Text = |l| td_string!(l, sms_password);
    let sender_label: Text = |l| td_string!(l, sms_sender);
    let sender_hint: Text = |l| td_string!(l, sms_sender_hint);
    let kind_radio = move |value: PasswordKind, testid: &'static str, text: Text| {
        view! {
            <label class="choice">
                <input type="radio" name="sms-password-kind" data-testid=testid prop:checked=move || kind.get() == value
                    on:change=move |_| { kind.set(value); done.set(false); } />
                <span>{widgets::shown(text)}</span>
            </label>
        }
    };
    view! {
        <section class="panel" data-testid="sms-gateway" aria-labelledby="sms-gateway-title">
            <h2 id="sms-gateway-title">{tr!(sms_gateway_title)}</h2>
            <form class="stack" on:submit=submit novalidate>
                <Field id="sms-gateway-url" label=url_label hint=url_hint message=message(SmsField::GatewayUrl)>
                    <Input kind="url" value=url on_input=move |text| { url.set(text); edited(SmsField::GatewayUrl); } />
                </Field>
                <Field id="sms-login" label=login_label message=message(SmsField::Login)>
                    <Input value=login autocomplete="username" on_input=move |text| { login.set(text); edited(SmsField::Login); } />
                </Field>
                <Field id="sms-password-kind" label=kind_label group=true>
                    {kind_radio(PasswordKind::Main, "sms-password-main", |l| td_string!(l, sms_password_main))}
                    {kind_radio(PasswordKind::Additional, "sms-password-additional", |l| td_string!(l, sms_password_additional))}
                </Field>
                {move || if changing.get() {
                    view! {
                        <Field id="sms-password" label=password_label message=message(SmsField::Password)>
                            <Input kind="password" autocomplete="new-password" value=password
                                on_input=move |text| { password.set(text); edited(SmsField::Password); } />
                        </Field>
                    }.into_any()
                } else {
                    view! {
                        <div class="field">
                            <span class="field-label">{tr!(sms_password)}</span>
                            <p class="secret-saved">
                                <span data-testid="sms-password-saved">{tr!(sms_password_saved)}</span>
                                <button type="button" class="button button--ghost button--small" data-testid="sms-password-change"
                                    on:click=move |_| { changing.set(true); done.set(false); widgets::form::focus_control("sms-password"); }>
                                    {tr!(sms_password_change)}
                                </button>
                            </p>
                        </div>
                    }.into_any()
                }}
                <Field id="sms-sender" label=sender_label hint=sender_hint message=message(SmsField::Sender)>
                    <Input value=sender placeholder=Signal::derive(|| "Souk".to_string())
                        on_input=move |text| { sender.set(text); edited(SmsField::Sender); } />
                </Field>
                {move || failure().map(|e| view! { <p class="form-error" role="alert">{sms_error(i18n.get_locale(), &e)}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button button--primary" data-testid="sms-save" disabled=save.pending()>
                        {move || if save.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, save) }}
                    </button>
                    <Show when=move || done.get()>
                        <span class="saved-note" role="status" data-testid="sms-saved">{tr!(sms_saved)}</span>
                    </Show>
                </div>
            </form>
        </section>
    }
}
