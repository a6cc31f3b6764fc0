//! Data centres: the account's own list, which handlers name (seed 002,
//! step 6: "Integration → Data centres → Create").

use super::messages::{reseller_error, shown};
use super::wizard::control;
use crate::api;
use crate::api::reseller::ResellerView;
use crate::domain::reseller::handler::check_data_centre_name;
use crate::domain::reseller::{HandlerField, HandlerProblem};
use crate::i18n::*;
use crate::texts::reseller::problem_text;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Form, Input, Text};
use leptos::prelude::*;

#[component]
pub fn DataCentres(reseller: RwSignal<ResellerView>) -> impl IntoView {
    let centres = move || reseller.with(|r| r.data_centres.clone());
    view! {
        <section class="panel" data-testid="data-centres" aria-labelledby="res-centres-title">
            <h2 id="res-centres-title">{tr!(res_data_centres_title)}</h2>
            {move || {
                let centres = centres();
                if centres.is_empty() {
                    view! { <p class="empty" data-testid="data-centres-empty">{tr!(res_data_centres_empty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="dc-list">
                            {centres.into_iter().map(|c| view! { <li data-testid="data-centre">{c.name}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <NewDataCentre reseller field="res-dc-name" on_created=|_: String| {} />
        </section>
    }
}

/// **Create data centre**: a button that opens a one-field form; the new
/// centre's id goes to `on_created`.
#[component]
pub fn NewDataCentre(
    reseller: RwSignal<ResellerView>,
    /// The name field's id: the wizard's and the list's may both be open.
    field: &'static str,
    #[prop(into)] on_created: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let form = Form::new(move || check_data_centre_name(&name.get()).err().into_iter().collect(), control);
    let create = widgets::submit(move |typed: &String| {
        let call = api::reseller::create_data_centre(reseller.with_untracked(|r| r.connection.clone()), typed.clone());
        let typed = typed.trim().to_string();
        async move {
            match call.await {
                Ok(view) => {
                    let id = view.data_centres.iter().find(|c| c.name == typed).map(|c| c.id.clone());
                    reseller.set(view);
                    name.set(String::new());
                    form.reset();
                    open.set(false);
                    if let Some(id) = id {
                        on_created.run(id);
                    }
                    Ok(())
                }
                Err(error) => Err(shown(form, error)),
            }
        }
    });
    let send = move || {
        if !create.pending().get_untracked() && form.ready_to_send() {
            create.dispatch(name.get_untracked());
        }
    };
    let failure = move || create.value().get().and_then(|r| r.err().flatten());
    let label: Text = |l| td_string!(l, res_data_centre_name);
    let message = form.message(HandlerField::DataCentreName, |l, p: &HandlerProblem| problem_text(l, p));
    move || {
        if open.get() {
            view! {
                // Not a form of its own: it may sit inside the wizard's.
                <div class="inline-form" role="group" aria-labelledby=format!("label-{field}")
                    on:keydown=move |event: web_sys::KeyboardEvent| {
                        if event.key() == "Enter" { event.prevent_default(); send(); }
                        if event.key() == "Escape" { event.prevent_default(); open.set(false); }
                    }>
                    <Field id=field label=label message=message>
                        <Input value=name on_input=move |text| { name.set(text); form.edited(HandlerField::DataCentreName); } />
                    </Field>
                    {move || failure().map(|e| view! { <p class="form-error" role="alert">{reseller_error(i18n.get_locale(), &e)}</p> })}
                    <div class="form-actions">
                        <button type="button" class="button" data-testid="data-centre-save" disabled=create.pending() on:click=move |_| send()>
                            {tr!(res_data_centre_create)}
                        </button>
                        <button type="button" class="button button--ghost" on:click=move |_| open.set(false)>{tr!(cancel)}</button>
                    </div>
                </div>
            }.into_any()
        } else {
            view! {
                <button type="button" class="button button--ghost button--small" data-testid="data-centre-create"
                    on:click=move |_| { open.set(true); widgets::form::focus_control(field); }>
                    {tr!(res_data_centre_create)}
                </button>
            }
            .into_any()
        }
    }
}
