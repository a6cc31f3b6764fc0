//! A labelled text input bound to a signal; its `name` is also its test id.

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The input's `type`: "text", "email", "password"…
    kind: &'static str,
    name: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    /// The label's content.
    children: Children,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{children()}</span>
            <input
                type=kind
                name=name
                autocomplete=autocomplete
                required
                data-testid=name
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
