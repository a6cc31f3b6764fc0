//! The balance and its top-up: a payment on the provider's page (or a demo's
//! instant credit), and the outcome of a payment the payer came back from.

use crate::api;
use crate::api::types::{PaymentView, TopUpMode, TopUpOutcome};
use crate::api::ApiError;
use crate::domain::billing::{parse_top_up, AmountError, Refusal};
use crate::domain::money::format_rub;
use crate::domain::payment::PaymentStatus;
use crate::domain::{Coded, PaymentId};
use crate::i18n::*;
use crate::ui::books::{use_books, BooksState};
use crate::ui::intent::Intent;
use crate::ui::labels::{amount_error, error_message, lang_of};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field, Form, Input, Text};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// What a sent top-up led to, for the form to say.
#[derive(Clone)]
enum Sent {
    Credited(String),
    /// The browser is on its way to the provider's page.
    Redirecting,
}

#[component]
pub fn BalancePanel(
    /// The payment the payer came back from the provider's page with.
    payment: Option<PaymentId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let balance =
        move || books.view().map(|v| format_rub(v.ledger.balance, lang_of(i18n.get_locale()))).unwrap_or_default();
    let mode = books.state.with_untracked(|state| match state {
        BooksState::Loaded(view) => view.top_up,
        _ => TopUpMode::Off,
    });
    view! {
        <section class="panel balance-panel">
            <p class="balance-label">{tr!(balance)}</p>
            <p class="balance-amount" data-testid="billing-balance">{balance}</p>
            {payment.map(|id| view! { <PaymentOutcome id /> })}
            {match mode {
                TopUpMode::Off => Either::Left(view! {
                    <p class="hint" data-testid="top-up-off">{tr!(top_up_off)}</p>
                }),
                mode => Either::Right(view! { <TopUpForm mode /> }),
            }}
        </section>
    }
}

#[component]
fn TopUpForm(mode: TopUpMode) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let amount = RwSignal::new(String::new());
    let form =
        Form::new(move || amount.with(|a| parse_top_up(a).err().into_iter().collect()), |()| "top-up-amount".into());
    let intent = Intent::new();
    let pay = widgets::submit(move |typed: &String| {
        let typed = typed.clone();
        async move {
            let paid = parse_top_up(&typed).map(|sum| format_rub(sum, lang_of(i18n.get_locale_untracked())));
            let result = api::billing::top_up(typed, intent.key()).await;
            // A failure that may not have reached the server (or the provider) keeps
            // the key, so trying again pays once.
            if !matches!(result, Err(ApiError::Network(_) | ApiError::Internal | ApiError::PaymentProvider)) {
                intent.done();
            }
            match result {
                Ok(TopUpOutcome::Credited(view)) => {
                    books.state.set(BooksState::Loaded(view));
                    amount.set(String::new());
                    form.reset();
                    Ok(Sent::Credited(paid.unwrap_or_default()))
                }
                Ok(TopUpOutcome::Pay { url, .. }) => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(&url);
                    }
                    Ok(Sent::Redirecting)
                }
                Err(ApiError::Refused(Refusal::Amount(error))) => {
                    form.refused(vec![error]);
                    Err(None)
                }
                Err(error) => Err(Some(error)),
            }
        }
    });
    let paying = pay.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !paying.get_untracked() && form.ready_to_send() {
            pay.dispatch(amount.get_untracked());
        }
    };
    let sent = move || pay.value().get().and_then(Result::ok);
    let redirecting = move || matches!(sent(), Some(Sent::Redirecting));
    let done = move || match sent() {
        Some(Sent::Credited(sum)) if amount.with(String::is_empty) => Some(sum),
        _ => None,
    };
    let failure = move || pay.value().get().and_then(|result| result.err().flatten());
    let label: Text = |l| td_string!(l, top_up_amount);
    let hint: Text = match mode {
        TopUpMode::Provider => |l| td_string!(l, top_up_hint_provider),
        _ => |l| td_string!(l, top_up_hint),
    };
    let button = move || match (paying.get() || redirecting(), mode) {
        (true, _) => t_string!(i18n, working),
        (false, TopUpMode::Provider) => t_string!(i18n, top_up_pay),
        (false, _) => t_string!(i18n, top_up_submit),
    };

    view! {
        <form class="top-up" on:submit=submit novalidate>
            <h2>{tr!(top_up_title)}</h2>
            <Field id="top-up-amount" label hint message=form.message((), |locale, e: &AmountError| amount_error(locale, *e).to_string())>
                <Input inputmode="decimal" placeholder="1 500,00" value=amount on_input=move |text| {
                    amount.set(text);
                    form.edited(());
                    // Another amount is another payment.
                    intent.done();
                } />
            </Field>
            {move || failure().map(|error| view! {
                <p class="form-error" role="alert">{error_message(i18n.get_locale(), &error)}</p>
            })}
            <button type="submit" class="button button--primary" data-testid="top-up-submit" disabled=move || paying.get() || redirecting()>
                {button}
            </button>
            {move || redirecting().then(|| view! {
                <p class="hint" role="status" data-testid="top-up-redirecting">{tr!(top_up_redirecting)}</p>
            })}
            {move || done().map(|sum| view! {
                <p class="success" role="status" data-testid="top-up-done">
                    {td_string!(i18n.get_locale(), top_up_done, amount = sum).to_string()}
                </p>
            })}
        </form>
    }
}

/// How many times, a second further apart each time, a payer back from the
/// provider's page asks about a payment the provider has not decided yet.
const CHECKS: u32 = 8;

/// The payment the payer came back from: waiting, received or declined.
#[component]
fn PaymentOutcome(id: PaymentId) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let answer = RwSignal::new(None::<Result<PaymentView, ApiError>>);
    let checks = RwSignal::new(0u32);
    check(id, answer, checks, books);
    let text = move || {
        let locale = i18n.get_locale();
        answer.get().map(|answer| match answer {
            Ok(view) => {
                let amount = format_rub(view.amount, lang_of(locale));
                let text = match view.status {
                    PaymentStatus::Succeeded => td_string!(locale, payment_succeeded, amount = amount),
                    PaymentStatus::Canceled => td_string!(locale, payment_canceled, amount = amount),
                    PaymentStatus::Pending if checks.get() >= CHECKS => {
                        td_string!(locale, payment_still_pending, amount = amount)
                    }
                    PaymentStatus::Pending => td_string!(locale, payment_pending, amount = amount),
                };
                (view.status, text.to_string())
            }
            Err(error) => (PaymentStatus::Pending, error_message(locale, &error)),
        })
    };
    view! {
        {move || text().map(|(status, text)| view! {
            <p
                class=match status {
                    PaymentStatus::Succeeded => "success",
                    PaymentStatus::Canceled => "form-error",
                    PaymentStatus::Pending => "hint",
                }
                role="status"
                data-testid="payment-outcome"
                data-status=status.code()
            >
                {text}
            </p>
        })}
    }
}

fn check(
    id: PaymentId,
    answer: RwSignal<Option<Result<PaymentView, ApiError>>>,
    checks: RwSignal<u32>,
    books: crate::ui::books::Books,
) {
    spawn_local(async move {
        let result = api::billing::payment(id.clone()).await;
        let pending = matches!(&result, Ok(view) if view.status == PaymentStatus::Pending);
        if let Ok(view) = &result {
            books.state.set(BooksState::Loaded(view.billing.clone()));
        }
        if answer.try_set(Some(result)).is_some() {
            return; // the page was left
        }
        let done = checks.try_update(|n| {
            *n += 1;
            *n
        });
        if let Some(n) = done.filter(|n| pending && *n < CHECKS) {
            set_timeout(move || check(id, answer, checks, books), Duration::from_secs(u64::from(n)));
        }
    });
}
