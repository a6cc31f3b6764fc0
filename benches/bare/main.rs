//! The framework's floor for `make bench`: a bare Leptos page (a heading and
//! a counter), built by the same Trunk, toolchain and profile as Souk's apps.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <h1>"Leptos"</h1>
            <button on:click=move |_| *count.write() += 1>{move || count.get()}</button>
        }
    });
}
