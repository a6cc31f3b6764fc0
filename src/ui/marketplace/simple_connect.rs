//! What a module with simple connection asks for, shown before Connect:
//! "checking the module…", then the permissions it asks for in words, by API
//! section, or why it cannot be connected (no answer within 5 s, `success:
//! false`, a permission its listing does not declare).

use super::scope_groups::ScopeGroups;
use crate::api::simple_connection::ConfigView;
use crate::api::ApiError;
use crate::domain::Scope;
use crate::i18n::*;
use crate::ui::labels::{error_message, key_refusal_text};
use crate::ui::widgets::tr;
use leptos::either::EitherOf4;
use leptos::prelude::*;

pub type Config = LocalResource<Result<ConfigView, ApiError>>;

/// Whether Connect may be pressed: the module answered and asks only for declared permissions.
pub fn ready(config: Config) -> bool {
    matches!(config.get(), Some(Ok(view)) if view.refused.is_none())
}

#[component]
pub fn ModuleAsks(config: Config) -> impl IntoView {
    let i18n = use_i18n();
    move || match config.get() {
        None => EitherOf4::A(view! {
            <p class="hint" role="status" aria-busy="true" data-testid="connect-checking">{tr!(connect_checking)}</p>
        }),
        Some(Err(error)) => EitherOf4::B(view! {
            <div class="refusal" role="alert" data-testid="connect-problem">
                <p>{move || error_message(i18n.get_locale(), &error)}</p>
                <button type="button" class="button button--ghost" on:click=move |_| config.refetch()>{tr!(retry)}</button>
            </div>
        }),
        Some(Ok(ConfigView { requested, refused: Some(refusal) })) => EitherOf4::C(view! {
            <Asked requested />
            <p class="refusal" role="alert" data-testid="connect-refused">
                {move || key_refusal_text(i18n.get_locale(), &refusal)}
            </p>
        }),
        Some(Ok(ConfigView { requested, refused: None })) => EitherOf4::D(view! { <Asked requested /> }),
    }
}

/// The permissions asked for, in words.
#[component]
fn Asked(requested: Vec<Scope>) -> impl IntoView {
    view! {
        <div class="module-asks" data-testid="requested-scopes">
            <p class="hint">{tr!(connect_asks)}</p>
            <ScopeGroups scopes=requested />
        </div>
    }
}
