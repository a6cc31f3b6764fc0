//! Accounts, their ledgers, history and outbox, in memory.

use super::{AccountEntry, MemoryTx, State};
use crate::api::types::MailView;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::HistoryQuery;
use crate::domain::billing::{Connection, Effects, Ledger, Notice, Operation};
use crate::domain::{Account, AccountId, ConnectionId, IdempotencyKey, Role};
use crate::store::{
    Accounts, Billing, Due, DueLedger, Operations, Outbox, Result, StoreError, Window, IDEMPOTENCY_DAYS,
};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

impl MemoryTx {
    fn entry(&mut self, id: &AccountId) -> Result<&mut AccountEntry> {
        self.state_mut().accounts.get_mut(id).ok_or_else(|| StoreError::new(format!("account {id} is missing")))
    }
}

impl AccountEntry {
    /// Appends the effects' history rows and its notices, one to each account owner.
    fn absorb(&mut self, effects: &Effects, owners: &[crate::domain::Email]) -> Result<()> {
        for operation in &effects.operations {
            if self.history.iter().any(|kept| kept.key == operation.key) {
                return Err(StoreError::duplicate(format!("history row {} of {}", operation.key, self.account.id)));
            }
            self.history.push(operation.clone());
        }
        for notice in &effects.notices {
            self.outbox.extend(owners.iter().enumerate().map(|(n, recipient)| mail(notice, n, recipient)));
        }
        Ok(())
    }
}

/// The outbox row of a notice to its `n`th recipient: the first keeps the
/// notice's key, the others' add their address (as the SQL store's do).
fn mail(notice: &Notice, n: usize, recipient: &crate::domain::Email) -> MailView {
    let key = if n == 0 { notice.key.clone() } else { format!("{}:{recipient}", notice.key) };
    MailView { key, created_at: notice.at, recipient: recipient.clone(), notice: notice.clone(), sent_at: None }
}

fn owners(state: &State, account: &AccountId) -> Vec<crate::domain::Email> {
    state
        .users
        .values()
        .filter(|u| u.role == Role::AccountOwner && u.account.as_ref() == Some(account))
        .map(|u| u.email.clone())
        .collect()
}

impl Accounts for MemoryTx {
    async fn account(&mut self, id: &AccountId) -> Result<Option<(Account, Decimal)>> {
        Ok(self.state.accounts.get(id).map(|entry| (entry.account.clone(), entry.ledger.balance)))
    }

    async fn insert_account(&mut self, account: &Account) -> Result<()> {
        let entry = AccountEntry {
            account: account.clone(),
            ledger: Ledger::default(),
            history: Vec::new(),
            outbox: Vec::new(),
            requests: BTreeMap::new(),
        };
        if self.state_mut().accounts.insert(account.id.clone(), entry).is_some() {
            return Err(StoreError::duplicate(format!("account {}", account.id)));
        }
        Ok(())
    }

    async fn claim_request(
        &mut self,
        id: &AccountId,
        key: &IdempotencyKey,
        request: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let requests = &mut self.entry(id)?.requests;
        requests.retain(|_, (_, at)| now - *at < TimeDelta::days(IDEMPOTENCY_DAYS));
        if let Some((ran, _)) = requests.get(key) {
            return Ok(Some(ran.clone()));
        }
        requests.insert(key.clone(), (request.to_string(), now));
        Ok(None)
    }

    async fn ledger(&mut self, id: &AccountId) -> Result<Option<(Account, Ledger)>> {
        Ok(self.state.accounts.get(id).map(|entry| (entry.account.clone(), entry.ledger.clone())))
    }

    async fn connection(&mut self, account: &AccountId, id: &ConnectionId) -> Result<Option<Connection>> {
        let entry = self.state.accounts.get(account);
        Ok(entry.and_then(|entry| entry.ledger.connections.iter().find(|c| &c.id == id).cloned()))
    }

    async fn save_ledger(
        &mut self,
        id: &AccountId,
        _: Tz,
        _: &Ledger,
        after: &Ledger,
        effects: &Effects,
    ) -> Result<()> {
        let owners = owners(&self.state, id);
        let entry = self.entry(id)?;
        entry.ledger = after.clone();
        entry.absorb(effects, &owners)
    }
}

impl Operations for MemoryTx {
    async fn history(&mut self, account: &AccountId, query: &HistoryQuery) -> Result<Vec<Operation>> {
        let Some(entry) = self.state.accounts.get(account) else { return Ok(Vec::new()) };
        let rows = entry.history.iter().rev().filter(|op| query.matches(op)).cloned();
        Ok(rows.take(query.limit.unwrap_or(usize::MAX)).collect())
    }
}

impl Outbox for MemoryTx {
    async fn notices(&mut self, account: &AccountId, window: Window) -> Result<Vec<MailView>> {
        let mut mail = self.state.accounts.get(account).map(|e| e.outbox.clone()).unwrap_or_default();
        mail.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| a.key.cmp(&b.key)));
        Ok(window.of(mail))
    }
}

/// When `due` comes for the connection, as the SQL store's indexed columns say.
fn due_at(connection: &Connection, due: Due, tz: Tz) -> Option<DateTime<Utc>> {
    match due {
        Due::Charge => connection.due_at(tz),
        Due::Notice => connection.notice_at(tz),
    }
}

impl Billing for MemoryTx {
    async fn due_ledgers(&mut self, due: Due, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueLedger>> {
        let mut candidates: Vec<(DateTime<Utc>, &Connection, &AccountEntry)> = Vec::new();
        for entry in self.state.accounts.values() {
            let tz = zone(&entry.account.timezone);
            for connection in &entry.ledger.connections {
                if let Some(at) = due_at(connection, due, tz).filter(|at| *at <= now) {
                    candidates.push((at, connection, entry));
                }
            }
        }
        candidates.sort_by(|a, b| (a.0, a.1.created_at, &a.1.id).cmp(&(b.0, b.1.created_at, &b.1.id)));
        let mut ledgers: Vec<DueLedger> = Vec::new();
        for (_, connection, entry) in candidates.into_iter().take(limit) {
            let index = match ledgers.iter().position(|l| l.account == entry.account.id) {
                Some(index) => index,
                None => {
                    let ledger =
                        Ledger { balance: entry.ledger.balance, next_seq: entry.ledger.next_seq, ..Ledger::default() };
                    let tz = zone(&entry.account.timezone);
                    ledgers.push(DueLedger { account: entry.account.id.clone(), tz, ledger });
                    ledgers.len() - 1
                }
            };
            ledgers[index].ledger.connections.push(connection.clone());
        }
        Ok(ledgers)
    }

    async fn save_billed(&mut self, billed: &[(DueLedger, Effects)]) -> Result<()> {
        for (due, effects) in billed {
            let owners = owners(&self.state, &due.account);
            let entry = self.entry(&due.account)?;
            entry.ledger.balance = due.ledger.balance;
            entry.ledger.next_seq = due.ledger.next_seq;
            for connection in &due.ledger.connections {
                if let Some(kept) = entry.ledger.connections.iter_mut().find(|c| c.id == connection.id) {
                    *kept = connection.clone();
                }
            }
            entry.absorb(effects, &owners)?;
        }
        Ok(())
    }
}
