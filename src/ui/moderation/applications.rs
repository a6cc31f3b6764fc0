//! Partner applications as the moderator reads them: the pending ones with
//! the decision (approve, or decline with a reason), the decided ones with the
//! letter the decision sent, as the outbox keeps it.

use crate::api;
use crate::api::applications::{ApplicationView, Letter};
use crate::domain::application::{Decision, DecisionKind};
use crate::domain::dates::format_date_time;
use crate::domain::{ApplicationId, Coded};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction, Field, TextArea};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Applications(waiting: super::WaitingCounts) -> impl IntoView {
    let list: super::ApplicationList = LocalResource::new(|| async { api::applications::applications(None).await });
    let decided = Callback::new(move |()| {
        list.refetch();
        waiting.refetch();
    });
    let items = widgets::loaded(list, move |first| {
        widgets::Paged::new(first, |from| api::applications::applications(Some(from))).list(
            move || view! { <p class="empty" data-testid="applications-empty">{tr!(applications_empty)}</p> },
            move |items| {
                move || {
                    items
                        .get()
                        .into_iter()
                        .map(|application| view! { <ApplicationCard application decided /> })
                        .collect_view()
                }
            },
        )
    });
    view! {
        <header class="page-head">
            <h1>{tr!(applications_title)}</h1>
        </header>
        {items}
    }
}

#[component]
fn ApplicationCard(application: ApplicationView, decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let when = move |at| format_date_time(at, books.tz.get(), lang_of(i18n.get_locale()));
    let ApplicationView { id, application: form, decision, submitted_at, decided_at, letter, joined } = application;
    let resendable = decision == Decision::Approved && !joined;
    let status = DecisionKind::from(&decision).code();
    let status_text = move || match status {
        "approved" => t_string!(i18n, application_approved),
        "declined" => t_string!(i18n, application_declined),
        _ => t_string!(i18n, application_pending),
    };
    let dates = move || {
        let locale = i18n.get_locale();
        let at = when(submitted_at);
        let submitted = td_string!(locale, application_submitted, at = at.as_str()).to_string();
        match decided_at.map(when) {
            Some(at) => format!("{submitted} · {}", td_string!(locale, application_decided, at = at.as_str())),
            None => submitted,
        }
    };
    let message = if form.message.is_empty() { None } else { Some(form.message.clone()) };
    view! {
        <article class="panel application" data-testid="application" data-email=form.email.clone() data-status=status>
            <header class="review-head">
                <h2>{form.company.clone()}</h2>
                <p class="hint">
                    <span class=format!("badge badge--{status}") data-testid="application-status">{status_text}</span>
                    " · " {dates}
                </p>
            </header>
            <dl class="application-facts">
                <dt>{tr!(field_contact)}</dt>
                <dd>{form.contact.clone()}</dd>
                <dt>{tr!(email)}</dt>
                <dd><a href=format!("mailto:{}", form.email)>{form.email.clone()}</a></dd>
                <dt>{tr!(field_phone)}</dt>
                <dd><a href=format!("tel:{}", form.phone.replace([' ', '(', ')', '-'], ""))>{form.phone.clone()}</a></dd>
                <dt>{tr!(field_website)}</dt>
                <dd><a href=form.website.clone() target="_blank" rel="noopener noreferrer nofollow">{form.website.clone()}</a></dd>
            </dl>
            <p class="application-message">
                {match message {
                    Some(text) => Either::Left(text),
                    None => Either::Right(view! { <span class="hint">{tr!(application_no_message)}</span> }),
                }}
            </p>
            {match decision {
                Decision::Pending => Either::Left(view! { <Decide id decided /> }),
                Decision::Approved | Decision::Declined(_) => Either::Right(view! {
                    {letter.map(|letter| view! { <LetterView letter /> })}
                    {resendable.then(|| view! { <ResendLink id decided /> })}
                }),
            }}
        </article>
    }
}

#[component]
fn Decide(id: ApplicationId, decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id_text = id.to_string();
    let reason = RwSignal::new(String::new());
    // `true` approves; `false` declines with the reason.
    let decide = widgets::submit(move |approve: &bool| {
        let (id, approve, reason) = (id.clone(), *approve, reason.get_untracked());
        async move {
            let decision = match approve {
                true => api::applications::approve_application(id).await,
                false => api::applications::decline_application(id, reason).await,
            };
            if decision.is_ok() {
                decided.run(());
            }
            decision.map(drop)
        }
    });
    let busy = decide.pending();
    let failure = move || decide.value().get().and_then(Result::err);
    view! {
        <div class="review-actions">
            <Field id=format!("decline-reason-{id_text}") testid="decline-reason" label=|l| td_string!(l, application_reason)>
                <TextArea value=reason on_input=move |text| reason.set(text) />
            </Field>
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="button" class="button" data-testid="decline"
                    disabled=move || busy.get() || reason.with(|r| r.trim().is_empty())
                    on:click=move |_| { decide.dispatch(false); }>{tr!(application_decline)}</button>
                <button type="button" class="button button--primary" data-testid="approve-application"
                    disabled=busy on:click=move |_| { decide.dispatch(true); }>{tr!(application_approve)}</button>
            </div>
        </div>
    }
}

/// A new link for a partner who has not joined yet; the old one stops working.
#[component]
fn ResendLink(id: ApplicationId, decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let send = widgets::submit(move |_: &()| {
        let id = id.clone();
        async move {
            let sent = api::applications::resend_link(id).await;
            if sent.is_ok() {
                decided.run(());
            }
            sent.map(drop)
        }
    });
    let failure = move || send.value().get().and_then(Result::err);
    view! {
        <div class="form-actions">
            <ConfirmAction
                label=Signal::derive(move || t_string!(i18n, resend_link).to_string())
                question=Signal::derive(move || t_string!(i18n, resend_link_confirm).to_string())
                testid="resend-link"
                on_confirm=Callback::new(move |()| { send.dispatch(()); })
            />
        </div>
        {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
    }
}

/// The letter as kept: its links can be followed, the rest is plain text. An
/// approval's one-time link is in the applicant's mailbox only, except in the
/// demo, where this outbox is the mailbox.
#[component]
fn LetterView(letter: Letter) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let delivery = move || match letter.sent_at {
        Some(at) => {
            let at = format_date_time(at, books.tz.get(), lang_of(i18n.get_locale()));
            td_string!(i18n.get_locale(), mail_sent, at = at.as_str()).to_string()
        }
        None => t_string!(i18n, mail_in_outbox).to_string(),
    };
    let demo = letter.demo_link.is_some();
    let lines = letter
        .body
        .lines()
        .map(|line| match (line.contains(Letter::LINK), &letter.demo_link) {
            (true, Some(link)) => Either::Left(view! { <p>{linked(&line.replace(Letter::LINK, link))}</p> }),
            (true, None) => Either::Right(view! {
                <p>{line.replace(Letter::LINK, "")} <em class="hint" data-testid="letter-link-hidden">{tr!(letter_link_hidden)}</em></p>
            }),
            (false, _) => Either::Left(view! { <p>{linked(line)}</p> }),
        })
        .collect_view();
    view! {
        <section class="letter" data-testid="letter">
            <h3>{tr!(application_letter)}</h3>
            <p class="hint">{letter.recipient.clone()} " · " {delivery}</p>
            {demo.then(|| view! { <p class="hint" data-testid="demo-mailbox">{tr!(letter_demo_mailbox)}</p> })}
            <p class="letter-subject" data-testid="letter-subject">{letter.subject.clone()}</p>
            <div class="letter-body" data-testid="letter-body">{lines}</div>
        </section>
    }
}

/// A line of the letter with each `http(s)://` address as a link.
fn linked(line: &str) -> impl IntoView {
    line.split_inclusive(' ')
        .map(|word| {
            let address = word.trim_end();
            if address.starts_with("https://") || address.starts_with("http://") {
                Either::Left(
                    view! { <a href=address.to_string() data-testid="letter-link">{address.to_string()}</a> " " },
                )
            } else {
                Either::Right(word.to_string())
            }
        })
        .collect_view()
}
