//! A destructive action asks first: the button opens an inline question with
//! the action and Cancel, focus on Cancel so Enter does no harm. While it
//! asks, Tab stays between its two buttons and Esc cancels; the focus then goes
//! back to the button that asked.

use crate::ui::widgets::tr;
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ConfirmAction(
    /// The button's text, and the confirming button's.
    #[prop(into)]
    label: Signal<String>,
    /// What the user is asked, saying what will and will not happen.
    #[prop(into)]
    question: Signal<String>,
    /// `data-testid` of the first button; the confirming one gets `confirm-<testid>`.
    testid: &'static str,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let cancel = NodeRef::<html::Button>::new();
    let confirm = NodeRef::<html::Button>::new();
    let trigger = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(button) = cancel.get() {
            let _ = button.focus();
        }
    });
    let close = move || {
        asking.set(false);
        // By the next frame, what was confirmed may have removed this component.
        request_animation_frame(move || {
            if let Some(button) = trigger.try_get_untracked().flatten() {
                let _ = button.focus();
            }
        });
    };
    let keys = move |event: web_sys::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            // Cancels the question only: a dialog around it stays open.
            event.prevent_default();
            event.stop_propagation();
            close();
        }
        "Tab" => {
            event.prevent_default();
            let active = document().active_element();
            let on_cancel = cancel.get_untracked().is_some_and(|c| active.as_ref() == Some(c.unchecked_ref()));
            let next = if on_cancel { confirm.get_untracked() } else { cancel.get_untracked() };
            if let Some(button) = next {
                let _ = button.focus();
            }
        }
        _ => {}
    };
    move || {
        if asking.get() {
            Either::Left(view! {
                <div class="confirm-box confirm-box--danger" role="alertdialog" aria-label=label on:keydown=keys>
                    <p>{question}</p>
                    <div class="confirm-actions">
                        <button
                            type="button"
                            class="button button--danger"
                            data-testid=format!("confirm-{testid}")
                            node_ref=confirm
                            on:click=move |_| {
                                close();
                                on_confirm.run(());
                            }
                        >
                            {label}
                        </button>
                        <button type="button" class="button" node_ref=cancel on:click=move |_| close()>
                            {tr!(cancel)}
                        </button>
                    </div>
                </div>
            })
        } else {
            Either::Right(view! {
                <button type="button" class="button button--ghost-danger" data-testid=testid node_ref=trigger
                    on:click=move |_| asking.set(true)>
                    {label}
                </button>
            })
        }
    }
}
