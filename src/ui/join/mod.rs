//! Joining as a partner: the application form anyone may send, and the page
//! the approval letter's one-time link opens to set the first password.

mod apply;
mod welcome;

pub use apply::{problem_text, ApplyPage};
pub use welcome::WelcomePage;
