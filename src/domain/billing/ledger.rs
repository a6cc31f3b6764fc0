//! An account's billing state and every change to it: activation, connections,
//! top-ups and the billing run. Each change returns the history rows and
//! notices it produced; the caller stores them with the new state.

use super::calendar::{add_days, day_start, local_date, next_charge_date, notice_date};
use super::connection::{connection_name, Connection, NameError, Status};
use super::operation::{Notice, Operation, OperationKind};
use super::AmountError;
use crate::domain::{ConnectionId, Listing, ModuleCode, Pricing};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::hash::Hash;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub balance: Decimal,
    /// The `seq` the next history row gets.
    pub next_seq: u64,
    pub connections: Vec<Connection>,
    /// Modules this account has activated before: their trial is spent.
    pub trials_used: BTreeSet<ModuleCode>,
}

/// `now`, and the time zone the account's days are counted in.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub tz: Tz,
}

impl Clock {
    pub fn today(&self) -> NaiveDate {
        local_date(self.now, self.tz)
    }
}

/// The current pricing of the modules a ledger's connections belong to.
pub trait PriceList {
    fn pricing(&self, module: &str) -> Option<&Pricing>;

    /// What one month of a connection of `module` costs now; `None` when nothing is charged.
    fn monthly_charge(&self, module: &str) -> Option<Decimal> {
        self.pricing(module).and_then(Pricing::monthly_charge)
    }
}

/// Keyed by `ModuleCode` (or by plain strings, as tests write them).
impl<K: Borrow<str> + Hash + Eq> PriceList for std::collections::HashMap<K, Pricing> {
    fn pricing(&self, module: &str) -> Option<&Pricing> {
        self.get(module)
    }
}

impl<K: Borrow<str> + Ord> PriceList for std::collections::BTreeMap<K, Pricing> {
    fn pricing(&self, module: &str) -> Option<&Pricing> {
        self.get(module)
    }
}

/// What a change produced, for the history and the outbox.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    pub operations: Vec<Operation>,
    pub notices: Vec<Notice>,
}

/// Why a change was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    #[error("no such module")]
    UnknownModule,
    #[error("no such connection")]
    UnknownConnection,
    /// Another module of the same exclusive section is active.
    #[error("{active} is active in this exclusive section")]
    Exclusive { active: ModuleCode },
    #[error("the balance {balance} does not cover {price}")]
    InsufficientFunds { price: Decimal, balance: Decimal },
    #[error("connection name: {0}")]
    Name(NameError),
    #[error("amount: {0}")]
    Amount(AmountError),
    /// The account holds as many connections of the module as one may.
    #[error("at most {max} connections of one module")]
    TooManyConnections { max: u16 },
}

/// Connections of one module one account may hold: enough for any real
/// business, few enough that an account's ledger stays small.
pub const MAX_CONNECTIONS_PER_MODULE: u16 = 100;

/// What activating a module (or adding a connection to it) would do now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quote {
    Free,
    ServiceSide,
    /// Nothing now; `then` a month from the day the trial ends.
    Trial {
        days: u16,
        ends_on: NaiveDate,
        then: Decimal,
    },
    Charge {
        amount: Decimal,
        balance_after: Decimal,
    },
    Insufficient {
        amount: Decimal,
        balance: Decimal,
    },
    Exclusive {
        active: ModuleCode,
    },
    /// `MAX_CONNECTIONS_PER_MODULE` reached.
    TooMany {
        max: u16,
    },
}

impl Ledger {
    pub fn connections_of<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'a Connection> + Clone + 'a {
        self.connections.iter().filter(move |c| c.module == module)
    }

    pub fn is_active(&self, module: &str) -> bool {
        self.connections_of(module).next().is_some()
    }

    pub fn quote(&self, listing: &Listing, clock: &Clock) -> Quote {
        if self.connections_of(listing.code.as_str()).count() >= usize::from(MAX_CONNECTIONS_PER_MODULE) {
            return Quote::TooMany { max: MAX_CONNECTIONS_PER_MODULE };
        }
        if listing.section.is_exclusive() {
            let other = self.connections.iter().find(|c| c.section == listing.section && c.module != listing.code);
            if let Some(other) = other {
                return Quote::Exclusive { active: other.module.clone() };
            }
        }
        let Some(amount) = listing.pricing.monthly_charge() else {
            return match listing.pricing {
                Pricing::ServiceSide => Quote::ServiceSide,
                _ => Quote::Free,
            };
        };
        match listing.pricing.trial_days() {
            Some(days) if !self.trials_used.contains(&listing.code) => {
                Quote::Trial { days, ends_on: add_days(clock.today(), u32::from(days)), then: amount }
            }
            _ if self.balance < amount => Quote::Insufficient { amount, balance: self.balance },
            _ => Quote::Charge { amount, balance_after: self.balance - amount },
        }
    }

    /// Activates a module, or adds a connection to an active one. Every
    /// activation of a paid module charges, except the very first one of a
    /// module with a trial.
    pub fn activate(
        &mut self,
        listing: &Listing,
        id: ConnectionId,
        name: &str,
        clock: &Clock,
    ) -> Result<Effects, Refusal> {
        let name = connection_name(name).map_err(Refusal::Name)?;
        let quote = self.quote(listing, clock);
        let mut connection = Connection {
            id,
            module: listing.code.clone(),
            section: listing.section,
            name,
            created_at: clock.now,
            status: Status::Unbilled,
            anchor_day: None,
            due_on: None,
            frozen_at: None,
            noticed: false,
            price: None,
        };
        let mut effects = Effects::default();
        match quote {
            Quote::Exclusive { active } => return Err(Refusal::Exclusive { active }),
            Quote::TooMany { max } => return Err(Refusal::TooManyConnections { max }),
            Quote::Insufficient { amount, balance } => {
                return Err(Refusal::InsufficientFunds { price: amount, balance })
            }
            Quote::Free | Quote::ServiceSide => {}
            Quote::Trial { ends_on, then, .. } => {
                connection.price = Some(then);
                connection.status = Status::Trial;
                connection.anchor_day = Some(ends_on.day());
                connection.due_on = Some(ends_on);
                let key = format!("trial_start:{}", connection.id);
                effects.operations.push(self.record(key, OperationKind::TrialStart, &connection, Decimal::ZERO, clock));
            }
            Quote::Charge { amount, .. } => {
                connection.price = Some(amount);
                let today = clock.today();
                let key = format!("charge:{}:{today}", connection.id);
                self.balance -= amount;
                effects.operations.push(self.record(key, OperationKind::Charge, &connection, -amount, clock));
                self.start_month(&mut connection, today);
            }
        }
        self.trials_used.insert(listing.code.clone());
        self.connections.push(connection);
        Ok(effects)
    }

    /// Deactivates one connection. Nothing is refunded.
    pub fn deactivate(&mut self, id: &ConnectionId) -> Result<Connection, Refusal> {
        let index = self.index_of(id)?;
        Ok(self.connections.remove(index))
    }

    /// Deactivates every connection of a module. Nothing is refunded.
    pub fn deactivate_module(&mut self, module: &ModuleCode) -> Result<Vec<Connection>, Refusal> {
        if !self.is_active(module.as_str()) {
            return Err(Refusal::UnknownModule);
        }
        let (gone, kept) = std::mem::take(&mut self.connections).into_iter().partition(|c| &c.module == module);
        self.connections = kept;
        Ok(gone)
    }

    pub fn rename(&mut self, id: &ConnectionId, name: &str) -> Result<(), Refusal> {
        let name = connection_name(name).map_err(Refusal::Name)?;
        let index = self.index_of(id)?;
        self.connections[index].name = name;
        Ok(())
    }

    /// Adds money, then charges the frozen connections it now covers, oldest
    /// freeze first: each is unfrozen and its month starts today.
    pub fn top_up(&mut self, amount: Decimal, prices: &impl PriceList, clock: &Clock) -> Result<Effects, Refusal> {
        super::amount::check_top_up(amount).map_err(Refusal::Amount)?;
        let mut effects = Effects::default();
        self.balance += amount;
        let key = format!("top_up:{}", self.next_seq);
        effects.operations.push(self.record_account(key, OperationKind::TopUp, amount, clock));
        let mut frozen: Vec<usize> =
            (0..self.connections.len()).filter(|&i| self.connections[i].status == Status::Frozen).collect();
        frozen.sort_by_key(|&i| (self.connections[i].frozen_at, self.connections[i].id.clone()));
        let today = clock.today();
        for index in frozen {
            let mut connection = self.connections[index].clone();
            let Some(price) = prices.monthly_charge(connection.module.as_str()).map(|now| connection.charge(now))
            else {
                // Free for now: a month at no cost starts, and charges resume with the price.
                let key = format!("unfreeze:{}:{today}", connection.id);
                effects.operations.push(self.record(key, OperationKind::Unfreeze, &connection, Decimal::ZERO, clock));
                self.start_month(&mut connection, today);
                self.connections[index] = connection;
                continue;
            };
            if self.balance < price {
                continue;
            }
            self.balance -= price;
            let key = format!("charge:{}:{today}", connection.id);
            effects.operations.push(self.record(key, OperationKind::Charge, &connection, -price, clock));
            let key = format!("unfreeze:{}:{today}", connection.id);
            effects.operations.push(self.record(key, OperationKind::Unfreeze, &connection, Decimal::ZERO, clock));
            self.start_month(&mut connection, today);
            self.connections[index] = connection;
        }
        Ok(effects)
    }

    /// Charges every connection whose charge is due at `clock.now` (a trial
    /// that ended, a month that began), freezes those the balance cannot
    /// cover, and sends the notices due. Running it again for the same moment
    /// changes nothing.
    pub fn run_billing(&mut self, prices: &impl PriceList, clock: &Clock) -> Effects {
        let mut order: Vec<usize> = (0..self.connections.len()).filter(|&i| self.connections[i].is_billed()).collect();
        order.sort_by_key(|&i| {
            (self.connections[i].due_on, self.connections[i].created_at, self.connections[i].id.clone())
        });
        let mut effects = Effects::default();
        for index in order {
            self.bill(index, prices, clock, &mut effects);
        }
        effects
    }

    /// Bills one connection: the charges due (a period missed while billing
    /// did not run is still owed), then the notice of the next one.
    pub fn bill(&mut self, index: usize, prices: &impl PriceList, clock: &Clock, effects: &mut Effects) {
        let mut connection = self.connections[index].clone();
        while let Some(due) = connection.due_on.filter(|_| connection.is_billed()) {
            if day_start(due, clock.tz) > clock.now {
                break;
            }
            if connection.status == Status::Trial {
                let key = format!("trial_end:{}", connection.id);
                effects.operations.push(self.record(key, OperationKind::TrialEnd, &connection, Decimal::ZERO, clock));
            }
            let next = next_charge_date(due, connection.anchor_day.unwrap_or(due.day()));
            let Some(price) = prices.monthly_charge(connection.module.as_str()).map(|now| connection.charge(now))
            else {
                // Free for now: this month costs nothing, and the subscription
                // stays, to be charged again once the module has a price.
                connection.status = Status::Paid;
                connection.due_on = Some(next);
                connection.noticed = false;
                continue;
            };
            if self.balance < price {
                let key = format!("freeze:{}:{due}", connection.id);
                effects.operations.push(self.record(key, OperationKind::Freeze, &connection, Decimal::ZERO, clock));
                connection.status = Status::Frozen;
                connection.frozen_at = Some(clock.now);
                break;
            }
            self.balance -= price;
            let key = format!("charge:{}:{due}", connection.id);
            effects.operations.push(self.record(key, OperationKind::Charge, &connection, -price, clock));
            connection.status = Status::Paid;
            connection.due_on = Some(next);
            connection.noticed = false;
        }
        if let (Some(due), false, true) = (connection.due_on, connection.noticed, connection.is_billed()) {
            if day_start(notice_date(due), clock.tz) <= clock.now {
                if let Some(amount) = prices.monthly_charge(connection.module.as_str()) {
                    // What the notice says is what the coming charge may cost.
                    connection.price = Some(amount);
                    effects.notices.push(Notice {
                        key: format!("notice:{}:{due}", connection.id),
                        at: clock.now,
                        module: connection.module.clone(),
                        connection_id: connection.id.clone(),
                        connection_name: connection.name.clone(),
                        due_on: due,
                        amount,
                        after_trial: connection.status == Status::Trial,
                    });
                }
                connection.noticed = true;
            }
        }
        self.connections[index] = connection;
    }

    /// A paid month starts `today`: the anchor moves to today's day of month.
    fn start_month(&self, connection: &mut Connection, today: NaiveDate) {
        connection.status = Status::Paid;
        connection.anchor_day = Some(today.day());
        connection.due_on = Some(next_charge_date(today, today.day()));
        connection.frozen_at = None;
        connection.noticed = false;
    }

    fn index_of(&self, id: &ConnectionId) -> Result<usize, Refusal> {
        self.connections.iter().position(|c| &c.id == id).ok_or(Refusal::UnknownConnection)
    }

    fn record(
        &mut self,
        key: String,
        kind: OperationKind,
        connection: &Connection,
        amount: Decimal,
        clock: &Clock,
    ) -> Operation {
        let mut operation = self.record_account(key, kind, amount, clock);
        operation.module = Some(connection.module.clone());
        operation.connection_id = Some(connection.id.clone());
        operation.connection_name = Some(connection.name.clone());
        operation
    }

    fn record_account(&mut self, key: String, kind: OperationKind, amount: Decimal, clock: &Clock) -> Operation {
        let seq = self.next_seq;
        self.next_seq += 1;
        Operation {
            seq,
            key,
            at: clock.now,
            kind,
            module: None,
            connection_id: None,
            connection_name: None,
            amount,
            balance_after: self.balance,
        }
    }
}
