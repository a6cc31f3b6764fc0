//! The signed-in account's ledger, shared by the marketplace, billing and the
//! top bar: loaded once, replaced by the answer of every change.

use crate::api;
use crate::api::types::BillingView;
use crate::api::ApiError;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{Clock, Connection};
use crate::ui::session::{use_session, SessionState};
use chrono_tz::Tz;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

#[derive(Debug, Clone, PartialEq)]
pub enum BooksState {
    /// Not an account owner, or not signed in.
    None,
    Loading,
    Loaded(BillingView),
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct Books {
    pub state: RwSignal<BooksState>,
    /// The zone times are shown in: the account's (billing days are its days);
    /// for partners and moderators, the one they chose, else the browser's.
    pub tz: Memo<Tz>,
}

/// The browser's time zone, when it is one of those the app knows (UTC otherwise).
pub fn browser_zone() -> Tz {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .and_then(|zone| zone.parse().ok())
        .unwrap_or(Tz::UTC)
}

impl Books {
    pub fn provide() -> Books {
        let session = use_session();
        let tz = Memo::new(move |_| {
            session.state.with(|s| match s {
                SessionState::SignedIn(info) => match (&info.account, &info.user.timezone) {
                    (Some(account), _) => zone(&account.account.timezone),
                    (None, Some(chosen)) => zone(chosen),
                    (None, None) => browser_zone(),
                },
                _ => browser_zone(),
            })
        });
        let books = Books { state: RwSignal::new(BooksState::None), tz };
        provide_context(books);
        let account = Memo::new(move |_| {
            session.state.with(|s| match s {
                SessionState::SignedIn(info) => info.account.as_ref().map(|a| a.account.id.clone()),
                _ => None,
            })
        });
        Effect::new(move || match account.get() {
            Some(_) => books.reload(),
            None => books.state.set(BooksState::None),
        });
        books
    }

    pub fn reload(self) {
        if !matches!(self.state.get_untracked(), BooksState::Loaded(_)) {
            self.state.set(BooksState::Loading);
        }
        spawn_local(async move {
            self.state.set(match api::billing::billing().await {
                Ok(view) => BooksState::Loaded(view),
                Err(error) => BooksState::Failed(error),
            });
        });
    }

    /// Runs a change; its answer becomes the ledger. The error is the caller's to show.
    pub async fn change(self, work: impl Future<Output = Result<BillingView, ApiError>>) -> Result<(), ApiError> {
        let view = work.await?;
        self.state.set(BooksState::Loaded(view));
        Ok(())
    }

    pub fn view(self) -> Option<BillingView> {
        self.state.with(|s| match s {
            BooksState::Loaded(view) => Some(view.clone()),
            _ => None,
        })
    }

    pub fn clock(self) -> Option<Clock> {
        self.state.with(|s| match s {
            BooksState::Loaded(view) => Some(Clock { now: view.now, tz: self.tz.get() }),
            _ => None,
        })
    }

    pub fn connections_of(self, module: &str) -> Vec<Connection> {
        self.state.with(|s| match s {
            BooksState::Loaded(view) => view.ledger.connections_of(module).cloned().collect(),
            _ => Vec::new(),
        })
    }
}

pub fn use_books() -> Books {
    expect_context::<Books>()
}
