//! A published module's delivery log: every lifecycle callback sent to it
//! (event, connection, time, status, latency, the answer's first characters),
//! a test event, and redelivering one.

use crate::api;
use crate::api::deliveries::DeliveryView;
use crate::domain::dates::format_date_time;
use crate::domain::delivery::DeliveryStatus;
use crate::domain::{Coded, ListingId};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{delivery_event_name, delivery_status_text, error_message, lang_of};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Paged};
use leptos::prelude::*;

#[component]
pub fn DeliveryLog(listing: ListingId) -> impl IntoView {
    let i18n = use_i18n();
    let listing = StoredValue::new(listing);
    // Each send (a test, a redelivery) and each "Refresh" reads the log again.
    let reads = RwSignal::new(0_u32);
    let first = LocalResource::new(move || {
        reads.track();
        api::deliveries::deliveries(listing.get_value(), None)
    });
    let sent = move || reads.update(|n| *n += 1);
    // While a delivery waits for its first attempt, the log reads itself again shortly.
    Effect::new(move || {
        let waiting = first
            .get()
            .and_then(Result::ok)
            .is_some_and(|page| page.items.iter().any(|d| d.status == DeliveryStatus::Pending && d.attempts == 0));
        if waiting {
            set_timeout(sent, std::time::Duration::from_secs(2));
        }
    });
    let test = widgets::submit(move |_: &()| {
        let test = api::deliveries::send_test_event(listing.get_value());
        async move {
            let result = test.await.map(drop);
            if result.is_ok() {
                sent();
            }
            result
        }
    });
    let failure = move || test.value().get().and_then(Result::err);
    let log = widgets::loaded(first, move |page| {
        Paged::new(page, move |from| api::deliveries::deliveries(listing.get_value(), Some(from))).list(
            move || view! { <p class="empty" data-testid="deliveries-empty">{tr!(deliveries_empty)}</p> },
            move |items| view! { <DeliveryTable items listing on_sent=Callback::new(move |()| sent()) /> },
        )
    });
    view! {
        <section class="panel delivery-log" data-testid="delivery-log">
            <header class="delivery-head">
                <h2>{tr!(deliveries_title)}</h2>
                <button type="button" class="button" data-testid="delivery-test" disabled=test.pending()
                    on:click=move |_| test.dispatch(())>{tr!(deliveries_test)}</button>
                <button type="button" class="button button--ghost" data-testid="delivery-refresh"
                    on:click=move |_| sent()>{tr!(deliveries_refresh)}</button>
            </header>
            <p class="hint">{tr!(deliveries_lead)}</p>
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            {log}
        </section>
    }
}

#[component]
fn DeliveryTable(
    items: RwSignal<Vec<DeliveryView>>,
    listing: StoredValue<ListingId>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let redeliver = widgets::submit(move |id: &String| {
        let again = api::deliveries::redeliver(listing.get_value(), id.clone());
        async move {
            let result = again.await.map(drop);
            if result.is_ok() {
                on_sent.run(());
            }
            result
        }
    });
    let failure = move || redeliver.value().get().and_then(Result::err);
    let rows = move || {
        let (locale, tz) = (i18n.get_locale(), books.tz.get());
        let lang = lang_of(locale);
        items
            .get()
            .into_iter()
            .map(|d| {
                let id = d.id.clone();
                let answer = match (&d.error, d.last_status) {
                    (Some(error), _) => error.clone(),
                    (None, Some(status)) => format!("HTTP {status} · {}", d.excerpt),
                    (None, None) => String::new(),
                };
                let latency = d.latency_ms.map(|ms| format!("{ms} ms")).unwrap_or_default();
                view! {
                    <tr data-testid="delivery-row" data-status=d.status.code() data-event=d.event.code()
                        data-attempts=d.attempts.to_string()>
                        <td>
                            <strong>{delivery_event_name(locale, d.event)}</strong>
                            <span class="hint">{format!("active: {}, freeze: {}", d.activity.active, d.activity.freeze)}</span>
                        </td>
                        <td>
                            <code>{d.client_id.clone()}</code>
                            <span class="hint">{d.connection.to_string()}</span>
                        </td>
                        <td>{format_date_time(d.created_at, tz, lang)}</td>
                        <td>
                            <span class="badge" class:badge--approved=d.status == DeliveryStatus::Delivered
                                class:badge--declined=d.status == DeliveryStatus::Failed
                                class:badge--pending=d.status == DeliveryStatus::Pending>
                                {delivery_status_text(locale, &d, tz)}
                            </span>
                        </td>
                        <td class="num">{latency}</td>
                        <td class="delivery-answer"><code>{answer}</code></td>
                        <td>
                            <button type="button" class="button button--ghost" data-testid="delivery-redeliver"
                                on:click=move |_| redeliver.dispatch(id.clone())>{tr!(deliveries_redeliver)}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
        <div class="table-wrap">
            <table class="table delivery-table">
                <caption class="visually-hidden">{tr!(deliveries_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(deliveries_col_event)}</th>
                        <th scope="col">{tr!(deliveries_col_connection)}</th>
                        <th scope="col">{tr!(deliveries_col_time)}</th>
                        <th scope="col">{tr!(deliveries_col_status)}</th>
                        <th scope="col">{tr!(deliveries_col_latency)}</th>
                        <th scope="col">{tr!(deliveries_col_answer)}</th>
                        <th scope="col"><span class="visually-hidden">{tr!(api_keys_col_actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
