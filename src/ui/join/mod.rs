//! Joining as a partner: the application form anyone may send, and the page
//! the approval letter's one-time link opens to set the first password.

mod apply;
mod new_password;
mod welcome;

pub use apply::{problem_text, ApplyPage};
pub use new_password::NewPasswordFields;
pub use welcome::WelcomePage;
