//! The countries: a searchable list of ISO 3166-1 countries, the chosen ones as chips.

use super::state::ListingState;
use crate::domain::countries;
use crate::domain::submission::Field;
use crate::domain::CountryCode;
use crate::i18n::*;
use crate::ui::labels::lang_of;
use crate::ui::widgets::tr;
use crate::ui::widgets::Field as FieldBox;
use leptos::prelude::*;

#[component]
pub fn CountryPicker(state: ListingState) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let toggle = move |code: &'static str, on: bool| {
        if let Ok(code) = CountryCode::try_from(code.to_string()) {
            state.edit(Field::Countries, |d| {
                if on {
                    d.countries.insert(code);
                } else {
                    d.countries.remove(&code);
                }
            });
        }
    };
    let chosen = move || {
        let lang = lang_of(i18n.get_locale());
        state.draft.with(|d| {
            countries::all()
                .filter(|c| d.countries.iter().any(|code| code.as_str() == c.code))
                .map(|c| {
                    let code = c.code;
                    let remove = td_string!(i18n.get_locale(), country_remove, country = c.name(lang)).to_string();
                    view! {
                        <button type="button" class="chip chip--removable" data-testid=format!("country-chip-{code}")
                            aria-label=remove on:click=move |_| toggle(code, false)>
                            {c.name(lang)} <span aria-hidden="true">" ×"</span>
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let options = move || {
        let lang = lang_of(i18n.get_locale());
        query.with(|q| {
            countries::search(q)
                .map(|c| {
                    let code = c.code;
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid=format!("country-{code}")
                                prop:checked=move || state.draft.with(|d| d.countries.iter().any(|x| x.as_str() == code))
                                on:change=move |e| toggle(code, event_target_checked(&e)) />
                            {c.name(lang)}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="form-group" disabled=state.frozen>
            <legend>{tr!(group_other)}</legend>
            <FieldBox id="countries" group=true label=|l| td_string!(l, field_countries)
                message=state.message(Field::Countries)>
                <div class="chips">{chosen}</div>
                // While the moderator reviews the listing, the chosen ones are all there is to see.
                <Show when=move || !state.frozen.get()>
                    <input class="input" type="search" data-testid="country-search"
                        aria-label=tr!(country_search)
                        placeholder=tr!(country_search)
                        prop:value=move || query.get()
                        on:input=move |e| query.set(event_target_value(&e)) />
                    <div class="country-list">{options}</div>
                </Show>
            </FieldBox>
        </fieldset>
    }
}
