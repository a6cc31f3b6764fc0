//! The one form state every form uses: which problems show, and which field
//! takes the focus when a send is refused.

use souk::domain::application::{new_password_problems, Application, ApplicationField as F, ApplicationProblem};
use souk::domain::billing::{parse_top_up, AmountError};
use souk::domain::submission::Issue;
use souk::form::FormProgress;

fn application_problems(application: &Application) -> Vec<ApplicationProblem> {
    application.problems()
}

#[test]
fn a_field_shows_its_problem_once_touched() {
    let mut progress = FormProgress::default();
    let application = Application { email: "not an address".into(), ..Application::default() };
    let problems = application_problems(&application);
    assert!(progress.shown(F::Email, &problems).is_none(), "nothing shows before the user does anything");
    progress.edited(F::Email);
    assert_eq!(progress.shown(F::Email, &problems).map(|p| &p.issue), Some(&Issue::Email));
    assert!(progress.shown(F::Company, &problems).is_none(), "an untouched field stays quiet");
    assert_eq!(progress.first_wrong(&problems), Some(F::Email), "only what shows can take the focus");
}

#[test]
fn trying_to_send_shows_every_problem_and_focuses_the_first_in_the_form_order() {
    let mut progress = FormProgress::default();
    let application = Application { website: "no".into(), phone: "1".into(), ..Application::default() };
    let problems = application_problems(&application);
    progress.edited(F::Website);
    progress.tried();
    for field in [F::Company, F::Contact, F::Email, F::Phone, F::Website] {
        assert!(progress.shown(field, &problems).is_some(), "{field:?}");
    }
    assert!(progress.shown(F::Message, &problems).is_none(), "the message is optional");
    assert_eq!(progress.first_wrong(&problems), Some(F::Company), "the form's order, not the order of touching");
    progress.reset();
    assert!(progress.shown(F::Company, &problems).is_none(), "a sent form starts afresh");
}

#[test]
fn what_the_server_found_shows_until_its_field_changes() {
    let mut progress = FormProgress::default();
    let application = Application {
        company: "Northwind".into(),
        contact: "Nadia".into(),
        email: "nadia@northwind.example".into(),
        phone: "+7 912 345-67-89".into(),
        website: "https://northwind.example".into(),
        message: String::new(),
    };
    let own = application_problems(&application);
    assert!(own.is_empty());
    let taken = ApplicationProblem { field: F::Email, issue: Issue::EmailTaken };
    progress.refused(vec![taken.clone()]);
    assert_eq!(progress.shown(F::Email, &own), Some(&taken));
    assert_eq!(progress.first_wrong(&own), Some(F::Email));
    progress.edited(F::Phone);
    assert_eq!(progress.shown(F::Email, &own), Some(&taken), "another field's change keeps it");
    progress.edited(F::Email);
    assert_eq!(progress.shown(F::Email, &own), None, "a new address may be free");
    assert_eq!(progress.first_wrong(&own), None);
}

#[test]
fn the_form_s_own_rule_comes_before_the_server_s() {
    let mut progress = FormProgress::default();
    let own = new_password_problems("short", "short");
    progress.refused(vec![ApplicationProblem { field: F::Password, issue: Issue::Required }]);
    assert_eq!(progress.shown(F::Password, &own).map(|p| &p.issue), Some(&Issue::PasswordShort(12)));
    let differ = new_password_problems("long-enough-1", "long-enough-2");
    assert_eq!(differ, vec![ApplicationProblem { field: F::PasswordAgain, issue: Issue::PasswordsDiffer }]);
}

#[test]
fn a_one_field_form_is_its_error() {
    let mut progress = FormProgress::<AmountError>::default();
    let own: Vec<AmountError> = parse_top_up("12.345").err().into_iter().collect();
    assert_eq!(progress.first_wrong(&own), None);
    progress.tried();
    assert_eq!(progress.shown((), &own), Some(&AmountError::TooPrecise));
    assert_eq!(progress.first_wrong(&own), Some(()));
}
