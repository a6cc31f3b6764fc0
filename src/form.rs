//! A form's progress, apart from its rules (which are the domain's): which
//! fields the user has touched, whether they tried to send it, and what the
//! server found that the form cannot know. A field's problem shows once the
//! field was touched, or every one once a send was tried; the first field
//! shown wrong then takes the focus. The same for every form of the app.

use crate::domain::application::{ApplicationField, ApplicationProblem};
use crate::domain::billing::{AmountError, NameError};
use crate::domain::sms::settings::SmsField;
use crate::domain::sms::SmsProblem;
use crate::domain::submission::{Field, Problem};

/// A problem that belongs to one field of its form.
pub trait FieldProblem: Clone + PartialEq {
    type Field: PartialEq + Copy;
    fn field(&self) -> Self::Field;
}

impl FieldProblem for Problem {
    type Field = Field;
    fn field(&self) -> Field {
        self.field
    }
}

impl FieldProblem for ApplicationProblem {
    type Field = ApplicationField;
    fn field(&self) -> ApplicationField {
        self.field
    }
}

/// A form of one field (a top-up's amount): its error is its problem.
impl FieldProblem for AmountError {
    type Field = ();
    fn field(&self) {}
}

impl FieldProblem for SmsProblem {
    type Field = SmsField;
    fn field(&self) -> SmsField {
        SmsProblem::field(self)
    }
}

impl FieldProblem for crate::domain::reseller::HandlerProblem {
    type Field = crate::domain::reseller::HandlerField;
    fn field(&self) -> Self::Field {
        crate::domain::reseller::HandlerProblem::field(self)
    }
}

/// A booking service's form: each problem is its field's.
impl FieldProblem for crate::domain::booking::services::ServiceProblem {
    type Field = Self;
    fn field(&self) -> Self {
        *self
    }
}

/// A form of one field (a connection's new name).
impl FieldProblem for NameError {
    type Field = ();
    fn field(&self) {}
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProgress<P: FieldProblem> {
    /// A handful at most: a list costs the browser less code than a set.
    touched: Vec<P::Field>,
    tried: bool,
    /// Found by the server (an e-mail already taken), until their field changes.
    from_server: Vec<P>,
}

impl<P: FieldProblem> Default for FormProgress<P> {
    fn default() -> Self {
        FormProgress { touched: Vec::new(), tried: false, from_server: Vec::new() }
    }
}

impl<P: FieldProblem> FormProgress<P> {
    /// The user changed `field`: its problems show from now on, and what the
    /// server said of its old value no longer holds.
    pub fn edited(&mut self, field: P::Field) {
        if !self.touched.contains(&field) {
            self.touched.push(field);
        }
        self.from_server.retain(|p| p.field() != field);
    }

    /// The user tried to send the form: every problem shows.
    pub fn tried(&mut self) {
        self.tried = true;
    }

    /// The server refused the form with problems of its own.
    pub fn refused(&mut self, problems: Vec<P>) {
        self.tried = true;
        self.from_server = problems;
    }

    /// Back to untouched, as after a successful send.
    pub fn reset(&mut self) {
        *self = FormProgress::default();
    }

    pub fn shows(&self, field: P::Field) -> bool {
        self.tried || self.touched.contains(&field)
    }

    /// The problem shown beside `field` now: the form's own (`own`, from the
    /// domain's rule), else the server's.
    pub fn shown<'a>(&'a self, field: P::Field, own: &'a [P]) -> Option<&'a P> {
        if !self.shows(field) {
            return None;
        }
        own.iter().chain(&self.from_server).find(|p| p.field() == field)
    }

    /// The field to focus: the first shown wrong, in the form's order (the
    /// order the domain's rule lists its problems in), then the server's.
    pub fn first_wrong(&self, own: &[P]) -> Option<P::Field> {
        own.iter().chain(&self.from_server).map(P::field).find(|field| self.shows(*field))
    }
}

/// A moderator's synonym: each problem names its field.
impl FieldProblem for crate::domain::search::synonyms::SynonymProblem {
    type Field = &'static str;
    fn field(&self) -> &'static str {
        crate::domain::search::synonyms::SynonymProblem::field(*self)
    }
}

impl FieldProblem for crate::domain::review::ReviewProblem {
    type Field = &'static str;
    fn field(&self) -> &'static str {
        crate::domain::review::ReviewProblem::field(*self)
    }
}
