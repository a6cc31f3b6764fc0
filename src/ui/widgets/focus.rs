//! Moving the keyboard focus where the user's attention is needed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the first field marked invalid, once the view has shown the marks.
pub fn focus_first_invalid() {
    set_timeout(
        || {
            if let Some(el) = document().query_selector("[aria-invalid='true']").ok().flatten() {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        },
        std::time::Duration::from_millis(0),
    );
}
