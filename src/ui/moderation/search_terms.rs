//! The moderators' search screen: the synonyms the marketplace's search
//! uses («ККТ» → «онлайн-касса»), added (checked as typed by the rule the
//! server applies again) and deleted; and the queries account owners typed
//! that found nothing, most missed first, each a click from its synonym.

use crate::api;
use crate::api::types::SearchTermsView;
use crate::api::ApiError;
use crate::domain::dates::format_date_time;
use crate::domain::search::synonyms::{MissedQuery, Synonym, SynonymProblem};
use crate::i18n::*;
use crate::texts::search::synonym_problem_text;
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of};
use crate::ui::widgets::tr;
use crate::ui::widgets::{self, ConfirmAction, Field, Form, Input, Text};
use leptos::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
struct Typed {
    term: String,
    meaning: String,
}

fn control(field: &'static str) -> String {
    format!("sy-{field}")
}

#[component]
pub fn SearchTerms() -> impl IntoView {
    let terms = LocalResource::new(|| async { api::search_terms::search_terms().await });
    let screen = widgets::loaded(terms, move |first| view! { <Screen first /> });
    view! {
        <header class="page-head">
            <div>
                <h1>{tr!(sy_title)}</h1>
                <p class="lead">{tr!(sy_lead)}</p>
            </div>
        </header>
        {screen}
    }
}

#[component]
fn Screen(first: SearchTermsView) -> impl IntoView {
    let i18n = use_i18n();
    let terms = RwSignal::new(first);
    let typed = RwSignal::new(Typed::default());
    let kept = Memo::new(move |_| terms.with(|t| t.synonyms.clone()));
    let form = Form::new(
        move || typed.with(|t| kept.with(|kept| Synonym::parse(&t.term, &t.meaning, kept).err().into_iter().collect())),
        control,
    );
    let meaning_input = NodeRef::<leptos::html::Input>::new();
    let add = widgets::submit(move |typed: &Typed| {
        let sent = api::search_terms::add_synonym(typed.term.clone(), typed.meaning.clone());
        async move {
            match sent.await {
                Ok(view) => {
                    terms.set(view);
                    Ok(())
                }
                Err(ApiError::Synonym(problem)) => {
                    form.refused(vec![problem]);
                    Err(None)
                }
                Err(error) => Err(Some(error)),
            }
        }
    });
    Effect::new(move || {
        if let Some(Ok(())) = add.value().get() {
            typed.set(Typed::default());
            form.reset();
        }
    });
    let failure = move || add.value().get().and_then(|r| r.err().flatten());
    let message = move |field| form.message(field, |l, p: &SynonymProblem| synonym_problem_text(l, *p));
    let edit = move |field: &'static str, change: fn(&mut Typed, String)| {
        move |text: String| {
            typed.update(|t| change(t, text));
            form.edited(field);
        }
    };
    let answer = move |query: String| {
        typed.set(Typed { term: query, meaning: String::new() });
        form.reset();
        if let Some(input) = meaning_input.get_untracked() {
            let _ = input.focus();
        }
    };
    let (term_label, meaning_label, term_hint, meaning_hint): (Text, Text, Text, Text) = (
        |l| td_string!(l, sy_term),
        |l| td_string!(l, sy_meaning),
        |l| td_string!(l, sy_term_hint),
        |l| td_string!(l, sy_meaning_hint),
    );
    view! {
        <div class="search-terms">
        <section class="panel" aria-labelledby="synonyms-title">
            <h2 id="synonyms-title">{tr!(sy_synonyms)}</h2>
            <form class="inline-form" data-testid="synonym-form" novalidate
                on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    if !add.pending().get_untracked() && form.ready_to_send() {
                        add.dispatch(typed.get_untracked());
                    }
                }>
                <div class="form-grid">
                    <Field id=control("term") label=term_label hint=term_hint message=message("term")>
                        <Input value=Signal::derive(move || typed.with(|t| t.term.clone()))
                            on_input=edit("term", |t, text| t.term = text) />
                    </Field>
                    <Field id=control("meaning") label=meaning_label hint=meaning_hint message=message("meaning")>
                        <Input value=Signal::derive(move || typed.with(|t| t.meaning.clone())) node_ref=meaning_input
                            on_input=edit("meaning", |t, text| t.meaning = text) />
                    </Field>
                </div>
                {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button button--primary" data-testid="synonym-add" disabled=add.pending()>
                        {move || if add.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, sy_add) }}
                    </button>
                </div>
            </form>
            <Synonyms terms />
        </section>
        <section class="panel" aria-labelledby="missed-title">
            <h2 id="missed-title">{tr!(sy_missed)}</h2>
            <p class="hint">{tr!(sy_missed_lead)}</p>
            <Missed terms answer />
        </section>
        </div>
    }
}

#[component]
fn Synonyms(terms: RwSignal<SearchTermsView>) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<ApiError>);
    let delete = move |term: String| {
        leptos::task::spawn_local(async move {
            match api::search_terms::delete_synonym(term).await {
                Ok(view) => {
                    failure.set(None);
                    terms.set(view);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let row = move |synonym: Synonym| {
        let Synonym { term, meaning } = synonym;
        let question = {
            let term = term.clone();
            Signal::derive(move || td_string!(i18n.get_locale(), sy_delete_question, term = term.as_str()).to_string())
        };
        let label = Signal::derive(move || t_string!(i18n, sy_delete).to_string());
        let deleted = term.clone();
        view! {
            <tr data-testid="synonym-row" data-term=term.clone()>
                <th scope="row">{term.clone()}</th>
                <td>{meaning}</td>
                <td class="actions">
                    <ConfirmAction label question testid="synonym-delete" on_confirm=move |()| delete(deleted.clone()) />
                </td>
            </tr>
        }
    };
    view! {
        {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
        <Show
            when=move || terms.with(|t| !t.synonyms.is_empty())
            fallback=move || view! { <p class="empty" data-testid="synonyms-empty">{tr!(sy_none)}</p> }
        >
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(sy_term)}</th>
                            <th scope="col">{tr!(sy_meaning)}</th>
                            <th scope="col"><span class="visually-hidden">{tr!(sy_actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || terms.with(|t| t.synonyms.clone()) key=|s| (s.term.clone(), s.meaning.clone()) children=row />
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn Missed(terms: RwSignal<SearchTermsView>, answer: impl Fn(String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let row = move |missed: MissedQuery| {
        let MissedQuery { query, accounts, times, last_at } = missed;
        let when = move || format_date_time(last_at, books.tz.get(), lang_of(i18n.get_locale()));
        let label = {
            let query = query.clone();
            move || td_string!(i18n.get_locale(), sy_answer_label, query = query.as_str()).to_string()
        };
        let answered = query.clone();
        view! {
            <tr data-testid="missed-row" data-query=query.clone()>
                <th scope="row">{query.clone()}</th>
                <td class="num" data-testid="missed-accounts">{accounts}</td>
                <td class="num">{times}</td>
                <td>{when}</td>
                <td class="actions">
                    <button type="button" class="button button--small" data-testid="missed-answer" aria-label=label
                        on:click=move |_| answer(answered.clone())>
                        {tr!(sy_answer)}
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <Show
            when=move || terms.with(|t| !t.missed.is_empty())
            fallback=move || view! { <p class="empty" data-testid="missed-empty">{tr!(sy_missed_none)}</p> }
        >
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(sy_query)}</th>
                            <th scope="col" class="num">{tr!(sy_accounts)}</th>
                            <th scope="col" class="num">{tr!(sy_times)}</th>
                            <th scope="col">{tr!(sy_last)}</th>
                            <th scope="col"><span class="visually-hidden">{tr!(sy_actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || terms.with(|t| t.missed.clone()) key=|m| (m.query.clone(), m.accounts, m.times, m.last_at) children=row />
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
