//! The account app's browser entry point (built by Trunk with feature `csr`
//! from `src/account.html`): balance, history, notices, one's sign-in.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::AccountApp);
}
