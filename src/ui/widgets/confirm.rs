//! A destructive action asks first: the button opens an inline question with
//! the action and Cancel, focus on Cancel so Enter does no harm.

use crate::i18n::*;
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;

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
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let cancel = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(button) = cancel.get() {
            let _ = button.focus();
        }
    });
    move || {
        if asking.get() {
            Either::Left(view! {
                <div class="confirm-box confirm-box--danger" role="alertdialog" aria-label=label>
                    <p>{question}</p>
                    <div class="confirm-actions">
                        <button
                            type="button"
                            class="button button--danger"
                            data-testid=format!("confirm-{testid}")
                            on:click=move |_| {
                                asking.set(false);
                                on_confirm.run(());
                            }
                        >
                            {label}
                        </button>
                        <button type="button" class="button" node_ref=cancel on:click=move |_| asking.set(false)>
                            {t!(i18n, cancel)}
                        </button>
                    </div>
                </div>
            })
        } else {
            Either::Right(view! {
                <button type="button" class="button button--ghost-danger" data-testid=testid on:click=move |_| asking.set(true)>
                    {label}
                </button>
            })
        }
    }
}
