//! The page the approval letter's one-time link opens: the new partner
//! chooses a password and is signed in to the partner cabinet.

use crate::api;
use crate::api::ApiError;
use crate::domain::application::{check_password, ApplicationField};
use crate::domain::dates::format_date;
use crate::i18n::*;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::links::rel;
use crate::ui::partner::issue_text;
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets::focus_first_invalid;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn WelcomePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let invitation = LocalResource::new(move || {
        let token = token();
        async move { api::applications::open_invitation(token).await }
    });
    let body = move || match invitation.get() {
        None => EitherOf3::A(view! { <div class="panel--loading" aria-busy="true">{t!(i18n, loading)}</div> }),
        Some(Err(_)) => EitherOf3::B(view! {
            <p class="form-error" role="alert" data-testid="welcome-invalid">{t!(i18n, welcome_invalid)}</p>
            <a href="/signin" rel=rel("/signin")>{t!(i18n, signin_button)}</a>
        }),
        Some(Ok(invitation)) => EitherOf3::C({
            let email = invitation.email.clone();
            let lead = move || {
                td_string!(
                    i18n.get_locale(),
                    welcome_lead,
                    company = invitation.company.as_str(),
                    email = invitation.email.as_str()
                )
                .to_string()
            };
            let expires = move || {
                let date = format_date(invitation.expires_at.date_naive(), lang_of(i18n.get_locale()));
                td_string!(i18n.get_locale(), welcome_expires, date = date.as_str()).to_string()
            };
            view! {
                <p class="lead" data-testid="welcome-lead">{lead}</p>
                <p class="hint welcome-expires">{expires}</p>
                <PasswordForm token=token() email=email.to_string() />
            }
        }),
    };
    view! {
        <div class="signin">
            <div class="signin-card">
                <h1>{t!(i18n, welcome_title)}</h1>
                {body}
            </div>
        </div>
    }
}

#[component]
fn PasswordForm(token: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let password_message = move || {
        let issue = check_password(&password.get()).err()?;
        (show.get() || !password.with(String::is_empty)).then(|| issue_text(i18n.get_locale(), &issue))
    };
    let repeat_message = move || {
        let differ = show.get() && password.get() != repeat.get();
        differ.then(|| t_string!(i18n, issue_passwords_differ).to_string())
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        show.set(true);
        error.set(None);
        if busy.get_untracked() || password_message().is_some() || repeat_message().is_some() {
            focus_first_invalid();
            return;
        }
        busy.set(true);
        let (token, navigate) = (token.clone(), navigate.clone());
        spawn_local(async move {
            match api::applications::accept_invitation(token, password.get_untracked()).await {
                Ok(info) => {
                    // The preview's role switcher offers the new partner from now on.
                    #[cfg(feature = "offline")]
                    api::preview::remember_sign_in(&info.user, &password.get_untracked());
                    session.state.set(SessionState::SignedIn(info));
                    navigate("/partner", Default::default());
                }
                Err(problem) => error.set(Some(problem)),
            }
            busy.set(false);
        });
    };
    let server_message = move || match error.get() {
        Some(ApiError::Application(problems)) => problems
            .iter()
            .find(|p| p.field == ApplicationField::Password)
            .map(|p| issue_text(i18n.get_locale(), &p.issue)),
        Some(other) => Some(error_message(i18n.get_locale(), &other).to_string()),
        None => None,
    };
    view! {
        <form data-testid="welcome-form" on:submit=submit novalidate>
            // Password managers save the new password under this address.
            <input type="email" class="visually-hidden" autocomplete="username" value=email readonly tabindex="-1" aria-hidden="true" />
            <label class="field">
                <span class="field-label">{t!(i18n, field_new_password)}</span>
                <input class="input" type="password" autocomplete="new-password" data-testid="new-password"
                    prop:value=move || password.get() on:input=move |e| password.set(event_target_value(&e))
                    aria-invalid=move || password_message().is_some().to_string() aria-describedby="error-new-password" />
                <span class="field-error" id="error-new-password" data-testid="error-new-password">{password_message}</span>
            </label>
            <label class="field">
                <span class="field-label">{t!(i18n, field_repeat_password)}</span>
                <input class="input" type="password" autocomplete="new-password" data-testid="repeat-password"
                    prop:value=move || repeat.get() on:input=move |e| repeat.set(event_target_value(&e))
                    aria-invalid=move || repeat_message().is_some().to_string() aria-describedby="error-repeat-password" />
                <span class="field-error" id="error-repeat-password" data-testid="error-repeat-password">{repeat_message}</span>
            </label>
            {move || server_message().map(|text| view! { <p class="form-error" role="alert" data-testid="welcome-error">{text}</p> })}
            <button type="submit" class="button button--primary button--wide" data-testid="welcome-submit" disabled=busy>
                {move || if busy.get() { t_string!(i18n, welcome_saving) } else { t_string!(i18n, welcome_submit) }}
            </button>
        </form>
    }
}
