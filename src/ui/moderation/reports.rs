//! The moderators' Reviews tab: reports of reviews and replies, newest
//! first, each with the review, its reply and why it was reported; hide it
//! (its author is told why), keep it, or ask its author to edit it. Below,
//! the latest decisions with who took them and when.

use super::WaitingCounts;
use crate::api;
use crate::api::reviews::{ReportItem, ReportsView};
use crate::api::ApiError;
use crate::domain::dates::format_date_time;
use crate::domain::review::report::{Decision, Target};
use crate::domain::review::ReviewProblem;
use crate::domain::Coded;
use crate::i18n::*;
use crate::texts::reviews::{problem_text, reason_name};
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::widgets::form::focus_control;
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Field, TextArea};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Reports(waiting: WaitingCounts) -> impl IntoView {
    let reports = LocalResource::new(|| async { api::reviews::review_reports(None).await });
    let screen = loaded(reports, move |first| view! { <Screen first waiting /> });
    view! {
        <header class="page-head">
            <div>
                <h1>{tr!(rq_title)}</h1>
                <p class="lead">{tr!(rq_lead)}</p>
            </div>
        </header>
        {screen}
    }
}

#[component]
fn Screen(first: ReportsView, waiting: WaitingCounts) -> impl IntoView {
    let view = RwSignal::new(first);
    let decided = Callback::new(move |fresh: ReportsView| {
        view.set(fresh);
        waiting.refetch();
    });
    view! {
        <Show
            when=move || view.with(|v| !v.open.items.is_empty())
            fallback=move || view! { <p class="empty" data-testid="reports-empty">{tr!(rq_empty)}</p> }
        >
            <ul class="report-list">
                <For each=move || view.with(|v| v.open.items.clone()) key=|item| item.report.id.clone()
                    children=move |item| view! { <ReportCard item decided /> } />
            </ul>
        </Show>
        <section class="panel" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{tr!(rq_decisions)}</h2>
            <Show
                when=move || view.with(|v| !v.decided.is_empty())
                fallback=move || view! { <p class="empty" data-testid="decisions-empty">{tr!(rq_no_decisions)}</p> }
            >
                <ul class="decision-log" data-testid="decision-log">
                    <For each=move || view.with(|v| v.decided.clone()) key=|item| item.report.id.clone()
                        children=move |item| view! { <DecisionLine item /> } />
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ReportCard(item: ReportItem, decided: Callback<ReportsView>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let ReportItem { report, review, module } = item;
    let note = RwSignal::new(String::new());
    // Hiding or asking for an edit needs a note; the server checks it again.
    let problem = RwSignal::new(None::<ReviewProblem>);
    let failure = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let note_id = format!("decision-note-{}", report.id);
    let id = StoredValue::new(report.id.clone());
    let decide = {
        let note_id = note_id.clone();
        move |decision: Decision| {
            if pending.get_untracked() {
                return;
            }
            if decision != Decision::Keep && note.with_untracked(|n| n.trim().is_empty()) {
                problem.set(Some(ReviewProblem::NoteEmpty));
                focus_control(&note_id);
                return;
            }
            pending.set(true);
            let note = note.get_untracked();
            leptos::task::spawn_local(async move {
                match api::reviews::decide_report(id.get_value(), decision, note).await {
                    Ok(fresh) => decided.run(fresh),
                    Err(ApiError::ReviewInvalid(problems)) => problem.set(problems.decode().first().copied()),
                    Err(error) => failure.set(Some(error)),
                }
                pending.set(false);
            });
        }
    };
    let at = report.at;
    let reported = {
        let (reason, reporter) = (report.reason, report.reporter.to_string());
        move || {
            let locale = i18n.get_locale();
            let date = format_date_time(at, books.tz.get(), lang_of(locale));
            let reason = reason_name(locale, reason);
            td_string!(locale, rq_reported, reason = reason, email = reporter.as_str(), date = date).to_string()
        }
    };
    let target = report.target;
    let quoted = review.map(|review| {
        let reply = review.reply.clone();
        let (code, author) = (review.module.to_string(), review.author_name.clone());
        let module = move || module.as_ref().map_or_else(|| code.clone(), |names| names.get(lang_of(i18n.get_locale())).clone());
        view! {
            <p class="hint">{move || td_string!(i18n.get_locale(), rq_review_of, module = module(), author = author.as_str()).to_string()}</p>
            <blockquote class="rv-text" data-testid="report-review" class:quoted--target=target == Target::Review>
                {review.text.clone()}
            </blockquote>
            {reply.map(|reply| view! {
                <blockquote class="rv-reply" data-testid="report-reply" class:quoted--target=target == Target::Reply>
                    <strong>{tr!(rv_reply_title)}</strong> " " {reply.text}
                </blockquote>
            })}
        }
    });
    let message = Signal::derive(move || problem.get().map(|p| problem_text(i18n.get_locale(), p)));
    let (hide, ask, keep) = (decide.clone(), decide.clone(), decide);
    view! {
        <li class="panel report" data-testid="report-row" data-report=report.id.to_string() data-target=target.code()>
            <p class="report-what">
                <strong>{move || match target {
                    Target::Review => t_string!(i18n, rq_target_review),
                    Target::Reply => t_string!(i18n, rq_target_reply),
                }}</strong>
                " · " {reported}
            </p>
            <p class="report-text">{report.text.clone()}</p>
            {match quoted {
                Some(quoted) => Either::Left(quoted),
                None => Either::Right(view! { <p class="hint" data-testid="report-gone">{tr!(rq_gone)}</p> }),
            }}
            <Field id=note_id testid="decision-note" label=|l| td_string!(l, rq_note) hint=|l| td_string!(l, rq_note_hint)
                message=message>
                <TextArea value=note on_input=move |typed: String| { note.set(typed); problem.set(None); } />
            </Field>
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="button" class="button button--danger" data-testid="report-hide" disabled=pending
                    on:click=move |_| hide(Decision::Hide)>{tr!(rq_hide)}</button>
                <button type="button" class="button" data-testid="report-ask" disabled=pending
                    on:click=move |_| ask(Decision::AskToEdit)>{tr!(rq_ask)}</button>
                <button type="button" class="button" data-testid="report-keep" disabled=pending
                    on:click=move |_| keep(Decision::Keep)>{tr!(rq_keep)}</button>
            </div>
        </li>
    }
}

#[component]
fn DecisionLine(item: ReportItem) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let decided = item.report.decided?;
    let line = move || {
        let locale = i18n.get_locale();
        let decision = match decided.decision {
            Decision::Hide => td_string!(locale, rq_decision_hide),
            Decision::Keep => td_string!(locale, rq_decision_keep),
            Decision::AskToEdit => td_string!(locale, rq_decision_ask),
        };
        let date = format_date_time(decided.at, books.tz.get(), lang_of(locale));
        td_string!(locale, rq_decided, decision = decision, moderator = decided.by.as_str(), date = date).to_string()
    };
    Some(view! {
        <li data-testid="decision-row" data-decision=decided.decision.code()>
            {line} {(!decided.note.is_empty()).then(|| format!(" — {}", decided.note))}
        </li>
    })
}
