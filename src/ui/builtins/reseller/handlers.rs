//! Service handlers (seed 002, "Integration → Service handlers"): the list,
//! **Create** opening the wizard, and each handler's edit and delete.

use super::messages::reseller_error;
use super::wizard::HandlerWizard;
use crate::api;
use crate::api::reseller::{HandlerRow, ResellerView};
use crate::domain::money::format_rub;
use crate::i18n::*;
use crate::texts::lang_of;
use crate::texts::reseller::{department_name, product_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction};
use leptos::prelude::*;

/// What the panel shows besides the list: the wizard creating a handler, or
/// changing one.
#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Creating,
    Editing(HandlerRow),
}

#[component]
pub fn Handlers(reseller: RwSignal<ResellerView>, called: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(Open::Nothing);
    let close = Callback::new(move |()| {
        open.set(Open::Nothing);
        widgets::form::focus_control("handler-create");
    });
    let delete = widgets::submit(move |id: &String| {
        let call = api::reseller::delete_handler(reseller.with_untracked(|r| r.connection.clone()), id.clone());
        async move {
            let view = call.await?;
            reseller.set(view);
            Ok::<(), crate::api::ApiError>(())
        }
    });
    let failure = move || delete.value().get().and_then(Result::err);
    let rows = move || reseller.with(|r| r.handlers.clone());
    let row = move |handler: HandlerRow| {
        let locale = i18n.get_locale();
        let id = handler.id.clone();
        let editing = handler.clone();
        let question = Signal::derive(move || t_string!(i18n, res_delete_handler_question).to_string());
        let label = Signal::derive(move || t_string!(i18n, res_delete).to_string());
        view! {
            <tr data-testid="handler-row" data-id=handler.id.clone()>
                <th scope="row">{handler.details.name.clone()}</th>
                <td>{product_name(locale, handler.product)}</td>
                <td><span class="mono">{handler.user.clone()}</span> <span class="muted">{format!(" · {}", handler.url)}</span></td>
                <td>{handler.data_centre_name.clone()}</td>
                <td>{department_name(locale, handler.details.department)}</td>
                <td class="num">{handler.details.priority}</td>
                <td class="num">{format_rub(handler.details.min_balance, lang_of(locale))}</td>
                <td class="row-actions">
                    <button type="button" class="button button--ghost button--small" data-testid="handler-edit"
                        on:click=move |_| open.set(Open::Editing(editing.clone()))>
                        {tr!(res_edit)}
                    </button>
                    <ConfirmAction label question testid="handler-delete" on_confirm=move |()| delete.dispatch(id.clone()) />
                </td>
            </tr>
        }
    };
    view! {
        <section class="panel" data-testid="handlers" aria-labelledby="res-handlers-title">
            <div class="panel-head">
                <h2 id="res-handlers-title">{tr!(res_handlers_title)}</h2>
                <button type="button" class="button button--primary" id="handler-create" data-testid="handler-create"
                    disabled=move || open.get() != Open::Nothing on:click=move |_| open.set(Open::Creating)>
                    {tr!(res_create)}
                </button>
            </div>
            <p class="hint">{tr!(res_handlers_lead)}</p>
            {move || match open.get() {
                Open::Nothing => ().into_any(),
                Open::Creating => view! { <HandlerWizard reseller editing=None called on_close=close /> }.into_any(),
                Open::Editing(row) => view! { <HandlerWizard reseller editing=Some(row) called on_close=close /> }.into_any(),
            }}
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="handlers-error">{reseller_error(i18n.get_locale(), &e)}</p> })}
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    // While the first one is being created, the wizard says enough.
                    (open.get() == Open::Nothing).then(|| {
                        view! { <p class="empty" data-testid="handlers-empty">{tr!(res_handlers_empty)}</p> }
                    }).into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{tr!(res_name)}</th>
                                    <th scope="col">{tr!(res_product)}</th>
                                    <th scope="col">{tr!(res_selling_account)}</th>
                                    <th scope="col">{tr!(res_data_centre)}</th>
                                    <th scope="col">{tr!(res_department)}</th>
                                    <th scope="col">{tr!(res_priority)}</th>
                                    <th scope="col">{tr!(res_min_balance)}</th>
                                    <th scope="col"><span class="visually-hidden">{tr!(res_actions)}</span></th>
                                </tr></thead>
                                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
