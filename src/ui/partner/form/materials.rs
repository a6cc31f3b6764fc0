//! The texts a partner writes once per language, and the module's links.

use super::state::{DraftText, ListingState};
use crate::domain::submission::Field;
use crate::domain::Lang;
use crate::i18n::*;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn MaterialsFields(state: ListingState, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let legend = move || match lang {
        Lang::Ru => t_string!(i18n, group_materials_ru),
        Lang::En => t_string!(i18n, group_materials_en),
    };
    view! {
        <fieldset class="form-group" disabled=state.frozen>
            <legend>{legend}</legend>
            <DraftText state field=Field::Name(lang) lang label=|l| td_string!(l, field_name)
                pick=|d, l| &d.materials.get(l).name pick_mut=|d, l| &mut d.materials.get_mut(l).name />
            <DraftText state field=Field::Short(lang) lang label=|l| td_string!(l, field_short)
                pick=|d, l| &d.materials.get(l).short pick_mut=|d, l| &mut d.materials.get_mut(l).short />
            <DraftText state field=Field::Description(lang) lang multiline=true label=|l| td_string!(l, field_description)
                pick=|d, l| &d.materials.get(l).description pick_mut=|d, l| &mut d.materials.get_mut(l).description />
            <DraftText state field=Field::Features(lang) lang multiline=true label=|l| td_string!(l, field_features)
                pick=|d, l| &d.materials.get(l).features pick_mut=|d, l| &mut d.materials.get_mut(l).features />
            <DraftText state field=Field::Install(lang) lang multiline=true label=|l| td_string!(l, field_install)
                hint=|l| td_string!(l, install_hint)
                pick=|d, l| &d.materials.get(l).install pick_mut=|d, l| &mut d.materials.get_mut(l).install />
        </fieldset>
    }
}

#[component]
pub fn LinkFields(state: ListingState) -> impl IntoView {
    view! {
        <fieldset class="form-group" disabled=state.frozen>
            <legend>{tr!(group_links)}</legend>
            <DraftText state field=Field::SupportUrl pick=|d, _| &d.support_url pick_mut=|d, _| &mut d.support_url
                label=|l| td_string!(l, field_support_url) />
            <DraftText state field=Field::DocumentationUrl
                pick=|d, _| &d.documentation_url pick_mut=|d, _| &mut d.documentation_url
                label=|l| td_string!(l, field_documentation_url) />
        </fieldset>
    }
}
