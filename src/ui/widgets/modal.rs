//! A dialog over the page: focus stays inside it and goes back where it was
//! when it closes, Esc and the backdrop close it, and the page behind does not
//! scroll.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";

#[component]
pub fn Modal(
    /// The id of the element that names the dialog.
    labelled_by: &'static str,
    #[prop(into)] on_close: Callback<()>,
    /// An extra class for the panel: `drawer` slides it in from the side.
    #[prop(optional)]
    variant: &'static str,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    let opener = document().active_element().and_then(|el| el.dyn_into::<HtmlElement>().ok());
    on_cleanup(move || {
        if let Some(opener) = opener.filter(|el| el.is_connected()) {
            let _ = opener.focus();
        }
    });

    Effect::new(move || {
        if let Some(panel) = panel.get() {
            let first = panel.query_selector("[data-autofocus]").ok().flatten();
            match first.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
                Some(el) => drop(el.focus()),
                None => drop(panel.focus()),
            }
        }
    });

    let body = document().body();
    if let Some(body) = &body {
        let _ = body.class_list().add_1("has-modal");
    }
    on_cleanup(move || {
        if let Some(body) = document().body() {
            let _ = body.class_list().remove_1("has-modal");
        }
    });

    let escape = window_event_listener(ev::keydown, move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            on_close.run(());
        }
    });
    on_cleanup(move || escape.remove());

    let trap_tab = move |event: KeyboardEvent| {
        if event.key() != "Tab" {
            return;
        }
        let Some(panel) = panel.get() else { return };
        let Ok(nodes) = panel.query_selector_all(FOCUSABLE) else { return };
        let focusable: Vec<HtmlElement> =
            (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
        let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else { return };
        let active = document().active_element();
        let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
        if event.shift_key()
            && (at(first) || active.as_ref().is_some_and(|a| a == panel.unchecked_ref::<web_sys::Element>()))
        {
            event.prevent_default();
            let _ = last.focus();
        } else if !event.shift_key() && at(last) {
            event.prevent_default();
            let _ = first.focus();
        }
    };

    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())>
            <div
                class=format!("modal {variant}")
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                tabindex="-1"
                node_ref=panel
                on:click=|event| event.stop_propagation()
                on:keydown=trap_tab
            >
                {children()}
            </div>
        </div>
    }
}
