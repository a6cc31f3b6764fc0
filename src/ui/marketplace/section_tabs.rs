//! The section tabs, each with the number of modules it holds: the twelve
//! built-in sections, with the ones moderators added before "Other".

use crate::domain::section::{AddedSection, Shelf};
use crate::domain::Coded;
use crate::domain::{CatalogQuery, Section};
use crate::i18n::*;
use crate::ui::labels::{lang_of, section_name};
use crate::ui::widgets::tr;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn SectionTabs(
    query: RwSignal<CatalogQuery>,
    counts: Memo<BTreeMap<Shelf, usize>>,
    /// The added sections the catalog's modules are in.
    added: Vec<AddedSection>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tab = move |shelf: Option<Shelf>, name: Option<AddedSection>| {
        let count = {
            let shelf = shelf.clone();
            move || match &shelf {
                Some(s) => counts.with(|c| c.get(s).copied().unwrap_or(0)),
                None => counts.with(|c| c.values().sum()),
            }
        };
        let code = match &shelf {
            Some(Shelf::Section(s)) => s.code().to_string(),
            Some(Shelf::Added(code)) => code.clone(),
            None => "all".to_string(),
        };
        let label = {
            let shelf = shelf.clone();
            move || match (&shelf, &name) {
                (_, Some(added)) => added.names.get(lang_of(i18n.get_locale())).clone(),
                (Some(Shelf::Section(s)), None) => section_name(i18n.get_locale(), *s).to_string(),
                _ => t_string!(i18n, section_all).to_string(),
            }
        };
        let selected = {
            let shelf = shelf.clone();
            move || query.with(|q| q.section == shelf).to_string()
        };
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                data-testid="section-tab"
                data-section=code
                aria-selected=selected
                on:click=move |_| query.update(|q| q.section = shelf.clone())
            >
                <span class="tab-label">{label}</span>
                <span class="tab-count">{count}</span>
            </button>
        }
    };
    let built_in = |keep: fn(&Section) -> bool| {
        Section::ALL.into_iter().filter(keep).map(|s| tab(Some(Shelf::Section(s)), None)).collect_view()
    };
    view! {
        <nav class="tabs" role="tablist" aria-label=tr!(sections_label)>
            {tab(None, None)}
            {built_in(|s| *s != Section::Other)}
            {added.into_iter().map(|a| tab(Some(Shelf::Added(a.code.clone())), Some(a))).collect_view()}
            {built_in(|s| *s == Section::Other)}
        </nav>
    }
}
