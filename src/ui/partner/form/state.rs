//! The module form's state, shared by its parts: the draft as typed, the
//! form's progress over the domain's `ListingDraft::problems`, and whether the
//! listing is frozen while the moderator reviews it.

use crate::domain::submission::{Field, ListingDraft, Problem};
use crate::domain::{Coded, Lang};
use crate::ui::partner::issue_text;
use crate::ui::widgets::{Field as FieldBox, Form, Input, Text, TextArea};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ListingState {
    pub draft: RwSignal<ListingDraft>,
    pub form: Form<Problem>,
    /// In review: nothing can change until the moderator decides.
    pub frozen: Signal<bool>,
}

impl ListingState {
    /// Changes the draft as the partner did to `field`, whose message shows from now on.
    pub fn edit(self, field: Field, change: impl FnOnce(&mut ListingDraft)) {
        self.draft.update(change);
        self.form.edited(field);
    }

    pub fn message(self, field: Field) -> Signal<Option<String>> {
        self.form.message(field, |locale, problem| issue_text(locale, &problem.issue))
    }
}

/// The id (and test id) of a field's control.
pub fn control(field: Field) -> String {
    let named = |name: &str, lang: Lang| format!("{name}-{}", lang.code());
    match field {
        Field::Code => "code".into(),
        Field::MinApi => "min-api".into(),
        Field::SimpleConnectionUrl => "simple-connection-url".into(),
        Field::ConnectionUrl => "connection-url".into(),
        Field::Scopes => "permissions".into(),
        Field::Section => "section".into(),
        Field::NewSection(lang) => named("new-section", lang),
        Field::Logo => "logo".into(),
        Field::Pricing => "pricing-kind".into(),
        Field::Price => "monthly-price".into(),
        Field::Discounted => "discounted".into(),
        Field::TrialDays => "trial-days".into(),
        Field::Countries => "countries".into(),
        Field::Name(lang) => named("name", lang),
        Field::Short(lang) => named("short", lang),
        Field::Description(lang) => named("description", lang),
        Field::Features(lang) => named("features", lang),
        Field::Install(lang) => named("install", lang),
        Field::SupportUrl => "support-url".into(),
        Field::DocumentationUrl => "documentation-url".into(),
    }
}

/// Where a text field's value lives in the draft; the language is for materials.
pub type Pick = fn(&ListingDraft, Lang) -> &String;
pub type PickMut = fn(&mut ListingDraft, Lang) -> &mut String;

/// One string of the draft in its field, with its label and message.
#[component]
pub fn DraftText(
    state: ListingState,
    field: Field,
    pick: Pick,
    pick_mut: PickMut,
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    #[prop(default = Lang::Ru)] lang: Lang,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let value = Signal::derive(move || state.draft.with(|d| pick(d, lang).clone()));
    let on_input = move |text: String| state.edit(field, |d| *pick_mut(d, lang) = text);
    // The control is made inside the field, whose context it reads.
    view! {
        <FieldBox id=control(field) label hint=hint.unwrap_or(|_| "") message=state.message(field)>
            {if multiline {
                view! { <TextArea value on_input /> }.into_any()
            } else {
                view! { <Input value on_input disabled /> }.into_any()
            }}
        </FieldBox>
    }
}
