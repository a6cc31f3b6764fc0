//! The module form, in the seed's groups, a file each. Every rule is the
//! domain's `ListingDraft::problems`, run as the partner types; a field's
//! message shows once it is touched, or on sending for review.

mod code_check;
mod countries;
mod logo;
mod materials;
mod permissions;
mod pricing;
mod secret;
mod section;
mod state;
mod system;

use super::messages::status_text;
use super::preview::ListingPreview;
use crate::api;
use crate::api::partner::{DraftView, Saved};
use crate::api::ApiError;
use crate::domain::submission::lifecycle::{Lifecycle, Stage};
use crate::domain::submission::{Context, ListingDraft};
use crate::domain::Lang;
use crate::i18n::*;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::Form;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use state::{control, ListingState};

/// What sending asks: save the draft, or save it and send it to review.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Send {
    Save,
    ForReview,
}

#[component]
pub fn ListingForm(initial: Option<DraftView>, vendor: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let (draft, id, lifecycle, has_secret) = match initial {
        Some(view) => (view.draft, Some(view.id), view.lifecycle, view.has_secret),
        None => (ListingDraft::default(), None, Lifecycle::default(), true),
    };
    let published_code = lifecycle.published.then(|| draft.code.clone());
    let code_fixed = published_code.is_some();
    let (draft, id, lifecycle) = (RwSignal::new(draft), RwSignal::new(id), RwSignal::new(lifecycle));
    let code_taken = code_check::code_taken(draft, id, published_code.clone());
    let form = Form::new(
        move || {
            let context = Context { code_taken: code_taken.get(), published_code: published_code.clone() };
            draft.with(|d| d.problems(&context))
        },
        control,
    );
    let frozen = Signal::derive(move || lifecycle.with(|l| l.stage == Stage::InReview));
    let state = ListingState { draft, form, frozen };
    let secret = RwSignal::new(None::<String>);

    let send = widgets::submit(move |asked: &Send| {
        let (asked, navigate) = (*asked, navigate.clone());
        async move {
            let sent: Result<DraftView, ApiError> = async {
                let Saved { view, secret: shown } =
                    api::partner::save_listing(id.get_untracked(), draft.get_untracked()).await?;
                if shown.is_some() {
                    secret.set(shown);
                }
                match asked {
                    Send::ForReview => api::partner::submit_listing(view.id.clone()).await,
                    Send::Save => Ok(view),
                }
            }
            .await;
            match sent {
                Ok(view) => {
                    lifecycle.set(view.lifecycle);
                    if id.get_untracked().is_none() {
                        let options = leptos_router::NavigateOptions { replace: true, ..Default::default() };
                        navigate(&format!("/partner/{}", view.id), options);
                    }
                    id.set(Some(view.id));
                    Ok(())
                }
                Err(ApiError::Invalid(problems)) => {
                    form.refused(problems.decode());
                    Err(ApiError::Invalid(problems))
                }
                Err(error) => Err(error),
            }
        }
    });
    let sending = send.pending();
    let busy = move || sending.get() || frozen.get();
    let saved = move || !sending.get() && matches!(send.value().get(), Some(Ok(())));
    let failure = move || send.value().get().and_then(Result::err);
    let for_review = move |_| {
        if !sending.get_untracked() && form.ready_to_send() {
            send.dispatch(Send::ForReview);
        }
    };
    let heading = move || {
        let name = draft.with(|d| d.materials.get(lang_of(i18n.get_locale())).name.trim().to_string());
        if name.is_empty() {
            t_string!(i18n, partner_new_listing).to_string()
        } else {
            name
        }
    };
    let problem_count = move || match form.problem_count() {
        0 => t_string!(i18n, partner_ready).to_string(),
        n => td_string!(i18n.get_locale(), partner_problems, count = n).to_string(),
    };

    view! {
        <div class="listing-editor">
            <form class="listing-form" novalidate on:submit=move |e| {
                e.prevent_default();
                if !sending.get_untracked() {
                    send.dispatch(Send::Save);
                }
            }>
                <header class="form-head">
                    <h1>{heading}</h1>
                    <span class="badge" data-testid="listing-status">
                        {move || status_text(i18n.get_locale(), lifecycle.with(Lifecycle::status))}
                    </span>
                </header>
                {move || lifecycle.with(|l| match &l.stage {
                    Stage::Rejected(reason) => Some(view! {
                        <p class="notice notice--error" data-testid="rejection-reason">
                            {tr!(partner_rejected_because)} " " {reason.clone()}
                        </p>
                    }),
                    _ => None,
                })}
                <Show when=move || frozen.get()>
                    <p class="notice" data-testid="in-review-note">{tr!(partner_in_review_note)}</p>
                </Show>
                <system::SystemFields state code_fixed />
                <logo::LogoPicker state />
                <pricing::PricingFields state />
                <countries::CountryPicker state />
                <materials::MaterialsFields state lang=Lang::Ru />
                <materials::MaterialsFields state lang=Lang::En />
                <materials::LinkFields state />
                <secret::SecretPanel id secret has_secret />
                {move || failure().map(|e| view! {
                    <p class="form-error" role="alert" data-testid="form-error">{error_message(i18n.get_locale(), &e)}</p>
                })}
                <div class="form-actions">
                    <Show when=saved>
                        <span class="hint" role="status" data-testid="saved-note">{tr!(partner_saved)}</span>
                    </Show>
                    <button type="submit" class="button" data-testid="save-draft" disabled=busy>
                        {tr!(partner_save_draft)}
                    </button>
                    <button type="button" class="button button--primary" data-testid="submit-review" disabled=busy
                        on:click=for_review>
                        {tr!(partner_submit)}
                    </button>
                </div>
                <p class="hint" data-testid="problem-count">{problem_count}</p>
            </form>
            <ListingPreview draft vendor />
        </div>
    }
}
