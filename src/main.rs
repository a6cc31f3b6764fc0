//! The marketplace's browser entry point (built by Trunk with feature `csr`
//! from `index.html`); every other app has its own in `src/bin/` (`crate::apps`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(souk::ui::MarketplaceApp);
}
