//! The price: free, monthly (with a discount and a free trial), or charged on
//! the service's side.

use super::state::{DraftText, ListingState};
use crate::domain::submission::{Field, PricingKind};
use crate::i18n::*;
use crate::ui::widgets::tr;
use crate::ui::widgets::Field as FieldBox;
use leptos::prelude::*;

#[component]
pub fn PricingFields(state: ListingState) -> impl IntoView {
    let i18n = use_i18n();
    let kind = move || state.draft.with(|d| d.pricing.kind);
    let radio = move |value: PricingKind, testid: &'static str| {
        view! {
            <label class="check">
                <input type="radio" name="pricing-kind" data-testid=testid
                    prop:checked=move || kind() == value
                    on:change=move |_| state.edit(Field::Pricing, |d| d.pricing.kind = value) />
                {move || match value {
                    PricingKind::Free => t_string!(i18n, pricing_free),
                    PricingKind::Monthly => t_string!(i18n, pricing_monthly),
                    PricingKind::ServiceSide => t_string!(i18n, pricing_service_side),
                }}
            </label>
        }
    };
    view! {
        <fieldset class="form-group" disabled=state.frozen>
            <legend>{tr!(group_prices)}</legend>
            <FieldBox id="pricing-kind" group=true label=|l| td_string!(l, field_pricing) message=state.message(Field::Pricing)>
                {radio(PricingKind::Free, "pricing-free")}
                {radio(PricingKind::Monthly, "pricing-monthly")}
                {radio(PricingKind::ServiceSide, "pricing-service-side")}
            </FieldBox>
            <Show when=move || kind() == PricingKind::Monthly>
                <DraftText state field=Field::Price pick=|d, _| &d.pricing.price pick_mut=|d, _| &mut d.pricing.price
                    label=|l| td_string!(l, field_price) />
                <DraftText state field=Field::Discounted pick=|d, _| &d.pricing.discounted
                    pick_mut=|d, _| &mut d.pricing.discounted label=|l| td_string!(l, field_discounted) />
                <DraftText state field=Field::TrialDays pick=|d, _| &d.pricing.trial_days
                    pick_mut=|d, _| &mut d.pricing.trial_days label=|l| td_string!(l, field_trial_days) />
            </Show>
        </fieldset>
    }
}
