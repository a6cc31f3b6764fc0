//! Step 3, bulk price editing: the rows chosen above get a price, or are
//! raised or lowered by a percentage or an amount, rounded to whole rubles
//! if asked; the new prices are previewed (by the rule the server applies
//! again) before they are applied, and the last change can be undone.

use super::messages::booking_error;
use super::Screen;
use crate::api;
use crate::api::booking::PriceEdit;
use crate::api::ApiError;
use crate::domain::booking::prices::{parse_change, BulkEdit, PriceProblem};
use crate::domain::money::format_rub;
use crate::i18n::*;
use crate::texts::booking::price_problem_text;
use crate::texts::lang_of;
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, Field, Input, Select, Text};
use leptos::prelude::*;
use std::collections::BTreeMap;

const KINDS: [&str; 3] = ["percent", "amount", "set"];

fn kind_name(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "set" => td_string!(locale, bk_kind_set),
        "amount" => td_string!(locale, bk_kind_amount),
        _ => td_string!(locale, bk_kind_percent),
    }
}

#[component]
pub fn BulkPrices(screen: Screen) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new("percent".to_string());
    let value = RwSignal::new(String::new());
    let round = RwSignal::new(false);
    let previewing = RwSignal::new(false);
    let applied = RwSignal::new(None::<usize>);
    // The edit as typed, or why it cannot be made, by the domain's rule.
    let edit = move || -> Result<BulkEdit, PriceProblem> {
        if screen.chosen.with(|c| c.is_empty()) {
            return Err(PriceProblem::NothingChosen);
        }
        let change = parse_change(&kind.get(), &value.get())?;
        Ok(BulkEdit { change, round: round.get() })
    };
    let apply = widgets::submit(move |edit: &PriceEdit| {
        let call = api::booking::edit_prices(screen.connection(), edit.clone());
        let count = edit.services.len();
        async move {
            screen.answered(call.await?);
            previewing.set(false);
            applied.set(Some(count));
            Ok::<(), ApiError>(())
        }
    });
    let undo = widgets::submit(move |()| {
        let call = api::booking::undo_prices(screen.connection());
        async move {
            screen.answered(call.await?);
            applied.set(None);
            Ok::<(), ApiError>(())
        }
    });
    let failure =
        move || apply.value().get().and_then(Result::err).or_else(|| undo.value().get().and_then(Result::err));
    let problem = move || previewing.get().then(|| edit().err()).flatten();
    let preview = move || {
        let bulk = edit().ok()?;
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let (rows, chosen) = (screen.channel.get().rows, screen.chosen.get());
        let prices: BTreeMap<String, _> = rows
            .iter()
            .filter(|r| chosen.contains(&r.service.id))
            .map(|r| (r.service.id.clone(), r.channel_price))
            .collect();
        let after = bulk.preview(&prices, &chosen);
        let lines: Vec<String> = rows
            .iter()
            .filter(|r| chosen.contains(&r.service.id))
            .map(|r| {
                let new = after.get(&r.service.id).copied().unwrap_or(r.channel_price);
                let (before, new) = (format_rub(r.channel_price, lang), format_rub(new, lang));
                td_string!(
                    locale,
                    bk_preview_row,
                    name = r.service.name.get(lang).as_str(),
                    before = before.as_str(),
                    after = new.as_str()
                )
                .to_string()
            })
            .collect();
        Some(view! {
            <div class="notice-box" role="status" data-testid="bulk-preview-list">
                <p><strong>{tr!(bk_preview_title)}</strong></p>
                <ul>{lines.into_iter().map(|line| view! { <li data-testid="bulk-preview-row">{line}</li> }).collect_view()}</ul>
            </div>
        })
    };
    let send = move || {
        if apply.pending().get_untracked() || edit().is_err() {
            previewing.set(true);
            return;
        }
        apply.dispatch(PriceEdit {
            services: screen.chosen.get_untracked().into_iter().collect(),
            kind: kind.get_untracked(),
            value: value.get_untracked(),
            round: round.get_untracked(),
        });
    };
    let kind_label: Text = |l| td_string!(l, bk_bulk_kind);
    let value_label: Text = |l| td_string!(l, bk_bulk_value);
    let value_hint: Text = |l| td_string!(l, bk_bulk_value_hint);
    let message = Signal::derive(move || {
        problem().filter(|p| *p != PriceProblem::NothingChosen).map(|p| price_problem_text(i18n.get_locale(), p))
    });
    view! {
        <section class="panel" data-testid="bulk-editor" aria-labelledby="bk-bulk-title">
            <h2 id="bk-bulk-title">{tr!(bk_bulk_title)}</h2>
            <p class="hint">{tr!(bk_bulk_lead)}</p>
            <p role="status" data-testid="bulk-chosen">
                {move || td_string!(i18n.get_locale(), bk_bulk_chosen, count = screen.chosen.with(|c| c.len())).to_string()}
            </p>
            <form class="inline-form" novalidate on:submit=move |event: leptos::ev::SubmitEvent| { event.prevent_default(); send(); }>
                <div class="form-grid">
                    <Field id="bulk-kind" label=kind_label>
                        <Select on_change=move |k: String| { kind.set(k); applied.set(None); }>
                            {KINDS.into_iter().map(|k| view! {
                                <option value=k selected=move || kind.get() == k>{move || kind_name(i18n.get_locale(), k)}</option>
                            }).collect_view()}
                        </Select>
                    </Field>
                    <Field id="bulk-price" label=value_label hint=value_hint message=message>
                        <Input value=value inputmode="decimal" on_input=move |text| { value.set(text); applied.set(None); } />
                    </Field>
                </div>
                <label class="switch">
                    <input type="checkbox" data-testid="bulk-round" prop:checked=round on:change=move |e| round.set(event_target_checked(&e)) />
                    <span>{tr!(bk_round)}</span>
                </label>
                {move || (problem() == Some(PriceProblem::NothingChosen)).then(|| view! {
                    <p class="form-error" role="alert" data-testid="bulk-error">{price_problem_text(i18n.get_locale(), PriceProblem::NothingChosen)}</p>
                })}
                {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="bulk-error">{booking_error(i18n.get_locale(), &e)}</p> })}
                {move || previewing.get().then(preview)}
                {move || applied.get().map(|count| view! {
                    <p class="notice-box" role="status" data-testid="bulk-applied">
                        {td_string!(i18n.get_locale(), bk_prices_applied, count = count).to_string()}
                    </p>
                })}
                <div class="form-actions">
                    <button type="button" class="button" data-testid="bulk-preview"
                        aria-expanded=move || previewing.get().to_string()
                        on:click=move |_| { previewing.set(true); applied.set(None); }>
                        {tr!(bk_preview)}
                    </button>
                    <button type="submit" class="button button--primary" data-testid="bulk-apply" disabled=apply.pending()>
                        {move || if apply.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, bk_apply) }}
                    </button>
                    <button type="button" class="button button--ghost" data-testid="bulk-undo"
                        disabled=move || undo.pending().get() || !screen.channel.with(|c| c.can_undo)
                        on:click=move |_| undo.dispatch(())>
                        {tr!(bk_undo)}
                    </button>
                </div>
            </form>
        </section>
    }
}
