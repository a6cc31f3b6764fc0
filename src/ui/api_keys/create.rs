//! A new key: for one of the account's connections, with permissions its
//! module declares (all of them to start with), checked as they are chosen by
//! the rule the server applies; the key itself is shown once, with a copy button.

use super::marketplace_link;
use crate::api;
use crate::api::api_keys::{KeyTarget, NewApiKey};
use crate::api::ApiError;
use crate::domain::api_key;
use crate::domain::Scope;
use crate::i18n::*;
use crate::ui::labels::{error_message, key_refusal_text, lang_of, scope_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Select};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn CreateKey(targets: Vec<KeyTarget>, on_created: Callback<NewApiKey>) -> impl IntoView {
    let i18n = use_i18n();
    if targets.is_empty() {
        return view! {
            <section class="panel" data-testid="api-keys-no-targets">
                <p>{tr!(api_keys_no_targets)} " " {marketplace_link()}</p>
            </section>
        }
        .into_any();
    }
    let targets = StoredValue::new(targets);
    let chosen = RwSignal::new(0_usize);
    let target = move || targets.with_value(|all| all[chosen.get().min(all.len() - 1)].clone());
    let scopes = RwSignal::new(BTreeSet::<Scope>::new());
    // Every declared permission to start with, again whenever the connection changes.
    Effect::new(move || scopes.set(target().scopes.into_iter().collect()));
    let problem = move || {
        let names: Vec<String> = scopes.with(|s| s.iter().map(Scope::to_string).collect());
        api_key::grant(&names, &target().scopes).err()
    };
    let create = widgets::submit(move |_: &()| {
        let (connection, names) =
            (target().connection, scopes.with_untracked(|s| s.iter().map(Scope::to_string).collect()));
        async move {
            let created = api::api_keys::create_api_key(connection, names).await;
            if let Ok(new) = &created {
                on_created.run(new.clone());
            }
            created.map(drop)
        }
    });
    let busy = create.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !busy.get_untracked() && problem().is_none() {
            create.dispatch(());
        }
    };
    let failure = move || match create.value().get() {
        Some(Err(error)) => Some(error),
        _ => None::<ApiError>,
    };
    let message = Signal::derive(move || problem().map(|refusal| key_refusal_text(i18n.get_locale(), &refusal)));
    view! {
        <section class="panel api-key-create">
            <h2>{tr!(api_keys_new)}</h2>
            <form on:submit=submit novalidate data-testid="api-key-form">
                <Field id="api-key-connection" label=|l| td_string!(l, api_keys_connection)>
                    <Select on_change=move |value: String| chosen.set(value.parse().unwrap_or(0))>
                        {move || {
                            let lang = lang_of(i18n.get_locale());
                            targets.with_value(|all| all.iter().enumerate().map(|(n, t)| {
                                let label = format!("{} — {}", t.module_name.get(lang), t.connection_name);
                                view! { <option value=n.to_string() selected=move || chosen.get() == n>{label}</option> }
                            }).collect_view())
                        }}
                    </Select>
                </Field>
                <Field id="api-key-scopes" group=true label=|l| td_string!(l, api_keys_scopes)
                    hint=|l| td_string!(l, api_keys_scopes_hint) message>
                    <ul class="scope-checks">
                        {move || target().scopes.into_iter().map(|scope| view! {
                            <li>
                                <label class="check">
                                    <input type="checkbox" data-testid=format!("api-key-scope-{scope}")
                                        prop:checked=move || scopes.with(|s| s.contains(&scope))
                                        on:change=move |e| {
                                            let on = event_target_checked(&e);
                                            scopes.update(|s| { if on { s.insert(scope); } else { s.remove(&scope); } });
                                        } />
                                    {move || scope_name(i18n.get_locale(), scope)}
                                </label>
                            </li>
                        }).collect_view()}
                    </ul>
                </Field>
                {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
                <button type="submit" class="button button--primary" data-testid="api-key-create" disabled=busy>
                    {move || if busy.get() { t_string!(i18n, working) } else { t_string!(i18n, api_keys_create) }}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// The key just made, the one time it is shown.
#[component]
pub fn FreshKey(fresh: RwSignal<Option<NewApiKey>>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    Effect::new(move || {
        fresh.track();
        copied.set(false);
    });
    move || {
        fresh.get().map(|new| {
            let key = new.key.clone();
            view! {
                <section class="secret" data-testid="api-key-new" role="status">
                    <p><strong>{tr!(api_keys_fresh)}</strong> " " {tr!(api_keys_fresh_once)}</p>
                    <code data-testid="api-key-value">{new.key.clone()}</code>
                    <button type="button" class="button button--ghost" data-testid="api-key-copy" on:click=move |_| {
                        let _ = window().navigator().clipboard().write_text(&key);
                        copied.set(true);
                    }>
                        {move || if copied.get() { t_string!(i18n, copied) } else { t_string!(i18n, secret_copy) }}
                    </button>
                </section>
            }
        })
    }
}
