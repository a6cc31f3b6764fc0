//! Tariff plans (seed 002, "Products → Tariff plans"): the plans imported,
//! **Enable** / **Disable**, **Synchronise** with what changed, the small
//! **Order** standing in for the reseller's storefront, and **Import**.

use super::import::ImportWizard;
use super::messages::reseller_error;
use crate::api;
use crate::api::reseller::{Ordered, ResellerView, Synchronised};
use crate::api::ApiError;
use crate::domain::money::format_rub;
use crate::domain::reseller::Plan;
use crate::i18n::*;
use crate::texts::lang_of;
use crate::texts::reseller::{change_text, period_price, product_name};
use crate::ui::intent::Intent;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Select, Text};
use leptos::prelude::*;

/// What the last action on a plan came to, said above the list.
#[derive(Clone)]
enum Outcome {
    Synchronised(String, Synchronised),
    Ordered(Ordered),
}

#[component]
pub fn Plans(reseller: RwSignal<ResellerView>, called: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let importing = RwSignal::new(false);
    let ordering = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<Outcome>);
    let connection = move || reseller.with_untracked(|r| r.connection.clone());
    let toggle = widgets::submit(move |(id, on): &(String, bool)| {
        let call = api::reseller::set_plan_enabled(connection(), id.clone(), *on);
        async move {
            reseller.set(call.await?);
            Ok::<(), ApiError>(())
        }
    });
    let sync = widgets::submit(move |(id, name): &(String, String)| {
        let call = api::reseller::synchronise_plan(connection(), id.clone());
        let name = name.clone();
        async move {
            let result = call.await;
            called.run(());
            let synced = result?;
            reseller.set(synced.view.clone());
            outcome.set(Some(Outcome::Synchronised(name, synced)));
            Ok::<(), ApiError>(())
        }
    });
    let failure =
        move || toggle.value().get().and_then(Result::err).or_else(|| sync.value().get().and_then(Result::err));
    let said = move || {
        let locale = i18n.get_locale();
        outcome.get().map(|outcome| match outcome {
            Outcome::Synchronised(name, synced) => {
                let changes: Vec<String> = synced.changes.iter().map(|c| change_text(locale, c)).collect();
                view! {
                    <div class="notice-box" role="status" data-testid="plan-sync-result">
                        <p>{td_string!(locale, res_synchronised, name = name.as_str()).to_string()}</p>
                        {if changes.is_empty() {
                            view! { <p>{tr!(res_no_changes)}</p> }.into_any()
                        } else {
                            view! { <ul>{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </div>
                }
                .into_any()
            }
            Outcome::Ordered(ordered) => view! {
                <p class="notice-box" role="status" data-testid="plan-order-result">
                    {td_string!(locale, res_ordered, service = ordered.service.as_str(), handler = ordered.handler_name.as_str()).to_string()}
                </p>
            }
            .into_any(),
        })
    };
    let row = move |plan: Plan| {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let periods: Vec<String> =
            plan.periods.iter().map(|(months, cost)| period_price(locale, *months, *cost)).collect();
        let (id, enabled, name) = (plan.id.clone(), plan.enabled, plan.name.clone());
        let (toggle_id, sync_id, order_id, shown_id) = (id.clone(), id.clone(), id.clone(), id.clone());
        view! {
            <tr data-testid="plan-row" data-enabled=enabled.to_string() data-id=plan.id.clone()>
                <th scope="row">{plan.name.clone()}</th>
                <td>{product_name(locale, plan.product)}</td>
                <td>{plan.provider.clone()}</td>
                <td class="num">{plan.monthly_price().map(|m| format_rub(m, lang))}</td>
                <td><ul class="plain-list">{periods.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul></td>
                <td>
                    <span class=if enabled { "badge badge--on" } else { "badge" } data-testid="plan-status">
                        {if enabled { td_string!(locale, res_plan_on) } else { td_string!(locale, res_plan_off) }}
                    </span>
                </td>
                <td class="row-actions">
                    <button type="button" class="button button--small" data-testid="plan-enable" aria-pressed=enabled.to_string()
                        disabled=toggle.pending() on:click=move |_| toggle.dispatch((toggle_id.clone(), !enabled))>
                        {if enabled { td_string!(locale, res_disable) } else { td_string!(locale, res_enable) }}
                    </button>
                    <button type="button" class="button button--ghost button--small" data-testid="plan-sync"
                        disabled=sync.pending() on:click=move |_| sync.dispatch((sync_id.clone(), name.clone()))>
                        {tr!(res_synchronise)}
                    </button>
                    <button type="button" class="button button--ghost button--small" data-testid="plan-order"
                        aria-expanded=move || (ordering.get().as_deref() == Some(order_id.as_str())).to_string()
                        on:click=move |_| { ordering.set(Some(id.clone())); outcome.set(None); }>
                        {tr!(res_order)}
                    </button>
                </td>
            </tr>
            {move || (ordering.get().as_deref() == Some(shown_id.as_str())).then(|| {
                let plan = plan.clone();
                view! { <tr class="row-form"><td colspan="7"><OrderForm reseller plan ordering outcome called /></td></tr> }
            })}
        }
    };
    view! {
        <section class="panel" data-testid="plans" aria-labelledby="res-plans-title">
            <div class="panel-head">
                <h2 id="res-plans-title">{tr!(res_plans_title)}</h2>
                <button type="button" class="button" id="plan-import" data-testid="plan-import"
                    disabled=move || importing.get() || reseller.with(|r| r.handlers.is_empty())
                    on:click=move |_| importing.set(true)>
                    {tr!(res_import)}
                </button>
            </div>
            <p class="hint">{tr!(res_plans_lead)}</p>
            <Show when=move || importing.get()>
                <ImportWizard reseller called on_close=move |()| { importing.set(false); widgets::form::focus_control("plan-import"); } />
            </Show>
            {said}
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="plans-error">{reseller_error(i18n.get_locale(), &e)}</p> })}
            {move || {
                let plans = reseller.with(|r| r.plans.clone());
                if plans.is_empty() {
                    view! { <p class="empty" data-testid="plans-empty">{tr!(res_plans_empty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{tr!(res_plan)}</th>
                                    <th scope="col">{tr!(res_product)}</th>
                                    <th scope="col">{tr!(res_provider)}</th>
                                    <th scope="col">{tr!(res_monthly)}</th>
                                    <th scope="col">{tr!(res_periods)}</th>
                                    <th scope="col">{tr!(res_plan_status)}</th>
                                    <th scope="col"><span class="visually-hidden">{tr!(res_actions)}</span></th>
                                </tr></thead>
                                <tbody>{plans.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// A customer's order of one plan: its period, then **Place order**, placed
/// once however often it is pressed.
#[component]
fn OrderForm(
    reseller: RwSignal<ResellerView>,
    plan: Plan,
    ordering: RwSignal<Option<String>>,
    outcome: RwSignal<Option<Outcome>>,
    called: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let intent = Intent::new();
    let months = RwSignal::new(plan.periods.first().map_or(1, |(months, _)| *months));
    let plan_id = plan.id.clone();
    let place = widgets::submit(move |months: &u32| {
        let connection = reseller.with_untracked(|r| r.connection.clone());
        let call = api::reseller::order_plan(connection, plan_id.clone(), *months, intent.key());
        async move {
            let result = call.await;
            called.run(());
            intent.done();
            let ordered = result?;
            reseller.set(ordered.view.clone());
            outcome.set(Some(Outcome::Ordered(ordered)));
            ordering.set(None);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || place.value().get().and_then(Result::err);
    let label: Text = |l| td_string!(l, res_order_period);
    let periods = plan.periods.clone();
    view! {
        <form class="inline-form" data-testid="order-form" on:submit=move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            if !place.pending().get_untracked() { place.dispatch(months.get_untracked()); }
        }>
            <p><strong>{td_string!(i18n.get_locale(), res_order_title, name = plan.name.as_str()).to_string()}</strong></p>
            <Field id="res-order-period" label=label>
                <Select on_change=move |value: String| months.set(value.parse().unwrap_or(1))>
                    {periods.into_iter().map(|(m, cost)| view! {
                        <option value=m.to_string() selected=move || months.get() == m>
                            {move || period_price(i18n.get_locale(), m, cost)}
                        </option>
                    }).collect_view()}
                </Select>
            </Field>
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="order-error">{reseller_error(i18n.get_locale(), &e)}</p> })}
            <div class="form-actions">
                <button type="submit" class="button button--primary" data-testid="plan-order-confirm" disabled=place.pending()>
                    {move || if place.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, res_place_order) }}
                </button>
                <button type="button" class="button" on:click=move |_| ordering.set(None)>{tr!(cancel)}</button>
            </div>
        </form>
    }
}
