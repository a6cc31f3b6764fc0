//! The logo: an SVG chosen from disk, checked at once and shown as it will appear.

use super::state::ListingState;
use crate::domain::logo::MAX_LOGO_BYTES;
use crate::domain::submission::Field;
use crate::i18n::*;
use crate::ui::partner::logo_url;
use crate::ui::widgets::tr;
use crate::ui::widgets::{use_field, Field as FieldBox};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[component]
pub fn LogoPicker(state: ListingState) -> impl IntoView {
    let preview = Memo::new(move |_| state.draft.with(|d| logo_url(&d.logo)));
    view! {
        <fieldset class="form-group" disabled=state.frozen>
            <legend>{tr!(group_logo)}</legend>
            <FieldBox id="logo" label=|l| td_string!(l, field_logo)
                hint=|l| td_string!(l, logo_hint) message=state.message(Field::Logo)>
                <div class="logo-row">
                    {move || match preview.get() {
                        Some(url) => view! { <img class="logo-preview" data-testid="logo-preview" src=url alt="" width="72" height="72" /> }.into_any(),
                        None => view! { <div class="logo-preview logo-preview--empty" aria-hidden="true"></div> }.into_any(),
                    }}
                    <FileInput state />
                </div>
            </FieldBox>
        </fieldset>
    }
}

#[component]
fn FileInput(state: ListingState) -> impl IntoView {
    let field = use_field();
    let on_change = move |e: leptos::ev::Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Over the limit, the file is not even read: the rule refuses it by its size.
        let too_large = file.size() > MAX_LOGO_BYTES as f64;
        spawn_local(async move {
            let text = if too_large {
                " ".repeat(MAX_LOGO_BYTES + 1)
            } else {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => text.as_string().unwrap_or_default(),
                    Err(_) => String::new(),
                }
            };
            state.edit(Field::Logo, |d| d.logo = text);
        });
    };
    view! {
        <input type="file" accept=".svg,image/svg+xml" id=field.id data-testid="logo-file" on:change=on_change
            aria-invalid=move || field.invalid.get().to_string() aria-describedby=field.described_by />
    }
}
