//! The offline preview: the demo data set, fetched once as a static file and
//! answered by the same domain rules the server applies.

mod applications;
mod books;
mod listings;

use super::{Backend, TimeStep};
use crate::api::applications::{ApplicationView, Invitation};
use crate::api::moderation::ReviewItem;
use crate::api::partner::{DraftView, ListingSummary, Saved};
use crate::api::types::{AccountView, BillingView, MailView};
use crate::api::{ApiError, CatalogModule, SessionInfo, UserView};
use crate::demo::{DemoAccount, DemoData, DemoUser, DEMO_DATA_URL};
use crate::domain::application::Application;
use crate::domain::billing::{default_name, parse_top_up, Clock, Effects, HistoryFilter, Operation, Refusal};
use crate::domain::submission::ListingDraft;
use crate::domain::{visibility, Lang, Pricing, Role};
use books::{with_book, Book};
use chrono::Months;
use gloo_storage::{LocalStorage, Storage};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

const SESSION_KEY: &str = "souk.offline.session";

pub struct Offline;

thread_local! {
    static DATA: OnceCell<Rc<DemoData>> = const { OnceCell::new() };
}

async fn data() -> Result<Rc<DemoData>, ApiError> {
    if let Some(data) = DATA.with(|cell| cell.get().cloned()) {
        return Ok(data);
    }
    let response =
        gloo_net::http::Request::get(DEMO_DATA_URL).send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(ApiError::Network(format!("{DEMO_DATA_URL}: HTTP {}", response.status())));
    }
    let loaded: DemoData = response.json().await.map_err(|e| ApiError::Network(e.to_string()))?;
    Ok(DATA.with(|cell| cell.get_or_init(|| Rc::new(loaded)).clone()))
}

/// The account a user works in; partners and moderators have none.
fn account_of<'a>(data: &'a DemoData, user: &DemoUser) -> Option<&'a DemoAccount> {
    user.account.as_ref().and_then(|id| data.accounts.iter().find(|a| &a.account.id == id))
}

fn session_of(data: &DemoData, user: &DemoUser) -> SessionInfo {
    let account = account_of(data, user).map(|a| {
        let balance = with_book(data, a, &user.email, |book, _, _| Ok((book.ledger.balance, Effects::default())))
            .unwrap_or(a.balance);
        AccountView { account: a.account.clone(), balance }
    });
    SessionInfo {
        user: UserView {
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role,
            company: user.company.clone(),
        },
        account,
    }
}

type Change<T> = dyn FnOnce(&mut Book, &Clock, &HashMap<String, Pricing>) -> Result<(T, Effects), Refusal>;

/// Runs a change on the signed-in account owner's book.
async fn on_book<T>(change: Box<Change<T>>) -> Result<T, ApiError> {
    let data = data().await?;
    let user = signed_in_user(&data).ok_or(ApiError::NotSignedIn)?;
    let account = account_of(&data, &user).filter(|_| user.role == Role::AccountOwner).ok_or(ApiError::Forbidden)?;
    with_book(&data, account, &user.email, change)
}

/// A change whose answer is the ledger after it.
async fn on_ledger(
    change: impl FnOnce(&mut Book, &Clock, &HashMap<String, Pricing>) -> Result<Effects, Refusal> + 'static,
) -> Result<BillingView, ApiError> {
    on_book(Box::new(move |book, clock, prices| {
        let effects = change(book, clock, prices)?;
        Ok((BillingView { ledger: book.ledger.clone(), now: clock.now }, effects))
    }))
    .await
}

async fn filtered_history(filter: HistoryFilter) -> Result<(Vec<Operation>, chrono_tz::Tz), ApiError> {
    on_book(Box::new(move |book, clock, _| {
        let rows = book.history.iter().rev().filter(|o| filter.matches(o, clock.tz)).cloned().collect();
        Ok(((rows, clock.tz), Effects::default()))
    }))
    .await
}

/// The demo's users and the partners admitted in this browser.
fn users(data: &DemoData) -> Vec<DemoUser> {
    let admitted: Vec<DemoUser> = LocalStorage::get(applications::PARTNERS_KEY).unwrap_or_default();
    data.users.iter().cloned().chain(admitted).collect()
}

fn signed_in_user(data: &DemoData) -> Option<DemoUser> {
    let email: String = LocalStorage::get(SESSION_KEY).ok()?;
    users(data).into_iter().find(|u| u.email == email)
}

/// The signed-in user with `role`, and the demo data; anyone else is refused.
async fn signed_in(role: Role) -> Result<(std::rc::Rc<DemoData>, DemoUser), ApiError> {
    let data = data().await?;
    let user = signed_in_user(&data).ok_or(ApiError::NotSignedIn)?;
    if user.role == role {
        Ok((data, user))
    } else {
        Err(ApiError::Forbidden)
    }
}

fn remember_session(email: &str) -> Result<(), ApiError> {
    LocalStorage::set(SESSION_KEY, email).map_err(|e| ApiError::Network(e.to_string()))
}

fn store_key<T: serde::Serialize>(key: &str, value: &T) -> Result<(), ApiError> {
    LocalStorage::set(key, value).map_err(|e| ApiError::Network(e.to_string()))
}

/// 256 random bits as hex: the preview's secrets and link tokens.
fn random_hex() -> String {
    (0..8).map(|_| format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32)).collect()
}

impl Backend for Offline {
    const OFFLINE: bool = true;

    async fn current_session(&self) -> Result<Option<SessionInfo>, ApiError> {
        let data = data().await?;
        Ok(signed_in_user(&data).map(|user| session_of(&data, &user)))
    }

    async fn sign_in(&self, email: String, password: String) -> Result<SessionInfo, ApiError> {
        let data = data().await?;
        let email = email.trim().to_lowercase();
        // A partner admitted here has no password until the letter's link sets one.
        let user = users(&data)
            .into_iter()
            .find(|u| u.email.to_lowercase() == email && !u.password.is_empty() && u.password == password)
            .ok_or(ApiError::BadCredentials)?;
        remember_session(&user.email)?;
        Ok(session_of(&data, &user))
    }

    async fn sign_out(&self) -> Result<(), ApiError> {
        LocalStorage::delete(SESSION_KEY);
        Ok(())
    }

    async fn catalog(&self) -> Result<Vec<CatalogModule>, ApiError> {
        let data = data().await?;
        let user = signed_in_user(&data).ok_or(ApiError::NotSignedIn)?;
        let account = account_of(&data, &user);
        let mut modules: Vec<CatalogModule> = listings::published(&data)
            .into_iter()
            .filter(|m| account.is_none_or(|a| visibility::is_visible(&m.listing, &a.account)))
            .collect();
        modules.sort_by(|a, b| a.listing.code.cmp(&b.listing.code));
        Ok(modules)
    }

    async fn billing(&self) -> Result<BillingView, ApiError> {
        on_ledger(|_, _, _| Ok(Effects::default())).await
    }

    async fn activate(&self, code: String) -> Result<BillingView, ApiError> {
        let data = data().await?;
        let user = signed_in_user(&data).ok_or(ApiError::NotSignedIn)?;
        let account = account_of(&data, &user).ok_or(ApiError::Forbidden)?;
        let listing = listings::published(&data)
            .into_iter()
            .map(|m| m.listing)
            .find(|l| l.code == code && visibility::is_visible(l, &account.account))
            .ok_or(ApiError::Refused(Refusal::UnknownModule))?;
        let module_name = listing.materials(account.account.lang).name.clone();
        on_ledger(move |book, clock, _| {
            let name = default_name(&module_name, book.ledger.connections_of(&listing.code).map(|c| c.name.as_str()));
            let id = book.new_connection_id();
            book.ledger.activate(&listing, id, &name, clock)
        })
        .await
    }

    async fn deactivate_connection(&self, id: String) -> Result<BillingView, ApiError> {
        on_ledger(move |book, _, _| book.ledger.deactivate(&id).map(|_| Effects::default())).await
    }

    async fn deactivate_module(&self, code: String) -> Result<BillingView, ApiError> {
        on_ledger(move |book, _, _| book.ledger.deactivate_module(&code).map(|_| Effects::default())).await
    }

    async fn rename_connection(&self, id: String, name: String) -> Result<BillingView, ApiError> {
        on_ledger(move |book, _, _| book.ledger.rename(&id, &name).map(|()| Effects::default())).await
    }

    async fn top_up(&self, amount: String) -> Result<BillingView, ApiError> {
        let amount = parse_top_up(&amount).map_err(|e| ApiError::Refused(Refusal::Amount(e)))?;
        on_ledger(move |book, clock, prices| book.ledger.top_up(amount, prices, clock)).await
    }

    async fn history(&self, filter: HistoryFilter) -> Result<Vec<Operation>, ApiError> {
        Ok(filtered_history(filter).await?.0)
    }

    async fn history_csv(&self, filter: HistoryFilter, lang: Lang) -> Result<String, ApiError> {
        let data = data().await?;
        let (rows, tz) = filtered_history(filter).await?;
        let name = |code: &str| {
            data.modules
                .iter()
                .find(|m| m.listing.code == code)
                .map_or_else(|| code.to_string(), |m| m.listing.materials(lang).name.clone())
        };
        Ok(crate::texts::history_csv(lang, tz, &rows, name))
    }

    async fn notifications(&self) -> Result<Vec<MailView>, ApiError> {
        on_book(Box::new(|book, _, _| Ok((book.outbox.iter().rev().cloned().collect(), Effects::default())))).await
    }

    async fn move_time(&self, step: TimeStep) -> Result<BillingView, ApiError> {
        let now = books::now();
        let to = match step {
            TimeStep::Day => now + chrono::Duration::days(1),
            TimeStep::Week => now + chrono::Duration::days(7),
            TimeStep::Month => now.checked_add_months(Months::new(1)).unwrap_or(now),
        };
        books::move_clock_to(to)?;
        self.billing().await
    }

    async fn my_listings(&self) -> Result<Vec<ListingSummary>, ApiError> {
        listings::my_listings().await
    }

    async fn open_listing(&self, id: String) -> Result<DraftView, ApiError> {
        listings::open_listing(id).await
    }

    async fn save_listing(&self, id: Option<String>, draft: ListingDraft) -> Result<Saved, ApiError> {
        listings::save_listing(id, draft).await
    }

    async fn submit_listing(&self, id: String) -> Result<DraftView, ApiError> {
        listings::submit_listing(id).await
    }

    async fn code_available(&self, code: String, id: Option<String>) -> Result<bool, ApiError> {
        listings::code_available(code, id).await
    }

    async fn rotate_secret(&self, id: String) -> Result<String, ApiError> {
        listings::rotate_secret(id).await
    }

    async fn review_queue(&self) -> Result<Vec<ReviewItem>, ApiError> {
        listings::review_queue().await
    }

    async fn approve_listing(&self, id: String) -> Result<(), ApiError> {
        listings::approve_listing(id).await
    }

    async fn reject_listing(&self, id: String, reason: String) -> Result<(), ApiError> {
        listings::reject_listing(id, reason).await
    }

    async fn add_section(&self, id: String) -> Result<(), ApiError> {
        listings::add_section(id).await
    }

    async fn apply(&self, application: Application, lang: Lang) -> Result<(), ApiError> {
        applications::apply(application, lang).await
    }

    async fn applications(&self) -> Result<Vec<ApplicationView>, ApiError> {
        applications::applications().await
    }

    async fn approve_application(&self, id: String) -> Result<ApplicationView, ApiError> {
        applications::approve_application(id).await
    }

    async fn decline_application(&self, id: String, reason: String) -> Result<ApplicationView, ApiError> {
        applications::decline_application(id, reason).await
    }

    async fn open_invitation(&self, token: String) -> Result<Invitation, ApiError> {
        applications::open_invitation(token).await
    }

    async fn accept_invitation(&self, token: String, password: String) -> Result<SessionInfo, ApiError> {
        applications::accept_invitation(token, password).await
    }

    /// Everyone who can sign in here: a partner admitted in this browser once the link set a password.
    async fn demo_sign_ins(&self) -> Vec<DemoUser> {
        data()
            .await
            .map(|data| users(&data).into_iter().filter(|u| !u.password.is_empty()).collect())
            .unwrap_or_default()
    }
}
