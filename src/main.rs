//! The marketplace's browser entry point (built by Trunk with feature `csr`
//! from `index.html`); the cabinet has its own, `src/bin/souk-cabinet.rs`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::MarketplaceApp);
}
