//! The offline preview's edge: a use case runs in the browser on the store in
//! memory (kept in localStorage, seeded from the demo data on first use), at
//! the preview's movable clock, for the session this browser remembers.

use crate::api::{ApiError, SessionInfo};
use crate::app::billing::run_billing;
use crate::app::booking::retry_due;
use crate::app::deliveries::send_due;
use crate::app::limits::Limits;
use crate::app::module_calls::{Call, CallOutcome, JsonCall, ModuleCalls};
use crate::app::passwords::Passwords;
use crate::app::seed::{seed_demo_if_empty, seed_generated};
use crate::app::session::SignedIn;
use crate::app::tokens::SessionToken;
use crate::app::Ctx;
use crate::demo::{DemoData, DEMO_DATA_URL};
use crate::standins::billmgr::Billmgr;
use crate::standins::booking::BookingPartner;
use crate::standins::smsc::Smsc;
use crate::store::memory::{Keeper, MemoryStore, State, WithoutGenerated};
use crate::store::StoreError;
use chrono::{DateTime, Utc};
use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

const STATE_KEY: &str = "souk.preview.state";
const REVISION_KEY: &str = "souk.preview.revision";
const SESSION_KEY: &str = "souk.preview.session";
const CLOCK_KEY: &str = "souk.preview.clock";
/// How many generated modules join the demo catalog (`?modules=N` on any page).
const GENERATED_KEY: &str = "souk.preview.generated";
/// The most generated modules the preview makes: the anchor's catalog, twice.
const MOST_GENERATED: usize = 20_000;

pub async fn serve<T>(use_case: impl AsyncFnOnce(&Ctx<MemoryStore>) -> Result<T, ApiError>) -> Result<T, ApiError> {
    let preview = preview().await?;
    let now = now();
    // The preview has no timer: what came due is billed before anything else,
    // and modules' callbacks are "sent".
    run_billing(&preview.store, now).await?;
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let modules = Arc::new(SimulatedModules::of(&preview.demo, origin.clone()));
    send_due(&preview.store, modules.as_ref(), now).await?;
    let outside = crate::app::builtins::Outside::default();
    retry_due(&preview.store, modules.as_ref(), &outside.booking, now).await?;
    let cx = Ctx {
        store: preview.store,
        now,
        session: LocalStorage::get::<String>(SESSION_KEY).ok().map(|token| SessionToken::from_cookie(&token)),
        client: None,
        origin,
        limits: preview.limits,
        passwords: Passwords::Preview,
        demo_mail: true,
        demo: true,
        payments: crate::app::payments::Payments::Instant,
        modules,
        outside,
        session_times: Default::default(),
    };
    let result = use_case(&cx).await;
    // The answer stands: the session slides at the next call instead.
    if let Err(error) = crate::app::session::keep_alive(&cx).await {
        leptos::logging::warn!("a session could not be kept alive: {error}");
    }
    result
}

/// The preview has no network. The demo data's module with simple connection
/// is simulated as its backend would answer (its configuration; a
/// registration whose token it checks with its public secret, answered with
/// a settings page of the preview's own); every callback is answered as taken,
/// and the answer says it was simulated.
struct SimulatedModules {
    origin: String,
    /// Each simulated module's configuration URL, the scopes it asks for, its secret.
    modules: Vec<(String, Vec<String>, String)>,
}

impl SimulatedModules {
    fn of(demo: &DemoData, origin: String) -> SimulatedModules {
        let modules = (demo.modules.iter())
            .filter_map(|m| {
                let url = m.listing.links.simple_connection.clone()?;
                let scopes = m.listing.scopes.iter().map(|s| s.to_string()).collect();
                Some((url, scopes, m.secret.clone()?))
            })
            .collect();
        SimulatedModules { origin, modules }
    }

    fn answer(status: u16, body: serde_json::Value) -> CallOutcome {
        CallOutcome { status: Some(status), body: body.to_string(), latency_ms: 0, error: None }
    }

    fn register(&self, secret: &str, register: &str) -> CallOutcome {
        let sent: serde_json::Value = serde_json::from_str(register).unwrap_or_default();
        let key = sent["apiKey"].as_str().unwrap_or_default();
        if sent["token"].as_str() != Some(crate::app::tokens::register_token(secret, key).as_str()) {
            return Self::answer(401, serde_json::json!({ "success": false, "errorMsg": "Invalid token" }));
        }
        let settings = format!("{}/demo/module.html?key={}", self.origin, &key[..6.min(key.len())]);
        Self::answer(200, serde_json::json!({ "success": true, "accountUrl": settings }))
    }
}

impl ModuleCalls for SimulatedModules {
    fn system_url(&self) -> String {
        self.origin.clone()
    }

    fn get<'a>(&'a self, url: &'a str) -> Call<'a> {
        let outcome = match self.modules.iter().find(|(config, ..)| config == url) {
            Some((_, scopes, _)) => {
                Self::answer(200, serde_json::json!({ "success": true, "scopes": scopes, "registerUrl": url }))
            }
            None => CallOutcome {
                status: None,
                body: String::new(),
                latency_ms: 0,
                error: Some("the offline preview reaches no module's server".into()),
            },
        };
        Box::pin(std::future::ready(outcome))
    }

    fn post<'a>(&'a self, url: &'a str, fields: &'a [(&'a str, String)]) -> Call<'a> {
        if let Some(command) = gateway_command(url) {
            return Box::pin(std::future::ready(simulated_gateway(command, fields)));
        }
        if url == format!("{}{}", crate::domain::reseller::DEFAULT_BILLING, crate::domain::reseller::request::PATH) {
            return Box::pin(std::future::ready(simulated_billing(fields)));
        }
        let register = fields.iter().find(|(name, _)| *name == "register").map(|(_, value)| value.as_str());
        let outcome = match (self.modules.iter().find(|(config, ..)| config == url), register) {
            (Some((_, _, secret)), Some(register)) => self.register(secret, register),
            _ => Self::answer(
                200,
                serde_json::json!({ "success": true, "simulated": "the offline preview sends nothing" }),
            ),
        };
        Box::pin(std::future::ready(outcome))
    }

    fn send_json<'a>(&'a self, call: &'a JsonCall) -> Call<'a> {
        let outcome = match call.url.strip_prefix(crate::domain::booking::DEFAULT_PARTNER_URL) {
            Some(path) => simulated_partner(call, path),
            None => crate::app::module_calls::unreachable(&call.url),
        };
        Box::pin(std::future::ready(outcome))
    }
}

/// Where the preview keeps its booking partner's stand-in between pages.
const PARTNER_KEY: &str = "souk.preview.booking";

/// The booking partner at its default address, answered by the stand-in the
/// server runs as `souk-server booking`.
fn simulated_partner(call: &JsonCall, path: &str) -> CallOutcome {
    let mut partner: BookingPartner = LocalStorage::get(PARTNER_KEY).unwrap_or_default();
    let body = call.body.as_deref().and_then(|body| serde_json::from_str(body).ok());
    let (status, answer) = partner.answer(call.method, path, Some(&format!("Bearer {}", call.bearer)), body);
    // A browser refusing storage forgets what the partner took; its answer stands.
    let _ = LocalStorage::set(PARTNER_KEY, &partner);
    CallOutcome { status: Some(status), body: answer.to_string(), latency_ms: 0, error: None }
}

/// Where the preview keeps its SMS gateway's stand-in between pages.
const SMSC_KEY: &str = "souk.preview.smsc";

/// The command of a call to the default SMS gateway (`/sys/<command>.php`),
/// which the preview answers with the stand-in the server runs as `souk-server smsc`.
fn gateway_command(url: &str) -> Option<&str> {
    let path = url.strip_prefix(crate::domain::sms::settings::DEFAULT_GATEWAY)?;
    path.strip_prefix("/sys/")?.strip_suffix(".php")
}

fn simulated_gateway(command: &str, fields: &[(&str, String)]) -> CallOutcome {
    let mut smsc: Smsc = LocalStorage::get(SMSC_KEY).unwrap_or_default();
    let fields: Vec<(String, String)> = fields.iter().map(|(name, value)| (name.to_string(), value.clone())).collect();
    let answer = smsc.answer(command, &fields, now());
    // A browser refusing storage forgets what the gateway took; its answer stands.
    let _ = LocalStorage::set(SMSC_KEY, &smsc);
    CallOutcome { status: Some(200), body: answer.to_string(), latency_ms: 0, error: None }
}

/// Where the preview keeps its selling BILLmanager's stand-in between pages.
const BILLMGR_KEY: &str = "souk.preview.billmgr";

/// The selling billing at its default address, answered by the stand-in the
/// server runs as `souk-server billmgr`.
fn simulated_billing(fields: &[(&str, String)]) -> CallOutcome {
    let mut billmgr: Billmgr = LocalStorage::get(BILLMGR_KEY).unwrap_or_default();
    let fields: Vec<(String, String)> = fields.iter().map(|(name, value)| (name.to_string(), value.clone())).collect();
    let answer = billmgr.answer(&fields, now());
    // A browser refusing storage forgets what the billing sold; its answer stands.
    let _ = LocalStorage::set(BILLMGR_KEY, &billmgr);
    let body = answer.map_or_else(|| "<html>BILLmanager</html>".to_string(), |answer| answer.to_string());
    CallOutcome { status: Some(200), body, latency_ms: 0, error: None }
}

/// The new session is remembered in this browser.
pub fn remember(signed_in: SignedIn) -> SessionInfo {
    // A browser refusing storage leaves the user signed out on the next call.
    let _ = LocalStorage::set(SESSION_KEY, signed_in.token.as_str());
    signed_in.info
}

pub fn forget_session() {
    LocalStorage::delete(SESSION_KEY);
}

/// The preview's store, and the demo data it was seeded from.
#[derive(Clone)]
pub struct Preview {
    pub store: MemoryStore,
    pub demo: Rc<DemoData>,
    limits: Arc<Limits>,
}

type Loading = Shared<LocalBoxFuture<'static, Result<Preview, ApiError>>>;

thread_local! {
    /// Loaded once per page, by whichever call comes first; the others wait for it.
    static PREVIEW: RefCell<Option<Loading>> = const { RefCell::new(None) };
}

pub async fn preview() -> Result<Preview, ApiError> {
    let loading = PREVIEW.with(|cell| cell.borrow_mut().get_or_insert_with(|| load().boxed_local().shared()).clone());
    let loaded = loading.await;
    if loaded.is_err() {
        // The next call tries again (the demo data may not have arrived).
        PREVIEW.with(|cell| cell.borrow_mut().take());
    }
    loaded
}

async fn load() -> Result<Preview, ApiError> {
    let network = |error: String| ApiError::Network(error);
    let response = gloo_net::http::Request::get(DEMO_DATA_URL).send().await.map_err(|e| network(e.to_string()))?;
    if !response.ok() {
        return Err(network(format!("{DEMO_DATA_URL}: HTTP {}", response.status())));
    }
    let demo: DemoData = response.json().await.map_err(|e| network(e.to_string()))?;
    let generated = generated_count();
    let store = MemoryStore::kept_by(Rc::new(WithoutGenerated { inner: LocalKeeper, count: generated }));
    // Once kept, the keeper makes the generated modules again on every load.
    if seed_demo_if_empty(&store, &demo, Passwords::Preview, now()).await? && generated > 0 {
        seed_generated(&store, generated).await?;
    }
    Ok(Preview { store, demo: Rc::new(demo), limits: Arc::default() })
}

/// How many generated modules the preview shows: `?modules=N` on the page's
/// address (remembered for the other pages), else as remembered.
fn generated_count() -> usize {
    let asked = web_sys::window().and_then(|window| window.location().search().ok()).and_then(|search| {
        let mut pairs = form_urlencoded::parse(search.trim_start_matches('?').as_bytes());
        pairs.find(|(name, _)| name == "modules")?.1.parse::<usize>().ok()
    });
    if let Some(count) = asked {
        // A browser refusing storage shows them on this page only.
        let _ = LocalStorage::set(GENERATED_KEY, count.min(MOST_GENERATED));
    }
    asked.or_else(|| LocalStorage::get(GENERATED_KEY).ok()).unwrap_or(0).min(MOST_GENERATED)
}

/// Keeps the store's state in localStorage, with a revision that tells the
/// pages of the other apps (`crate::apps`) to reload it.
struct LocalKeeper;

impl Keeper for LocalKeeper {
    fn revision(&self) -> Option<u64> {
        LocalStorage::get(REVISION_KEY).ok()
    }

    fn load(&self) -> Option<(u64, State)> {
        Some((self.revision()?, LocalStorage::get(STATE_KEY).ok()?))
    }

    fn keep(&self, revision: u64, state: &State) -> Result<(), StoreError> {
        let failed =
            |e: gloo_storage::errors::StorageError| StoreError::new("keep the preview's data").caused_by(e.to_string());
        LocalStorage::set(STATE_KEY, state).map_err(failed)?;
        LocalStorage::set(REVISION_KEY, revision).map_err(failed)
    }
}

fn real_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The preview's "now": the real time plus however far the user moved it.
pub fn now() -> DateTime<Utc> {
    let offset: i64 = LocalStorage::get(CLOCK_KEY).unwrap_or(0);
    real_now() + chrono::Duration::seconds(offset)
}

/// Moves the preview's clock to `to` (never backwards).
pub fn move_clock_to(to: DateTime<Utc>) -> Result<(), ApiError> {
    let offset = (to - real_now()).num_seconds().max(0);
    LocalStorage::set(CLOCK_KEY, offset).map_err(|e| ApiError::Network(e.to_string()))
}
