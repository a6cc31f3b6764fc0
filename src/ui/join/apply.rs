//! The partner application form: each rule is `Application::problems`, the
//! one the server runs, shown beside its field once the field is touched; the
//! server's own findings (an e-mail already taken) join them.

use crate::api;
use crate::api::ApiError;
use crate::domain::application::{Application, ApplicationField, ApplicationProblem};
use crate::i18n::*;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::links::rel;
use crate::ui::partner::issue_text;
use crate::ui::widgets::focus_first_invalid;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

/// The text a field edits; the password is not on this form.
fn text_mut(application: &mut Application, field: ApplicationField) -> &mut String {
    match field {
        ApplicationField::Company => &mut application.company,
        ApplicationField::Contact => &mut application.contact,
        ApplicationField::Email => &mut application.email,
        ApplicationField::Phone => &mut application.phone,
        ApplicationField::Website => &mut application.website,
        ApplicationField::Message | ApplicationField::Password => &mut application.message,
    }
}

fn text(application: &Application, field: ApplicationField) -> &str {
    match field {
        ApplicationField::Company => &application.company,
        ApplicationField::Contact => &application.contact,
        ApplicationField::Email => &application.email,
        ApplicationField::Phone => &application.phone,
        ApplicationField::Website => &application.website,
        ApplicationField::Message | ApplicationField::Password => &application.message,
    }
}

#[derive(Clone, Copy)]
struct ApplyForm {
    application: RwSignal<Application>,
    touched: RwSignal<HashSet<ApplicationField>>,
    show_all: RwSignal<bool>,
    /// What the server found that the form cannot know; cleared when the field changes.
    server_problems: RwSignal<Vec<ApplicationProblem>>,
    problems: Memo<Vec<ApplicationProblem>>,
}

impl ApplyForm {
    fn message(self, field: ApplicationField, locale: Locale) -> Option<String> {
        if !self.show_all.get() && !self.touched.with(|t| t.contains(&field)) {
            return None;
        }
        let local = self.problems.with(|p| p.iter().find(|p| p.field == field).map(|p| p.issue.clone()));
        let server = || self.server_problems.with(|p| p.iter().find(|p| p.field == field).map(|p| p.issue.clone()));
        local.or_else(server).map(|issue| issue_text(locale, &issue))
    }

    fn edit(self, field: ApplicationField, text: String) {
        self.application.update(|a| *text_mut(a, field) = text);
        self.touched.update(|t| {
            t.insert(field);
        });
        self.server_problems.update(|p| p.retain(|p| p.field != field));
    }
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let application = RwSignal::new(Application::default());
    let form = ApplyForm {
        application,
        touched: RwSignal::new(HashSet::new()),
        show_all: RwSignal::new(false),
        server_problems: RwSignal::new(Vec::new()),
        problems: Memo::new(move |_| application.with(Application::problems)),
    };
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sent_to = RwSignal::new(None::<String>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        form.show_all.set(true);
        error.set(None);
        if !form.problems.with_untracked(Vec::is_empty) {
            focus_first_invalid();
            return;
        }
        busy.set(true);
        let application = application.get_untracked();
        let lang = lang_of(i18n.get_locale_untracked());
        spawn_local(async move {
            let email = application.normalized().email;
            match api::applications::apply(application, lang).await {
                Ok(()) => sent_to.set(Some(email)),
                Err(ApiError::Application(problems)) => {
                    form.server_problems.set(problems);
                    focus_first_invalid();
                }
                Err(problem) => error.set(Some(problem)),
            }
            busy.set(false);
        });
    };
    let field = move |field, testid: &'static str, kind: &'static str, autocomplete: &'static str| {
        view! { <ApplyField form field testid kind autocomplete /> }
    };
    let form_view = move || {
        view! {
            <form class="apply-form" data-testid="apply-form" on:submit=submit novalidate>
                <label class="field-label" for="apply-company">{t!(i18n, field_company)}</label>
                {field(ApplicationField::Company, "apply-company", "text", "organization")}
                <label class="field-label" for="apply-contact">{t!(i18n, field_contact)}</label>
                {field(ApplicationField::Contact, "apply-contact", "text", "name")}
                <label class="field-label" for="apply-email">{t!(i18n, email)}</label>
                {field(ApplicationField::Email, "apply-email", "email", "email")}
                <label class="field-label" for="apply-phone">{t!(i18n, field_phone)}</label>
                {field(ApplicationField::Phone, "apply-phone", "tel", "tel")}
                <label class="field-label" for="apply-website">{t!(i18n, field_website)}</label>
                {field(ApplicationField::Website, "apply-website", "url", "url")}
                <label class="field-label" for="apply-message">{t!(i18n, field_message)}</label>
                {field(ApplicationField::Message, "apply-message", "textarea", "off")}
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
                <button type="submit" class="button button--primary button--wide" data-testid="apply-submit" disabled=busy>
                    {move || if busy.get() { t_string!(i18n, apply_sending) } else { t_string!(i18n, apply_submit) }}
                </button>
            </form>
        }
    };
    view! {
        <div class="signin">
            <div class="signin-card apply-card">
                <h1>{t!(i18n, apply_title)}</h1>
                {move || match sent_to.get() {
                    Some(email) => view! {
                        <div class="apply-done" role="status" data-testid="apply-done">
                            <h2>{t!(i18n, apply_done_title)}</h2>
                            <p>{td_string!(i18n.get_locale(), apply_done_text, email = email.as_str())}</p>
                            <a href="/signin" rel=rel("/signin")>{t!(i18n, apply_back)}</a>
                        </div>
                    }.into_any(),
                    None => view! { <p class="lead">{t!(i18n, apply_lead)}</p> {form_view()} }.into_any(),
                }}
            </div>
        </div>
    }
}

/// One field of the form with its message; the label sits above it in the form.
#[component]
fn ApplyField(
    form: ApplyForm,
    field: ApplicationField,
    testid: &'static str,
    /// The input's `type`, or "textarea".
    kind: &'static str,
    autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || form.message(field, i18n.get_locale());
    let invalid = move || message().is_some().to_string();
    let error_id = format!("error-{testid}");
    let value = move || form.application.with(|a| text(a, field).to_string());
    let on_input = move |e: leptos::ev::Event| form.edit(field, event_target_value(&e));
    let input = if kind == "textarea" {
        view! {
            <textarea class="input" id=testid rows="4" data-testid=testid prop:value=value on:input=on_input
                aria-invalid=invalid aria-describedby=error_id.clone()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="input" id=testid type=kind autocomplete=autocomplete data-testid=testid prop:value=value
                on:input=on_input aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any()
    };
    view! {
        {input}
        <span class="field-error" id=error_id.clone() data-testid=error_id>{message}</span>
    }
}
