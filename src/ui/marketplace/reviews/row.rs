//! One review in the pop-up: its stars, author, how long they used the
//! module, its text and the partner's reply, and what the reader may do with
//! it: find it helpful, report it or its reply, or (its partner) reply.

use crate::api;
use crate::api::reviews::{ReplyView, ReviewView};
use crate::api::ApiError;
use crate::domain::dates::format_date;
use crate::domain::review::report::{report_text, ReportReason, Target};
use crate::domain::review::{reply_text, ReviewProblem, Shown, Stars};
use crate::domain::Coded;
use crate::i18n::*;
use crate::texts::reviews::{problem_text, reason_name};
use crate::ui::books::{use_books, BooksState};
use crate::ui::labels::{error_message, lang_of, used_months_text};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Select, TextArea};
use leptos::prelude::*;

/// The stars of a review, read out as "4 of 5 stars".
#[component]
pub fn StarsShown(stars: Stars) -> impl IntoView {
    let i18n = use_i18n();
    let filled = usize::from(stars.get());
    view! {
        <span class="stars" role="img" data-testid="review-stars" data-stars=filled
            aria-label=move || td_string!(i18n.get_locale(), rv_stars_label, stars = filled).to_string()>
            {"★".repeat(filled)}<span class="stars-empty">{"★".repeat(5 - filled)}</span>
        </span>
    }
}

/// What the reader has opened under a review: one form in the whole list at
/// a time, so the page never holds two controls of one id.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Open {
    Report(Target),
    Reply,
}

/// The review whose form is open, and which form.
#[derive(Clone, Copy)]
pub struct OpenForm(pub RwSignal<Option<(crate::domain::ReviewId, Open)>, LocalStorage>);

#[component]
pub fn ReviewRow(review: ReviewView, partner: bool, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    // An account owner marks others' reviews helpful.
    let owner = move || books.state.with(|s| matches!(s, BooksState::Loaded(_)));
    let helpful = RwSignal::new(review.helpful);
    let marked = RwSignal::new(false);
    let OpenForm(opened) = expect_context::<OpenForm>();
    let id = StoredValue::new(review.id.clone());
    let open =
        move || opened.with(|o| o.as_ref().filter(|(at, _)| id.with_value(|id| at == id)).map(|(_, form)| *form));
    let toggle = move |form: Open| {
        let closing = open() == Some(form);
        opened.set((!closing).then(|| (id.get_value(), form)));
    };
    let close = move || opened.set(None);
    let failure = RwSignal::new(None::<ApiError>);
    let mark = widgets::submit(move |_: &()| {
        let sent = api::reviews::mark_helpful(id.get_value());
        async move {
            match sent.await {
                Ok(count) => {
                    helpful.set(count);
                    marked.set(true);
                    failure.set(None);
                }
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let written = review.written_at;
    let when = move || format_date(written.date_naive(), lang_of(i18n.get_locale()));
    let edited = review.edited_at.is_some();
    let months = review.used_months;
    let mine = review.mine;
    let has_reply = review.reply.is_some();
    let reply_text_now = review.reply.as_ref().map(|r| r.text.clone()).unwrap_or_default();
    view! {
        <li class="rv-item" data-testid="review-row" data-review=review.id.to_string() lang=review.lang.code()>
            <header class="rv-head">
                <StarsShown stars=review.stars />
                <span class="rv-author">{review.author_name.clone()}</span>
                <span class="rv-meta">
                    {move || used_months_text(i18n.get_locale(), months)} " · " {when}
                    {edited.then(|| view! { " · " <span data-testid="review-edited">{tr!(rv_edited)}</span> })}
                </span>
            </header>
            <p class="rv-text" data-testid="review-body">{review.text.clone()}</p>
            {moderation_note(review.shown.clone(), false, "review-moderation")}
            {review.reply.clone().map(|reply| view! { <ReplyShown reply /> })}
            <div class="rv-actions">
                <Show when=move || owner() && !mine>
                    <button type="button" class="button button--small" data-testid="review-helpful"
                        aria-pressed=move || marked.get().to_string() disabled=move || marked.get() || mark.pending().get()
                        on:click=move |_| mark.dispatch(())>
                        {move || td_string!(i18n.get_locale(), rv_helpful, count = helpful.get()).to_string()}
                    </button>
                </Show>
                <Show when=move || !owner() || mine>
                    <span class="hint" data-testid="review-helpful-count">
                        {move || td_string!(i18n.get_locale(), rv_helpful_count, count = helpful.get()).to_string()}
                    </span>
                </Show>
                {(!mine).then(|| view! {
                    <button type="button" class="button button--small button--quiet" data-testid="review-report"
                        aria-expanded=move || (open() == Some(Open::Report(Target::Review))).to_string()
                        on:click=move |_| toggle(Open::Report(Target::Review))>
                        {tr!(rv_report)}
                    </button>
                })}
                {(has_reply && !partner).then(|| view! {
                    <button type="button" class="button button--small button--quiet" data-testid="reply-report"
                        aria-expanded=move || (open() == Some(Open::Report(Target::Reply))).to_string()
                        on:click=move |_| toggle(Open::Report(Target::Reply))>
                        {tr!(rv_report_reply)}
                    </button>
                })}
                {partner.then(|| view! {
                    <button type="button" class="button button--small" data-testid="review-reply-open"
                        aria-expanded=move || (open() == Some(Open::Reply)).to_string()
                        on:click=move |_| toggle(Open::Reply)>
                        {if has_reply { tr!(rv_reply_edit) } else { tr!(rv_reply) }}
                    </button>
                })}
            </div>
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            {move || match open() {
                None => None,
                Some(Open::Report(target)) => Some(view! { <ReportForm id=id.get_value() target close /> }.into_any()),
                Some(Open::Reply) => Some(view! {
                    <ReplyForm id=id.get_value() text=reply_text_now.clone() close changed />
                }.into_any()),
            }}
        </li>
    }
}

/// What a moderator decided on a review (or on a reply, `of_reply`), for those
/// who may read it (its author, its module's partner): the server sends
/// `Shown` to no one else.
pub(super) fn moderation_note(shown: Shown, of_reply: bool, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let note = match shown {
        Shown::Hidden { reason } => Some((true, reason)),
        Shown::EditAsked { note } => Some((false, note)),
        Shown::Shown => None,
    };
    note.map(|(hidden, note)| {
        let text = move || {
            let locale = i18n.get_locale();
            match (hidden, of_reply) {
                (true, false) => td_string!(locale, rv_hidden_note, reason = note.as_str()).to_string(),
                (true, true) => td_string!(locale, rv_reply_hidden_note, reason = note.as_str()).to_string(),
                (false, _) => td_string!(locale, rv_edit_asked_note, note = note.as_str()).to_string(),
            }
        };
        view! { <p class="notice" role="status" data-testid=testid data-hidden=hidden.to_string()>{text}</p> }
    })
}

#[component]
fn ReplyShown(reply: ReplyView) -> impl IntoView {
    let i18n = use_i18n();
    let written = reply.written_at;
    let when = move || format_date(written.date_naive(), lang_of(i18n.get_locale()));
    view! {
        <div class="rv-reply" data-testid="review-reply">
            <p class="rv-reply-head">{tr!(rv_reply_title)} " · " {when}</p>
            <p class="rv-text">{reply.text}</p>
            {moderation_note(reply.shown, true, "reply-moderation")}
        </div>
    }
}

/// What a review form's send came to: `done` once sent; the problems the
/// server found shown on their fields; any other error, to show above the buttons.
pub(super) fn settle<T>(
    sent: Result<T, ApiError>,
    form: Form<ReviewProblem>,
    done: impl FnOnce(),
) -> Result<(), Option<ApiError>> {
    match sent {
        Ok(_) => {
            done();
            Ok(())
        }
        Err(ApiError::ReviewInvalid(problems)) => {
            form.refused(problems.decode());
            Err(None)
        }
        Err(error) => Err(Some(error)),
    }
}

/// The report's controls: its reason, and its text (the problems' "report" field).
fn report_control(field: &'static str) -> String {
    match field {
        "report" => "report-text".into(),
        other => format!("report-{other}"),
    }
}

/// Reports the review, or its reply, to the moderators.
#[component]
fn ReportForm(
    id: crate::domain::ReviewId,
    target: Target,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(ReportReason::Spam);
    let text = RwSignal::new(String::new());
    let form = Form::new(move || text.with(|t| report_text(t).err().into_iter().collect()), report_control);
    let id = StoredValue::new(id);
    let send = widgets::submit(move |(reason, text): &(ReportReason, String)| {
        let sent = api::reviews::report_review(id.get_value(), target, *reason, text.clone());
        async move { settle(sent.await, form, || ()) }
    });
    let sent = move || matches!(send.value().get(), Some(Ok(())));
    let failure = move || send.value().get().and_then(|r| r.err().flatten());
    let message = move |field| form.message(field, |l, p: &ReviewProblem| problem_text(l, *p));
    view! {
        <Show when=move || !sent() fallback=move || view! {
            <p class="notice" role="status" data-testid="report-sent">{tr!(rv_report_sent)}</p>
        }>
            <form class="inline-form" data-testid="report-form" novalidate
                on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    if !send.pending().get_untracked() && form.ready_to_send() {
                        send.dispatch((reason.get_untracked(), text.get_untracked()));
                    }
                }>
                <Field id=report_control("reason") label=|l| td_string!(l, rv_report_reason)>
                    <Select on_change=move |code: String| {
                        if let Some(picked) = ReportReason::from_code(&code) {
                            reason.set(picked);
                        }
                    }>
                        {ReportReason::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=move || reason.get() == r>{move || reason_name(i18n.get_locale(), r)}</option>
                        }).collect_view()}
                    </Select>
                </Field>
                <Field id=report_control("report") label=|l| td_string!(l, rv_report_text) message=message("report")>
                    <TextArea value=text on_input=move |typed: String| { text.set(typed); form.edited("report"); } />
                </Field>
                {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button button--primary" data-testid="report-send" disabled=send.pending()>
                        {tr!(rv_report_send)}
                    </button>
                    <button type="button" class="button" on:click=move |_| close()>{tr!(cancel)}</button>
                </div>
            </form>
        </Show>
    }
}

/// The reply form's one control.
fn reply_control(_: &'static str) -> String {
    "reply-text".into()
}

/// The partner's reply: written once, changed as often as needed.
#[component]
fn ReplyForm(
    id: crate::domain::ReviewId,
    text: String,
    close: impl Fn() + Copy + Send + Sync + 'static,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(text);
    let form = Form::new(move || text.with(|t| reply_text(t).err().into_iter().collect()), reply_control);
    let id = StoredValue::new(id);
    let send = widgets::submit(move |typed: &String| {
        let sent = api::reviews::reply_to_review(id.get_value(), typed.clone());
        async move {
            settle(sent.await, form, || {
                close();
                changed.run(());
            })
        }
    });
    let failure = move || send.value().get().and_then(|r: Result<(), Option<ApiError>>| r.err().flatten());
    let message = move |field| form.message(field, |l, p: &ReviewProblem| problem_text(l, *p));
    view! {
        <form class="inline-form" data-testid="reply-form" novalidate
            on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                if !send.pending().get_untracked() && form.ready_to_send() {
                    send.dispatch(text.get_untracked());
                }
            }>
            <Field id=reply_control("reply") label=|l| td_string!(l, rv_reply_text) message=message("reply")>
                <TextArea value=text on_input=move |typed: String| { text.set(typed); form.edited("reply"); } />
            </Field>
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="submit" class="button button--primary" data-testid="reply-send" disabled=send.pending()>
                    {tr!(rv_reply_send)}
                </button>
                <button type="button" class="button" on:click=move |_| close()>{tr!(cancel)}</button>
            </div>
        </form>
    }
}
