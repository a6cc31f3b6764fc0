//! The page the approval letter's one-time link opens: the new partner
//! chooses a password and is signed in to the partner cabinet.

use super::NewPasswordFields;
use crate::api;
use crate::api::ApiError;
use crate::domain::application::{new_password_problems, ApplicationField};
use crate::domain::dates::format_date;
use crate::i18n::*;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::links::rel;
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Form, Loading};
use leptos::either::EitherOf3;
use leptos::prelude::*;
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
        None => EitherOf3::A(view! { <Loading /> }),
        Some(Err(_)) => EitherOf3::B(view! {
            <p class="form-error" role="alert" data-testid="welcome-invalid">{tr!(welcome_invalid)}</p>
            <a href="/signin" rel=rel("/signin")>{tr!(signin_button)}</a>
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
                <h1>{tr!(welcome_title)}</h1>
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
    let (password, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let form = Form::new(
        move || new_password_problems(&password.read(), &again.read()),
        |field| match field {
            ApplicationField::PasswordAgain => "repeat-password".into(),
            _ => "new-password".into(),
        },
    );
    let accept = widgets::submit(move |password: &String| {
        let (token, password, navigate) = (token.clone(), password.clone(), navigate.clone());
        async move {
            let accepted = api::applications::accept_invitation(token, password.clone()).await;
            match &accepted {
                Ok(info) => {
                    // The preview's role switcher offers the new partner from now on.
                    #[cfg(feature = "offline")]
                    api::preview::remember_sign_in(&info.user, &password);
                    session.state.set(SessionState::SignedIn(info.clone()));
                    navigate("/partner", Default::default());
                }
                Err(ApiError::Application(problems)) => form.refused(problems.decode()),
                Err(_) => {}
            }
            accepted.map(drop)
        }
    });
    let saving = accept.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !saving.get_untracked() && form.ready_to_send() {
            accept.dispatch(password.get_untracked());
        }
    };
    let failure = move || match accept.value().get() {
        Some(Err(error)) if !matches!(error, ApiError::Application(_)) => {
            Some(error_message(i18n.get_locale(), &error))
        }
        _ => None,
    };
    view! {
        <form data-testid="welcome-form" on:submit=submit novalidate>
            // Password managers save the new password under this address.
            <input type="email" class="visually-hidden" autocomplete="username" value=email readonly tabindex="-1" aria-hidden="true" />
            <NewPasswordFields form password again />
            {move || failure().map(|text| view! { <p class="form-error" role="alert" data-testid="welcome-error">{text}</p> })}
            <button type="submit" class="button button--primary button--wide" data-testid="welcome-submit" disabled=saving>
                {move || if saving.get() { t_string!(i18n, welcome_saving) } else { t_string!(i18n, welcome_submit) }}
            </button>
        </form>
    }
}
