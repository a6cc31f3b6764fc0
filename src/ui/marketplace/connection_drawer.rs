//! The drawer a connection stack opens: every connection of one module, each
//! renamed inline (Enter saves, Esc cancels) or deactivated on its own.

use super::activation::ActivateBox;
use crate::api;
use crate::api::ApiError;
use crate::domain::billing::{connection_name, Connection, NameError, Refusal, Status};
use crate::domain::{ConnectionId, Listing};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{connection_status, connections_text, error_message, lang_of, name_error};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{ConfirmAction, Field, Form, Input, Modal, Text};
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

#[component]
pub fn ConnectionDrawer(listing: Listing, connections: Memo<Vec<Connection>>, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = {
        let materials = listing.materials.clone();
        move || materials.get(lang_of(i18n.get_locale())).name.clone()
    };
    let listing = StoredValue::new(listing);
    view! {
        <Modal labelled_by="drawer-title" on_close variant="drawer">
            <div class="drawer-body" data-testid="connection-drawer">
                <header class="popup-head">
                    <div class="popup-title">
                        <h2 id="drawer-title">{move || td_string!(i18n.get_locale(), drawer_title, module = name()).to_string()}</h2>
                        <p class="popup-vendor">{move || connections_text(i18n.get_locale(), connections.with(Vec::len))}</p>
                    </div>
                    <button
                        type="button"
                        class="icon-button"
                        data-testid="popup-close"
                        aria-label=tr!(close)
                        on:click=move |_| on_close.run(())
                    >
                        "×"
                    </button>
                </header>
                <ul class="drawer-list">
                    <For
                        each=move || connections.get()
                        key=|c| (c.id.clone(), c.name.clone(), c.status, c.due_on)
                        children=move |c| view! { <ConnectionRow connection=c listing /> }
                    />
                </ul>
                <footer class="drawer-foot">
                    {move || listing.with_value(|l| view! { <ActivateBox listing=l.clone() another=true /> })}
                </footer>
            </div>
        </Modal>
    }
}

#[component]
fn ConnectionRow(connection: Connection, listing: StoredValue<Listing>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let id = StoredValue::new(connection.id.clone());
    let name = StoredValue::new(connection.name.clone());
    let status = {
        let connection = connection.clone();
        move || listing.with_value(|l| connection_status(i18n.get_locale(), &connection, &l.pricing, books.tz.get()))
    };
    let deactivate = widgets::submit(move |id: &ConnectionId| {
        let id = id.clone();
        async move { error.set(books.change(api::billing::deactivate_connection(id)).await.err()) }
    });
    let deactivate = move |_| {
        deactivate.dispatch(id.get_value());
    };
    let frozen = connection.status == Status::Frozen;

    view! {
        <li class="drawer-row" class:frozen=frozen data-testid="connection-row" data-id=connection.id.to_string()>
            {move || {
                if editing.get() {
                    Either::Left(view! { <RenameField id=id.get_value() current=name.get_value() editing error /> })
                } else {
                    Either::Right(view! {
                        <div class="drawer-name">
                            <span class="connection-name" data-testid="connection-name">{name.get_value()}</span>
                            <button
                                type="button"
                                class="button button--ghost button--small"
                                data-testid="rename"
                                on:click=move |_| editing.set(true)
                            >
                                {tr!(rename)}
                            </button>
                        </div>
                    })
                }
            }}
            <span class="connection-status" data-testid="connection-status">{status}</span>
            <ConfirmAction
                label=Signal::derive(move || t_string!(i18n, deactivate).to_string())
                question=Signal::derive(move || {
                    td_string!(i18n.get_locale(), deactivate_connection_confirm, name = name.get_value()).to_string()
                })
                testid="deactivate-connection"
                on_confirm=Callback::new(deactivate)
            />
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
        </li>
    }
}

#[component]
fn RenameField(
    id: ConnectionId,
    current: String,
    editing: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let books = use_books();
    let value = RwSignal::new(current);
    // The rule shows as the user types: the name starts out valid.
    let form =
        Form::new(move || value.with(|v| connection_name(v).err().into_iter().collect()), |()| "rename-input".into());
    let input = NodeRef::<html::Input>::new();
    // The current name, selected, so typing replaces it. The effect runs once the
    // input is in the page, before the next key press reaches it (a frame later
    // would send the first keys typed to the button pressed); the input may not
    // hold its value yet, so it is given it first.
    Effect::new(move || {
        if let Some(input) = input.get() {
            input.set_value(&value.get_untracked());
            let _ = input.focus();
            input.select();
        }
    });
    let id = StoredValue::new(id);
    let rename = widgets::submit(move |name: &String| {
        let name = name.clone();
        async move {
            match books.change(api::billing::rename_connection(id.get_value(), name)).await {
                Ok(()) => editing.set(false),
                Err(ApiError::Refused(Refusal::Name(problem))) => form.refused(vec![problem]),
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let save = move || {
        if !rename.pending().get_untracked() && form.ready_to_send() {
            rename.dispatch(value.get_untracked());
        }
    };
    let keys = move |event: KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            save();
        }
        "Escape" => {
            // Cancels the rename only: the drawer stays open.
            event.prevent_default();
            event.stop_propagation();
            editing.set(false);
        }
        _ => {}
    };
    let label: Text = |l| td_string!(l, rename_label);
    let hint: Text = |l| td_string!(l, rename_hint);
    let message = form.message((), |locale, e: &NameError| name_error(locale, *e).to_string());
    view! {
        <div class="rename" on:keydown=keys>
            <Field id="rename-input" label hint message>
                <Input value on_input=move |text| {
                    value.set(text);
                    form.edited(());
                } node_ref=input />
            </Field>
            <button type="button" class="button button--small" on:click=move |_| save()>{tr!(save)}</button>
        </div>
    }
}
