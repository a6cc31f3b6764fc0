//! The system group: the symbol code, the API version, where the module is
//! connected, its permissions and its section.

use super::permissions::Permissions;
use super::section::SectionPicker;
use super::state::{DraftText, ListingState};
use crate::domain::submission::code::as_sent;
use crate::domain::submission::Field;
use crate::domain::{ApiVersion, Coded};
use crate::i18n::*;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field as FieldBox, Select};
use leptos::prelude::*;

#[component]
pub fn SystemFields(state: ListingState, code_fixed: bool) -> impl IntoView {
    let code = move || state.draft.with(|d| as_sent(&d.code));
    view! {
        <fieldset class="form-group" disabled=state.frozen>
            <legend>{tr!(group_system)}</legend>
            <DraftText state field=Field::Code pick=|d, _| &d.code pick_mut=|d, _| &mut d.code
                label=|l| td_string!(l, field_code) disabled=code_fixed />
            <p class="hint" data-testid="code-as-sent"><code>{code}</code></p>
            <FieldBox id="min-api" label=|l| td_string!(l, field_min_api)>
                <Select on_change=move |value: String| {
                    if let Some(version) = ApiVersion::from_code(&value) {
                        state.edit(Field::MinApi, |d| d.min_api = version);
                    }
                }>
                    {ApiVersion::ALL.into_iter().map(|v| view! {
                        <option value=v.code() selected=move || state.draft.with(|d| d.min_api == v)>{v.code()}</option>
                    }).collect_view()}
                </Select>
            </FieldBox>
            <DraftText state field=Field::SimpleConnectionUrl
                pick=|d, _| &d.simple_connection_url pick_mut=|d, _| &mut d.simple_connection_url
                label=|l| td_string!(l, field_simple_connection) />
            <DraftText state field=Field::ConnectionUrl
                pick=|d, _| &d.connection_url pick_mut=|d, _| &mut d.connection_url
                label=|l| td_string!(l, field_connection_url) />
            <Permissions state />
            <SectionPicker state />
        </fieldset>
    }
}
