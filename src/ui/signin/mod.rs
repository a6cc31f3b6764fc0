//! The sign-in screen: the password, then a moderator's second factor.

mod second_factor;

use crate::api;
use crate::api::types::{SecondFactorDone, SignInAnswer};
use crate::api::SessionInfo;
use crate::i18n::*;
use crate::ui::labels::error_message;
use crate::ui::links::{rel, use_go};
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field, Input};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use second_factor::{CodeStep, Enrolment, RecoveryCodes};

/// Where to go after signing in: only a path inside this app.
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//")).unwrap_or_else(|| "/marketplace".into())
}

/// Where a sign-in stands.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Password,
    Code {
        challenge: String,
        enrolment: Option<Enrolment>,
        demo_code: Option<String>,
    },
    /// Signed in after setting the second factor up: the codes are read first.
    Recovery {
        codes: Vec<String>,
        session: SessionInfo,
    },
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let go = use_go();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    // Already signed in (a reload of /signin, say): go on.
    let go_on = go.clone();
    Effect::new(move || {
        if matches!(session.state.get(), SessionState::SignedIn(_)) {
            go_on(&safe_next(query.get_untracked().get("next")));
        }
    });

    let step = RwSignal::new(Step::Password);
    // The shell then switches to the account's language, unless the user chose
    // one. Signing in goes on at once; the effect above is for arriving signed in.
    let signed_in = Callback::new(move |info: SessionInfo| {
        session.state.set(SessionState::SignedIn(info));
        go(&safe_next(query.get_untracked().get("next")));
    });
    let sign_in = widgets::submit(move |(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move {
            match api::auth::sign_in(email, password).await? {
                SignInAnswer::SignedIn(info) => signed_in.run(info),
                SignInAnswer::Code { challenge, demo_code } => {
                    step.set(Step::Code { challenge, enrolment: None, demo_code })
                }
                SignInAnswer::Enrol { challenge, secret, otpauth, qr, demo_code } => {
                    step.set(Step::Code { challenge, enrolment: Some(Enrolment { secret, otpauth, qr }), demo_code })
                }
            }
            Ok::<(), crate::api::ApiError>(())
        }
    });
    let code_done = Callback::new(move |done: SecondFactorDone| {
        if done.recovery_codes.is_empty() {
            signed_in.run(done.session);
        } else {
            step.set(Step::Recovery { codes: done.recovery_codes, session: done.session });
        }
    });
    let expired = RwSignal::new(false);
    let on_expired = move |()| {
        expired.set(true);
        password.set(String::new());
        step.set(Step::Password);
    };
    let pending = sign_in.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !pending.get_untracked() {
            sign_in.dispatch((email.get_untracked(), password.get_untracked()));
        }
    };
    let error = move || {
        let expired = expired.get().then_some(crate::api::ApiError::SignInExpired);
        sign_in.value().get().and_then(Result::err).or(expired)
    };

    let password_form = move || {
        view! {
                <form data-testid="sign-in" on:submit=submit novalidate>
                    <Field id="email" label=|l| td_string!(l, email)>
                        <Input kind="email" autocomplete="username" value=email on_input=move |text| email.set(text) />
                    </Field>
                    <Field id="password" label=|l| td_string!(l, password)>
                        <Input kind="password" autocomplete="current-password" value=password
                            on_input=move |text| { expired.set(false); password.set(text) } />
                    </Field>
                    {move || {
                        error()
                            .map(|problem| {
                                view! {
                                    <p class="form-error" role="alert" data-testid="signin-error">
                                        {error_message(i18n.get_locale(), &problem)}
                                    </p>
                                }
                            })
                    }}
                    <button type="submit" class="button button--primary button--wide" disabled=pending>
                        {move || if pending.get() { t_string!(i18n, signing_in) } else { t_string!(i18n, signin_button) }}
                    </button>
                </form>
                <p class="signin-apply">
                    <a href="/apply" rel=rel("/apply") data-testid="apply-link">{tr!(signin_apply)}</a>
                </p>
                {demo_sign_ins(email, password)}
        }
    };
    let current = move || match step.get() {
        Step::Password => password_form().into_any(),
        Step::Code { challenge, enrolment, demo_code } => {
            view! { <CodeStep challenge enrolment demo_code on_done=code_done on_expired /> }.into_any()
        }
        Step::Recovery { codes, session } => view! { <RecoveryCodes codes session on_continue=signed_in /> }.into_any(),
    };

    view! {
        <div class="signin">
            <div class="signin-card">
                <h1>{tr!(signin_title)}</h1>
                <p class="lead">{tr!(signin_lead)}</p>
                {current}
            </div>
        </div>
    }
}

#[cfg(not(feature = "offline"))]
fn demo_sign_ins(_: RwSignal<String>, _: RwSignal<String>) -> impl IntoView {}

/// In the offline preview nobody printed the demo sign-ins, so the page lists them.
#[cfg(feature = "offline")]
fn demo_sign_ins(email: RwSignal<String>, password: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let demo = LocalResource::new(|| async { api::preview::demo_sign_ins().await });
    move || {
        let users = demo.get().unwrap_or_default();
        (!users.is_empty()).then(|| {
            let locale = i18n.get_locale();
            view! {
                <section class="demo-signins" data-testid="demo-signins">
                    <h2>{td_string!(locale, signin_demo_title)}</h2>
                    <p class="hint">{td_string!(locale, signin_demo_hint)}</p>
                    <ul>
                        {users
                            .into_iter()
                            .map(|user| {
                                let fill = (user.email.clone(), user.password.clone());
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="demo-signin"
                                            on:click=move |_| {
                                                email.set(fill.0.clone());
                                                password.set(fill.1.clone());
                                            }
                                        >
                                            <span class="demo-email">{user.email.clone()}</span>
                                            <span class="demo-role">{crate::ui::labels::role_name(locale, user.role)}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
