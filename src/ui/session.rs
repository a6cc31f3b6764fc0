//! Who is signed in, shared by every screen.

use crate::api;
use crate::api::{ApiError, SessionInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    Loading,
    SignedOut,
    SignedIn(SessionInfo),
    /// The session could not be checked (the server is unreachable, say).
    Failed(ApiError),
}

/// Which of the states the session is in, without its data: what a screen
/// switches on, so it re-renders only when this changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Loading,
    SignedOut,
    SignedIn,
    Failed,
}

impl SessionState {
    pub fn kind(&self) -> SessionKind {
        match self {
            SessionState::Loading => SessionKind::Loading,
            SessionState::SignedOut => SessionKind::SignedOut,
            SessionState::SignedIn(_) => SessionKind::SignedIn,
            SessionState::Failed(_) => SessionKind::Failed,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

impl Session {
    pub fn provide() -> Session {
        let session = Session { state: RwSignal::new(SessionState::Loading) };
        provide_context(session);
        session.reload();
        session
    }

    pub fn reload(self) {
        self.state.set(SessionState::Loading);
        spawn_local(async move {
            let next = match api::auth::current_session().await {
                Ok(Some(info)) => SessionState::SignedIn(info),
                Ok(None) | Err(ApiError::NotSignedIn) => SessionState::SignedOut,
                Err(error) => SessionState::Failed(error),
            };
            self.state.set(next);
        });
    }

    pub fn info(self) -> Option<SessionInfo> {
        self.state.with(|state| match state {
            SessionState::SignedIn(info) => Some(info.clone()),
            _ => None,
        })
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
