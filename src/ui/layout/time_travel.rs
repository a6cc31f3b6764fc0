//! The offline preview's "Move time forward": a day, a week or a month, so a
//! trial can end, a notice arrive, a charge happen, a module freeze.

use crate::api::preview::{move_time, TimeStep};
use crate::domain::billing::calendar::local_date;
use crate::domain::dates::format_date;
use crate::i18n::*;
use crate::ui::books::{use_books, BooksState};
use crate::ui::labels::lang_of;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn TimeTravel() -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let travel = widgets::submit(move |step: &TimeStep| {
        let step = *step;
        async move { books.change(move_time(step)).await }
    });
    let busy = travel.pending();
    let today =
        move || books.view().map(|v| format_date(local_date(v.now, books.tz.get()), lang_of(i18n.get_locale())));
    let step = move |step: TimeStep| {
        move |_| {
            travel.dispatch(step);
        }
    };
    view! {
        <Show when=move || books.state.with(|s| matches!(s, BooksState::Loaded(_)))>
            <div class="time-travel" data-testid="time-travel" role="group" aria-label=tr!(time_travel)>
                <span class="time-travel-label">{tr!(time_travel)}</span>
                <span class="time-travel-today" data-testid="preview-today">{today}</span>
                <button type="button" class="chip" data-testid="time-1d" disabled=busy on:click=step(TimeStep::Day)>
                    {tr!(time_day)}
                </button>
                <button type="button" class="chip" data-testid="time-7d" disabled=busy on:click=step(TimeStep::Week)>
                    {tr!(time_week)}
                </button>
                <button type="button" class="chip" data-testid="time-1m" disabled=busy on:click=step(TimeStep::Month)>
                    {tr!(time_month)}
                </button>
            </div>
        </Show>
    }
}
