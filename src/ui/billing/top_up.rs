//! The balance and a demo payment that tops it up.

use crate::api;
use crate::api::ApiError;
use crate::domain::billing::{parse_top_up, AmountError, Refusal};
use crate::domain::money::format_rub;
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::intent::Intent;
use crate::ui::labels::{amount_error, error_message, lang_of};
use crate::ui::widgets;
use crate::ui::widgets::{Field, Form, Input, Text};
use leptos::prelude::*;

#[component]
pub fn BalancePanel() -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let amount = RwSignal::new(String::new());
    let form =
        Form::new(move || amount.with(|a| parse_top_up(a).err().into_iter().collect()), |()| "top-up-amount".into());
    let balance =
        move || books.view().map(|v| format_rub(v.ledger.balance, lang_of(i18n.get_locale()))).unwrap_or_default();
    let intent = Intent::new();
    let pay = widgets::submit(move |typed: &String| {
        let typed = typed.clone();
        async move {
            let paid = parse_top_up(&typed).map(|sum| format_rub(sum, lang_of(i18n.get_locale_untracked())));
            let result = books.change(api::billing::top_up(typed, intent.key())).await;
            // A failure that may not have reached the server keeps the key, so trying again is safe.
            if !matches!(result, Err(ApiError::Network(_) | ApiError::Internal)) {
                intent.done();
            }
            match result {
                Ok(()) => {
                    amount.set(String::new());
                    form.reset();
                    Ok(paid.unwrap_or_default())
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
    let done = move || pay.value().get().and_then(Result::ok).filter(|_| amount.with(String::is_empty));
    let failure = move || pay.value().get().and_then(|result| result.err().flatten());
    let label: Text = |l| td_string!(l, top_up_amount);
    let hint: Text = |l| td_string!(l, top_up_hint);

    view! {
        <section class="panel balance-panel">
            <p class="balance-label">{t!(i18n, balance)}</p>
            <p class="balance-amount" data-testid="billing-balance">{balance}</p>
            <form class="top-up" on:submit=submit novalidate>
                <h2>{t!(i18n, top_up_title)}</h2>
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
                <button type="submit" class="button button--primary" data-testid="top-up-submit" disabled=paying>
                    {move || if paying.get() { t_string!(i18n, working) } else { t_string!(i18n, top_up_submit) }}
                </button>
                {move || done().map(|sum| view! {
                    <p class="success" role="status" data-testid="top-up-done">
                        {td_string!(i18n.get_locale(), top_up_done, amount = sum).to_string()}
                    </p>
                })}
            </form>
        </section>
    }
}
