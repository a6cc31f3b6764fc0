//! The balance and a demo payment that tops it up.

use crate::api;
use crate::api::ApiError;
use crate::domain::billing::{parse_top_up, Refusal};
use crate::domain::money::format_rub;
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{amount_error, error_message, lang_of};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn BalancePanel() -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let amount = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let problem = Memo::new(move |_| amount.with(|a| parse_top_up(a).err()));
    let balance =
        move || books.view().map(|v| format_rub(v.ledger.balance, lang_of(i18n.get_locale()))).unwrap_or_default();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        touched.set(true);
        let Ok(value) = parse_top_up(&amount.get_untracked()) else { return };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match books.change(api::billing::top_up(amount.get_untracked())).await {
                Ok(()) => {
                    done.set(Some(format_rub(value, lang_of(i18n.get_locale_untracked()))));
                    amount.set(String::new());
                    touched.set(false);
                }
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="panel balance-panel">
            <p class="balance-label">{t!(i18n, balance)}</p>
            <p class="balance-amount" data-testid="billing-balance">{balance}</p>
            <form class="top-up" on:submit=submit novalidate>
                <h2>{t!(i18n, top_up_title)}</h2>
                <p class="hint">{t!(i18n, top_up_hint)}</p>
                <label class="field">
                    <span class="field-label">{t!(i18n, top_up_amount)}</span>
                    <input
                        class="input"
                        data-testid="top-up-amount"
                        inputmode="decimal"
                        autocomplete="off"
                        placeholder="1 500,00"
                        prop:value=amount
                        aria-invalid=move || (touched.get() && problem.get().is_some()).to_string()
                        on:input=move |e| {
                            amount.set(event_target_value(&e));
                            done.set(None);
                        }
                        on:blur=move |_| touched.set(!amount.get_untracked().is_empty())
                    />
                </label>
                <p class="form-error" role="alert" data-testid="top-up-error">
                    {move || {
                        let locale = i18n.get_locale();
                        match failure.get() {
                            Some(ApiError::Refused(Refusal::Amount(e))) => amount_error(locale, e).to_string(),
                            Some(error) => error_message(locale, &error).to_string(),
                            None => problem
                                .get()
                                .filter(|_| touched.get())
                                .map(|e| amount_error(locale, e).to_string())
                                .unwrap_or_default(),
                        }
                    }}
                </p>
                <button type="submit" class="button button--primary" data-testid="top-up-submit" disabled=busy>
                    {move || if busy.get() { t_string!(i18n, working) } else { t_string!(i18n, top_up_submit) }}
                </button>
                {move || done.get().map(|sum| view! {
                    <p class="success" role="status" data-testid="top-up-done">
                        {td_string!(i18n.get_locale(), top_up_done, amount = sum).to_string()}
                    </p>
                })}
            </form>
        </section>
    }
}
