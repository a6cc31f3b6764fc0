//! The offline preview: the demo data set, fetched once as a static file and
//! answered by the same domain rules the server applies.

use super::Backend;
use crate::api::types::AccountView;
use crate::api::{ApiError, CatalogModule, SessionInfo, UserView};
use crate::demo::{DemoAccount, DemoData, DemoUser, DEMO_DATA_URL};
use crate::domain::visibility;
use gloo_storage::{LocalStorage, Storage};
use std::cell::OnceCell;
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
    let account = account_of(data, user);
    SessionInfo {
        user: UserView { email: user.email.clone(), name: user.name.clone(), role: user.role },
        account: account.map(|a| AccountView { account: a.account.clone(), balance: a.balance }),
    }
}

fn signed_in_user(data: &DemoData) -> Option<&DemoUser> {
    let email: String = LocalStorage::get(SESSION_KEY).ok()?;
    data.users.iter().find(|u| u.email == email)
}

/// Logos become data URLs: still shown through `<img>`, never as markup.
fn logo_data_url(svg: &str) -> String {
    format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(svg))
}

impl Backend for Offline {
    const OFFLINE: bool = true;

    async fn current_session(&self) -> Result<Option<SessionInfo>, ApiError> {
        let data = data().await?;
        Ok(signed_in_user(&data).map(|user| session_of(&data, user)))
    }

    async fn sign_in(&self, email: String, password: String) -> Result<SessionInfo, ApiError> {
        let data = data().await?;
        let email = email.trim().to_lowercase();
        let user = data
            .users
            .iter()
            .find(|u| u.email.to_lowercase() == email && u.password == password)
            .ok_or(ApiError::BadCredentials)?;
        LocalStorage::set(SESSION_KEY, &user.email).map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(session_of(&data, user))
    }

    async fn sign_out(&self) -> Result<(), ApiError> {
        LocalStorage::delete(SESSION_KEY);
        Ok(())
    }

    async fn catalog(&self) -> Result<Vec<CatalogModule>, ApiError> {
        let data = data().await?;
        let user = signed_in_user(&data).ok_or(ApiError::NotSignedIn)?;
        let account = account_of(&data, user);
        let mut modules: Vec<CatalogModule> = data
            .modules
            .iter()
            .filter(|m| account.is_none_or(|a| visibility::is_visible(&m.listing, &a.account)))
            .map(|m| CatalogModule {
                listing: m.listing.clone(),
                logo_url: logo_data_url(&m.logo),
                active: account.is_some_and(|a| a.active.contains(&m.listing.code)),
            })
            .collect();
        modules.sort_by(|a, b| a.listing.code.cmp(&b.listing.code));
        Ok(modules)
    }

    async fn demo_sign_ins(&self) -> Vec<DemoUser> {
        data().await.map(|data| data.users.clone()).unwrap_or_default()
    }
}
