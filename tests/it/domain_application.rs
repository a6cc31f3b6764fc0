//! The partner application's rules, field by field, and the decision's steps.

use souk::domain::application::{
    check_email, check_password, check_phone, Application, ApplicationField, Decision, DecisionError, MAX_COMPANY,
    MIN_PASSWORD,
};
use souk::domain::submission::links::UrlError;
use souk::domain::submission::Issue;

fn complete() -> Application {
    Application {
        company: "Govorun LLC".into(),
        contact: "Anna Petrova".into(),
        email: "anna@govorun.example".into(),
        phone: "+7 495 123-45-67".into(),
        website: "https://govorun.example".into(),
        message: String::new(),
    }
}

fn issue_of(application: &Application, field: ApplicationField) -> Option<Issue> {
    application.problems().into_iter().find(|p| p.field == field).map(|p| p.issue)
}

#[test]
fn a_complete_application_has_no_problems_and_the_message_is_optional() {
    assert_eq!(complete().problems(), []);
}

#[test]
fn every_field_but_the_message_is_required() {
    let problems = Application::default().problems();
    let fields: Vec<_> = problems.iter().map(|p| (p.field, p.issue.clone())).collect();
    assert_eq!(
        fields,
        [
            (ApplicationField::Company, Issue::Required),
            (ApplicationField::Contact, Issue::Required),
            (ApplicationField::Email, Issue::Required),
            (ApplicationField::Phone, Issue::Required),
            (ApplicationField::Website, Issue::Required),
        ]
    );
}

#[test]
fn e_mail_addresses() {
    for good in ["a@b.co", "first.last+tag@mail.example.ru", "ольга@почта.рф", " anna@govorun.example "] {
        assert_eq!(check_email(good), Ok(()), "{good}");
    }
    for bad in
        ["anna", "anna@", "@govorun.example", "anna@localhost", "anna@govorun.", "a b@c.de", "a@b@c.de", "<a@b.co>"]
    {
        assert_eq!(check_email(bad), Err(Issue::Email), "{bad}");
    }
}

#[test]
fn phone_numbers_in_international_format() {
    for good in ["+7 495 123-45-67", "+373 22 123456", "8 (800) 555-35-35", "+44 20 7946 0958", "1234567"] {
        assert_eq!(check_phone(good), Ok(()), "{good}");
    }
    for bad in ["123", "+7 495 CALL-NOW", "+1 234 567 890 123 456", "++7 495 123 45 67", "phone"] {
        assert_eq!(check_phone(bad), Err(Issue::Phone), "{bad}");
    }
}

#[test]
fn the_website_is_an_https_address_and_names_are_bounded() {
    let mut application = complete();
    application.website = "http://govorun.example".into();
    assert_eq!(issue_of(&application, ApplicationField::Website), Some(Issue::Url(UrlError::NotHttps)));
    application.website = "govorun.example".into();
    assert_eq!(issue_of(&application, ApplicationField::Website), Some(Issue::Url(UrlError::NotAbsolute)));
    application.company = "Я".repeat(MAX_COMPANY + 1);
    assert_eq!(issue_of(&application, ApplicationField::Company), Some(Issue::TooLong(MAX_COMPANY)));
    application.company = "Я".repeat(MAX_COMPANY);
    assert_eq!(issue_of(&application, ApplicationField::Company), None, "characters are counted, not bytes");
}

#[test]
fn normalizing_keeps_one_line_fields_on_one_line_and_lowercases_the_e_mail() {
    let mut application = complete();
    application.email = "  Anna@Govorun.Example ".into();
    application.company = " Govorun\r\nBcc: all@example.com\t LLC\n".into();
    application.message = "  First line\nSecond line  ".into();
    let kept = application.normalized();
    assert_eq!(kept.email, "anna@govorun.example");
    assert_eq!(kept.company, "Govorun Bcc: all@example.com LLC", "no line breaks reach a letter's subject");
    assert_eq!(kept.message, "First line\nSecond line", "the message keeps its lines");
}

#[test]
fn passwords_are_long_enough() {
    assert_eq!(check_password(&"x".repeat(MIN_PASSWORD - 1)), Err(Issue::PasswordShort(MIN_PASSWORD)));
    assert_eq!(check_password(&"ж".repeat(MIN_PASSWORD)), Ok(()));
}

#[test]
fn an_application_is_decided_once_and_a_decline_needs_a_reason() {
    let mut decision = Decision::Pending;
    assert_eq!(decision.decline("  "), Err(DecisionError::NoReason));
    assert_eq!(decision, Decision::Pending);
    assert_eq!(decision.decline(" No website "), Ok(()));
    assert_eq!(decision, Decision::Declined("No website".into()));
    assert_eq!(decision.approve(), Err(DecisionError::AlreadyDecided));
    let mut approved = Decision::Pending;
    assert_eq!(approved.approve(), Ok(()));
    assert_eq!(approved.decline("changed my mind"), Err(DecisionError::AlreadyDecided));
}
