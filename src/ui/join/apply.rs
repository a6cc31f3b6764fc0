//! The partner application form: each rule is `Application::problems`, the
//! one the server runs, shown beside its field once the field is touched; the
//! server's own findings (an e-mail already taken) join them.

use crate::api;
use crate::api::ApiError;
use crate::domain::application::{Application, ApplicationField, ApplicationProblem};
use crate::domain::Coded;
use crate::i18n::*;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::links::rel;
use crate::ui::partner::issue_text;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field, Form, Input, Text, TextArea};
use leptos::prelude::*;

/// The text a field edits; the password is not on this form.
fn text_mut(application: &mut Application, field: ApplicationField) -> &mut String {
    match field {
        ApplicationField::Company => &mut application.company,
        ApplicationField::Contact => &mut application.contact,
        ApplicationField::Email => &mut application.email,
        ApplicationField::Phone => &mut application.phone,
        ApplicationField::Website => &mut application.website,
        _ => &mut application.message,
    }
}

fn text(application: &Application, field: ApplicationField) -> &str {
    match field {
        ApplicationField::Company => &application.company,
        ApplicationField::Contact => &application.contact,
        ApplicationField::Email => &application.email,
        ApplicationField::Phone => &application.phone,
        ApplicationField::Website => &application.website,
        _ => &application.message,
    }
}

fn control(field: ApplicationField) -> String {
    format!("apply-{}", field.code())
}

pub fn problem_text(locale: Locale, problem: &ApplicationProblem) -> String {
    issue_text(locale, &problem.issue)
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let application = RwSignal::new(Application::default());
    let form = Form::new(move || application.with(Application::problems), control);
    let send = widgets::submit(move |application: &Application| {
        let application = application.clone();
        let lang = lang_of(i18n.get_locale_untracked());
        async move {
            let email = application.normalized().email;
            let sent = api::applications::apply(application, lang).await;
            if let Err(ApiError::Application(problems)) = &sent {
                form.refused(problems.decode());
            }
            sent.map(|()| email)
        }
    });
    let sending = send.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !sending.get_untracked() && form.ready_to_send() {
            send.dispatch(application.get_untracked());
        }
    };
    let field = move |field: ApplicationField, kind: &'static str, autocomplete: &'static str| {
        let label = field_label(field);
        let value = Signal::derive(move || application.with(|a| text(a, field).to_string()));
        let on_input = move |text: String| {
            application.update(|a| *text_mut(a, field) = text);
            form.edited(field);
        };
        let message = form.message(field, problem_text);
        view! {
            <Field id=control(field) label message>
                {if kind == "textarea" {
                    view! { <TextArea value on_input /> }.into_any()
                } else {
                    view! { <Input kind autocomplete value on_input /> }.into_any()
                }}
            </Field>
        }
    };
    let failure = move || match send.value().get() {
        Some(Err(ApiError::Application(_))) | Some(Ok(_)) | None => None,
        Some(Err(error)) => Some(error),
    };
    let form_view = move || {
        view! {
            <form class="apply-form" data-testid="apply-form" on:submit=submit novalidate>
                {field(ApplicationField::Company, "text", "organization")}
                {field(ApplicationField::Contact, "text", "name")}
                {field(ApplicationField::Email, "email", "email")}
                {field(ApplicationField::Phone, "tel", "tel")}
                {field(ApplicationField::Website, "url", "url")}
                {field(ApplicationField::Message, "textarea", "off")}
                {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
                <button type="submit" class="button button--primary button--wide" data-testid="apply-submit" disabled=sending>
                    {move || if sending.get() { t_string!(i18n, apply_sending) } else { t_string!(i18n, apply_submit) }}
                </button>
            </form>
        }
    };
    view! {
        <div class="signin">
            <div class="signin-card apply-card">
                <h1>{tr!(apply_title)}</h1>
                {move || match send.value().get() {
                    Some(Ok(email)) => view! {
                        <div class="apply-done" role="status" data-testid="apply-done">
                            <h2>{tr!(apply_done_title)}</h2>
                            <p>{td_string!(i18n.get_locale(), apply_done_text, email = email.as_str())}</p>
                            <a href="/signin" rel=rel("/signin")>{tr!(apply_back)}</a>
                        </div>
                    }.into_any(),
                    _ => view! { <p class="lead">{tr!(apply_lead)}</p> {form_view()} }.into_any(),
                }}
            </div>
        </div>
    }
}

fn field_label(field: ApplicationField) -> Text {
    match field {
        ApplicationField::Company => |l| td_string!(l, field_company),
        ApplicationField::Contact => |l| td_string!(l, field_contact),
        ApplicationField::Email => |l| td_string!(l, email),
        ApplicationField::Phone => |l| td_string!(l, field_phone),
        ApplicationField::Website => |l| td_string!(l, field_website),
        ApplicationField::Message => |l| td_string!(l, field_message),
        ApplicationField::Password => |l| td_string!(l, field_new_password),
        ApplicationField::PasswordAgain => |l| td_string!(l, field_repeat_password),
        ApplicationField::CurrentPassword => |l| td_string!(l, field_current_password),
    }
}
