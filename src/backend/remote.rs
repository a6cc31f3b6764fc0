//! The server mode: every call is a server function of `crate::api`.

use super::{Backend, TimeStep};
use crate::api::applications::{ApplicationView, Invitation};
use crate::api::moderation::ReviewItem;
use crate::api::partner::{DraftView, ListingSummary, Saved};
use crate::api::types::{BillingView, MailView};
use crate::api::{self, ApiError, CatalogModule, SessionInfo};
use crate::demo::DemoUser;
use crate::domain::application::Application;
use crate::domain::billing::{HistoryFilter, Operation};
use crate::domain::submission::ListingDraft;
use crate::domain::Lang;

pub struct Remote;

impl Backend for Remote {
    const OFFLINE: bool = false;

    async fn current_session(&self) -> Result<Option<SessionInfo>, ApiError> {
        api::auth::current_session().await
    }

    async fn sign_in(&self, email: String, password: String) -> Result<SessionInfo, ApiError> {
        api::auth::sign_in(email, password).await
    }

    async fn sign_out(&self) -> Result<(), ApiError> {
        api::auth::sign_out().await
    }

    async fn catalog(&self) -> Result<Vec<CatalogModule>, ApiError> {
        api::catalog::catalog().await
    }

    async fn billing(&self) -> Result<BillingView, ApiError> {
        api::billing::billing().await
    }

    async fn activate(&self, code: String) -> Result<BillingView, ApiError> {
        api::billing::activate(code).await
    }

    async fn deactivate_connection(&self, id: String) -> Result<BillingView, ApiError> {
        api::billing::deactivate_connection(id).await
    }

    async fn deactivate_module(&self, code: String) -> Result<BillingView, ApiError> {
        api::billing::deactivate_module(code).await
    }

    async fn rename_connection(&self, id: String, name: String) -> Result<BillingView, ApiError> {
        api::billing::rename_connection(id, name).await
    }

    async fn top_up(&self, amount: String) -> Result<BillingView, ApiError> {
        api::billing::top_up(amount).await
    }

    async fn history(&self, filter: HistoryFilter) -> Result<Vec<Operation>, ApiError> {
        api::billing::history(filter).await
    }

    async fn history_csv(&self, filter: HistoryFilter, lang: Lang) -> Result<String, ApiError> {
        api::billing::history_csv(filter, lang).await
    }

    async fn notifications(&self) -> Result<Vec<MailView>, ApiError> {
        api::billing::notifications().await
    }

    async fn move_time(&self, _step: TimeStep) -> Result<BillingView, ApiError> {
        Err(ApiError::Forbidden)
    }

    async fn my_listings(&self) -> Result<Vec<ListingSummary>, ApiError> {
        api::partner::my_listings().await
    }

    async fn open_listing(&self, id: String) -> Result<DraftView, ApiError> {
        api::partner::open_listing(id).await
    }

    async fn save_listing(&self, id: Option<String>, draft: ListingDraft) -> Result<Saved, ApiError> {
        api::partner::save_listing(id, draft).await
    }

    async fn submit_listing(&self, id: String) -> Result<DraftView, ApiError> {
        api::partner::submit_listing(id).await
    }

    async fn code_available(&self, code: String, id: Option<String>) -> Result<bool, ApiError> {
        api::partner::code_available(code, id).await
    }

    async fn rotate_secret(&self, id: String) -> Result<String, ApiError> {
        api::partner::rotate_secret(id).await
    }

    async fn review_queue(&self) -> Result<Vec<ReviewItem>, ApiError> {
        api::moderation::review_queue().await
    }

    async fn approve_listing(&self, id: String) -> Result<(), ApiError> {
        api::moderation::approve_listing(id).await
    }

    async fn reject_listing(&self, id: String, reason: String) -> Result<(), ApiError> {
        api::moderation::reject_listing(id, reason).await
    }

    async fn add_section(&self, id: String) -> Result<(), ApiError> {
        api::moderation::add_section(id).await
    }

    async fn apply(&self, application: Application, lang: Lang) -> Result<(), ApiError> {
        api::applications::apply(application, lang).await
    }

    async fn applications(&self) -> Result<Vec<ApplicationView>, ApiError> {
        api::applications::applications().await
    }

    async fn approve_application(&self, id: String) -> Result<ApplicationView, ApiError> {
        api::applications::approve_application(id).await
    }

    async fn decline_application(&self, id: String, reason: String) -> Result<ApplicationView, ApiError> {
        api::applications::decline_application(id, reason).await
    }

    async fn open_invitation(&self, token: String) -> Result<Invitation, ApiError> {
        api::applications::open_invitation(token).await
    }

    async fn accept_invitation(&self, token: String, password: String) -> Result<SessionInfo, ApiError> {
        api::applications::accept_invitation(token, password).await
    }

    async fn demo_sign_ins(&self) -> Vec<DemoUser> {
        Vec::new()
    }
}
