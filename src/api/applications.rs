//! Becoming a partner: anyone applies, a moderator decides, and an approved
//! partner sets a password through the one-time link of the approval letter.

use super::types::Page;
use super::{ApiError, SessionInfo};
use crate::domain::application::{Application, Decision};
use crate::domain::{ApplicationId, Email, Lang};
use chrono::{DateTime, Utc};
#[cfg_attr(feature = "offline", allow(unused_imports))]
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// An application as the moderator sees it, with the letter its decision sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: ApplicationId,
    pub application: Application,
    pub decision: Decision,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub letter: Option<Letter>,
    /// The approved partner has set a password with the link.
    #[serde(default)]
    pub joined: bool,
}

/// A letter to an applicant, in the applicant's language, as the outbox keeps
/// it: an approval's one-time link stands as `Letter::LINK` in its body, and
/// reaches the applicant's mailbox only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Set once an SMTP server took it.
    pub sent_at: Option<DateTime<Utc>>,
    /// The one-time link itself, only in demo mode with no mail server, where
    /// this outbox is the demo's mailbox.
    #[serde(default)]
    pub demo_link: Option<String>,
}

impl Letter {
    /// Where the one-time link goes in the letter as kept.
    pub const LINK: &'static str = "{one-time link}";
}

/// Who a one-time link is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub email: Email,
    pub company: String,
    pub expires_at: DateTime<Utc>,
}

/// Sends an application; `lang` is the language the applicant wrote in, for the letter.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "apply", input = Json))]
pub async fn apply(application: Application, lang: Lang) -> Result<(), ApiError> {
    run!(applications::apply(&application, lang))
}

/// A page of the applications, the pending ones first: from the start, or `from` the last page's `next`.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "applications", input = Json))]
pub async fn applications(from: Option<u32>) -> Result<Page<ApplicationView>, ApiError> {
    run!(applications::applications(from))
}

/// Gives the applicant a partner's sign-in and writes the letter with its one-time link.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "approve_application", input = Json))]
pub async fn approve_application(id: ApplicationId) -> Result<ApplicationView, ApiError> {
    run!(applications::approve_application(&id))
}

/// Sends the approval letter again with a new link, which voids the old one.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "resend_link", input = Json))]
pub async fn resend_link(id: ApplicationId) -> Result<ApplicationView, ApiError> {
    run!(applications::resend_link(&id))
}

#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "decline_application", input = Json))]
pub async fn decline_application(id: ApplicationId, reason: String) -> Result<ApplicationView, ApiError> {
    run!(applications::decline_application(&id, &reason))
}

/// Whom the link's token is for, while it is unused and unexpired.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "open_invitation", input = Json))]
pub async fn open_invitation(token: String) -> Result<Invitation, ApiError> {
    run!(applications::open_invitation(&token))
}

/// Sets the partner's password, uses the link up and signs the partner in.
#[cfg_attr(not(feature = "offline"), leptos::server(prefix = "/api", endpoint = "accept_invitation", input = Json))]
pub async fn accept_invitation(token: String, password: String) -> Result<SessionInfo, ApiError> {
    crate::api::edge::serve(async |cx| {
        let signed_in = crate::app::applications::accept_invitation(cx, &token, &password).await?;
        Ok(crate::api::edge::remember(signed_in))
    })
    .await
}
