//! An account owner's own review of the module: "Write a review" (or why not
//! yet, and when), the form with its stars, text and language (checked as
//! typed by the rule the server applies again), and the review once written,
//! with a moderator's note on it, to edit or delete.

use super::row::{moderation_note, settle, StarsShown};
use super::why_not;
use crate::api;
use crate::api::reviews::ReviewView;
use crate::api::ApiError;
use crate::domain::review::eligibility::Eligibility;
use crate::domain::review::{ReviewDraft, ReviewProblem, Stars, TEXT_MAX};
use crate::domain::{Coded, Lang, ModuleCode};
use crate::i18n::*;
use crate::texts::reviews::problem_text;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction, Field, Form, Select, TextArea};
use leptos::prelude::*;

fn control(field: &'static str) -> String {
    format!("review-{field}")
}

#[component]
pub fn MyReview(code: ModuleCode, may: Eligibility, mine: Option<ReviewView>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let writing = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let allowed = may.allows();
    let why = StoredValue::new(may);
    let code = StoredValue::new(code);
    let mine = StoredValue::new(mine);
    let delete = move |()| {
        let Some(id) = mine.with_value(|m| m.as_ref().map(|m| m.id.clone())) else { return };
        leptos::task::spawn_local(async move {
            match api::reviews::delete_review(id).await {
                Ok(()) => changed.run(()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let written = move || {
        mine.get_value().map(|review| {
            view! {
                <div class="rv-mine" data-testid="my-review">
                    <p class="rv-mine-head"><strong>{tr!(rv_mine)}</strong> " " <StarsShown stars=review.stars /></p>
                    <p class="rv-text">{review.text.clone()}</p>
                    {moderation_note(review.shown.clone(), false, "my-review-moderation")}
                    <div class="form-actions">
                        <button type="button" class="button" data-testid="review-edit" on:click=move |_| writing.set(true)>
                            {tr!(rv_edit)}
                        </button>
                        <ConfirmAction
                            label=Signal::derive(move || t_string!(i18n, rv_delete).to_string())
                            question=Signal::derive(move || t_string!(i18n, rv_delete_question).to_string())
                            testid="review-delete"
                            on_confirm=delete
                        />
                    </div>
                </div>
            }
        })
    };
    let invite = move || {
        (mine.with_value(Option::is_none)).then(|| {
            view! {
                <div class="rv-invite">
                    <button type="button" class="button button--primary" data-testid="review-write"
                        disabled=!allowed aria-describedby=(!allowed).then_some("review-why")
                        on:click=move |_| writing.set(true)>
                        {tr!(rv_write)}
                    </button>
                    {(!allowed).then(|| view! {
                        <p class="hint" id="review-why" data-testid="review-why">
                            {move || why.with_value(|may| why_not(i18n.get_locale(), may))}
                        </p>
                    })}
                </div>
            }
        })
    };
    view! {
        {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
        <Show when=move || writing.get() fallback=move || view! { {written} {invite} }>
            <ReviewForm code=code.get_value() mine=mine.get_value() close=move || writing.set(false) changed />
        </Show>
    }
}

#[component]
fn ReviewForm(
    code: ModuleCode,
    mine: Option<ReviewView>,
    close: impl Fn() + Copy + Send + Sync + 'static,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stars = RwSignal::new(mine.as_ref().map_or(0, |m| m.stars.get()));
    let text = RwSignal::new(mine.as_ref().map(|m| m.text.clone()).unwrap_or_default());
    let lang = RwSignal::new(mine.as_ref().map_or_else(|| lang_of(i18n.get_locale_untracked()), |m| m.lang));
    let form =
        Form::new(move || ReviewDraft::parse(stars.get(), &text.get(), lang.get()).err().unwrap_or_default(), control);
    let editing = mine.map(|m| m.id);
    let code = StoredValue::new(code);
    let send = widgets::submit(move |(stars, text, lang): &(u8, String, Lang)| {
        let sent = match editing.clone() {
            Some(id) => leptos::either::Either::Left(api::reviews::edit_review(id, *stars, text.clone(), *lang)),
            None => {
                leptos::either::Either::Right(api::reviews::write_review(code.get_value(), *stars, text.clone(), *lang))
            }
        };
        async move {
            let sent = match sent {
                leptos::either::Either::Left(edit) => edit.await,
                leptos::either::Either::Right(write) => write.await,
            };
            settle(sent, form, || {
                close();
                changed.run(());
            })
        }
    });
    let failure = move || send.value().get().and_then(|r: Result<(), Option<ApiError>>| r.err().flatten());
    let message = move |field| form.message(field, |l, p: &ReviewProblem| problem_text(l, *p));
    let counter = move || format!("{} / {TEXT_MAX}", text.with(|t| t.trim().chars().count()));
    let star = move |n: Stars| {
        let value = n.get();
        view! {
            <label class="star-choice">
                <input type="radio" name="review-stars" value=value data-testid=format!("review-stars-{value}")
                    prop:checked=move || stars.get() == value
                    on:change=move |_| { stars.set(value); form.edited("stars"); } />
                <span aria-hidden="true">"★"</span>
                <span class="visually-hidden">{move || td_string!(i18n.get_locale(), rv_stars_label, stars = value).to_string()}</span>
            </label>
        }
    };
    view! {
        <form class="rv-form" data-testid="review-form" novalidate
            on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                if !send.pending().get_untracked() && form.ready_to_send() {
                    send.dispatch((stars.get_untracked(), text.get_untracked(), lang.get_untracked()));
                }
            }>
            <Field id=control("stars") group=true label=|l| td_string!(l, rv_form_stars) message=message("stars")>
                <div class="star-choices">{Stars::ALL.into_iter().map(star).collect_view()}</div>
            </Field>
            <Field id=control("text") label=|l| td_string!(l, rv_form_text) hint=|l| td_string!(l, rv_form_text_hint)
                message=message("text")>
                <TextArea value=text on_input=move |typed: String| { text.set(typed); form.edited("text"); } />
            </Field>
            <p class="hint counter" aria-live="polite" data-testid="review-counter">{counter}</p>
            <Field id=control("lang") label=|l| td_string!(l, rv_form_lang)>
                <Select on_change=move |code: String| {
                    if let Some(picked) = Lang::from_code(&code) {
                        lang.set(picked);
                    }
                }>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=move || lang.get() == l>
                            {move || match l {
                                Lang::Ru => t_string!(i18n, rv_lang_ru),
                                Lang::En => t_string!(i18n, rv_lang_en),
                            }}
                        </option>
                    }).collect_view()}
                </Select>
            </Field>
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="submit" class="button button--primary" data-testid="review-send" disabled=send.pending()>
                    {move || if send.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, rv_publish) }}
                </button>
                <button type="button" class="button" data-testid="review-cancel" on:click=move |_| close()>{tr!(cancel)}</button>
            </div>
        </form>
    }
}
