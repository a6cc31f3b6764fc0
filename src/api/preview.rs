//! What only the offline preview has: a clock the user moves forward, and the
//! demo sign-ins its sign-in page and role switcher offer.

use super::edge;
use super::types::BillingView;
use super::{ApiError, UserView};
use crate::demo::DemoUser;
use chrono::Months;
use gloo_storage::{LocalStorage, Storage};

/// Sign-ins set in this browser (a partner admitted here): offered beside the demo's.
const SIGN_INS_KEY: &str = "souk.preview.sign_ins";

/// How far "Move time forward" moves the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStep {
    Day,
    Week,
    Month,
}

/// Moves the clock forward and answers the ledger as billing left it then:
/// the same billing run the server's timer makes.
pub async fn move_time(step: TimeStep) -> Result<BillingView, ApiError> {
    let now = edge::now();
    let to = match step {
        TimeStep::Day => now + chrono::Duration::days(1),
        TimeStep::Week => now + chrono::Duration::days(7),
        TimeStep::Month => now.checked_add_months(Months::new(1)).unwrap_or(now),
    };
    // The user stays signed in across the moved time.
    edge::serve(async |cx| crate::app::session::carry_session(cx, to).await).await?;
    edge::move_clock_to(to)?;
    super::billing::billing().await
}

/// Everyone who can sign in here: the demo's users, and those who set a password in this browser.
pub async fn demo_sign_ins() -> Vec<DemoUser> {
    let Ok(preview) = edge::preview().await else { return Vec::new() };
    let remembered: Vec<DemoUser> = LocalStorage::get(SIGN_INS_KEY).unwrap_or_default();
    preview.demo.users.iter().cloned().chain(remembered).collect()
}

/// Offers a user who just set their password in the role switcher from now on.
pub fn remember_sign_in(user: &UserView, password: &str) {
    let mut remembered: Vec<DemoUser> = LocalStorage::get(SIGN_INS_KEY).unwrap_or_default();
    remembered.retain(|known| known.email != user.email.as_str());
    remembered.push(DemoUser {
        email: user.email.to_string(),
        password: password.to_string(),
        name: user.name.clone(),
        role: user.role,
        account: None,
        company: user.company.clone(),
        website: None,
        totp_secret: None,
    });
    // Only a convenience: without storage, the partner signs in with the form.
    let _ = LocalStorage::set(SIGN_INS_KEY, remembered);
}
