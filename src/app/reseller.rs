//! The reseller billing's use cases (seed 002): handlers checked by a test
//! call to the selling billing, data centres, plans imported, enabled and
//! synchronised, and the services customers order on them. Calls to the
//! selling billing run with no transaction open.

use super::builtins::{is_frozen, log_call, owned_connection, settings_of, Logged};
use super::module_calls::CallOutcome;
use super::tokens::random_hex;
use super::Ctx;
use crate::api::reseller::{HandlerRow, Offer, Ordered, ResellerView, SellingCheck, SignInInput, Synchronised};
use crate::api::ApiError;
use crate::domain::billing::Connection;
use crate::domain::builtin::Builtin;
use crate::domain::reseller::book::DataCentre;
use crate::domain::reseller::doc;
use crate::domain::reseller::handler::{
    check_data_centre_name, check_password, check_provider, choose, normal_url, serving, sign_in_problems,
};
use crate::domain::reseller::plan::monthly_price;
use crate::domain::reseller::request::{BillRequest, SignIn, PATH};
use crate::domain::reseller::service::{parse_done, parse_ordered};
use crate::domain::reseller::{
    BillFailure, Handler, HandlerDetails, HandlerProblem, OfferedPlan, Plan, ProductType, ResellerBook,
    ResellerRefusal, SellingAccount, Service, ServiceAction, ServiceStatus,
};
use crate::domain::{ConnectionId, IdempotencyKey};
use crate::store::{BuiltinSettings, Builtins, ModuleSecret, Store, StoreError, Tx};
use chrono::TimeDelta;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};

/// A new connection's settings, as JSON: an empty book.
pub(super) fn fresh() -> String {
    serde_json::to_string(&ResellerBook::default()).unwrap_or_default()
}

/// The owner's reseller connection: its book, and its handlers' passwords
/// (kept sealed, as one secret, by handler id).
struct Loaded {
    connection: Connection,
    stored: BuiltinSettings,
    book: ResellerBook,
    passwords: BTreeMap<String, String>,
}

impl Loaded {
    fn handler(&self, id: &str) -> Result<&Handler, ApiError> {
        self.book.handler(id).ok_or(ApiError::NotFound)
    }

    fn plan(&self, id: &str) -> Result<&Plan, ApiError> {
        self.book.plan(id).ok_or(ApiError::NotFound)
    }

    fn sign_in(&self, handler: &Handler) -> Result<SignIn, ApiError> {
        let password = self.passwords.get(&handler.id).cloned().ok_or_else(|| {
            StoreError::new(format!("handler {} of {} has no password", handler.id, self.stored.connection))
        })?;
        Ok(SignIn { url: handler.url.clone(), user: handler.user.clone(), password })
    }

    /// Refuses what calls the selling billing while the connection waits for a top-up.
    fn working(self) -> Result<Loaded, ApiError> {
        if is_frozen(&self.connection) {
            return Err(ResellerRefusal::Frozen.into());
        }
        Ok(self)
    }
}

async fn load<S: Store>(cx: &Ctx<S>, tx: &mut S::Tx, id: &ConnectionId) -> Result<Loaded, ApiError> {
    let (account, connection, builtin) = owned_connection(cx, tx, id).await?;
    if builtin != Builtin::Reseller {
        return Err(ApiError::NotFound);
    }
    let stored = settings_of(cx, tx, &account, &connection, builtin).await?;
    let book = serde_json::from_str(&stored.settings)
        .map_err(|e| StoreError::new(format!("read the reseller book of {id}: {e}")))?;
    let passwords = match &stored.secret {
        Some(secret) => serde_json::from_str(&secret.0)
            .map_err(|e| StoreError::new(format!("read the handlers' passwords of {id}: {e}")))?,
        None => BTreeMap::new(),
    };
    Ok(Loaded { connection, stored, book, passwords })
}

async fn read<S: Store>(cx: &Ctx<S>, id: &ConnectionId) -> Result<Loaded, ApiError> {
    let mut tx = cx.store.read().await?;
    load(cx, &mut tx, id).await
}

fn view_of<S>(cx: &Ctx<S>, loaded: &Loaded) -> ResellerView {
    let book = &loaded.book;
    let handlers = book
        .handlers
        .iter()
        .map(|handler| HandlerRow {
            id: handler.id.clone(),
            product: handler.product,
            url: handler.url.clone(),
            user: handler.user.clone(),
            data_centre_name: book
                .data_centres
                .iter()
                .find(|centre| centre.id == handler.details.data_centre)
                .map(|centre| centre.name.clone())
                .unwrap_or_default(),
            details: handler.details.clone(),
        })
        .collect();
    ResellerView {
        connection: loaded.connection.id.clone(),
        connection_name: loaded.connection.name.clone(),
        frozen: is_frozen(&loaded.connection),
        default_url: cx.outside.billing.clone(),
        data_centres: book.data_centres.clone(),
        handlers,
        plans: book.plans.clone(),
        services: book.services.iter().rev().cloned().collect(),
        log_enabled: loaded.stored.log_enabled,
    }
}

/// Stores `loaded`'s book and passwords, and answers the view.
async fn save<S: Store>(cx: &Ctx<S>, mut tx: S::Tx, mut loaded: Loaded) -> Result<ResellerView, ApiError> {
    let written = |e: serde_json::Error| StoreError::new(format!("write the reseller book: {e}"));
    loaded.stored.settings = serde_json::to_string(&loaded.book).map_err(written)?;
    loaded.stored.secret = match loaded.passwords.is_empty() {
        true => None,
        false => Some(ModuleSecret(serde_json::to_string(&loaded.passwords).map_err(written)?)),
    };
    loaded.stored.updated_at = cx.now;
    tx.save_builtin_settings(&loaded.stored).await?;
    tx.commit().await?;
    Ok(view_of(cx, &loaded))
}

pub async fn reseller<S: Store>(cx: &Ctx<S>, connection: &ConnectionId) -> Result<ResellerView, ApiError> {
    Ok(view_of(cx, &read(cx, connection).await?))
}

/// The calls one use case makes to the selling billing for a connection,
/// each within the connection's share of calls and logged (when the log is
/// on) at the request's time plus what the earlier ones took, so the log
/// keeps their order; a `doc.error` is logged as the call's error.
struct Caller<'a, S> {
    cx: &'a Ctx<S>,
    stored: &'a BuiltinSettings,
    /// What the earlier calls took; atomic only so the use case stays `Send`.
    spent_ms: AtomicI64,
}

impl<'a, S: Store> Caller<'a, S> {
    fn new(cx: &'a Ctx<S>, stored: &'a BuiltinSettings) -> Self {
        Caller { cx, stored, spent_ms: AtomicI64::new(0) }
    }

    async fn call(&self, url: &str, request: &BillRequest) -> Result<CallOutcome, ApiError> {
        let cx = self.cx;
        cx.limits.outside_calls.admit(self.stored.connection.as_str(), cx.now).map_err(ApiError::wait)?;
        let at = cx.now + TimeDelta::milliseconds(self.spent_ms.load(Ordering::Relaxed));
        let outcome = cx.modules.post(&format!("{url}{PATH}"), &request.fields).await;
        self.spent_ms.fetch_add(i64::from(outcome.latency_ms.max(1)), Ordering::Relaxed);
        let mut shown = outcome.clone();
        if let (Some(status), None) = (outcome.status, &outcome.error) {
            if let Err(BillFailure::Refused { kind, object, .. }) = doc::doc(status, &outcome.body) {
                shown.error = Some(format!("doc.error {kind}/{object}"));
            }
        }
        let path = format!("{PATH}?func={}", request.func());
        let params = request.masked();
        log_call(
            cx,
            Logged {
                settings: self.stored,
                method: "POST",
                at,
                path: &path,
                params,
                outcome: &shown,
                error_code: None,
            },
        )
        .await?;
        Ok(outcome)
    }

    /// The test call: the selling account, which must be a client's.
    async fn whoami(&self, sign_in: &SignIn) -> Result<SellingAccount, ApiError> {
        let outcome = self.call(&sign_in.url, &BillRequest::whoami(sign_in)).await?;
        let account = SellingAccount::parse(answered(&outcome)?, &outcome.body)?;
        if !account.is_client() {
            return Err(ResellerRefusal::NotClient(account.level).into());
        }
        Ok(account)
    }

    /// The plans of the handler's product its selling billing offers.
    async fn pricelist(&self, loaded: &Loaded, handler: &Handler) -> Result<Vec<OfferedPlan>, ApiError> {
        let sign_in = loaded.sign_in(handler)?;
        let outcome = self.call(&handler.url, &BillRequest::pricelist(&sign_in, handler.product)).await?;
        Ok(OfferedPlan::parse_list(answered(&outcome)?, &outcome.body)?)
    }
}

fn answered(outcome: &CallOutcome) -> Result<u16, BillFailure> {
    outcome.status.ok_or_else(|| BillFailure::NoAnswer(outcome.error.clone().unwrap_or_else(|| "no answer".into())))
}

fn checked_sign_in(input: &SignInInput) -> Result<SignIn, ApiError> {
    if let Some(problem) = sign_in_problems(&input.url, &input.user, &input.password).into_iter().next() {
        return Err(ResellerRefusal::Invalid(problem).into());
    }
    Ok(SignIn { url: normal_url(&input.url), user: input.user.trim().to_string(), password: input.password.clone() })
}

/// Refuses a second handler of `product` on the same selling account.
fn untaken(book: &ResellerBook, product: ProductType, sign_in: &SignIn) -> Result<(), ApiError> {
    match book.handlers.iter().any(|h| h.product == product && h.same_account(&sign_in.url, &sign_in.user)) {
        true => Err(ResellerRefusal::HandlerTaken(product).into()),
        false => Ok(()),
    }
}

pub async fn check_selling_account<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    input: SignInInput,
) -> Result<SellingCheck, ApiError> {
    let sign_in = checked_sign_in(&input)?;
    let loaded = read(cx, connection).await?.working()?;
    untaken(&loaded.book, input.product, &sign_in)?;
    let account = Caller::new(cx, &loaded.stored).whoami(&sign_in).await?;
    // Only once the password proved right: whether another reselling billing
    // signs in to this selling account, which the seed warns against.
    let mut tx = cx.store.read().await?;
    let others = tx.builtin_settings_of_module(&loaded.stored.module).await?;
    let shared = others.iter().filter(|(other, _)| other != connection).any(|(_, settings)| {
        serde_json::from_str::<ResellerBook>(settings)
            .is_ok_and(|book| book.handlers.iter().any(|h| h.same_account(&sign_in.url, &sign_in.user)))
    });
    Ok(SellingCheck { account, shared })
}

pub async fn create_handler<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    input: SignInInput,
    details: HandlerDetails,
) -> Result<ResellerView, ApiError> {
    let sign_in = checked_sign_in(&input)?;
    let loaded = read(cx, connection).await?.working()?;
    let problems = details.problems(&loaded.book.data_centre_ids());
    if let Some(problem) = problems.into_iter().next() {
        return Err(ResellerRefusal::Invalid(problem).into());
    }
    untaken(&loaded.book, input.product, &sign_in)?;
    Caller::new(cx, &loaded.stored).whoami(&sign_in).await?;
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    untaken(&loaded.book, input.product, &sign_in)?;
    if !loaded.book.data_centre_ids().contains(&details.data_centre) {
        return Err(ResellerRefusal::Invalid(HandlerProblem::DataCentre).into());
    }
    let id = format!("hdl-{}", random_hex(6));
    loaded.passwords.insert(id.clone(), sign_in.password);
    let details = HandlerDetails { name: details.name.trim().to_string(), ..details };
    loaded.book.handlers.push(Handler {
        id,
        product: input.product,
        url: sign_in.url,
        user: sign_in.user,
        details,
        created_at: cx.now,
    });
    save(cx, tx, loaded).await
}

/// Changes a handler's second step, and its password when a new one is
/// typed (tested by the same call first); its selling account stays.
pub async fn update_handler<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    handler: &str,
    details: HandlerDetails,
    password: Option<String>,
) -> Result<ResellerView, ApiError> {
    if let Some(password) = &password {
        check_password(password).map_err(ResellerRefusal::Invalid)?;
    }
    let loaded = read(cx, connection).await?;
    let found = loaded.handler(handler)?.clone();
    if let Some(problem) = details.problems(&loaded.book.data_centre_ids()).into_iter().next() {
        return Err(ResellerRefusal::Invalid(problem).into());
    }
    if let Some(password) = &password {
        let sign_in = SignIn { url: found.url.clone(), user: found.user.clone(), password: password.clone() };
        Caller::new(cx, &loaded.working()?.stored).whoami(&sign_in).await?;
    }
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    let kept = loaded.book.handlers.iter_mut().find(|h| h.id == handler).ok_or(ApiError::NotFound)?;
    kept.details = HandlerDetails { name: details.name.trim().to_string(), ..details };
    if let Some(password) = password {
        loaded.passwords.insert(handler.to_string(), password);
    }
    save(cx, tx, loaded).await
}

/// Deletes a handler and its password, unless enabled plans would be left
/// with none or services it placed are not deleted.
pub async fn delete_handler<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    handler: &str,
) -> Result<ResellerView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    loaded.handler(handler)?;
    let (plans, services) = loaded.book.holding(handler);
    if !plans.is_empty() || services > 0 {
        return Err(ResellerRefusal::HandlerInUse { plans, services }.into());
    }
    loaded.book.handlers.retain(|h| h.id != handler);
    loaded.passwords.remove(handler);
    save(cx, tx, loaded).await
}

pub async fn create_data_centre<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    name: &str,
) -> Result<ResellerView, ApiError> {
    check_data_centre_name(name).map_err(ResellerRefusal::Invalid)?;
    let name = name.trim();
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    if loaded.book.data_centres.iter().any(|centre| centre.name.to_lowercase() == name.to_lowercase()) {
        return Err(ResellerRefusal::DataCentreTaken(name.into()).into());
    }
    loaded.book.data_centres.push(DataCentre { id: format!("dc-{}", random_hex(4)), name: name.into() });
    save(cx, tx, loaded).await
}

pub async fn offered_plans<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    handler: &str,
) -> Result<Vec<Offer>, ApiError> {
    let loaded = read(cx, connection).await?.working()?;
    let handler = loaded.handler(handler)?.clone();
    let offered = Caller::new(cx, &loaded.stored).pricelist(&loaded, &handler).await?;
    Ok(offered
        .into_iter()
        .map(|plan| {
            let imported = loaded
                .book
                .plans
                .iter()
                .any(|kept| kept.billing_url == handler.url && kept.remote_id == plan.remote_id);
            let monthly = monthly_price(&plan.sold_periods());
            Offer { refused: plan.importable(handler.product).err(), imported, monthly, plan }
        })
        .collect())
}

/// Imports the chosen plans, each off, as the selling billing offers them now.
pub async fn import_plans<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    handler: &str,
    chosen: Vec<String>,
    provider: &str,
) -> Result<ResellerView, ApiError> {
    if chosen.is_empty() {
        return Err(ResellerRefusal::Invalid(HandlerProblem::Plans).into());
    }
    check_provider(provider).map_err(ResellerRefusal::Invalid)?;
    let loaded = read(cx, connection).await?.working()?;
    let handler = loaded.handler(handler)?.clone();
    let offered = Caller::new(cx, &loaded.stored).pricelist(&loaded, &handler).await?;
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    for remote_id in chosen {
        let plan =
            offered.iter().find(|plan| plan.remote_id == remote_id).ok_or(ResellerRefusal::PlanGone(remote_id))?;
        if let Err(why) = plan.importable(handler.product) {
            return Err(ResellerRefusal::NotImportable(plan.name.clone(), why).into());
        }
        if loaded.book.plans.iter().any(|kept| kept.billing_url == handler.url && kept.remote_id == plan.remote_id) {
            return Err(ResellerRefusal::AlreadyImported(plan.name.clone()).into());
        }
        loaded.book.plans.push(Plan {
            id: format!("pln-{}", random_hex(6)),
            product: handler.product,
            billing_url: handler.url.clone(),
            remote_id: plan.remote_id.clone(),
            name: plan.name.clone(),
            provider: provider.trim().into(),
            periods: plan.sold_periods(),
            enabled: false,
            imported_at: cx.now,
            synced_at: cx.now,
        });
    }
    save(cx, tx, loaded).await
}

/// Switches a plan on (only while a handler serves it) or off.
pub async fn set_plan_enabled<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    plan: &str,
    enabled: bool,
) -> Result<ResellerView, ApiError> {
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    let found = loaded.plan(plan)?;
    if enabled && serving(found, &loaded.book.handlers).is_empty() {
        return Err(ResellerRefusal::NoHandler.into());
    }
    if let Some(kept) = loaded.book.plans.iter_mut().find(|p| p.id == plan) {
        kept.enabled = enabled;
    }
    save(cx, tx, loaded).await
}

/// Reloads a plan's name, prices and periods through its first handler.
pub async fn synchronise_plan<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    plan: &str,
) -> Result<Synchronised, ApiError> {
    let loaded = read(cx, connection).await?.working()?;
    let found = loaded.plan(plan)?.clone();
    let handler = serving(&found, &loaded.book.handlers).first().copied().cloned().ok_or(ResellerRefusal::NoHandler)?;
    let offered = Caller::new(cx, &loaded.stored).pricelist(&loaded, &handler).await?;
    let offer =
        offered.into_iter().find(|o| o.remote_id == found.remote_id).ok_or(ResellerRefusal::PlanGone(found.name))?;
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    let kept = loaded.book.plans.iter_mut().find(|p| p.id == plan).ok_or(ApiError::NotFound)?;
    let changes = kept.synchronise(&offer, cx.now);
    let view = save(cx, tx, loaded).await?;
    Ok(Synchronised { view, changes })
}

/// A customer's order: placed on the selling billing by the handler
/// `choose` picks, our service id as `remoteid`, once per `key`.
pub async fn order_plan<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    plan: &str,
    months: u32,
    key: &IdempotencyKey,
) -> Result<Ordered, ApiError> {
    if !key.is_well_formed() {
        return Err(ApiError::BadRequest("key: 16 to 64 letters, digits, - or _".into()));
    }
    let id = format!("svc-{key}");
    let loaded = read(cx, connection).await?;
    if let Some(placed) = placed(cx, &loaded, &id) {
        return Ok(placed);
    }
    let loaded = loaded.working()?;
    let found = loaded.plan(plan)?.clone();
    if !found.enabled {
        return Err(ResellerRefusal::PlanDisabled.into());
    }
    if found.cost_of(months).is_none() {
        return Err(ResellerRefusal::NoSuchPeriod(months).into());
    }
    let caller = Caller::new(cx, &loaded.stored);
    let mut balances = BTreeMap::new();
    for handler in serving(&found, &loaded.book.handlers) {
        // A handler whose balance cannot be read is passed over, as one short of money.
        if let Ok(account) = caller.whoami(&loaded.sign_in(handler)?).await {
            balances.insert(handler.id.clone(), account.balance);
        }
    }
    let handler = choose(&found, &loaded.book.handlers, &balances)?.clone();
    let sign_in = loaded.sign_in(&handler)?;
    let request = BillRequest::order(&sign_in, handler.product, &found.remote_id, months, &id);
    let outcome = caller.call(&handler.url, &request).await?;
    let remote_id = parse_ordered(answered(&outcome)?, &outcome.body)?;
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    if let Some(placed) = placed(cx, &loaded, &id) {
        return Ok(placed);
    }
    loaded.book.services.push(Service {
        id: id.clone(),
        plan: found.id.clone(),
        plan_name: found.name.clone(),
        handler: handler.id.clone(),
        remote_id,
        months,
        status: ServiceStatus::Active,
        ordered_at: cx.now,
        paid_until: cx.now.checked_add_months(chrono::Months::new(months)).unwrap_or(cx.now),
    });
    let view = save(cx, tx, loaded).await?;
    Ok(Ordered { view, service: id, handler_name: handler.details.name })
}

/// The order already placed under `id`, if it was.
fn placed<S>(cx: &Ctx<S>, loaded: &Loaded, id: &str) -> Option<Ordered> {
    let service = loaded.book.services.iter().find(|service| service.id == id)?;
    let handler_name = loaded.book.handler(&service.handler).map(|h| h.details.name.clone()).unwrap_or_default();
    Some(Ordered { view: view_of(cx, loaded), service: id.into(), handler_name })
}

/// Prolongs, suspends, resumes or deletes a service on the selling billing, then here.
pub async fn act_on_service<S: Store>(
    cx: &Ctx<S>,
    connection: &ConnectionId,
    service: &str,
    action: ServiceAction,
) -> Result<ResellerView, ApiError> {
    let loaded = read(cx, connection).await?.working()?;
    let found = loaded.book.services.iter().find(|s| s.id == service).ok_or(ApiError::NotFound)?.clone();
    if action.after(found.status).is_none() {
        return Err(ResellerRefusal::ServiceState(action, found.status).into());
    }
    let handler = loaded.handler(&found.handler)?.clone();
    let sign_in = loaded.sign_in(&handler)?;
    let request = match action {
        ServiceAction::Prolong => BillRequest::prolong(&sign_in, &found.remote_id, 1),
        _ => BillRequest::lifecycle(&sign_in, handler.product, action.verb(), &found.remote_id),
    };
    let outcome = Caller::new(cx, &loaded.stored).call(&handler.url, &request).await?;
    parse_done(answered(&outcome)?, &outcome.body)?;
    let mut tx = cx.store.write().await?;
    let mut loaded = load(cx, &mut tx, connection).await?;
    if let Some(kept) = loaded.book.services.iter_mut().find(|s| s.id == service) {
        kept.apply(action);
    }
    save(cx, tx, loaded).await
}
