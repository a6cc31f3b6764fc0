//! The cabinet's browser entry point (built by Trunk with feature `csr` from
//! `src/cabinet.html`): partners' modules, applying and the welcome link.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::CabinetApp);
}
