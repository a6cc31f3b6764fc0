//! A service of the account, added or changed: its names in both languages,
//! its duration and its own price, each checked as typed by the rule the
//! server applies again.

use super::messages::booking_error;
use super::Screen;
use crate::api;
use crate::api::ApiError;
use crate::domain::booking::services::{OwnService, ServiceInput, ServiceProblem};
use crate::domain::booking::BookingRefusal;
use crate::i18n::*;
use crate::texts::booking::problem_text;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Input, Text};
use leptos::prelude::*;

fn control(problem: ServiceProblem) -> String {
    match problem {
        ServiceProblem::NameRu => "bk-name-ru",
        ServiceProblem::NameEn => "bk-name-en",
        ServiceProblem::Duration => "bk-duration",
        ServiceProblem::Price => "bk-price",
    }
    .into()
}

#[component]
pub fn ServiceForm(
    screen: Screen,
    /// The service changed; `None`: a new one.
    editing: Option<OwnService>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = editing.as_ref().map(|service| service.id.clone());
    let start = editing.map(|s| ServiceInput {
        name_ru: s.name.ru,
        name_en: s.name.en,
        duration_min: s.duration_min.to_string(),
        price: s.price.to_string(),
    });
    let creating = start.is_none();
    let input = RwSignal::new(start.unwrap_or_default());
    let form = Form::new(move || input.with(ServiceInput::problems), control);
    let save = widgets::submit(move |typed: &ServiceInput| {
        let saved = api::booking::save_account_service(id.clone(), typed.clone());
        let connection = screen.connection();
        async move {
            match saved.await {
                Ok(_) => {
                    screen.answered(api::booking::booking_channel(connection).await.map_err(Some)?);
                    on_close.run(());
                    Ok(())
                }
                Err(error) => {
                    // A field's problem goes beside its field; anything else above the button.
                    if let ApiError::Booking(refusal) = &error {
                        if let Some(BookingRefusal::Invalid(problem)) = refusal.decode() {
                            form.refused(vec![problem]);
                            return Err(None);
                        }
                    }
                    Err(Some(error))
                }
            }
        }
    });
    let failure = move || save.value().get().and_then(|r| r.err().flatten());
    let message = move |problem| form.message(problem, |l, p: &ServiceProblem| problem_text(l, p));
    let edit = move |problem: ServiceProblem, change: fn(&mut ServiceInput, String)| {
        move |text: String| {
            input.update(|typed| change(typed, text));
            form.edited(problem);
        }
    };
    let (ru_label, en_label, duration_label, price_label): (Text, Text, Text, Text) = (
        |l| td_string!(l, bk_name_ru),
        |l| td_string!(l, bk_name_en),
        |l| td_string!(l, bk_duration_min),
        |l| td_string!(l, bk_price_rub),
    );
    let duration_hint: Text = |l| td_string!(l, bk_duration_hint);
    view! {
        <form class="inline-form stack" data-testid="service-form" novalidate
            on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                if !save.pending().get_untracked() && form.ready_to_send() {
                    save.dispatch(input.get_untracked());
                }
            }
            on:keydown=move |event: web_sys::KeyboardEvent| {
                if event.key() == "Escape" { event.prevent_default(); on_close.run(()); }
            }>
            <h3>{move || if creating { t_string!(i18n, bk_new_service) } else { t_string!(i18n, bk_edit_service) }}</h3>
            <div class="form-grid">
                <Field id="bk-name-ru" label=ru_label message=message(ServiceProblem::NameRu)>
                    <Input value=Signal::derive(move || input.with(|i| i.name_ru.clone()))
                        on_input=edit(ServiceProblem::NameRu, |i, t| i.name_ru = t) />
                </Field>
                <Field id="bk-name-en" label=en_label message=message(ServiceProblem::NameEn)>
                    <Input value=Signal::derive(move || input.with(|i| i.name_en.clone()))
                        on_input=edit(ServiceProblem::NameEn, |i, t| i.name_en = t) />
                </Field>
                <Field id="bk-duration" label=duration_label hint=duration_hint message=message(ServiceProblem::Duration)>
                    <Input value=Signal::derive(move || input.with(|i| i.duration_min.clone())) inputmode="numeric"
                        on_input=edit(ServiceProblem::Duration, |i, t| i.duration_min = t) />
                </Field>
                <Field id="bk-price" label=price_label message=message(ServiceProblem::Price)>
                    <Input value=Signal::derive(move || input.with(|i| i.price.clone())) inputmode="decimal"
                        on_input=edit(ServiceProblem::Price, |i, t| i.price = t) />
                </Field>
            </div>
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="service-error">{booking_error(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="submit" class="button button--primary" data-testid="service-save" disabled=save.pending()>
                    {move || if save.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, save) }}
                </button>
                <button type="button" class="button" on:click=move |_| on_close.run(())>{tr!(cancel)}</button>
            </div>
        </form>
    }
}
