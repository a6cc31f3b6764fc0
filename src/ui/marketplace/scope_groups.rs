//! Permissions in words, a line per API section: "Orders: read, write".

use crate::domain::{Access, ApiSection, Scope};
use crate::i18n::*;
use crate::ui::labels::{access_name, api_section_name};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn ScopeGroups(scopes: Vec<Scope>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="scopes">
            {grouped(&scopes)
                .into_iter()
                .map(|(section, accesses)| view! {
                    <li>
                        <span class="scope-section">{move || api_section_name(i18n.get_locale(), section)}</span>
                        <span class="scope-access">
                            {move || {
                                let locale = i18n.get_locale();
                                accesses.iter().map(|a| access_name(locale, *a)).collect::<Vec<_>>().join(", ")
                            }}
                        </span>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

/// Scopes grouped by API section, in the section order.
fn grouped(scopes: &[Scope]) -> BTreeMap<ApiSection, Vec<Access>> {
    let mut grouped: BTreeMap<ApiSection, Vec<Access>> = BTreeMap::new();
    for scope in scopes {
        let accesses = grouped.entry(scope.section).or_default();
        if !accesses.contains(&scope.access) {
            accesses.push(scope.access);
        }
    }
    grouped.values_mut().for_each(|accesses| accesses.sort());
    grouped
}
