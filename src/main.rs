//! The browser entry point: mounts the app (built by Trunk with feature `csr`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::App);
}
