//! The services customers ordered through the reseller, and what can be
//! done with each on the selling billing: prolong, suspend, resume, delete.

use super::messages::reseller_error;
use crate::api;
use crate::api::reseller::ResellerView;
use crate::api::ApiError;
use crate::domain::dates::format_date;
use crate::domain::reseller::{Service, ServiceAction, ServiceStatus};
use crate::i18n::*;
use crate::texts::lang_of;
use crate::texts::reseller::{action_name, period_name, status_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction};
use leptos::prelude::*;

#[component]
pub fn Services(reseller: RwSignal<ResellerView>, called: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let act = widgets::submit(move |(id, action): &(String, ServiceAction)| {
        let call =
            api::reseller::act_on_service(reseller.with_untracked(|r| r.connection.clone()), id.clone(), *action);
        async move {
            let result = call.await;
            called.run(());
            reseller.set(result?);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || act.value().get().and_then(Result::err);
    let row = move |service: Service| {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let button = |action: ServiceAction, testid: &'static str| {
            let id = service.id.clone();
            action.after(service.status).map(|_| view! {
                <button type="button" class="button button--ghost button--small" data-testid=testid disabled=act.pending()
                    on:click=move |_| act.dispatch((id.clone(), action))>
                    {action_name(locale, action)}
                </button>
            })
        };
        let delete_id = service.id.clone();
        let deletable = service.status != ServiceStatus::Deleted;
        view! {
            <tr data-testid="service-row" data-status=format!("{:?}", service.status).to_lowercase()>
                <th scope="row" class="mono">{service.remote_id.clone()}</th>
                <td>{service.plan_name.clone()}</td>
                <td>{period_name(locale, service.months)}</td>
                <td>{status_name(locale, service.status)}</td>
                <td>{format_date(service.paid_until.date_naive(), lang)}</td>
                <td class="row-actions">
                    {button(ServiceAction::Prolong, "service-prolong")}
                    {button(ServiceAction::Suspend, "service-suspend")}
                    {button(ServiceAction::Resume, "service-resume")}
                    {deletable.then(|| view! {
                        <ConfirmAction
                            label=Signal::derive(move || t_string!(i18n, res_action_delete).to_string())
                            question=Signal::derive(move || t_string!(i18n, res_delete_service_question).to_string())
                            testid="service-delete"
                            on_confirm=move |()| act.dispatch((delete_id.clone(), ServiceAction::Delete)) />
                    })}
                </td>
            </tr>
        }
    };
    view! {
        <section class="panel" data-testid="services" aria-labelledby="res-services-title">
            <h2 id="res-services-title">{tr!(res_services_title)}</h2>
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="services-error">{reseller_error(i18n.get_locale(), &e)}</p> })}
            {move || {
                let services = reseller.with(|r| r.services.clone());
                if services.is_empty() {
                    view! { <p class="empty" data-testid="services-empty">{tr!(res_services_empty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{tr!(res_service_id)}</th>
                                    <th scope="col">{tr!(res_plan)}</th>
                                    <th scope="col">{tr!(res_period)}</th>
                                    <th scope="col">{tr!(res_plan_status)}</th>
                                    <th scope="col">{tr!(res_paid_until)}</th>
                                    <th scope="col"><span class="visually-hidden">{tr!(res_actions)}</span></th>
                                </tr></thead>
                                <tbody>{services.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
