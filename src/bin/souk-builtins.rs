//! The built-in modules' app's browser entry point (built by Trunk with
//! feature `csr` from `src/builtins.html`): the SMS service's settings.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::BuiltinsApp);
}
