//! **Import** of tariff plans (seed 002, step 2): choose the handler, the
//! platform loads what its selling billing offers; choose the plans (one it
//! cannot resell is shown with why) and the provider; **Finish** imports
//! them, off until enabled.

use super::messages::{finished, reseller_error};
use super::wizard::control;
use crate::api;
use crate::api::reseller::{Offer, ResellerView};
use crate::api::ApiError;
use crate::domain::money::format_rub;
use crate::domain::reseller::handler::check_provider;
use crate::domain::reseller::{HandlerField, HandlerProblem};
use crate::i18n::*;
use crate::texts::lang_of;
use crate::texts::reseller::{not_importable_text, period_price, problem_text, product_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Input, Select, Text};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn ImportWizard(
    reseller: RwSignal<ResellerView>,
    called: Callback<()>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let connection = move || reseller.with_untracked(|r| r.connection.clone());
    let handler =
        RwSignal::new(reseller.with_untracked(|r| r.handlers.first().map(|h| h.id.clone()).unwrap_or_default()));
    let offers = RwSignal::new(None::<Vec<Offer>>);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let provider = RwSignal::new(String::new());
    let form = Form::new(
        move || {
            let mut problems: Vec<HandlerProblem> = check_provider(&provider.get()).err().into_iter().collect();
            if chosen.with(BTreeSet::is_empty) {
                problems.insert(0, HandlerProblem::Plans);
            }
            problems
        },
        control,
    );
    let load = widgets::submit(move |id: &String| {
        let call = api::reseller::offered_plans(connection(), id.clone());
        async move {
            let result = call.await;
            called.run(());
            offers.set(Some(result?));
            chosen.set(BTreeSet::new());
            widgets::form::focus_control("res-plans");
            Ok::<(), ApiError>(())
        }
    });
    let finish = widgets::submit(move |(id, plans, provider): &(String, Vec<String>, String)| {
        let call = api::reseller::import_plans(connection(), id.clone(), plans.clone(), provider.clone());
        async move {
            let result = call.await;
            called.run(());
            finished(result, reseller, on_close, form)
        }
    });
    let load_failure = move || load.value().get().and_then(Result::err);
    let finish_failure = move || finish.value().get().and_then(|r| r.err().flatten());
    let handler_label: Text = |l| td_string!(l, res_import_handler);
    let provider_label: Text = |l| td_string!(l, res_provider);
    let provider_hint: Text = |l| td_string!(l, res_provider_hint);
    let plans_label: Text = |l| td_string!(l, res_import_plans);
    let plans_message = form.message(HandlerField::Plans, |l, p: &HandlerProblem| problem_text(l, p));
    let provider_message = form.message(HandlerField::Provider, |l, p: &HandlerProblem| problem_text(l, p));
    let product = move || {
        reseller.with(|r| {
            r.handlers.iter().find(|h| h.id == handler.get()).map(|h| product_name(i18n.get_locale(), h.product))
        })
    };

    let offer_row = move |offer: Offer| {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let id = offer.plan.remote_id.clone();
        let toggled = id.clone();
        let checked_id = id.clone();
        let why = match (&offer.refused, offer.imported) {
            (Some(why), _) => Some(not_importable_text(locale, why)),
            (None, true) => Some(td_string!(locale, res_already_imported).to_string()),
            (None, false) => None,
        };
        let periods: Vec<String> =
            offer.plan.sold_periods().into_iter().map(|(months, cost)| period_price(locale, months, cost)).collect();
        let periods = if periods.is_empty() {
            offer
                .plan
                .periods
                .iter()
                .map(|p| format!("{} × {} — {} {}", p.length, p.kind, p.cost.normalize(), offer.plan.currency))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            periods.join(", ")
        };
        let monthly = offer.monthly.filter(|_| offer.refused.is_none()).map(|m| format_rub(m, lang));
        let input_id = format!("offer-{id}");
        let refused = why.is_some();
        view! {
            <li class="offer" class:offer--refused=refused data-testid="offer" data-remote-id=id.clone()>
                <input type="checkbox" id=input_id.clone() data-testid="offer-choose" disabled=refused
                    aria-describedby=format!("offer-why-{id}")
                    prop:checked=move || chosen.with(|c| c.contains(&checked_id))
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        chosen.update(|c| { if on { c.insert(toggled.clone()); } else { c.remove(&toggled); } });
                        form.edited(HandlerField::Plans);
                    } />
                <label for=input_id>
                    <strong>{offer.plan.name.clone()}</strong>
                    {monthly.map(|m| view! { <span class="muted">{format!(" · {m} / ")}{tr!(res_per_month)}</span> })}
                    <span class="offer-periods">{periods}</span>
                </label>
                <span class="offer-why" id=format!("offer-why-{id}") data-testid="offer-why">{why}</span>
            </li>
        }
    };

    view! {
        <div class="wizard" data-testid="import-wizard">
            <h3>{tr!(res_import_title)}</h3>
            <form class="stack" novalidate on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                if !load.pending().get_untracked() { load.dispatch(handler.get_untracked()); }
            }>
                <p class="wizard-step">{tr!(res_import_step_1)}</p>
                <Field id="res-import-handler" label=handler_label>
                    <Select on_change=move |id: String| { handler.set(id); offers.set(None); }>
                        {move || reseller.with(|r| r.handlers.clone()).into_iter().map(|h| {
                            let id = h.id.clone();
                            let text = format!("{} — {}", h.details.name, product_name(i18n.get_locale(), h.product));
                            view! { <option value=h.id selected=move || handler.get() == id>{text}</option> }
                        }).collect_view()}
                    </Select>
                </Field>
                {move || load_failure().map(|e| view! { <p class="form-error" role="alert" data-testid="import-error">{reseller_error(i18n.get_locale(), &e)}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button button--primary" data-testid="import-next" disabled=load.pending()>
                        {move || if load.pending().get() { t_string!(i18n, res_loading_plans) } else { t_string!(i18n, res_next) }}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{tr!(cancel)}</button>
                </div>
                <Show when=move || load.pending().get()>
                    <p class="progress" role="status" aria-live="polite" data-testid="import-loading">{tr!(res_loading_plans)}</p>
                </Show>
            </form>
            {move || offers.get().map(|offers| view! {
                <form class="stack" novalidate data-testid="import-step-2" on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    if !finish.pending().get_untracked() && form.ready_to_send() {
                        let plans = chosen.get_untracked().into_iter().collect();
                        finish.dispatch((handler.get_untracked(), plans, provider.get_untracked()));
                    }
                }>
                    <p class="wizard-step">{tr!(res_import_step_2)}</p>
                    <p>{tr!(res_product)} ": " <strong data-testid="import-product">{product}</strong></p>
                    <Field id="res-plans" label=plans_label message=plans_message group=true>
                        {if offers.is_empty() {
                            view! { <p class="empty">{tr!(res_import_none)}</p> }.into_any()
                        } else {
                            view! { <ul class="offers">{offers.into_iter().map(offer_row).collect_view()}</ul> }.into_any()
                        }}
                    </Field>
                    <Field id="res-provider" label=provider_label hint=provider_hint message=provider_message>
                        <Input value=provider on_input=move |text| { provider.set(text); form.edited(HandlerField::Provider); } />
                    </Field>
                    {move || finish_failure().map(|e| view! { <p class="form-error" role="alert">{reseller_error(i18n.get_locale(), &e)}</p> })}
                    <div class="form-actions">
                        <button type="submit" class="button button--primary" data-testid="import-finish" disabled=finish.pending()>
                            {move || if finish.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, res_finish) }}
                        </button>
                    </div>
                </form>
            })}
        </div>
    }
}
