//! The cabinet's browser entry point (built by Trunk with feature `csr` from
//! `src/cabinet.html`): partners, moderators and applicants.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::CabinetApp);
}
