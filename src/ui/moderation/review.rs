//! One listing or revision in review: a field-by-field comparison against
//! the live one, logos side by side, and the decision: approve, or reject
//! with a reason the partner reads.

use crate::api;
use crate::api::moderation::ReviewItem;
use crate::api::ApiError;
use crate::domain::dates::format_date_time;
use crate::domain::submission::diff::{compare, Line};
use crate::domain::submission::{Field, SectionChoice};
use crate::domain::Coded;
use crate::domain::Section;
use crate::i18n::*;
use crate::ui::books::use_books;
use crate::ui::labels::{error_message, lang_of, section_name};
use crate::ui::partner::{field_label, logo_url};
use crate::ui::widgets;
use crate::ui::widgets::tr;
use crate::ui::widgets::{Field as FieldBox, TextArea};
use leptos::prelude::*;

/// What the moderator does with the listing.
#[derive(Clone, Copy)]
enum Step {
    Approve,
    Reject,
    AddSection,
}

#[component]
pub fn ReviewCard(item: ReviewItem, decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let lines = compare(item.published.as_ref(), &item.draft);
    let changed_only = RwSignal::new(item.published.is_some());
    let reason = RwSignal::new(String::new());
    let (id, revision) = (item.id.clone(), item.revision);
    let reason_id = format!("reject-reason-{id}");
    let decide = widgets::submit(move |step: &Step| {
        let (id, step, reason) = (id.clone(), *step, reason.get_untracked());
        async move {
            let decision = match step {
                Step::Approve => api::moderation::approve_listing(id, revision).await,
                Step::Reject => api::moderation::reject_listing(id, revision, reason).await,
                Step::AddSection => api::moderation::add_section(id, revision).await,
            };
            if decision.is_ok() {
                decided.run(());
            }
            decision
        }
    });
    let busy = decide.pending();
    let failure = move || decide.value().get().and_then(Result::err);
    let section_request = match &item.draft.section {
        SectionChoice::Requested(names) => Some(names.clone()),
        _ => None,
    };
    let undecided_section = section_request.is_some();
    let request_view = section_request.map(|names| {
        view! {
            <div class="section-request" data-testid="section-request">
                <h3>{tr!(review_section_request)}</h3>
                <p class="section-request-names">
                    <span lang="ru">{names.ru.clone()}</span> " / " <span lang="en">{names.en.clone()}</span>
                </p>
                <p class="hint">{tr!(review_section_hint)}</p>
                <div class="form-actions">
                    <button type="button" class="button" data-testid="decline-section"
                        disabled=move || busy.get() || reason.with(|r| r.trim().is_empty())
                        on:click=move |_| { decide.dispatch(Step::Reject); }>{tr!(review_decline_section)}</button>
                    <button type="button" class="button button--primary" data-testid="add-section"
                        disabled=busy on:click=move |_| { decide.dispatch(Step::AddSection); }>
                        {tr!(review_add_section)}
                    </button>
                </div>
            </div>
        }
    });
    let before_logo = item.published.as_ref().and_then(|p| logo_url(&p.logo));
    let after_logo = logo_url(&item.draft.logo);
    let materials = item.draft.materials.clone();
    let name = move || materials.get(lang_of(i18n.get_locale())).name.clone();
    let title = if item.published.is_some() { "review-revision" } else { "review-new" };
    let rows = move || {
        let locale = i18n.get_locale();
        lines.iter().filter(|line| !changed_only.get() || line.changed()).map(|line| row(locale, line)).collect_view()
    };
    view! {
        <article class="panel review" data-testid="review-item" data-code=item.draft.code.clone() data-kind=title>
            <header class="review-head">
                <h2>{name} " · " <code>{item.draft.code.clone()}</code></h2>
                <p class="hint">
                    {item.partner.clone()} " · "
                    {move || format_date_time(item.submitted_at, books.tz.get(), lang_of(i18n.get_locale()))} " · "
                    {move || if item.published.is_some() { t_string!(i18n, review_revision) } else { t_string!(i18n, review_new) }}
                </p>
            </header>
            {request_view}
            <div class="review-logos">
                <figure>
                    {before_logo.map(|url| view! { <img src=url alt="" width="72" height="72" data-testid="logo-before" /> })}
                    <figcaption>{tr!(review_before)}</figcaption>
                </figure>
                <figure>
                    {after_logo.map(|url| view! { <img src=url alt="" width="72" height="72" data-testid="logo-after" /> })}
                    <figcaption>{tr!(review_after)}</figcaption>
                </figure>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="changed-only" prop:checked=move || changed_only.get()
                    on:change=move |e| changed_only.set(event_target_checked(&e)) />
                {tr!(review_changed_only)}
            </label>
            <table class="table diff" data-testid="diff">
                <thead>
                    <tr><th>{tr!(review_field)}</th><th>{tr!(review_before)}</th><th>{tr!(review_after)}</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="review-actions">
                <FieldBox id=reason_id testid="reject-reason" label=|l| td_string!(l, review_reason)>
                    <TextArea value=reason on_input=move |text| reason.set(text) />
                </FieldBox>
                {move || failure().map(|e| view! {
                    <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p>
                    {(e == ApiError::Changed).then(|| view! {
                        <button type="button" class="button" data-testid="reload-review"
                            on:click=move |_| decided.run(())>{tr!(review_reload)}</button>
                    })}
                })}
                <div class="form-actions">
                    <button type="button" class="button" data-testid="reject"
                        disabled=move || busy.get() || reason.with(|r| r.trim().is_empty())
                        on:click=move |_| { decide.dispatch(Step::Reject); }>{tr!(review_reject)}</button>
                    <button type="button" class="button button--primary" data-testid="approve"
                        disabled=move || busy.get() || undecided_section
                        title=move || undecided_section.then(|| t_string!(i18n, issue_section_undecided))
                        on:click=move |_| { decide.dispatch(Step::Approve); }>{tr!(review_approve)}</button>
                </div>
            </div>
        </article>
    }
}

fn row(locale: Locale, line: &Line) -> impl IntoView {
    let value = |text: &str| match line.field {
        Field::Pricing => crate::ui::partner::pricing_kind_name(locale, text).to_string(),
        Field::Section => match Section::from_code(text) {
            Some(section) => section_name(locale, section).to_string(),
            None => text.to_string(),
        },
        _ => text.to_string(),
    };
    let before = line.before.as_deref().map(value).unwrap_or_default();
    let after = value(&line.after);
    view! {
        <tr class:changed=line.changed() data-testid="diff-row" data-changed=line.changed().to_string()>
            <th scope="row">{field_label(locale, line.field)}</th>
            <td class="diff-before">{before}</td>
            <td class="diff-after">{after}</td>
        </tr>
    }
}
