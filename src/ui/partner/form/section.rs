//! The section: one of the marketplace's, one the moderator added for this
//! listing, or a new one asked for by name in both languages.

use super::state::{control, ListingState};
use crate::domain::lang::Localized;
use crate::domain::submission::{Field, SectionChoice};
use crate::domain::{Coded, Lang, Section};
use crate::i18n::*;
use crate::ui::labels::{lang_of, section_name};
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field as FieldBox, Input, Select, Text};
use leptos::prelude::*;

const NEW: &str = "new";

#[component]
pub fn SectionPicker(state: ListingState) -> impl IntoView {
    let i18n = use_i18n();
    let requested = move || state.draft.with(|d| matches!(d.section, SectionChoice::Requested(_)));
    // A section the moderator added for this listing stays one of its choices.
    let added = state.draft.with_untracked(|d| match &d.section {
        SectionChoice::Added(added) => Some(added.clone()),
        _ => None,
    });
    let choose = {
        let added = added.clone();
        move |value: String| {
            state.edit(Field::Section, |d| {
                d.section = match (Section::from_code(&value), &added) {
                    (Some(section), _) => SectionChoice::Existing(section),
                    (None, Some(added)) if added.code == value => SectionChoice::Added(added.clone()),
                    (None, _) => SectionChoice::Requested(Localized { ru: String::new(), en: String::new() }),
                }
            })
        }
    };
    let name_input = move |lang: Lang| {
        let field = Field::NewSection(lang);
        let label: Text = match lang {
            Lang::Ru => |l| td_string!(l, field_new_section_ru),
            Lang::En => |l| td_string!(l, field_new_section_en),
        };
        let value = Signal::derive(move || {
            state.draft.with(|d| match &d.section {
                SectionChoice::Requested(names) => names.get(lang).clone(),
                _ => String::new(),
            })
        });
        let on_input = move |text: String| {
            state.edit(field, |d| {
                if let SectionChoice::Requested(names) = &mut d.section {
                    *names.get_mut(lang) = text;
                }
            })
        };
        view! { <FieldBox id=control(field) label message=state.message(field)><Input value on_input /></FieldBox> }
    };
    view! {
        <FieldBox id="section" label=|l| td_string!(l, field_section)>
            <Select on_change=choose>
                {added.map(|added| {
                    let lang = move || lang_of(i18n.get_locale());
                    let chosen = move || state.draft.with(|d| matches!(d.section, SectionChoice::Added(_)));
                    view! { <option value=added.code.clone() selected=chosen>{move || added.names.get(lang()).clone()}</option> }
                })}
                {Section::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=move || state.draft.with(|d| d.section == SectionChoice::Existing(s))>
                        {move || section_name(i18n.get_locale(), s)}
                    </option>
                }).collect_view()}
                <option value=NEW selected=requested>{tr!(field_section_request)}</option>
            </Select>
        </FieldBox>
        <Show when=requested>
            <p class="hint">{tr!(section_request_hint)}</p>
            {name_input(Lang::Ru)}
            {name_input(Lang::En)}
        </Show>
    }
}
