//! The signed-in user's own sign-in, for every role: a new password (after
//! the current one; the other sessions end) and signing out everywhere.

use crate::api;
use crate::api::ApiError;
use crate::domain::application::{new_password_problems, ApplicationField};
use crate::i18n::*;
use crate::ui::join::{problem_text, NewPasswordFields};
use crate::ui::labels::error_message;
use crate::ui::links::{use_go, GoTo};
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction, Field, Form, Input, Loading};
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    move || match session.state.with(SessionState::kind) {
        SessionKind::Loading => view! { <Loading /> }.into_any(),
        SessionKind::SignedIn => {
            let email = session.info().map(|info| info.user.email.to_string()).unwrap_or_default();
            view! {
                <section class="page account">
                    <header class="account-head">
                        <h1>{tr!(account_title)}</h1>
                        <p class="hint" data-testid="account-email">{email.clone()}</p>
                    </header>
                    <section class="panel account-panel">
                        <h2>{tr!(account_password)}</h2>
                        <PasswordChange email />
                    </section>
                    <SecondFactorState />
                    <section class="panel account-panel">
                        <h2>{tr!(account_sessions)}</h2>
                        <p class="hint">{tr!(account_sessions_hint)}</p>
                        <SignOutEverywhere />
                    </section>
                </section>
            }
            .into_any()
        }
        _ => view! { <GoTo path="/signin?next=/account".to_string() /> }.into_any(),
    }
}

/// A moderator's second factor: on, and how many recovery codes are left.
#[component]
fn SecondFactorState() -> impl IntoView {
    let i18n = use_i18n();
    let left = LocalResource::new(|| async { api::auth::recovery_codes_left().await.ok().flatten() });
    move || {
        left.get().flatten().map(|n| {
            view! {
                <section class="panel account-panel" data-testid="second-factor-state">
                    <h2>{tr!(account_second_factor)}</h2>
                    <p class="hint">{td_string!(i18n.get_locale(), account_second_factor_on, n = n).to_string()}</p>
                </section>
            }
        })
    }
}

#[component]
fn PasswordChange(email: String) -> impl IntoView {
    let i18n = use_i18n();
    let (current, password, again) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let form = Form::new(
        move || new_password_problems(&password.read(), &again.read()),
        |field| match field {
            ApplicationField::CurrentPassword => "current-password".into(),
            ApplicationField::PasswordAgain => "repeat-password".into(),
            _ => "new-password".into(),
        },
    );
    let change = widgets::submit(move |_: &()| {
        let (sent_current, sent_new, sent_again) =
            (current.get_untracked(), password.get_untracked(), again.get_untracked());
        async move {
            let changed = api::auth::change_password(sent_current, sent_new, sent_again).await;
            match &changed {
                Ok(()) => {
                    current.set(String::new());
                    password.set(String::new());
                    again.set(String::new());
                    form.reset();
                }
                Err(ApiError::Application(problems)) => form.refused(problems.decode()),
                Err(_) => {}
            }
            changed
        }
    });
    let saving = change.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !saving.get_untracked() && form.ready_to_send() {
            change.dispatch(());
        }
    };
    let done = move || matches!(change.value().get(), Some(Ok(()))) && password.with(String::is_empty);
    let failure = move || match change.value().get() {
        Some(Err(error)) if !matches!(error, ApiError::Application(_)) => {
            Some(error_message(i18n.get_locale(), &error))
        }
        _ => None,
    };
    view! {
        <form data-testid="password-form" on:submit=submit novalidate>
            // Password managers update the password saved under this address.
            <input type="email" class="visually-hidden" autocomplete="username" value=email readonly tabindex="-1" aria-hidden="true" />
            <Field id="current-password" label=|l| td_string!(l, field_current_password)
                message=form.message(ApplicationField::CurrentPassword, problem_text)>
                <Input kind="password" autocomplete="current-password" value=current on_input=move |text| {
                    current.set(text);
                    form.edited(ApplicationField::CurrentPassword);
                } />
            </Field>
            <NewPasswordFields form password again />
            {move || failure().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
            <p role="status" class="success" data-testid="password-changed">
                {move || done().then(|| t_string!(i18n, password_changed))}
            </p>
            <button type="submit" class="button button--primary" data-testid="change-password" disabled=saving>
                {move || if saving.get() { t_string!(i18n, working) } else { t_string!(i18n, change_password) }}
            </button>
        </form>
    }
}

#[component]
fn SignOutEverywhere() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let go = use_go();
    let end = widgets::submit(move |_: &()| {
        let go = go.clone();
        async move {
            let ended = api::auth::sign_out_everywhere().await;
            if ended.is_ok() {
                session.state.set(SessionState::SignedOut);
                go("/signin");
            }
            ended
        }
    });
    let failure = move || end.value().get().and_then(Result::err);
    view! {
        <ConfirmAction
            label=Signal::derive(move || t_string!(i18n, sign_out_everywhere).to_string())
            question=Signal::derive(move || t_string!(i18n, sign_out_everywhere_confirm).to_string())
            testid="sign-out-everywhere"
            on_confirm=Callback::new(move |()| { end.dispatch(()); })
        />
        {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
    }
}
