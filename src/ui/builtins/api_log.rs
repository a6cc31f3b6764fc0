//! A built-in connection's API access log: switched on by its user, every
//! call to the outside system (time, method, path, parameters with secrets
//! masked, status, the system's error code, latency), seven days, newest first.

use crate::api;
use crate::domain::builtin::ApiCall;
use crate::domain::dates::format_date_time;
use crate::domain::ConnectionId;
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Paged};
use leptos::prelude::*;

#[component]
pub fn ApiLog(
    connection: ConnectionId,
    enabled: bool,
    /// Changes after each call the screen made: the log is read again.
    calls: ReadSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let connection = StoredValue::new(connection);
    let on = RwSignal::new(enabled);
    let reads = RwSignal::new(0_u32);
    let first = LocalResource::new(move || {
        calls.track();
        reads.track();
        api::builtins::api_log(connection.get_value(), None)
    });
    let switch = widgets::submit(move |wanted: &bool| {
        let wanted = *wanted;
        let set = api::builtins::set_api_log(connection.get_value(), wanted);
        async move {
            let result = set.await;
            if result.is_ok() {
                on.set(wanted);
            }
            result
        }
    });
    let failure = move || switch.value().get().and_then(Result::err);
    let log = widgets::loaded(first, move |page| {
        Paged::new(page, move |from| api::builtins::api_log(connection.get_value(), Some(from))).list(
            move || view! { <p class="empty" data-testid="api-log-empty">{tr!(api_log_empty)}</p> },
            move |items| view! { <CallTable items /> },
        )
    });
    view! {
        <section class="panel api-log" data-testid="api-log" aria-labelledby="api-log-title">
            <header class="panel-head">
                <h2 id="api-log-title">{tr!(api_log_title)}</h2>
                <button type="button" class="button button--ghost" data-testid="api-log-refresh"
                    on:click=move |_| reads.update(|n| *n += 1)>{tr!(deliveries_refresh)}</button>
            </header>
            <p class="hint">{tr!(api_log_lead)}</p>
            <label class="switch">
                <input type="checkbox" data-testid="api-log-switch" prop:checked=on disabled=switch.pending()
                    on:change=move |e| switch.dispatch(event_target_checked(&e)) />
                <span>{tr!(api_log_switch)}</span>
            </label>
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            {log}
        </section>
    }
}

#[component]
fn CallTable(items: RwSignal<Vec<ApiCall>>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let rows = move || {
        let (lang, tz) = (lang_of(i18n.get_locale()), books.tz.get());
        items
            .get()
            .into_iter()
            .map(|call| {
                let status = match (call.status, &call.error) {
                    (Some(status), _) => format!("HTTP {status}"),
                    (None, Some(error)) => error.clone(),
                    (None, None) => String::new(),
                };
                view! {
                    <tr data-testid="api-log-row" data-path=call.path.clone()
                        data-error-code=call.error_code.map(|c| c.to_string()).unwrap_or_default()>
                        <td>{format_date_time(call.at, tz, lang)}</td>
                        <td><code>{format!("{} {}", call.method, call.path)}</code></td>
                        <td class="api-log-params"><code data-testid="api-log-params">{call.params.clone()}</code></td>
                        <td>{status}</td>
                        <td class="num">{call.error_code.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{format!("{} ms", call.latency_ms)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="table api-log-table">
                <caption class="visually-hidden">{tr!(api_log_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(api_log_col_time)}</th>
                        <th scope="col">{tr!(api_log_col_call)}</th>
                        <th scope="col">{tr!(api_log_col_params)}</th>
                        <th scope="col">{tr!(api_log_col_status)}</th>
                        <th scope="col">{tr!(api_log_col_code)}</th>
                        <th scope="col">{tr!(api_log_col_latency)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
