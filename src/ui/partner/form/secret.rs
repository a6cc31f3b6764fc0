//! The module's secret: shown once, when it is made (the first save, or a
//! rotation), and a notice when the listing has none its backend can sign with.

use crate::api;
use crate::api::ApiError;
use crate::domain::ListingId;
use crate::i18n::*;
use crate::ui::labels::error_message;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn SecretPanel(
    id: RwSignal<Option<ListingId>>,
    /// The secret to show, the once it is shown.
    secret: RwSignal<Option<String>>,
    has_secret: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let rotate = widgets::submit(move |listing: &ListingId| {
        let listing = listing.clone();
        async move {
            let rotated = api::partner::rotate_secret(listing).await;
            if let Ok(new) = &rotated {
                secret.set(Some(new.clone()));
            }
            rotated.map(drop)
        }
    });
    let missing = move || !has_secret && secret.with(Option::is_none);
    let failure = move || match rotate.value().get() {
        Some(Err(error)) => Some(error),
        _ => None::<ApiError>,
    };
    view! {
        <Show when=missing>
            <p class="notice" data-testid="secret-missing">{tr!(secret_missing)}</p>
        </Show>
        {move || secret.get().map(|value| view! {
            <div class="secret" data-testid="module-secret" role="status">
                <p><strong>{tr!(secret_title)}</strong> " " {tr!(secret_once)}</p>
                <code data-testid="secret-value">{value.clone()}</code>
                <button type="button" class="button button--ghost" data-testid="copy-secret" on:click=move |_| {
                    let _ = window().navigator().clipboard().write_text(&value);
                }>{tr!(secret_copy)}</button>
            </div>
        })}
        {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
        <Show when=move || id.get().is_some()>
            <button type="button" class="button button--ghost" data-testid="rotate-secret"
                disabled=rotate.pending()
                on:click=move |_| {
                    if let Some(listing) = id.get_untracked() {
                        rotate.dispatch(listing);
                    }
                }>
                {tr!(secret_rotate)}
            </button>
        </Show>
    }
}
