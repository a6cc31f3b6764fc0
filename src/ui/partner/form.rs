//! The module form, in the seed's groups. Every rule is the domain's
//! `ListingDraft::problems`, run as the partner types; the message of a field
//! shows once the partner has touched it (or tried to submit).

use super::messages::issue_text;
use super::preview::{logo_url, ListingPreview};
use crate::api;
use crate::api::partner::{DraftView, Saved};
use crate::api::ApiError;
use crate::domain::countries;
use crate::domain::lang::Localized;
use crate::domain::submission::code::as_sent;
use crate::domain::submission::lifecycle::{Lifecycle, Stage};
use crate::domain::submission::{Context, Field, ListingDraft, PricingKind, SectionChoice};
use crate::domain::Coded;
use crate::domain::{Access, ApiSection, ApiVersion, CountryCode, Lang, Scope, Section};
use crate::i18n::*;
use crate::ui::labels::{api_section_name, error_message, lang_of, section_name};
use crate::ui::partner::messages::status_text;
use crate::ui::widgets::focus_first_invalid;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

/// Where a text field's value lives in the draft; the language is for materials.
type Pick = fn(&ListingDraft, Lang) -> &String;
type PickMut = fn(&mut ListingDraft, Lang) -> &mut String;

#[derive(Clone, Copy)]
struct FormState {
    draft: RwSignal<ListingDraft>,
    touched: RwSignal<HashSet<Field>>,
    show_all: RwSignal<bool>,
    problems: Memo<Vec<crate::domain::submission::Problem>>,
}

impl FormState {
    /// The message beside `field`, once it has been touched.
    fn message(self, field: Field) -> impl Fn() -> Option<String> + Copy {
        let i18n = use_i18n();
        move || {
            if !self.show_all.get() && !self.touched.with(|t| t.contains(&field)) {
                return None;
            }
            self.problems.with(|p| p.iter().find(|p| p.field == field).map(|p| issue_text(i18n.get_locale(), &p.issue)))
        }
    }

    fn edit(self, field: Field, change: impl FnOnce(&mut ListingDraft)) {
        self.draft.update(change);
        self.touched.update(|t| {
            t.insert(field);
        });
    }
}

#[component]
pub fn ListingForm(initial: Option<DraftView>, vendor: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let (draft, id, lifecycle, has_secret) = match initial {
        Some(view) => (view.draft, Some(view.id), view.lifecycle, view.has_secret),
        None => (ListingDraft::default(), None, Lifecycle::default(), true),
    };
    let has_secret = RwSignal::new(has_secret);
    let published_code = lifecycle.published.then(|| draft.code.clone());
    let draft = RwSignal::new(draft);
    let id = RwSignal::new(id);
    let lifecycle = RwSignal::new(lifecycle);
    let code_taken = RwSignal::new(false);
    let problems = Memo::new({
        let published_code = published_code.clone();
        move |_| {
            let context = Context { code_taken: code_taken.get(), published_code: published_code.clone() };
            draft.with(|d| d.problems(&context))
        }
    });
    let form = FormState { draft, touched: RwSignal::new(HashSet::new()), show_all: RwSignal::new(false), problems };
    let secret = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let saved_note = RwSignal::new(false);

    // Uniqueness needs the server: asked 400 ms after the last keystroke, and
    // only the answer for the code still in the field counts.
    let code = Memo::new(move |_| draft.with(|d| d.code.clone()));
    let fixed_code = published_code.clone();
    Effect::new(move |_| {
        let asked = code.get();
        if asked.len() < 2 || fixed_code.as_deref() == Some(asked.as_str()) {
            code_taken.set(false);
            return;
        }
        let listing = id.get_untracked();
        set_timeout(
            move || {
                if code.get_untracked() != asked {
                    return;
                }
                spawn_local(async move {
                    if let Ok(available) = api::partner::code_available(asked.clone(), listing).await {
                        if code.get_untracked() == asked {
                            code_taken.set(!available);
                        }
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    });

    let frozen = move || lifecycle.with(|l| l.stage == Stage::InReview);
    let save = move |then_submit: bool| {
        if busy.get_untracked() {
            return;
        }
        if then_submit && !problems.with_untracked(Vec::is_empty) {
            form.show_all.set(true);
            focus_first_invalid();
            return;
        }
        busy.set(true);
        saved_note.set(false);
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer: Result<DraftView, ApiError> = async {
                let Saved { view, secret: shown } =
                    api::partner::save_listing(id.get_untracked(), draft.get_untracked()).await?;
                if shown.is_some() {
                    secret.set(shown);
                }
                if then_submit {
                    api::partner::submit_listing(view.id.clone()).await
                } else {
                    Ok(view)
                }
            }
            .await;
            busy.set(false);
            match answer {
                Ok(view) => {
                    error.set(None);
                    saved_note.set(true);
                    lifecycle.set(view.lifecycle);
                    if id.get_untracked().is_none() {
                        navigate(
                            &format!("/partner/{}", view.id),
                            leptos_router::NavigateOptions { replace: true, ..Default::default() },
                        );
                    }
                    id.set(Some(view.id));
                }
                Err(problem) => {
                    form.show_all.set(true);
                    error.set(Some(problem));
                }
            }
        });
    };
    let save_and_submit = save.clone();
    let rotate = move |_| {
        let Some(listing) = id.get_untracked() else { return };
        spawn_local(async move {
            match api::partner::rotate_secret(listing).await {
                Ok(new) => {
                    has_secret.set(true);
                    secret.set(Some(new));
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };

    view! {
        <div class="listing-editor">
            <form class="listing-form" novalidate on:submit=move |e| {
                e.prevent_default();
                save(false);
            }>
                <header class="form-head">
                    <h1>
                        {move || {
                            let name = draft.with(|d| d.materials.get(lang_of(i18n.get_locale())).name.trim().to_string());
                            if name.is_empty() { t_string!(i18n, partner_new_listing).to_string() } else { name }
                        }}
                    </h1>
                    <span class="badge" data-testid="listing-status">
                        {move || status_text(i18n.get_locale(), lifecycle.with(Lifecycle::status))}
                    </span>
                </header>
                {move || lifecycle.with(|l| match &l.stage {
                    Stage::Rejected(reason) => Some(view! {
                        <p class="notice notice--error" data-testid="rejection-reason">
                            {t!(i18n, partner_rejected_because)} " " {reason.clone()}
                        </p>
                    }),
                    _ => None,
                })}
                <Show when=frozen>
                    <p class="notice" data-testid="in-review-note">{t!(i18n, partner_in_review_note)}</p>
                </Show>
                <fieldset class="form-group" disabled=frozen>
                    <legend>{t!(i18n, group_system)}</legend>
                    <TextInput form field=Field::Code testid="code" pick=|d, _| &d.code pick_mut=|d, _| &mut d.code
                        label=Signal::derive(move || t_string!(i18n, field_code).to_string())
                        disabled=published_code.is_some() />
                    <p class="hint" data-testid="code-as-sent"><code>{move || as_sent(&code.get())}</code></p>
                    <label class="field">
                        <span class="field-label">{t!(i18n, field_min_api)}</span>
                        <select class="input" data-testid="min-api" on:change=move |e| {
                            if let Some(v) = ApiVersion::from_code(&event_target_value(&e)) {
                                draft.update(|d| d.min_api = v);
                            }
                        }>
                            {ApiVersion::ALL.into_iter().map(|v| view! {
                                <option value=v.code() selected=move || draft.with(|d| d.min_api == v)>{v.code()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <TextInput form field=Field::SimpleConnectionUrl testid="simple-connection-url"
                        pick=|d, _| &d.simple_connection_url pick_mut=|d, _| &mut d.simple_connection_url
                        label=Signal::derive(move || t_string!(i18n, field_simple_connection).to_string()) />
                    <TextInput form field=Field::ConnectionUrl testid="connection-url"
                        pick=|d, _| &d.connection_url pick_mut=|d, _| &mut d.connection_url
                        label=Signal::derive(move || t_string!(i18n, field_connection_url).to_string()) />
                    <Permissions form />
                    <SectionPicker form />
                </fieldset>
                <fieldset class="form-group" disabled=frozen>
                    <legend>{t!(i18n, group_logo)}</legend>
                    <LogoPicker form />
                </fieldset>
                <fieldset class="form-group" disabled=frozen>
                    <legend>{t!(i18n, group_prices)}</legend>
                    <PricingFields form />
                </fieldset>
                <fieldset class="form-group" disabled=frozen>
                    <legend>{t!(i18n, group_other)}</legend>
                    <CountryPicker form />
                </fieldset>
                <MaterialsFields form lang=Lang::Ru frozen=Signal::derive(frozen) />
                <MaterialsFields form lang=Lang::En frozen=Signal::derive(frozen) />
                <fieldset class="form-group" disabled=frozen>
                    <legend>{t!(i18n, group_links)}</legend>
                    <TextInput form field=Field::SupportUrl testid="support-url" pick=|d, _| &d.support_url
                        pick_mut=|d, _| &mut d.support_url
                        label=Signal::derive(move || t_string!(i18n, field_support_url).to_string()) />
                    <TextInput form field=Field::DocumentationUrl testid="documentation-url"
                        pick=|d, _| &d.documentation_url pick_mut=|d, _| &mut d.documentation_url
                        label=Signal::derive(move || t_string!(i18n, field_documentation_url).to_string()) />
                </fieldset>
                <Show when=move || !has_secret.get() && secret.get().is_none()>
                    <p class="notice" data-testid="secret-missing">{t!(i18n, secret_missing)}</p>
                </Show>
                {move || secret.get().map(|value| view! {
                    <div class="secret" data-testid="module-secret" role="status">
                        <p><strong>{t!(i18n, secret_title)}</strong> " " {t!(i18n, secret_once)}</p>
                        <code data-testid="secret-value">{value.clone()}</code>
                        <button type="button" class="button button--ghost" data-testid="copy-secret" on:click=move |_| {
                            let _ = window().navigator().clipboard().write_text(&value);
                        }>{t!(i18n, secret_copy)}</button>
                    </div>
                })}
                {move || error.get().map(|e| view! {
                    <p class="form-error" role="alert" data-testid="form-error">{error_message(i18n.get_locale(), &e)}</p>
                })}
                <div class="form-actions">
                    <Show when=move || saved_note.get()>
                        <span class="hint" role="status" data-testid="saved-note">{t!(i18n, partner_saved)}</span>
                    </Show>
                    <Show when=move || id.get().is_some()>
                        <button type="button" class="button button--ghost" data-testid="rotate-secret" on:click=rotate>
                            {t!(i18n, secret_rotate)}
                        </button>
                    </Show>
                    <button type="submit" class="button" data-testid="save-draft" disabled=move || busy.get() || frozen()>
                        {t!(i18n, partner_save_draft)}
                    </button>
                    <button type="button" class="button button--primary" data-testid="submit-review"
                        disabled=move || busy.get() || frozen()
                        on:click=move |_| save_and_submit(true)>
                        {t!(i18n, partner_submit)}
                    </button>
                </div>
                <p class="hint" data-testid="problem-count">
                    {move || {
                        let n = problems.with(Vec::len);
                        if n == 0 { t_string!(i18n, partner_ready).to_string() }
                        else { td_string!(i18n.get_locale(), partner_problems, count = n).to_string() }
                    }}
                </p>
            </form>
            <ListingPreview draft vendor />
        </div>
    }
}

/// A text input or area bound to one string of the draft, with its message.
#[component]
fn TextInput(
    form: FormState,
    field: Field,
    #[prop(into)] testid: String,
    pick: Pick,
    pick_mut: PickMut,
    label: Signal<String>,
    #[prop(default = Lang::Ru)] lang: Lang,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let message = form.message(field);
    let error_id = format!("error-{testid}");
    let value = move || form.draft.with(|d| pick(d, lang).clone());
    let on_input = move |e: leptos::ev::Event| {
        let text = event_target_value(&e);
        form.edit(field, |d| *pick_mut(d, lang) = text);
    };
    let invalid = move || message().is_some().to_string();
    let input = if multiline {
        view! {
            <textarea class="input" rows="4" data-testid=testid.clone() prop:value=value on:input=on_input
                aria-invalid=invalid aria-describedby=error_id.clone()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="input" type="text" data-testid=testid.clone() prop:value=value on:input=on_input
                disabled=disabled aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any()
    };
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            {input}
            <span class="field-error" id=error_id.clone() data-testid=error_id>{message}</span>
        </label>
    }
}

/// The text fields of one language's materials.
#[component]
fn MaterialsFields(form: FormState, lang: Lang, frozen: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let id = |name: &str| format!("{name}-{}", lang.code());
    let legend = move || match lang {
        Lang::Ru => t_string!(i18n, group_materials_ru),
        Lang::En => t_string!(i18n, group_materials_en),
    };
    view! {
        <fieldset class="form-group" disabled=frozen>
            <legend>{legend}</legend>
            <TextInput form field=Field::Name(lang) testid=id("name") lang
                pick=|d, l| &d.materials.get(l).name pick_mut=|d, l| &mut d.materials.get_mut(l).name
                label=Signal::derive(move || t_string!(i18n, field_name).to_string()) />
            <TextInput form field=Field::Short(lang) testid=id("short") lang
                pick=|d, l| &d.materials.get(l).short pick_mut=|d, l| &mut d.materials.get_mut(l).short
                label=Signal::derive(move || t_string!(i18n, field_short).to_string()) />
            <TextInput form field=Field::Description(lang) testid=id("description") lang multiline=true
                pick=|d, l| &d.materials.get(l).description pick_mut=|d, l| &mut d.materials.get_mut(l).description
                label=Signal::derive(move || t_string!(i18n, field_description).to_string()) />
            <TextInput form field=Field::Features(lang) testid=id("features") lang multiline=true
                pick=|d, l| &d.materials.get(l).features pick_mut=|d, l| &mut d.materials.get_mut(l).features
                label=Signal::derive(move || t_string!(i18n, field_features).to_string()) />
            <TextInput form field=Field::Install(lang) testid=id("install") lang multiline=true
                pick=|d, l| &d.materials.get(l).install pick_mut=|d, l| &mut d.materials.get_mut(l).install
                label=Signal::derive(move || t_string!(i18n, field_install).to_string()) />
            <p class="hint">{t!(i18n, install_hint)}</p>
        </fieldset>
    }
}

/// Scopes as a checklist: a row per API section, read and write.
#[component]
fn Permissions(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let message = form.message(Field::Scopes);
    view! {
        <div class="field" role="group" aria-labelledby="permissions-label" data-testid="permissions">
            <span class="field-label" id="permissions-label">{t!(i18n, field_permissions)}</span>
            <table class="permissions">
                <tbody>
                    {ApiSection::ALL.into_iter().map(|section| {
                        let check = move |access: Access| {
                            let scope = Scope { section, access };
                            view! {
                                <td>
                                    <label class="check">
                                        <input type="checkbox" data-testid=format!("scope-{scope}")
                                            prop:checked=move || form.draft.with(|d| d.scopes.contains(&scope))
                                            on:change=move |e| {
                                                let on = event_target_checked(&e);
                                                form.edit(Field::Scopes, |d| {
                                                    if on { d.scopes.insert(scope); } else { d.scopes.remove(&scope); }
                                                });
                                            } />
                                        {move || match access {
                                            Access::Read => t_string!(i18n, access_read),
                                            Access::Write => t_string!(i18n, access_write),
                                        }}
                                    </label>
                                </td>
                            }
                        };
                        view! {
                            <tr>
                                <th scope="row">{move || api_section_name(i18n.get_locale(), section)}</th>
                                {check(Access::Read)}
                                {check(Access::Write)}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <span class="field-error" data-testid="error-scopes">{message}</span>
        </div>
    }
}

#[component]
fn SectionPicker(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    const NEW: &str = "new";
    let requested = move || form.draft.with(|d| matches!(d.section, SectionChoice::Requested(_)));
    // A section the moderator added for this listing stays one of its choices.
    let added = form.draft.with_untracked(|d| match &d.section {
        SectionChoice::Added(added) => Some(added.clone()),
        _ => None,
    });
    let name_input = move |lang: Lang| {
        let message = form.message(Field::NewSection(lang));
        view! {
            <label class="field">
                <span class="field-label">
                    {move || match lang {
                        Lang::Ru => t_string!(i18n, field_new_section_ru),
                        Lang::En => t_string!(i18n, field_new_section_en),
                    }}
                </span>
                <input class="input" type="text" data-testid=format!("new-section-{}", lang.code())
                    prop:value=move || form.draft.with(|d| match &d.section {
                        SectionChoice::Requested(names) => names.get(lang).clone(),
                        _ => String::new(),
                    })
                    on:input=move |e| {
                        let text = event_target_value(&e);
                        form.edit(Field::NewSection(lang), |d| {
                            if let SectionChoice::Requested(names) = &mut d.section {
                                match lang { Lang::Ru => names.ru = text, Lang::En => names.en = text }
                            }
                        });
                    } />
                <span class="field-error" data-testid=format!("error-new-section-{}", lang.code())>{message}</span>
            </label>
        }
    };
    view! {
        <label class="field">
            <span class="field-label">{t!(i18n, field_section)}</span>
            <select class="input" data-testid="section" on:change={
                let added = added.clone();
                move |e| {
                    let value = event_target_value(&e);
                    form.draft.update(|d| {
                        d.section = match (Section::from_code(&value), &added) {
                            (Some(section), _) => SectionChoice::Existing(section),
                            (None, Some(added)) if added.code == value => SectionChoice::Added(added.clone()),
                            (None, _) => SectionChoice::Requested(Localized { ru: String::new(), en: String::new() }),
                        }
                    });
                }
            }>
                {added.clone().map(|added| {
                    let lang = move || lang_of(i18n.get_locale());
                    view! {
                        <option value=added.code.clone() selected=move || form.draft.with(|d| matches!(d.section, SectionChoice::Added(_)))>
                            {move || added.names.get(lang()).clone()}
                        </option>
                    }
                })}
                {Section::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=move || form.draft.with(|d| d.section == SectionChoice::Existing(s))>
                        {move || section_name(i18n.get_locale(), s)}
                    </option>
                }).collect_view()}
                <option value=NEW selected=requested>{t!(i18n, field_section_request)}</option>
            </select>
        </label>
        <Show when=requested>
            <p class="hint">{t!(i18n, section_request_hint)}</p>
            {name_input(Lang::Ru)}
            {name_input(Lang::En)}
        </Show>
    }
}

/// An SVG chosen from disk, checked at once and shown as it will appear.
#[component]
fn LogoPicker(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let message = form.message(Field::Logo);
    let preview = Memo::new(move |_| form.draft.with(|d| logo_url(&d.logo)));
    let on_change = move |e: leptos::ev::Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Over the limit, the file is not even read: the rule refuses it by its size.
        let too_large = file.size() > crate::domain::logo::MAX_LOGO_BYTES as f64;
        spawn_local(async move {
            let text = if too_large {
                " ".repeat(crate::domain::logo::MAX_LOGO_BYTES + 1)
            } else {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => text.as_string().unwrap_or_default(),
                    Err(_) => String::new(),
                }
            };
            form.edit(Field::Logo, |d| d.logo = text);
        });
    };
    view! {
        <div class="field logo-field">
            <span class="field-label">{t!(i18n, field_logo)}</span>
            <div class="logo-row">
                {move || match preview.get() {
                    Some(url) => view! { <img class="logo-preview" data-testid="logo-preview" src=url alt="" width="72" height="72" /> }.into_any(),
                    None => view! { <div class="logo-preview logo-preview--empty" aria-hidden="true"></div> }.into_any(),
                }}
                <input type="file" accept=".svg,image/svg+xml" data-testid="logo-file" on:change=on_change
                    aria-invalid=move || message().is_some().to_string() aria-describedby="error-logo" />
            </div>
            <p class="hint">{t!(i18n, logo_hint)}</p>
            <span class="field-error" id="error-logo" data-testid="error-logo">{message}</span>
        </div>
    }
}

#[component]
fn PricingFields(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let kind = move || form.draft.with(|d| d.pricing.kind);
    let radio = move |value: PricingKind, testid: &'static str| {
        view! {
            <label class="check">
                <input type="radio" name="pricing-kind" data-testid=testid
                    prop:checked=move || kind() == value
                    on:change=move |_| form.draft.update(|d| d.pricing.kind = value) />
                {move || match value {
                    PricingKind::Free => t_string!(i18n, pricing_free),
                    PricingKind::Monthly => t_string!(i18n, pricing_monthly),
                    PricingKind::ServiceSide => t_string!(i18n, pricing_service_side),
                }}
            </label>
        }
    };
    view! {
        <div class="field" role="radiogroup" data-testid="pricing-kind">
            {radio(PricingKind::Free, "pricing-free")}
            {radio(PricingKind::Monthly, "pricing-monthly")}
            {radio(PricingKind::ServiceSide, "pricing-service-side")}
        </div>
        <Show when=move || kind() == PricingKind::Monthly>
            <TextInput form field=Field::Price testid="monthly-price" pick=|d, _| &d.pricing.price pick_mut=|d, _| &mut d.pricing.price
                label=Signal::derive(move || t_string!(i18n, field_price).to_string()) />
            <TextInput form field=Field::Discounted testid="discounted" pick=|d, _| &d.pricing.discounted
                pick_mut=|d, _| &mut d.pricing.discounted
                label=Signal::derive(move || t_string!(i18n, field_discounted).to_string()) />
            <TextInput form field=Field::TrialDays testid="trial-days" pick=|d, _| &d.pricing.trial_days
                pick_mut=|d, _| &mut d.pricing.trial_days
                label=Signal::derive(move || t_string!(i18n, field_trial_days).to_string()) />
        </Show>
    }
}

/// A searchable multi-select of ISO 3166-1 countries; the chosen ones as chips.
#[component]
fn CountryPicker(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let message = form.message(Field::Countries);
    let toggle = move |code: &'static str, on: bool| {
        if let Ok(code) = CountryCode::try_from(code.to_string()) {
            form.edit(Field::Countries, |d| {
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
        form.draft.with(|d| {
            countries::all()
                .filter(|c| d.countries.iter().any(|code| code.as_str() == c.code))
                .map(|c| {
                    let code = c.code;
                    view! {
                        <button type="button" class="chip chip--removable" data-testid=format!("country-chip-{code}")
                            on:click=move |_| toggle(code, false)>
                            {c.name(lang)} " ×"
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
                                prop:checked=move || form.draft.with(|d| d.countries.iter().any(|x| x.as_str() == code))
                                on:change=move |e| toggle(code, event_target_checked(&e)) />
                            {c.name(lang)}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field" data-testid="countries">
            <span class="field-label">{t!(i18n, field_countries)}</span>
            <div class="chips">{chosen}</div>
            <input class="input" type="search" data-testid="country-search"
                placeholder=move || t_string!(i18n, country_search)
                prop:value=move || query.get()
                on:input=move |e| query.set(event_target_value(&e)) />
            <div class="country-list">{options}</div>
            <span class="field-error" data-testid="error-countries">{message}</span>
        </div>
    }
}
