//! The server mode: every call is a server function of `crate::api`.

use super::Backend;
use crate::api::{self, ApiError, CatalogModule, SessionInfo};
use crate::demo::DemoUser;

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

    async fn demo_sign_ins(&self) -> Vec<DemoUser> {
        Vec::new()
    }
}
