//! Step 2, the services: each of the account's services with its duration,
//! own and channel prices and its last sync with the partner; ticked to
//! publish, chosen for a bulk price edit, added, changed and deleted.

use super::messages::booking_error;
use super::service_form::ServiceForm;
use super::Screen;
use crate::api;
use crate::api::booking::ServiceRow;
use crate::api::ApiError;
use crate::domain::money::format_rub;
use crate::i18n::*;
use crate::texts::booking::sync_text;
use crate::texts::lang_of;
use crate::ui::books::use_books;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction};
use leptos::prelude::*;

/// Which form is open: a new service's, or the one of the service with this id.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Editing {
    New,
    Service(String),
}

#[component]
pub fn Services(screen: Screen) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let editing = RwSignal::new(None::<Editing>);
    let tick = widgets::submit(move |(id, ticked): &(String, bool)| {
        let call = api::booking::tick_service(screen.connection(), id.clone(), *ticked);
        let control = format!("bk-tick-{id}");
        async move {
            screen.answered(call.await?);
            // The table is drawn again: the focus goes back to the box just ticked.
            widgets::form::focus_control(&control);
            Ok::<(), ApiError>(())
        }
    });
    let delete = widgets::submit(move |id: &String| {
        let deleted = api::booking::delete_account_service(id.clone());
        let connection = screen.connection();
        async move {
            deleted.await?;
            screen.answered(api::booking::booking_channel(connection).await?);
            Ok::<(), ApiError>(())
        }
    });
    let failure =
        move || tick.value().get().and_then(Result::err).or_else(|| delete.value().get().and_then(Result::err));
    let close = Callback::new(move |()| {
        editing.set(None);
        widgets::form::focus_control("bk-add-service");
    });
    let row = move |row: ServiceRow| {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let service = row.service.clone();
        let name = service.name.get(lang).clone();
        let id = service.id.clone();
        let (tick_id, choose_id, delete_id, edit_id, shown_id) =
            (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        let chosen = Signal::derive(move || screen.chosen.with(|c| c.contains(&choose_id)));
        let choose_id = id.clone();
        let sync = match (&row.sync, row.ticked || row.shown) {
            (Some(state), _) if !row.in_step && state.error.is_none() => {
                td_string!(locale, bk_sync_waiting).to_string()
            }
            (Some(state), _) => sync_text(locale, state, books.tz.get()),
            (None, true) if !row.in_step => td_string!(locale, bk_sync_waiting).to_string(),
            (None, _) => td_string!(locale, bk_sync_none).to_string(),
        };
        let row_id = id.clone();
        let failed = row.sync.as_ref().is_some_and(|s| s.error.is_some());
        view! {
            <tr data-testid="service-row" data-id=row_id data-ticked=row.ticked.to_string() data-shown=row.shown.to_string()>
                <td>
                    <input type="checkbox" data-testid="service-choose" prop:checked=chosen
                        aria-label=td_string!(locale, bk_choose_row, name = name.as_str()).to_string()
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            screen.chosen.update(|c| { if on { c.insert(choose_id.clone()); } else { c.remove(&choose_id); } });
                        } />
                </td>
                <td>
                    <input type="checkbox" id=format!("bk-tick-{tick_id}") data-testid="service-tick" prop:checked=row.ticked disabled=tick.pending()
                        aria-label=td_string!(locale, bk_publish_row, name = name.as_str()).to_string()
                        on:change=move |e| tick.dispatch((tick_id.clone(), event_target_checked(&e))) />
                </td>
                <th scope="row">
                    {name.clone()}
                    {row.shown.then(|| view! { " " <span class="badge badge--on">{tr!(bk_shown)}</span> })}
                </th>
                <td class="num" data-testid="service-duration">{td_string!(locale, bk_minutes, minutes = service.duration_min).to_string()}</td>
                <td class="num">{format_rub(service.price, lang)}</td>
                <td class="num" data-testid="channel-price">{format_rub(row.channel_price, lang)}</td>
                <td data-testid="sync-status" class=if failed { "sync sync--failed" } else { "sync" }>{sync}</td>
                <td class="row-actions">
                    <button type="button" class="button button--ghost button--small" data-testid="service-edit"
                        aria-label=td_string!(locale, bk_edit_named, name = name.as_str()).to_string()
                        aria-expanded=move || (editing.get() == Some(Editing::Service(edit_id.clone()))).to_string()
                        on:click=move |_| editing.set(Some(Editing::Service(id.clone())))>
                        {tr!(bk_edit)}
                    </button>
                    <ConfirmAction
                        label=Signal::derive(move || t_string!(i18n, bk_delete).to_string())
                        question=Signal::derive(move || t_string!(i18n, bk_delete_question).to_string())
                        testid="service-delete"
                        on_confirm=move |()| delete.dispatch(delete_id.clone()) />
                </td>
            </tr>
            {move || (editing.get() == Some(Editing::Service(shown_id.clone()))).then(|| {
                let service = service.clone();
                view! { <tr class="row-form"><td colspan="8"><ServiceForm screen editing=Some(service) on_close=close /></td></tr> }
            })}
        }
    };
    let all_chosen = move || {
        screen.channel.with(|c| {
            !c.rows.is_empty() && screen.chosen.with(|chosen| c.rows.iter().all(|r| chosen.contains(&r.service.id)))
        })
    };
    view! {
        <section class="panel" data-testid="booking-services" aria-labelledby="bk-services-title">
            <div class="panel-head">
                <h2 id="bk-services-title">{tr!(bk_services_title)}</h2>
                <button type="button" class="button" id="bk-add-service" data-testid="service-add"
                    aria-expanded=move || (editing.get() == Some(Editing::New)).to_string()
                    on:click=move |_| { editing.set(Some(Editing::New)); widgets::form::focus_control("bk-name-ru"); }>
                    {tr!(bk_add_service)}
                </button>
            </div>
            <p class="hint">{tr!(bk_services_lead)}</p>
            {move || (editing.get() == Some(Editing::New)).then(|| view! { <ServiceForm screen editing=None on_close=close /> })}
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="services-error">{booking_error(i18n.get_locale(), &e)}</p> })}
            {move || {
                let rows = screen.channel.with(|c| c.rows.clone());
                if rows.is_empty() {
                    view! { <p class="empty" data-testid="booking-services-empty">{tr!(bk_services_empty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">
                                        <input type="checkbox" data-testid="service-choose-all" prop:checked=all_chosen
                                            aria-label=tr!(bk_choose_all)
                                            on:change=move |e| {
                                                let on = event_target_checked(&e);
                                                let ids = screen.channel.with_untracked(|c| c.rows.iter().map(|r| r.service.id.clone()).collect());
                                                screen.chosen.set(if on { ids } else { Default::default() });
                                            } />
                                    </th>
                                    <th scope="col">{tr!(bk_publish_col)}</th>
                                    <th scope="col">{tr!(bk_service)}</th>
                                    <th scope="col">{tr!(bk_duration)}</th>
                                    <th scope="col">{tr!(bk_own_price)}</th>
                                    <th scope="col">{tr!(bk_channel_price)}</th>
                                    <th scope="col">{tr!(bk_sync)}</th>
                                    <th scope="col"><span class="visually-hidden">{tr!(bk_actions)}</span></th>
                                </tr></thead>
                                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
