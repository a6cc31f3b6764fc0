//! A company's application to become a partner (SPEC §4): what it must say,
//! the moderator's decision, and the password an approved partner chooses
//! through the one-time link of the approval letter.

use super::submission::links::check_url;
use super::submission::Issue;
use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumString, IntoStaticStr};

pub const MAX_COMPANY: usize = 120;
pub const MAX_CONTACT: usize = 120;
pub const MAX_EMAIL: usize = 254;
pub const MAX_MESSAGE: usize = 2000;
pub const MIN_PASSWORD: usize = 12;
pub const MAX_PASSWORD: usize = 128;
/// How long the link of an approval letter may be used.
pub const INVITATION_DAYS: i64 = 7;

/// The application form, as typed; a field left out is an empty one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    pub company: String,
    pub contact: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    /// What the company builds; optional.
    pub message: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, IntoStaticStr, EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ApplicationField {
    Company,
    Contact,
    Email,
    Phone,
    Website,
    Message,
    /// The password chosen through the approval letter's link.
    Password,
    /// The same password, typed again.
    PasswordAgain,
    /// The password in use, asked before it is changed.
    CurrentPassword,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationProblem {
    pub field: ApplicationField,
    pub issue: Issue,
}

/// Where an application stands; `DecisionKind` is its stored form, without the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case")]
#[strum_discriminants(name(DecisionKind), derive(IntoStaticStr, EnumString), strum(serialize_all = "snake_case"))]
pub enum Decision {
    Pending,
    Approved,
    /// The moderator's reason, sent to the applicant.
    Declined(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum DecisionError {
    #[error("the application was already decided")]
    AlreadyDecided,
    #[error("a decline needs a reason")]
    NoReason,
    #[error("the partner has already set a password")]
    AlreadyJoined,
    #[error("only an approved application has a link")]
    NotApproved,
}

impl Decision {
    pub fn approve(&mut self) -> Result<(), DecisionError> {
        self.decide(Decision::Approved)
    }

    pub fn decline(&mut self, reason: &str) -> Result<(), DecisionError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DecisionError::NoReason);
        }
        self.decide(Decision::Declined(reason.to_string()))
    }

    fn decide(&mut self, decision: Decision) -> Result<(), DecisionError> {
        if *self != Decision::Pending {
            return Err(DecisionError::AlreadyDecided);
        }
        *self = decision;
        Ok(())
    }
}

impl Application {
    /// The application as it is kept: one-line fields on one line with single
    /// spaces (the company goes into a letter's subject), the e-mail lower-case.
    pub fn normalized(&self) -> Application {
        let line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        Application {
            company: line(&self.company),
            contact: line(&self.contact),
            email: line(&self.email).to_lowercase(),
            phone: line(&self.phone),
            website: line(&self.website),
            message: self.message.trim().to_string(),
        }
    }

    /// Every problem, in the form's order; none means it may be sent.
    pub fn problems(&self) -> Vec<ApplicationProblem> {
        let checks = [
            (ApplicationField::Company, required(&self.company, MAX_COMPANY)),
            (ApplicationField::Contact, required(&self.contact, MAX_CONTACT)),
            (ApplicationField::Email, check_email(&self.email)),
            (ApplicationField::Phone, check_phone(&self.phone)),
            (ApplicationField::Website, check_website(&self.website)),
            (ApplicationField::Message, at_most(&self.message, MAX_MESSAGE)),
        ];
        checks
            .into_iter()
            .filter_map(|(field, result)| result.err().map(|issue| ApplicationProblem { field, issue }))
            .collect()
    }
}

fn at_most(text: &str, max: usize) -> Result<(), Issue> {
    if text.trim().chars().count() > max {
        Err(Issue::TooLong(max))
    } else {
        Ok(())
    }
}

fn required(text: &str, max: usize) -> Result<(), Issue> {
    if text.trim().is_empty() {
        Err(Issue::Required)
    } else {
        at_most(text, max)
    }
}

/// One `@` between a local part and a dotted domain, no spaces: the rest is
/// proved by the letter arriving.
pub fn check_email(email: &str) -> Result<(), Issue> {
    let email = email.trim();
    required(email, MAX_EMAIL)?;
    // An address is at most 254 octets (RFC 5321), whatever its characters.
    if email.len() > MAX_EMAIL {
        return Err(Issue::TooLong(MAX_EMAIL));
    }
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.split('.').count() >= 2
            && domain.split('.').all(|label| !label.is_empty())
            && !email.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
    });
    if valid {
        Ok(())
    } else {
        Err(Issue::Email)
    }
}

/// International format: an optional `+`, 7 to 15 digits (E.164), spaces,
/// hyphens and brackets allowed between them.
pub fn check_phone(phone: &str) -> Result<(), Issue> {
    let phone = phone.trim();
    if phone.is_empty() {
        return Err(Issue::Required);
    }
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let allowed = body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    if allowed && (7..=15).contains(&digits) {
        Ok(())
    } else {
        Err(Issue::Phone)
    }
}

fn check_website(website: &str) -> Result<(), Issue> {
    if website.trim().is_empty() {
        return Err(Issue::Required);
    }
    check_url(website).map_err(Issue::Url)
}

/// The password a partner sets through the approval letter's link.
pub fn check_password(password: &str) -> Result<(), Issue> {
    let length = password.chars().count();
    if length < MIN_PASSWORD {
        Err(Issue::PasswordShort(MIN_PASSWORD))
    } else if length > MAX_PASSWORD {
        Err(Issue::TooLong(MAX_PASSWORD))
    } else {
        Ok(())
    }
}

/// The password a new partner chooses, typed twice on the welcome page.
pub fn new_password_problems(password: &str, again: &str) -> Vec<ApplicationProblem> {
    let mut problems = Vec::new();
    if let Err(issue) = check_password(password) {
        problems.push(ApplicationProblem { field: ApplicationField::Password, issue });
    }
    if password != again {
        problems.push(ApplicationProblem { field: ApplicationField::PasswordAgain, issue: Issue::PasswordsDiffer });
    }
    problems
}
