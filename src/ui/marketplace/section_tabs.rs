//! The twelve section tabs, each with the number of modules it holds.

use crate::domain::{CatalogQuery, Section};
use crate::i18n::*;
use crate::ui::labels::section_name;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn SectionTabs(query: RwSignal<CatalogQuery>, counts: Memo<BTreeMap<Section, usize>>) -> impl IntoView {
    let i18n = use_i18n();
    let tab = move |section: Option<Section>| {
        let count = move || match section {
            Some(s) => counts.with(|c| c.get(&s).copied().unwrap_or(0)),
            None => counts.with(|c| c.values().sum()),
        };
        let label = move || match section {
            Some(s) => section_name(i18n.get_locale(), s).to_string(),
            None => t_string!(i18n, section_all).to_string(),
        };
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                data-testid="section-tab"
                data-section=section.map(Section::code).unwrap_or("all")
                aria-selected=move || query.with(|q| q.section == section).to_string()
                on:click=move |_| query.update(|q| q.section = section)
            >
                <span class="tab-label">{label}</span>
                <span class="tab-count">{count}</span>
            </button>
        }
    };
    view! {
        <nav class="tabs" role="tablist" aria-label=move || t_string!(i18n, sections_label)>
            {tab(None)}
            {Section::ALL.into_iter().map(|s| tab(Some(s))).collect_view()}
        </nav>
    }
}
