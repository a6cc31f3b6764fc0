//! The service handler's wizard (seed 002, steps 1–11): the product type and
//! the selling BILLmanager's account, tested by **Next**; then its data
//! centre, name, department, sort priority and minimum balance, kept by
//! **Finish**. Editing a handler opens the second step alone.

use super::messages::{finished, reseller_error, shown};
use crate::api;
use crate::api::reseller::{HandlerRow, ResellerView, SellingCheck, SignInInput};
use crate::api::ApiError;
use crate::domain::money::format_rub;
use crate::domain::reseller::handler::{
    check_password, details_problems, parse_min_balance, parse_priority, sign_in_problems,
};
use crate::domain::reseller::{Department, HandlerDetails, HandlerField, HandlerProblem, ProductType};
use crate::i18n::*;
use crate::texts::lang_of;
use crate::texts::reseller::{department_name, problem_text, product_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Input, Select, Text};
use leptos::prelude::*;

pub(super) fn control(field: HandlerField) -> String {
    match field {
        HandlerField::Url => "res-url",
        HandlerField::User => "res-user",
        HandlerField::Password => "res-password",
        HandlerField::DataCentre => "res-data-centre",
        HandlerField::Name => "res-name",
        HandlerField::Priority => "res-priority",
        HandlerField::MinBalance => "res-min-balance",
        HandlerField::DataCentreName => "res-dc-name",
        HandlerField::Provider => "res-provider",
        HandlerField::Plans => "res-plans",
    }
    .into()
}

fn product_code(product: ProductType) -> &'static str {
    product.intname()
}

fn department_code(department: Department) -> &'static str {
    match department {
        Department::Support => "support",
        Department::Technical => "technical",
        Department::Sales => "sales",
        Department::Accounting => "accounting",
    }
}

/// The wizard: creating (`editing` is `None`) or changing a handler.
#[component]
pub fn HandlerWizard(
    reseller: RwSignal<ResellerView>,
    editing: Option<HandlerRow>,
    called: Callback<()>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let connection = move || reseller.with_untracked(|r| r.connection.clone());
    let creating = editing.is_none();
    let editing_id = editing.as_ref().map(|row| row.id.clone());
    // Step 1.
    let product = RwSignal::new(editing.as_ref().map_or(ProductType::Vhost, |row| row.product));
    let url = RwSignal::new(
        editing.as_ref().map_or_else(|| reseller.with_untracked(|r| r.default_url.clone()), |row| row.url.clone()),
    );
    let user = RwSignal::new(editing.as_ref().map(|row| row.user.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let first = Form::new(move || sign_in_problems(&url.get(), &user.get(), &password.get()), control);
    let checked = RwSignal::new(None::<SellingCheck>);
    // Step 2.
    let kept = editing.as_ref().map(|row| row.details.clone());
    let data_centre = RwSignal::new(kept.as_ref().map_or_else(
        || reseller.with_untracked(|r| r.data_centres.first().map(|c| c.id.clone()).unwrap_or_default()),
        |d| d.data_centre.clone(),
    ));
    let name = RwSignal::new(kept.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    let department = RwSignal::new(kept.as_ref().map_or(Department::Support, |d| d.department));
    let priority = RwSignal::new(kept.as_ref().map_or_else(|| "10".to_string(), |d| d.priority.to_string()));
    let min_balance = RwSignal::new(kept.as_ref().map_or_else(|| "0".to_string(), |d| d.min_balance.to_string()));
    let centres =
        Memo::new(move |_| reseller.with(|r| r.data_centres.iter().map(|c| c.id.clone()).collect::<Vec<_>>()));
    // Editing: a new password, typed only to replace the saved one.
    let new_password = RwSignal::new(String::new());
    let second = Form::new(
        move || {
            let mut problems =
                details_problems(&data_centre.get(), &name.get(), &priority.get(), &min_balance.get(), &centres.get());
            let typed = new_password.get();
            problems.extend((!typed.is_empty()).then(|| check_password(&typed).err()).flatten());
            problems
        },
        control,
    );

    let sign_in = move || SignInInput {
        product: product.get_untracked(),
        url: url.get_untracked(),
        user: user.get_untracked(),
        password: password.get_untracked(),
    };
    let next = widgets::submit(move |input: &SignInInput| {
        let call = api::reseller::check_selling_account(connection(), input.clone());
        async move {
            let result = call.await;
            called.run(());
            match result {
                Ok(found) => {
                    checked.set(Some(found));
                    widgets::form::focus_control("res-data-centre");
                    Ok(())
                }
                Err(error) => Err(shown(first, error)),
            }
        }
    });
    let details = move || HandlerDetails {
        data_centre: data_centre.get_untracked(),
        name: name.get_untracked(),
        department: department.get_untracked(),
        priority: parse_priority(&priority.get_untracked()).unwrap_or_default(),
        min_balance: parse_min_balance(&min_balance.get_untracked()).unwrap_or_default(),
    };
    let finish = widgets::submit(move |details: &HandlerDetails| {
        let call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<ResellerView, ApiError>>>> =
            match editing_id.clone() {
                Some(id) => {
                    let password = Some(new_password.get_untracked()).filter(|typed| !typed.is_empty());
                    Box::pin(api::reseller::update_handler(connection(), id, details.clone(), password))
                }
                None => Box::pin(api::reseller::create_handler(connection(), sign_in(), details.clone())),
            };
        async move {
            let result = call.await;
            called.run(());
            finished(result, reseller, on_close, second)
        }
    });
    let on_next = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !next.pending().get_untracked() && first.ready_to_send() {
            next.dispatch(sign_in());
        }
    };
    let on_finish = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !finish.pending().get_untracked() && second.ready_to_send() {
            finish.dispatch(details());
        }
    };
    let first_message = move |field| first.message(field, |l, p: &HandlerProblem| problem_text(l, p));
    let second_message = move |field| second.message(field, |l, p: &HandlerProblem| problem_text(l, p));
    let next_failure = move || next.value().get().and_then(|r| r.err().flatten());
    let finish_failure = move || finish.value().get().and_then(|r| r.err().flatten());
    let on_step_two = move || !creating || checked.with(Option::is_some);

    let product_label: Text = |l| td_string!(l, res_product);
    let module_label: Text = |l| td_string!(l, res_module);
    let url_label: Text = |l| td_string!(l, res_url);
    let url_hint: Text = |l| td_string!(l, res_url_hint);
    let user_label: Text = |l| td_string!(l, res_user);
    let password_label: Text = |l| td_string!(l, res_password);
    let centre_label: Text = |l| td_string!(l, res_data_centre);
    let name_label: Text = |l| td_string!(l, res_name);
    let name_hint: Text = |l| td_string!(l, res_name_hint);
    let department_label: Text = |l| td_string!(l, res_department);
    let department_hint: Text = |l| td_string!(l, res_department_hint);
    let priority_label: Text = |l| td_string!(l, res_priority);
    let priority_hint: Text = |l| td_string!(l, res_priority_hint);
    let min_label: Text = |l| td_string!(l, res_min_balance);
    let min_hint: Text = |l| td_string!(l, res_min_balance_hint);
    let new_password_label: Text = |l| td_string!(l, res_new_password);
    let new_password_hint: Text = |l| td_string!(l, res_new_password_hint);

    let step_one = move || {
        view! {
            <form class="stack" on:submit=on_next novalidate data-testid="handler-step-1">
                <p class="wizard-step">{tr!(res_step_1)}</p>
                <Field id="res-product" label=product_label>
                    <Select on_change=move |code: String| {
                        product.set(ProductType::of_intname(&code).unwrap_or(ProductType::Vhost));
                        checked.set(None);
                    }>
                        {ProductType::ALL.into_iter().map(|p| view! {
                            <option value=product_code(p) selected=move || product.get() == p>
                                {move || product_name(i18n.get_locale(), p)}
                            </option>
                        }).collect_view()}
                    </Select>
                </Field>
                <Field id="res-module" label=module_label>
                    <Select on_change=|_: String| {}>
                        <option value="billmanager" selected=true>"BILLmanager"</option>
                    </Select>
                </Field>
                <Field id="res-url" label=url_label hint=url_hint message=first_message(HandlerField::Url)>
                    <Input kind="url" value=url on_input=move |text| { url.set(text); first.edited(HandlerField::Url); } />
                </Field>
                <div class="conditions" data-testid="handler-conditions">
                    <p><strong>{tr!(res_conditions_title)}</strong></p>
                    <ul>
                        <li>{tr!(res_condition_client)}</li>
                        <li>{tr!(res_condition_funded)}</li>
                        <li>{tr!(res_condition_stop_delete)}</li>
                        <li>{tr!(res_condition_one_account)}</li>
                    </ul>
                </div>
                <Field id="res-user" label=user_label message=first_message(HandlerField::User)>
                    <Input value=user autocomplete="username" on_input=move |text| { user.set(text); first.edited(HandlerField::User); } />
                </Field>
                <Field id="res-password" label=password_label message=first_message(HandlerField::Password)>
                    <Input kind="password" value=password autocomplete="new-password"
                        on_input=move |text| { password.set(text); first.edited(HandlerField::Password); } />
                </Field>
                {move || next_failure().map(|e| view! {
                    <p class="form-error" role="alert" data-testid="handler-error">{reseller_error(i18n.get_locale(), &e)}</p>
                })}
                <div class="form-actions">
                    <button type="submit" class="button button--primary" data-testid="handler-next" disabled=next.pending()>
                        {move || if next.pending().get() { t_string!(i18n, res_testing) } else { t_string!(i18n, res_next) }}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{tr!(cancel)}</button>
                </div>
            </form>
        }
    };

    let balance_line = move || {
        checked.get().map(|found| {
            let locale = i18n.get_locale();
            let balance = format_rub(found.account.balance, lang_of(locale));
            let below = parse_min_balance(&min_balance.get()).is_some_and(|min| found.account.balance < min);
            view! {
                <p class="selling-account" role="status" data-testid="handler-balance">
                    {td_string!(locale, res_selling_balance, user = found.account.name.as_str(), balance = balance.as_str()).to_string()}
                </p>
                {below.then(|| view! { <p class="warning" data-testid="handler-below-minimum">{tr!(res_below_minimum)}</p> })}
                {found.shared.then(|| view! { <p class="warning" role="alert" data-testid="handler-shared">{tr!(res_shared_account)}</p> })}
            }
        })
    };

    let step_two = move || {
        view! {
            <form class="stack" on:submit=on_finish novalidate data-testid="handler-step-2">
                {creating.then(|| view! { <p class="wizard-step">{tr!(res_step_2)}</p> })}
                {balance_line}
                <Field id="res-data-centre" label=centre_label message=second_message(HandlerField::DataCentre)>
                    <Select on_change=move |id: String| { data_centre.set(id); second.edited(HandlerField::DataCentre); }>
                        <option value="" selected=move || data_centre.get().is_empty()>{tr!(res_data_centre_choose)}</option>
                        {move || reseller.with(|r| r.data_centres.clone()).into_iter().map(|c| {
                            let id = c.id.clone();
                            view! { <option value=c.id selected=move || data_centre.get() == id>{c.name}</option> }
                        }).collect_view()}
                    </Select>
                </Field>
                <super::data_centres::NewDataCentre reseller field="res-wizard-dc-name" on_created=move |id: String| {
                    data_centre.set(id);
                    second.edited(HandlerField::DataCentre);
                } />
                <Field id="res-name" label=name_label hint=name_hint message=second_message(HandlerField::Name)>
                    <Input value=name on_input=move |text| { name.set(text); second.edited(HandlerField::Name); } />
                </Field>
                <Field id="res-department" label=department_label hint=department_hint>
                    <Select on_change=move |code: String| {
                        department.set(Department::ALL.into_iter().find(|d| department_code(*d) == code).unwrap_or_default());
                    }>
                        {Department::ALL.into_iter().map(|d| view! {
                            <option value=department_code(d) selected=move || department.get() == d>
                                {move || department_name(i18n.get_locale(), d)}
                            </option>
                        }).collect_view()}
                    </Select>
                </Field>
                <Field id="res-priority" label=priority_label hint=priority_hint message=second_message(HandlerField::Priority)>
                    <Input value=priority inputmode="numeric" on_input=move |text| { priority.set(text); second.edited(HandlerField::Priority); } />
                </Field>
                <Field id="res-min-balance" label=min_label hint=min_hint message=second_message(HandlerField::MinBalance)>
                    <Input value=min_balance inputmode="decimal" on_input=move |text| { min_balance.set(text); second.edited(HandlerField::MinBalance); } />
                </Field>
                {(!creating).then(|| view! {
                    <Field id="res-password" label=new_password_label hint=new_password_hint message=second_message(HandlerField::Password)>
                        <Input kind="password" value=new_password autocomplete="new-password"
                            on_input=move |text| { new_password.set(text); second.edited(HandlerField::Password); } />
                    </Field>
                })}
                {move || finish_failure().map(|e| view! {
                    <p class="form-error" role="alert" data-testid="handler-error">{reseller_error(i18n.get_locale(), &e)}</p>
                })}
                <div class="form-actions">
                    <button type="submit" class="button button--primary" data-testid="handler-finish" disabled=finish.pending()>
                        {move || match (finish.pending().get(), creating) {
                            (true, _) => t_string!(i18n, working),
                            (false, true) => t_string!(i18n, res_finish),
                            (false, false) => t_string!(i18n, save),
                        }}
                    </button>
                    {creating.then(|| view! {
                        <button type="button" class="button" data-testid="handler-back"
                            on:click=move |_| { checked.set(None); widgets::form::focus_control("res-password"); }>
                            {tr!(res_back)}
                        </button>
                    })}
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{tr!(cancel)}</button>
                </div>
            </form>
        }
    };

    view! {
        <div class="wizard" data-testid="handler-wizard">
            <h3>{move || if creating { t_string!(i18n, res_create_handler) } else { t_string!(i18n, res_edit_handler) }}</h3>
            {move || if on_step_two() { step_two().into_any() } else { step_one().into_any() }}
        </div>
    }
}
