//! The offline preview's role switcher: the marketplace as an account owner,
//! a partner or a moderator sees it, one choice away, on the demo sign-ins.

use crate::api;
use crate::api::types::SignInAnswer;
use crate::domain::Role;
use crate::i18n::*;
use crate::ui::labels::role_name;
use crate::ui::links::use_go;
use crate::ui::session::{use_session, SessionState};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::prelude::*;

/// Where each role starts.
fn home(role: Role) -> &'static str {
    match role {
        Role::AccountOwner => "/marketplace",
        Role::Partner => "/partner",
        Role::Moderator => "/moderation",
    }
}

#[component]
pub fn RoleSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let go = use_go();
    let users = LocalResource::new(|| async { api::preview::demo_sign_ins().await });
    let current = move || session.info().map(|info| info.user.email.to_string()).unwrap_or_default();
    let switch = widgets::submit(move |(email, password): &(String, String)| {
        let (email, password, go) = (email.clone(), password.clone(), go.clone());
        async move {
            let info = match api::auth::sign_in(email, password).await {
                Ok(SignInAnswer::SignedIn(info)) => Some(info),
                // The preview's moderator: its code is the demo's, shown on the answer.
                Ok(SignInAnswer::Code { challenge, demo_code: Some(code) }) => {
                    api::auth::second_factor(challenge, code).await.ok().map(|done| done.session)
                }
                _ => None,
            };
            if let Some(info) = info {
                let start = home(info.user.role);
                session.state.set(SessionState::SignedIn(info));
                go(start);
            }
        }
    });
    let on_change = move |e: leptos::ev::Event| {
        let email = event_target_value(&e);
        let Some(user) = users.get().and_then(|all| all.into_iter().find(|u| u.email == email)) else { return };
        switch.dispatch((user.email, user.password));
    };
    move || {
        session.info().map(|_| {
            view! {
                <label class="role-switch">
                    <span class="visually-hidden">{tr!(role_switch)}</span>
                    <select class="input" data-testid="role-switch" on:change=on_change>
                        {move || {
                            let locale = i18n.get_locale();
                            let current = current();
                            users
                                .get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|u| {
                                    let selected = u.email == current;
                                    view! {
                                        <option value=u.email.clone() selected=selected>
                                            {format!("{} · {}", role_name(locale, u.role), u.name)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            }
        })
    }
}
