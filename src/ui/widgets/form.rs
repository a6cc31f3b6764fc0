//! A form's progress (`crate::form::FormProgress`) as the screens use it:
//! reactive, with each field's message in the interface language, and the
//! focus moved to the first wrong field when a send is refused.

use crate::form::{FieldProblem, FormProgress};
use crate::i18n::*;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub struct Form<P: FieldProblem + Send + Sync + 'static>
where
    P::Field: Send + Sync,
{
    progress: RwSignal<FormProgress<P>>,
    /// The form's own problems, as the domain's rule finds them now.
    problems: Signal<Vec<P>>,
    /// The id of the control of a field, to move the focus to.
    control: fn(P::Field) -> String,
}

impl<P: FieldProblem + Send + Sync + 'static> Clone for Form<P>
where
    P::Field: Send + Sync,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: FieldProblem + Send + Sync + 'static> Copy for Form<P> where P::Field: Send + Sync {}

impl<P: FieldProblem + Send + Sync + 'static> Form<P>
where
    P::Field: Send + Sync,
{
    pub fn new(problems: impl Fn() -> Vec<P> + Send + Sync + 'static, control: fn(P::Field) -> String) -> Self {
        Form {
            progress: RwSignal::new(FormProgress::default()),
            problems: Memo::new(move |_| problems()).into(),
            control,
        }
    }

    pub fn edited(self, field: P::Field) {
        self.progress.update(|p| p.edited(field));
    }

    /// Whether the form's own rule finds nothing wrong now.
    pub fn is_valid(self) -> bool {
        self.problems.with(Vec::is_empty)
    }

    pub fn problem_count(self) -> usize {
        self.problems.with(Vec::len)
    }

    /// The message beside `field` now, in the interface language.
    pub fn message(self, field: P::Field, text: fn(Locale, &P) -> String) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            let locale = i18n.get_locale();
            self.progress.with(|progress| self.problems.with(|own| progress.shown(field, own).map(|p| text(locale, p))))
        })
    }

    /// Before sending: every message shows, and `false`, with the focus on
    /// the first wrong field, when the form's rule finds a problem.
    pub fn ready_to_send(self) -> bool {
        self.progress.update(FormProgress::tried);
        let ready = self.is_valid();
        if !ready {
            self.focus_first_wrong();
        }
        ready
    }

    /// The server refused the form: its problems show beside their fields.
    pub fn refused(self, problems: Vec<P>) {
        self.progress.update(|p| p.refused(problems));
        self.focus_first_wrong();
    }

    pub fn reset(self) {
        self.progress.update(FormProgress::reset);
    }

    fn focus_first_wrong(self) {
        let first = self.progress.with_untracked(|p| self.problems.with_untracked(|own| p.first_wrong(own)));
        if let Some(field) = first {
            focus_control(&(self.control)(field));
        }
    }
}

/// Focuses the control (or the first control of the group) with this id, once
/// the view has caught up with what the form now shows.
pub fn focus_control(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        let Some(element) = document().get_element_by_id(&id) else { return };
        let control = match element.matches("input, select, textarea, button") {
            Ok(true) => Some(element),
            _ => element.query_selector("input, select, textarea, button").ok().flatten(),
        };
        if let Some(control) = control.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = control.focus();
        }
    });
}
