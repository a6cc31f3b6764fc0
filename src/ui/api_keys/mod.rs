//! API keys (`/api-keys`): the keys modules' backends call the module API
//! with. Every key of the account, with its module, connection, permissions
//! and last use; a new one for a connection (shown once); revoking one after
//! asking.

mod create;

use crate::api;
use crate::api::api_keys::{ApiKeyView, ApiKeysView, NewApiKey};
use crate::domain::dates::format_date_time;
use crate::domain::Scope;
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of, scope_name};
use crate::ui::links::{rel, GoTo};
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, loaded, ConfirmAction};
use create::{CreateKey, FreshKey};
use leptos::prelude::*;

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let session = use_session();
    let kind = Memo::new(move |_| session.state.with(SessionState::kind));
    let keys = LocalResource::new(api::api_keys::api_keys);
    // The key just made: shown above the list until the page is left.
    let fresh = RwSignal::new(None::<NewApiKey>);
    let created = Callback::new(move |new: NewApiKey| {
        fresh.set(Some(new));
        keys.refetch();
    });
    let page = loaded(keys, move |view: ApiKeysView| {
        view! {
            <CreateKey targets=view.targets.clone() on_created=created />
            <KeyList keys=view.keys on_revoked=Callback::new(move |()| keys.refetch()) />
        }
    });
    move || match kind.get() {
        SessionKind::SignedOut => view! { <GoTo path="/signin?next=/api-keys".to_string() /> }.into_any(),
        _ => view! {
            <div class="page api-keys">
                <header class="page-head">
                    <div>
                        <h1>{tr!(nav_api_keys)}</h1>
                        <p class="lead">{tr!(api_keys_lead)}</p>
                    </div>
                </header>
                <FreshKey fresh />
                {page}
            </div>
        }
        .into_any(),
    }
}

#[component]
fn KeyList(keys: Vec<ApiKeyView>, on_revoked: Callback<()>) -> impl IntoView {
    if keys.is_empty() {
        return view! { <p class="empty" data-testid="api-keys-empty">{tr!(api_keys_empty)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table api-key-table">
                <caption class="visually-hidden">{tr!(nav_api_keys)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(api_keys_col_module)}</th>
                        <th scope="col">{tr!(api_keys_col_key)}</th>
                        <th scope="col">{tr!(api_keys_col_scopes)}</th>
                        <th scope="col">{tr!(api_keys_col_used)}</th>
                        <th scope="col"><span class="visually-hidden">{tr!(api_keys_col_actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {keys.into_iter().map(|key| view! { <KeyRow key on_revoked /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn KeyRow(key: ApiKeyView, on_revoked: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let id = key.id.clone();
    let revoke = widgets::submit(move |_: &()| {
        let id = id.clone();
        async move {
            let revoked = api::api_keys::revoke_api_key(id).await;
            if revoked.is_ok() {
                on_revoked.run(());
            }
            revoked
        }
    });
    let failure = move || revoke.value().get().and_then(Result::err);
    let scopes = key.scopes.clone();
    let (created, used) = (key.created_at, key.last_used_at);
    let names = key.module_name.clone();
    view! {
        <tr data-testid="api-key-row" data-module=key.module.to_string() data-works=key.works.to_string()>
            <td>
                <strong>{move || names.get(lang_of(i18n.get_locale())).clone()}</strong>
                <span class="hint">{key.connection_name.clone()}</span>
            </td>
            <td><code data-testid="api-key-prefix">{format!("{}…", key.prefix)}</code></td>
            <td>
                <ul class="scope-list">
                    {move || {
                        let locale = i18n.get_locale();
                        scopes.iter().map(|scope: &Scope| view! { <li>{scope_name(locale, *scope)}</li> }).collect_view()
                    }}
                </ul>
            </td>
            <td>
                {move || {
                    let (locale, tz) = (i18n.get_locale(), books.tz.get());
                    let lang = lang_of(locale);
                    let used = match used {
                        Some(at) => format_date_time(at, tz, lang),
                        None => td_string!(locale, api_keys_never).to_string(),
                    };
                    let made = td_string!(locale, api_keys_created, at = format_date_time(created, tz, lang)).to_string();
                    view! { <span>{used}</span> <span class="hint">{made}</span> }
                }}
                {(!key.works).then(|| view! {
                    <span class="badge badge--frozen" data-testid="api-key-stopped">{tr!(api_keys_stopped)}</span>
                })}
            </td>
            <td>
                <ConfirmAction
                    label=Signal::derive(move || t_string!(i18n, api_keys_revoke).to_string())
                    question=Signal::derive(move || t_string!(i18n, api_keys_revoke_confirm).to_string())
                    testid="api-key-revoke"
                    on_confirm=Callback::new(move |()| revoke.dispatch(()))
                />
                {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            </td>
        </tr>
    }
}

/// The marketplace, where a module is activated before it can have a key.
fn marketplace_link() -> impl IntoView {
    view! { <a href="/marketplace" rel=rel("/marketplace")>{tr!(nav_marketplace)}</a> }
}
