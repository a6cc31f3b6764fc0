//! A moderator's second step of signing in: the code from an authenticator
//! app (or a recovery code), after setting one up the first time; and the
//! recovery codes, shown once after setting up.

use crate::api;
use crate::api::types::SecondFactorDone;
use crate::api::{ApiError, SessionInfo};
use crate::i18n::*;
use crate::ui::labels::error_message;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field, Input};
use leptos::prelude::*;

/// What the app needs to set a moderator's second factor up.
#[derive(Debug, Clone, PartialEq)]
pub struct Enrolment {
    pub secret: String,
    pub otpauth: String,
    /// The QR code, a `data:` URL of an SVG.
    pub qr: String,
}

/// The code step. `on_done` gets the session (and the recovery codes when it
/// enrolled); `on_expired` sends the user back to the password.
#[component]
pub fn CodeStep(
    challenge: String,
    enrolment: Option<Enrolment>,
    demo_code: Option<String>,
    #[prop(into)] on_done: Callback<SecondFactorDone>,
    #[prop(into)] on_expired: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let enrolling = enrolment.is_some();
    // The step replaces the password form: the code field takes the focus.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    });
    let send = widgets::submit(move |typed: &String| {
        let (challenge, typed) = (challenge.clone(), typed.clone());
        async move {
            match api::auth::second_factor(challenge, typed).await {
                Ok(done) => {
                    on_done.run(done);
                    Ok(())
                }
                Err(ApiError::SignInExpired) => {
                    on_expired.run(());
                    Ok(())
                }
                Err(error) => Err(error),
            }
        }
    });
    let pending = send.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !pending.get_untracked() && !code.with_untracked(String::is_empty) {
            send.dispatch(code.get_untracked());
        }
    };
    let error = move || send.value().get().and_then(Result::err);
    let message = Signal::derive(move || {
        error().map(|e| match e {
            ApiError::WrongCode => t_string!(i18n, second_factor_wrong_code).to_string(),
            other => error_message(i18n.get_locale(), &other),
        })
    });
    let hint: crate::ui::widgets::Text = if enrolling {
        |l| td_string!(l, second_factor_code_hint_enrol)
    } else {
        |l| td_string!(l, second_factor_code_hint)
    };

    view! {
        <form data-testid="second-factor" on:submit=submit novalidate>
            <h2>{move || if enrolling { t_string!(i18n, second_factor_enrol_title) } else { t_string!(i18n, second_factor_title) }}</h2>
            {enrolment.map(|enrolment| view! {
                <p class="hint">{tr!(second_factor_enrol_lead)}</p>
                <img class="qr" src=enrolment.qr alt=tr!(second_factor_qr_alt) data-testid="second-factor-qr" width="200" height="200" />
                <p class="hint">{tr!(second_factor_key)}" "<code class="secret-key" data-testid="second-factor-secret">{enrolment.secret}</code></p>
                <p class="hint"><a href=enrolment.otpauth>{tr!(second_factor_open_app)}</a></p>
            })}
            <Field id="second-factor-code" label=|l| td_string!(l, second_factor_code) hint message=message>
                <Input inputmode="numeric" autocomplete="one-time-code" value=code on_input=move |text| code.set(text) node_ref=input />
            </Field>
            {demo_code.map(|demo| view! {
                <p class="hint demo-code" data-testid="second-factor-demo">{td_string!(i18n.get_locale(), second_factor_demo, code = demo.clone()).to_string()}</p>
            })}
            <button type="submit" class="button button--primary button--wide" disabled=pending data-testid="second-factor-submit">
                {move || if pending.get() { t_string!(i18n, signing_in) } else { t_string!(i18n, second_factor_submit) }}
            </button>
        </form>
    }
}

/// The recovery codes, shown once after setting the second factor up.
#[component]
pub fn RecoveryCodes(
    codes: Vec<String>,
    session: SessionInfo,
    #[prop(into)] on_continue: Callback<SessionInfo>,
) -> impl IntoView {
    let session = StoredValue::new(session);
    view! {
        <section data-testid="recovery-codes" aria-labelledby="recovery-title">
            <h2 id="recovery-title">{tr!(recovery_title)}</h2>
            <p class="hint">{tr!(recovery_lead)}</p>
            <ul class="recovery-codes">
                {codes.into_iter().map(|code| view! { <li><code data-testid="recovery-code">{code}</code></li> }).collect_view()}
            </ul>
            <button type="button" class="button button--primary button--wide" data-testid="recovery-continue"
                on:click=move |_| on_continue.run(session.get_value())>
                {tr!(recovery_continue)}
            </button>
        </section>
    }
}
