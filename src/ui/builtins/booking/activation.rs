//! Step 1, activating the channel: the consent declaration and the terms
//! and conditions, each shown with its version and accepted by a tick; the
//! channel is activated only with both, checked here as on the server.

use super::messages::booking_error;
use super::Screen;
use crate::api;
use crate::api::ApiError;
use crate::domain::booking::channel::{Acceptance, ConsentText};
use crate::domain::booking::BookingRefusal;
use crate::domain::dates::format_date_time;
use crate::i18n::*;
use crate::texts::booking::refusal_text;
use crate::texts::lang_of;
use crate::ui::books::use_books;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn Activation(screen: Screen) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let declaration = RwSignal::new(false);
    let terms = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let acceptance = move || {
        let (declaration_version, terms_version) =
            screen.channel.with(|c| (c.declaration_version.clone(), c.terms_version.clone()));
        Acceptance {
            declaration: declaration.get().then_some(declaration_version),
            terms: terms.get().then_some(terms_version),
        }
    };
    let activate = widgets::submit(move |accepted: &Acceptance| {
        let call = api::booking::activate_channel(screen.connection(), accepted.clone());
        async move {
            screen.answered(call.await?);
            Ok::<(), ApiError>(())
        }
    });
    let missing = move || tried.get().then(|| acceptance().missing()).flatten();
    let failure = move || {
        let locale = i18n.get_locale();
        match missing() {
            Some(text) => Some(refusal_text(locale, &BookingRefusal::ConsentMissing(text))),
            None => activate.value().get().and_then(Result::err).map(|e| booking_error(locale, &e)),
        }
    };
    let send = move || {
        tried.set(true);
        match acceptance().missing() {
            Some(ConsentText::Declaration) => widgets::form::focus_control("consent-declaration"),
            Some(ConsentText::Terms) => widgets::form::focus_control("consent-terms"),
            None if !activate.pending().get_untracked() => activate.dispatch(acceptance()),
            None => {}
        }
    };
    let text = move |id: &'static str,
                     title: &'static str,
                     body: &'static str,
                     version: String,
                     label: &'static str,
                     ticked: RwSignal<bool>| {
        let heading = format!("{id}-title");
        view! {
            <section class="consent" aria-labelledby=heading.clone()>
                <h3 id=heading.clone()>{title}</h3>
                <p class="hint">{td_string!(i18n.get_locale(), bk_version, version = version.as_str()).to_string()}</p>
                <div class="consent-text" tabindex="0" role="region" aria-label=title>
                    <p>{body}</p>
                </div>
                <label class="switch">
                    <input type="checkbox" id=id data-testid=id prop:checked=ticked
                        aria-invalid=move || (missing().is_some() && !ticked.get()).to_string()
                        on:change=move |e| ticked.set(event_target_checked(&e)) />
                    <span>{label}</span>
                </label>
            </section>
        }
    };
    // Only activating redraws the section: the ticks and the focus stay while rows change.
    let consent = Memo::new(move |_| screen.channel.with(|c| c.consent.clone()));
    move || {
        let locale = i18n.get_locale();
        let channel = screen.channel.get_untracked();
        match consent.get() {
            Some(consent) => {
                let at = format_date_time(consent.accepted_at, books.tz.get(), lang_of(locale));
                view! {
                <section class="panel" data-testid="channel-activation" aria-labelledby="bk-activate-title">
                    <h2 id="bk-activate-title">{tr!(bk_step_activate)}</h2>
                    <p class="notice-box" role="status" data-testid="channel-active">
                        {td_string!(locale, bk_activated,
                            at = at.as_str(),
                            declaration = consent.declaration_version.as_str(),
                            terms = consent.terms_version.as_str()).to_string()}
                    </p>
                </section>
                }
                .into_any()
            }
            None => view! {
                <section class="panel" data-testid="channel-activation" aria-labelledby="bk-activate-title">
                    <h2 id="bk-activate-title">{tr!(bk_step_activate)}</h2>
                    <p class="hint">{tr!(bk_activate_lead)}</p>
                    {text("consent-declaration", td_string!(locale, bk_declaration_title), td_string!(locale, bk_declaration_text),
                        channel.declaration_version.clone(), td_string!(locale, bk_accept_declaration), declaration)}
                    {text("consent-terms", td_string!(locale, bk_terms_title), td_string!(locale, bk_terms_text),
                        channel.terms_version.clone(), td_string!(locale, bk_accept_terms), terms)}
                    {move || failure().map(|message| view! { <p class="form-error" role="alert" data-testid="activation-error">{message}</p> })}
                    <div class="form-actions">
                        <button type="button" class="button button--primary" data-testid="channel-activate"
                            disabled=activate.pending() on:click=move |_| send()>
                            {move || if activate.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, bk_activate) }}
                        </button>
                    </div>
                </section>
            }
            .into_any(),
        }
    }
}
