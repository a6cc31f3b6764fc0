//! The offline preview's partner applications: kept in localStorage with the
//! partners they admitted, decided by the same domain rules as on the server.
//! The approval letter's link opens this preview's own welcome page.

use super::{books, data, random_hex, session_of, signed_in, store_key, users};
use crate::api::applications::{ApplicationView, Invitation, Letter};
use crate::api::{ApiError, SessionInfo};
use crate::demo::{DemoData, DemoUser};
use crate::domain::application::{
    check_password, Application, ApplicationField, ApplicationProblem, Decision, INVITATION_DAYS,
};
use crate::domain::submission::Issue;
use crate::domain::{Lang, Role};
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const APPLICATIONS_KEY: &str = "souk.offline.applications";
const INVITATIONS_KEY: &str = "souk.offline.invitations";
/// Partners admitted in this browser, beside the demo's users.
pub const PARTNERS_KEY: &str = "souk.offline.partners";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    view: ApplicationView,
    lang: Lang,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredInvitation {
    token: String,
    email: String,
    expires_at: DateTime<Utc>,
    used: bool,
}

fn load<T: for<'de> Deserialize<'de>>(key: &str) -> Vec<T> {
    LocalStorage::get(key).unwrap_or_default()
}

fn email_taken(data: &DemoData, applications: &[Stored], email: &str) -> bool {
    users(data).iter().any(|u| u.email == email)
        || applications.iter().any(|a| a.view.application.email == email && a.view.decision == Decision::Pending)
}

fn email_taken_problem() -> ApiError {
    ApiError::Application(vec![ApplicationProblem { field: ApplicationField::Email, issue: Issue::EmailTaken }])
}

async fn moderator() -> Result<std::rc::Rc<DemoData>, ApiError> {
    signed_in(Role::Moderator).await.map(|(data, _)| data)
}

pub async fn apply(application: Application, lang: Lang) -> Result<(), ApiError> {
    let data = data().await?;
    let application = application.normalized();
    let problems = application.problems();
    if !problems.is_empty() {
        return Err(ApiError::Application(problems));
    }
    let mut applications: Vec<Stored> = load(APPLICATIONS_KEY);
    if email_taken(&data, &applications, &application.email) {
        return Err(email_taken_problem());
    }
    applications.push(Stored {
        view: ApplicationView {
            id: format!("app-{}", &random_hex()[..16]),
            application,
            decision: Decision::Pending,
            submitted_at: books::now(),
            decided_at: None,
            letter: None,
        },
        lang,
    });
    store_key(APPLICATIONS_KEY, &applications)
}

/// Pending first (oldest first), then the decided ones, latest first.
pub async fn applications() -> Result<Vec<ApplicationView>, ApiError> {
    moderator().await?;
    let mut views: Vec<ApplicationView> = load::<Stored>(APPLICATIONS_KEY).into_iter().map(|a| a.view).collect();
    views.sort_by_key(|v| match v.decided_at {
        None => (0, v.submitted_at.timestamp()),
        Some(decided) => (1, -decided.timestamp()),
    });
    Ok(views)
}

/// Applies the decision to a pending application and writes its letter.
fn decide(
    id: &str,
    change: impl FnOnce(&mut Decision) -> Result<(), crate::domain::application::DecisionError>,
    letter: impl FnOnce(&Stored) -> Result<(String, String), ApiError>,
) -> Result<ApplicationView, ApiError> {
    let mut applications: Vec<Stored> = load(APPLICATIONS_KEY);
    let stored = applications.iter_mut().find(|a| a.view.id == id).ok_or(ApiError::NotFound)?;
    change(&mut stored.view.decision).map_err(ApiError::Decision)?;
    let (subject, body) = letter(stored)?;
    stored.view.decided_at = Some(books::now());
    stored.view.letter =
        Some(Letter { recipient: stored.view.application.email.clone(), subject, body, sent_at: None });
    let view = stored.view.clone();
    store_key(APPLICATIONS_KEY, &applications)?;
    Ok(view)
}

pub async fn approve_application(id: String) -> Result<ApplicationView, ApiError> {
    let data = moderator().await?;
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    decide(&id, Decision::approve, |stored| {
        let application = &stored.view.application;
        if users(&data).iter().any(|u| u.email == application.email) {
            return Err(email_taken_problem());
        }
        let mut partners: Vec<DemoUser> = load(PARTNERS_KEY);
        // No password until the link is used: an empty one matches no sign-in.
        partners.push(DemoUser {
            email: application.email.clone(),
            password: String::new(),
            name: application.contact.clone(),
            role: Role::Partner,
            account: None,
            company: Some(application.company.clone()),
            website: Some(application.website.clone()),
        });
        store_key(PARTNERS_KEY, &partners)?;
        let token = random_hex();
        let mut invitations: Vec<StoredInvitation> = load(INVITATIONS_KEY);
        invitations.push(StoredInvitation {
            token: token.clone(),
            email: application.email.clone(),
            expires_at: books::now() + chrono::Duration::days(INVITATION_DAYS),
            used: false,
        });
        store_key(INVITATIONS_KEY, &invitations)?;
        let link = format!("{origin}/welcome/{token}");
        Ok(crate::texts::decision_letter(stored.lang, &application.company, None, Some(&link)))
    })
}

pub async fn decline_application(id: String, reason: String) -> Result<ApplicationView, ApiError> {
    moderator().await?;
    decide(
        &id,
        |decision| decision.decline(&reason),
        |stored| {
            let reason = match &stored.view.decision {
                Decision::Declined(reason) => reason.as_str(),
                _ => "",
            };
            Ok(crate::texts::decision_letter(stored.lang, &stored.view.application.company, Some(reason), None))
        },
    )
}

fn open(data: &DemoData, token: &str) -> Result<Invitation, ApiError> {
    let invitation = load::<StoredInvitation>(INVITATIONS_KEY)
        .into_iter()
        .find(|i| i.token == token && !i.used && i.expires_at > books::now())
        .ok_or(ApiError::NotFound)?;
    let company = users(data).into_iter().find(|u| u.email == invitation.email).and_then(|u| u.company);
    Ok(Invitation { email: invitation.email, company: company.unwrap_or_default(), expires_at: invitation.expires_at })
}

pub async fn open_invitation(token: String) -> Result<Invitation, ApiError> {
    open(&*data().await?, &token)
}

pub async fn accept_invitation(token: String, password: String) -> Result<SessionInfo, ApiError> {
    let data = data().await?;
    if let Err(issue) = check_password(&password) {
        return Err(ApiError::Application(vec![ApplicationProblem { field: ApplicationField::Password, issue }]));
    }
    let email = open(&data, &token)?.email;
    let mut invitations: Vec<StoredInvitation> = load(INVITATIONS_KEY);
    invitations.iter_mut().filter(|i| i.token == token).for_each(|i| i.used = true);
    let mut partners: Vec<DemoUser> = load(PARTNERS_KEY);
    let partner = partners.iter_mut().find(|p| p.email == email).ok_or(ApiError::NotFound)?;
    partner.password = password;
    let partner = partner.clone();
    store_key(PARTNERS_KEY, &partners)?;
    store_key(INVITATIONS_KEY, &invitations)?;
    super::remember_session(&partner.email)?;
    Ok(session_of(&data, &partner))
}
