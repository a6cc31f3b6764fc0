//! The moderation app's browser entry point (built by Trunk with feature `csr`
//! from `src/moderation.html`): the review queue and partners' applications.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::ModerationApp);
}
