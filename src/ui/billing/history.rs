//! The operations history: every top-up, charge, trial start and end, freeze
//! and unfreeze; filtered by module, kind and dates; exported as CSV.

use crate::api;
use crate::api::types::{module_name, HistoryPage};
use crate::domain::billing::{HistoryFilter, Operation, OperationKind};
use crate::domain::dates::{format_date_time, parse_iso_date};
use crate::domain::money::format_rub;
use crate::domain::{Coded, ModuleCode};
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of, operation_kind_name};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Field, Input, Paged, Select};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn History() -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let catalog = LocalResource::new(|| async { api::catalog::catalog().await });
    let filter = RwSignal::new(HistoryFilter::default());
    // The ledger changes (a top-up, a charge) bring the history up to date too.
    let first = LocalResource::new(move || {
        let filter = filter.get();
        books.state.track();
        async move { api::billing::history(filter, None).await }
    });
    let module_name = move |code: &str| {
        let catalog = catalog.get().and_then(|c| c.ok()).unwrap_or_default();
        module_name(&catalog.modules, code, lang_of(i18n.get_locale()))
    };
    let modules = move || {
        let mut modules: Vec<(String, String)> = catalog
            .get()
            .and_then(|c| c.ok())
            .map(|all| {
                let lang = lang_of(i18n.get_locale());
                all.modules
                    .iter()
                    .map(|m| (m.listing.code.to_string(), m.listing.materials(lang).name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        modules.sort_by(|a, b| a.1.cmp(&b.1));
        modules
    };
    let export = widgets::submit(move |filter: &HistoryFilter| {
        let (filter, lang) = (filter.clone(), lang_of(i18n.get_locale_untracked()));
        async move {
            let csv = api::billing::history_csv(filter, lang).await;
            if let Ok(csv) = &csv {
                download("souk-operations.csv", csv);
            }
            csv.map(drop)
        }
    });
    let export_error = move || export.value().get().and_then(Result::err);
    let date_input = move |pick: fn(&mut HistoryFilter, Option<chrono::NaiveDate>)| {
        move |text: String| filter.update(|f| pick(f, parse_iso_date(&text)))
    };
    let no_date = Signal::derive(String::new);

    view! {
        <section class="panel history">
            <div class="history-filters" role="group" aria-label=tr!(history_filters)>
                <Field id="filter-module" label=|l| td_string!(l, csv_module)>
                    <Select on_change=move |v: String| filter.update(|f| f.module = (!v.is_empty()).then(|| ModuleCode::new(v)))>
                        <option value="">{tr!(history_all_modules)}</option>
                        {move || modules().into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </Select>
                </Field>
                <Field id="filter-kind" label=|l| td_string!(l, csv_kind)>
                    <Select on_change=move |v: String| filter.update(|f| f.kind = OperationKind::from_code(&v))>
                        <option value="">{tr!(history_all_kinds)}</option>
                        {move || {
                            let locale = i18n.get_locale();
                            OperationKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.code()>{operation_kind_name(locale, k)}</option> })
                                .collect_view()
                        }}
                    </Select>
                </Field>
                <Field id="filter-from" label=|l| td_string!(l, history_from)>
                    <Input kind="date" value=no_date on_input=date_input(|f, d| f.from = d) />
                </Field>
                <Field id="filter-to" label=|l| td_string!(l, history_to)>
                    <Input kind="date" value=no_date on_input=date_input(|f, d| f.to = d) />
                </Field>
                <button type="button" class="button" data-testid="export-csv" disabled=export.pending() on:click=move |_| { export.dispatch(filter.get_untracked()); }>
                    {tr!(export_csv)}
                </button>
            </div>
            {move || export_error().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            {loaded(first, move |page| view! { <HistoryPages first=page filter=filter.get_untracked() module_name /> })}
        </section>
    }
}

/// The first page, and each next one the user asks for below it.
#[component]
fn HistoryPages(
    first: HistoryPage,
    filter: HistoryFilter,
    module_name: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    Paged::new(first, move |before| api::billing::history(filter.clone(), Some(before))).list(
        move || view! { <p class="empty" data-testid="history-empty">{tr!(history_empty)}</p> },
        move |rows| view! { <HistoryTable rows module_name /> },
    )
}

#[component]
fn HistoryTable(
    rows: RwSignal<Vec<Operation>>,
    module_name: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="history-table">
                <thead>
                    <tr>
                        <th scope="col">{tr!(csv_date)}</th>
                        <th scope="col">{tr!(csv_kind)}</th>
                        <th scope="col">{tr!(csv_module)}</th>
                        <th scope="col">{tr!(csv_connection)}</th>
                        <th scope="col" class="num">{tr!(history_amount)}</th>
                        <th scope="col" class="num">{tr!(history_balance_after)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let locale = i18n.get_locale();
                        let lang = lang_of(locale);
                        let tz = books.tz.get();
                        rows.get()
                            .into_iter()
                            .map(|op| {
                                let amount = if op.amount.is_zero() { String::new() } else { format_rub(op.amount, lang) };
                                view! {
                                    <tr data-testid="history-row" data-kind=op.kind.code()>
                                        <td>{format_date_time(op.at, tz, lang)}</td>
                                        <td>{operation_kind_name(locale, op.kind)}</td>
                                        <td>{op.module.as_ref().map(|code| module_name(code.as_str())).unwrap_or_default()}</td>
                                        <td>{op.connection_name.clone().unwrap_or_default()}</td>
                                        <td class="num" class:negative=op.amount.is_sign_negative()>{amount}</td>
                                        <td class="num">{format_rub(op.balance_after, lang)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Hands the text to the browser as a file download.
fn download(file_name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document().create_element("a") {
        if let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() {
            link.set_href(&url);
            link.set_download(file_name);
            link.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
