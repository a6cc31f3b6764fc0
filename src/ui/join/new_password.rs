//! A new password, typed twice: on the welcome page and on Your sign-in.

use super::apply::problem_text;
use crate::domain::application::{ApplicationField, ApplicationProblem};
use crate::i18n::*;
use crate::ui::widgets::{Field, Form, Input};
use leptos::prelude::*;

#[component]
pub fn NewPasswordFields(
    form: Form<ApplicationProblem>,
    password: RwSignal<String>,
    again: RwSignal<String>,
) -> impl IntoView {
    view! {
        <Field id="new-password" label=|l| td_string!(l, field_new_password)
            message=form.message(ApplicationField::Password, problem_text)>
            <Input kind="password" autocomplete="new-password" value=password on_input=move |text| {
                password.set(text);
                form.edited(ApplicationField::Password);
            } />
        </Field>
        // Whether the two agree shows once the form is sent, not at the first letter typed.
        <Field id="repeat-password" label=|l| td_string!(l, field_repeat_password)
            message=form.message(ApplicationField::PasswordAgain, problem_text)>
            <Input kind="password" autocomplete="new-password" value=again on_input=move |text| again.set(text) />
        </Field>
    }
}
