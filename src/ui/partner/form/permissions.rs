//! Scopes as a checklist: a row per API section, read and write.

use super::state::ListingState;
use crate::domain::submission::Field;
use crate::domain::{Access, ApiSection, Scope};
use crate::i18n::*;
use crate::ui::labels::{access_name, api_section_name};
use crate::ui::widgets::Field as FieldBox;
use leptos::prelude::*;

#[component]
pub fn Permissions(state: ListingState) -> impl IntoView {
    let i18n = use_i18n();
    let check = move |section: ApiSection, access: Access| {
        let scope = Scope { section, access };
        view! {
            <td>
                <label class="check">
                    <input type="checkbox" data-testid=format!("scope-{scope}")
                        prop:checked=move || state.draft.with(|d| d.scopes.contains(&scope))
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            state.edit(Field::Scopes, |d| {
                                if on { d.scopes.insert(scope); } else { d.scopes.remove(&scope); }
                            });
                        } />
                    {move || access_name(i18n.get_locale(), access)}
                </label>
            </td>
        }
    };
    view! {
        <FieldBox id="permissions" group=true label=|l| td_string!(l, field_permissions)
            message=state.message(Field::Scopes)>
            <table class="permissions">
                <tbody>
                    {ApiSection::ALL.into_iter().map(|section| view! {
                        <tr>
                            <th scope="row">{move || api_section_name(i18n.get_locale(), section)}</th>
                            {check(section, Access::Read)}
                            {check(section, Access::Write)}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </FieldBox>
    }
}
