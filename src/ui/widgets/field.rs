//! One form field: its label, its control, a hint and its message, tied
//! together for assistive technology (`for`, `aria-invalid`,
//! `aria-describedby`) in this one place. The control inside (`Input`,
//! `TextArea`, `Select`, or any element through `use_field`) takes its id and
//! state from the field around it.

use super::text::shown;
pub use super::text::Text;
use leptos::prelude::*;

/// What a control needs of the field around it.
#[derive(Clone)]
pub struct FieldControl {
    pub id: String,
    pub testid: String,
    pub invalid: Signal<bool>,
    /// The ids of the hint and the message.
    pub described_by: String,
}

/// The field a control sits in.
pub fn use_field() -> FieldControl {
    expect_context::<FieldControl>()
}

#[component]
pub fn Field(
    /// The control's id; the message is `error-<id>`, the hint `hint-<id>`.
    #[prop(into)]
    id: String,
    /// The control's `data-testid` when it is not its id (a field repeated on a page).
    #[prop(optional, into)]
    testid: Option<String>,
    /// The label in a language: a plain function keeps every field's label one
    /// pointer, not a closure of its own, in the browser's code.
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    /// The message shown now (the form decides when: see `ui::widgets::form`).
    #[prop(optional, into)]
    message: Signal<Option<String>>,
    /// A set of checkboxes or radios: the label names the group, which gets the id.
    #[prop(optional)]
    group: bool,
    children: Children,
) -> impl IntoView {
    let (label_id, hint_id, error_id) = (format!("label-{id}"), format!("hint-{id}"), format!("error-{id}"));
    let described_by = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    let invalid = Signal::derive(move || message.with(Option::is_some));
    let testid = testid.unwrap_or_else(|| id.clone());
    provide_context(FieldControl {
        id: id.clone(),
        testid: testid.clone(),
        invalid,
        described_by: described_by.clone(),
    });
    let hint = hint.map(|hint| view! { <p class="hint" id=hint_id>{shown(hint)}</p> });
    let label = shown(label);
    let error = view! { <span class="field-error" id=error_id data-testid=format!("error-{testid}")>{message}</span> };
    if group {
        view! {
            <div class="field" role="group" id=id.clone() data-testid=testid aria-labelledby=label_id.clone()
                aria-describedby=described_by aria-invalid=move || invalid.get().to_string()>
                <span class="field-label" id=label_id.clone()>{label}</span>
                {children()}
                {hint}
                {error}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="field">
                <label class="field-label" id=label_id for=id>{label}</label>
                {children()}
                {hint}
                {error}
            </div>
        }
        .into_any()
    }
}

/// A one-line input of the field around it.
#[component]
pub fn Input(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    /// `type`: text, email, tel, url, password, search…
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional, into)] placeholder: Signal<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let field = use_field();
    view! {
        <input class="input" type=kind id=field.id data-testid=field.testid autocomplete=autocomplete
            inputmode=(!inputmode.is_empty()).then_some(inputmode)
            placeholder=move || Some(placeholder.get()).filter(|p| !p.is_empty())
            prop:value=value disabled=disabled node_ref=node_ref
            aria-invalid=move || field.invalid.get().to_string() aria-describedby=field.described_by
            on:input=move |e| on_input.run(event_target_value(&e)) />
    }
}

/// A text area of the field around it.
#[component]
pub fn TextArea(#[prop(into)] value: Signal<String>, #[prop(into)] on_input: Callback<String>) -> impl IntoView {
    let field = use_field();
    view! {
        <textarea class="input" rows="4" id=field.id data-testid=field.testid prop:value=value
            aria-invalid=move || field.invalid.get().to_string() aria-describedby=field.described_by
            on:input=move |e| on_input.run(event_target_value(&e))></textarea>
    }
}

/// A select of the field around it; its options are its children.
#[component]
pub fn Select(#[prop(into)] on_change: Callback<String>, children: Children) -> impl IntoView {
    let field = use_field();
    view! {
        <select class="input" id=field.id data-testid=field.testid
            aria-invalid=move || field.invalid.get().to_string() aria-describedby=field.described_by
            on:change=move |e| on_change.run(event_target_value(&e))>
            {children()}
        </select>
    }
}
