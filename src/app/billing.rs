//! The account owner's billing: activation, connections, top-ups, the history
//! and notices; and the billing run that charges what came due.

use super::Ctx;
use crate::api::types::{BillingView, HistoryPage, MailView, Page, TopUpMode};
use crate::api::ApiError;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::{
    default_name, parse_top_up, Clock, Effects, HistoryFilter, Ledger, Operation, OperationKind, Refusal,
};
use crate::domain::delivery::{transitions, Activity, Event};
use crate::domain::{visibility, Account, AccountId, ConnectionId, IdempotencyKey, Lang, Listing, ModuleCode, Pricing};
use crate::store::{Accounts, Billing, Due, Modules, Operations, Outbox, Store, StoreError, Tx};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub async fn billing<S: Store>(cx: &Ctx<S>) -> Result<BillingView, ApiError> {
    let mut tx = cx.store.read().await?;
    let account = cx.account_owner(&mut tx).await?;
    let (_, ledger) = ledger(&mut tx, &account).await?;
    Ok(BillingView { ledger, now: cx.now, top_up: cx.payments.mode() })
}

pub(super) async fn ledger<T: Accounts>(tx: &mut T, account: &AccountId) -> Result<(Account, Ledger), ApiError> {
    Ok(tx.ledger(account).await?.ok_or_else(|| StoreError::new(format!("account {account} is missing")))?)
}

/// One domain change on the signed-in owner's ledger: begun under the
/// account's lock, stored by `finish`, or dropped with nothing changed.
pub(super) struct Change<T> {
    pub tx: T,
    pub id: AccountId,
    account: Account,
    before: Ledger,
    pub ledger: Ledger,
    pub clock: Clock,
    top_up: TopUpMode,
}

impl<T: crate::store::Tx> Change<T> {
    pub async fn begin<S: Store<Tx = T>>(cx: &Ctx<S>) -> Result<Change<T>, ApiError> {
        let mut tx = cx.store.write().await?;
        let id = cx.account_owner(&mut tx).await?;
        Change::of(tx, id, cx.now, cx.payments.mode()).await
    }

    /// A change on account `id`'s ledger, in `tx` (a write transaction).
    pub async fn of(mut tx: T, id: AccountId, now: DateTime<Utc>, top_up: TopUpMode) -> Result<Change<T>, ApiError> {
        let (account, ledger) = ledger(&mut tx, &id).await?;
        let clock = Clock { now, tz: zone(&account.timezone) };
        Ok(Change { tx, id, account, before: ledger.clone(), ledger, clock, top_up })
    }

    /// Claims `key` for `request`, in this change's transaction: `true` when
    /// the request already ran under it, so there is nothing to do again. A
    /// change the domain refuses rolls its claim back, so a retry may run.
    pub async fn ran_before(&mut self, key: &IdempotencyKey, request: &str) -> Result<bool, ApiError> {
        if !key.is_well_formed() {
            return Err(ApiError::BadRequest("idempotency_key: 16 to 64 letters, digits, - or _".into()));
        }
        match self.tx.claim_request(&self.id, key, request, self.clock.now).await? {
            None => Ok(false),
            Some(ran) if ran == request => Ok(true),
            Some(_) => Err(ApiError::BadRequest("idempotency_key: already used for another request".into())),
        }
    }

    /// The ledger as it stands, for a request that already ran.
    fn unchanged(self) -> BillingView {
        BillingView { ledger: self.ledger, now: self.clock.now, top_up: self.top_up }
    }

    pub async fn finish(mut self, effects: Effects) -> Result<BillingView, ApiError> {
        self.tx.save_ledger(&self.id, self.clock.tz, &self.before, &self.ledger, &effects).await?;
        // Modules hear of their connections' changes; a deactivated one's
        // keys and registration go with it, once its module is told.
        let changes = transitions(&self.before.connections, &self.ledger.connections);
        super::deliveries::record(&mut self.tx, &changes, self.clock.now).await?;
        let gone: Vec<ConnectionId> =
            changes.into_iter().filter(|(_, event, _)| *event == Event::Deactivated).map(|(id, ..)| id).collect();
        super::api_keys::forget_connections(&mut self.tx, &gone).await?;
        self.tx.commit().await?;
        Ok(BillingView { ledger: self.ledger, now: self.clock.now, top_up: self.top_up })
    }
}

/// Activates a module, or adds a connection to an active one; once per `key`.
pub async fn activate<S: Store>(cx: &Ctx<S>, code: &ModuleCode, key: &IdempotencyKey) -> Result<BillingView, ApiError> {
    let mut change = Change::begin(cx).await?;
    if change.ran_before(key, &format!("activate {code}")).await? {
        return Ok(change.unchanged());
    }
    let listing = change
        .tx
        .module(code)
        .await?
        .map(|module| module.listing)
        .filter(|listing| visibility::is_visible(listing, &change.account))
        .ok_or(ApiError::Refused(Refusal::UnknownModule))?;
    let effects = activate_in(&mut change, &listing, ConnectionId::new(super::tokens::random_hex(8)))?;
    change.finish(effects).await
}

/// Activates `listing` as connection `id` on the change's ledger, under the
/// name the owner sees by default: an activation, or a simple connection's.
pub(super) fn activate_in<T: Tx>(
    change: &mut Change<T>,
    listing: &Listing,
    id: ConnectionId,
) -> Result<Effects, ApiError> {
    let module_name = &listing.materials(change.account.lang).name;
    let taken = change.ledger.connections_of(listing.code.as_str()).map(|c| c.name.as_str());
    let name = default_name(module_name, taken);
    Ok(change.ledger.activate(listing, id, &name, &change.clock)?)
}

/// Deactivates one connection; nothing is refunded.
pub async fn deactivate_connection<S: Store>(cx: &Ctx<S>, id: &ConnectionId) -> Result<BillingView, ApiError> {
    super::booking::withdraw_before_ending(cx, id).await?;
    deactivate(Change::begin(cx).await?, id).await
}

/// Deactivates a connection of the change's account: its owner's call, or its
/// module's (`edit` with `active: false`).
pub(super) async fn deactivate<T: Tx>(mut change: Change<T>, id: &ConnectionId) -> Result<BillingView, ApiError> {
    change.ledger.deactivate(id)?;
    change.finish(Effects::default()).await
}

/// Deactivates every connection of a module; nothing is refunded.
pub async fn deactivate_module<S: Store>(cx: &Ctx<S>, code: &ModuleCode) -> Result<BillingView, ApiError> {
    let mut change = Change::begin(cx).await?;
    change.ledger.deactivate_module(code)?;
    change.finish(Effects::default()).await
}

pub async fn rename_connection<S: Store>(cx: &Ctx<S>, id: &ConnectionId, name: &str) -> Result<BillingView, ApiError> {
    let mut change = Change::begin(cx).await?;
    change.ledger.rename(id, name)?;
    change.finish(Effects::default()).await
}

/// A demo top-up with no provider: the amount as typed, checked by the form's
/// rule, credited at once (it charges the frozen connections it now covers);
/// once per `key`.
pub(super) async fn top_up_at_once<S: Store>(
    cx: &Ctx<S>,
    amount: &str,
    key: &IdempotencyKey,
) -> Result<BillingView, ApiError> {
    let amount = parse_top_up(amount).map_err(Refusal::Amount)?;
    let mut change = Change::begin(cx).await?;
    if change.ran_before(key, &format!("top_up {amount}")).await? {
        return Ok(change.unchanged());
    }
    let prices = prices(&mut change.tx).await?;
    let effects = change.ledger.top_up(amount, &prices, &change.clock)?;
    change.finish(effects).await
}

/// The rows the filter keeps, newest first, selected by the store, and the
/// account they are of.
async fn filtered_history<S: Store>(
    cx: &Ctx<S>,
    tx: &mut S::Tx,
    filter: &HistoryFilter,
    before: Option<u64>,
    limit: Option<usize>,
) -> Result<(Vec<Operation>, Account), ApiError> {
    let id = cx.account_owner(tx).await?;
    let (account, _) = tx.account(&id).await?.ok_or_else(|| StoreError::new(format!("account {id} is missing")))?;
    let rows = tx.history(&id, &filter.query(zone(&account.timezone), before, limit)).await?;
    Ok((rows, account))
}

/// A page of the rows the filter keeps, newest first, from before `before`.
pub async fn history<S: Store>(
    cx: &Ctx<S>,
    filter: &HistoryFilter,
    before: Option<u64>,
) -> Result<HistoryPage, ApiError> {
    let mut tx = cx.store.read().await?;
    let read = super::window(None).limit as usize;
    let (rows, _) = filtered_history(cx, &mut tx, filter, before, Some(read)).await?;
    let (items, more) = super::first_page(rows);
    let next = items.last().filter(|_| more).map(|last| last.seq);
    Ok(HistoryPage { items, next })
}

/// Every row `history` shows for the filter, page after page, as CSV in `lang`.
pub async fn history_csv<S: Store>(cx: &Ctx<S>, filter: &HistoryFilter, lang: Lang) -> Result<String, ApiError> {
    let mut tx = cx.store.read().await?;
    let (rows, account) = filtered_history(cx, &mut tx, filter, None, None).await?;
    let names: HashMap<ModuleCode, String> = tx
        .modules()
        .await?
        .iter()
        .map(|module| (module.listing.code.clone(), module.listing.materials(lang).name.clone()))
        .collect();
    Ok(crate::texts::history_csv(lang, zone(&account.timezone), &rows, |code| {
        names.get(code).cloned().unwrap_or_else(|| code.to_string())
    }))
}

/// A page of the account's notices of coming charges, newest first.
pub async fn notifications<S: Store>(cx: &Ctx<S>, from: Option<u32>) -> Result<Page<MailView>, ApiError> {
    let mut tx = cx.store.read().await?;
    let id = cx.account_owner(&mut tx).await?;
    Ok(super::page(tx.notices(&id, super::window(from)).await?, from))
}

/// What each module costs now.
pub(super) async fn prices<T: Modules>(tx: &mut T) -> Result<HashMap<ModuleCode, Pricing>, StoreError> {
    Ok(tx.modules().await?.iter().map(|module| (module.listing.code.clone(), module.listing.pricing.clone())).collect())
}

/// Connections billed in one transaction: enough to spread each batch's
/// search for what is due and its commit, few enough that memory stays flat
/// whatever the number of due subscriptions and that accounts are not held
/// locked for long (`make bench`, 1,000,000 due on SQLite: 46 s at 1,000,
/// 39.5 s at 5,000, peak RSS 37 → 46 MB; 20,000 gained little more for 20 MB).
pub const BATCH: usize = 5000;

/// What a billing run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub connections: u64,
    pub charges: u64,
    pub freezes: u64,
    pub notices: u64,
}

/// Bills everything due at `now`: the server's timer, `souk-server billing
/// --now` and the preview's moved clock all come here. Each batch is one
/// transaction holding its charges, their history rows and the connections'
/// new state, so a crash loses no charge and doubles none, and a second run
/// for the same moment finds nothing due.
pub async fn run_billing<S: Store>(store: &S, now: DateTime<Utc>) -> Result<Report, StoreError> {
    let prices = prices(&mut store.read().await?).await?;
    let mut report = Report::default();
    // Charges first (they send the notice of the next charge when it is near),
    // then the notices of charges still ahead.
    for due in [Due::Charge, Due::Notice] {
        loop {
            let mut tx = store.write().await?;
            let ledgers = tx.due_ledgers(due, now, BATCH).await?;
            if ledgers.is_empty() {
                break;
            }
            let billed: Vec<_> = ledgers
                .into_iter()
                .map(|mut due| {
                    let effects = due.ledger.run_billing(&prices, &Clock { now, tz: due.tz });
                    report.count(&due.ledger, &effects);
                    (due, effects)
                })
                .collect();
            tx.save_billed(&billed).await?;
            // A billing run only ever freezes (it never looks at connections
            // it does not bill): its modules hear of each freeze.
            let frozen: Vec<_> = (billed.iter().flat_map(|(_, effects)| &effects.operations))
                .filter(|o| o.kind == OperationKind::Freeze)
                .filter_map(|o| o.connection_id.clone())
                .map(|id| (id, Event::Frozen, Activity { active: true, freeze: true }))
                .collect();
            super::deliveries::record(&mut tx, &frozen, now).await?;
            tx.commit().await?;
        }
    }
    Ok(report)
}

impl Report {
    fn count(&mut self, ledger: &Ledger, effects: &Effects) {
        let kinds = |kind: OperationKind| effects.operations.iter().filter(|o| o.kind == kind).count() as u64;
        self.connections += ledger.connections.len() as u64;
        self.charges += kinds(OperationKind::Charge);
        self.freezes += kinds(OperationKind::Freeze);
        self.notices += effects.notices.len() as u64;
    }
}
