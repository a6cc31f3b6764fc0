//! The selling BILLmanager's stand-in (`BUILTINS.md` §A): `/billmgr` in
//! JSON only, its accounts, plans of virtual hosting, VPS, certificates and
//! software, and the services resellers order.

use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SellingAccount {
    pub user: String,
    pub password: String,
    pub level: u32,
    pub balance: Decimal,
}

/// A plan on sale: `periods` are `(type, length, cost)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnSale {
    pub id: u32,
    pub intname: String,
    pub name: String,
    pub currency: String,
    pub periods: Vec<(String, u32, Decimal)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoldService {
    pub id: u32,
    pub user: String,
    pub plan: u32,
    pub intname: String,
    pub remote_id: String,
    pub months: u32,
    pub status: String,
    pub expires: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Billmgr {
    pub accounts: Vec<SellingAccount>,
    pub plans: Vec<OnSale>,
    pub services: Vec<SoldService>,
    /// Sessions of `func=auth`, by id: the user signed in.
    #[serde(default)]
    sessions: Vec<(String, String)>,
}

fn rub(amount: i64) -> Decimal {
    Decimal::new(amount * 100, 2)
}

fn plan(id: u32, intname: &str, name: &str, currency: &str, periods: &[(&str, u32, i64)]) -> OnSale {
    OnSale {
        id,
        intname: intname.into(),
        name: name.into(),
        currency: currency.into(),
        periods: periods.iter().map(|(kind, length, cost)| (kind.to_string(), *length, rub(*cost))).collect(),
    }
}

impl Default for Billmgr {
    /// `reseller1/secret1` (a client, 1,500 ₽), `poor/secret2` (a client,
    /// 10 ₽), `admin/admin` (an administrator, level 28); plans of each type,
    /// one priced in dollars and one sold by the day, which a reseller in
    /// roubles by the month cannot resell.
    fn default() -> Self {
        let account = |user: &str, password: &str, level: u32, balance: Decimal| SellingAccount {
            user: user.into(),
            password: password.into(),
            level,
            balance,
        };
        Billmgr {
            accounts: vec![
                account("reseller1", "secret1", 16, rub(1500)),
                account("poor", "secret2", 16, rub(10)),
                account("admin", "admin", 28, rub(0)),
            ],
            plans: vec![
                plan(1101, "vhost", "Host Start", "RUB", &[("month", 1, 150), ("month", 12, 1500)]),
                plan(1102, "vhost", "Host Business", "RUB", &[("month", 1, 290), ("month", 6, 1620)]),
                plan(1103, "vhost", "Host Global", "USD", &[("month", 1, 5)]),
                plan(2187, "vds", "VDS Light", "RUB", &[("month", 1, 490), ("month", 3, 1410)]),
                plan(2188, "vds", "VDS Medium", "RUB", &[("month", 1, 890), ("year", 1, 9600)]),
                plan(2189, "vds", "VDS Heavy", "RUB", &[("month", 1, 1690)]),
                plan(2190, "vds", "VDS Daily", "RUB", &[("day", 1, 20)]),
                plan(3301, "certificate", "SSL DV", "RUB", &[("year", 1, 990)]),
                plan(3302, "certificate", "SSL EV", "RUB", &[("year", 1, 14900)]),
                plan(4401, "soft", "ISPmanager Lite", "RUB", &[("month", 1, 320)]),
                plan(4402, "soft", "ISPmanager Pro", "RUB", &[("month", 1, 590), ("month", 12, 6000)]),
                plan(4403, "soft", "Plesk Web Admin", "EUR", &[("month", 1, 12)]),
            ],
            services: Vec::new(),
            sessions: Vec::new(),
        }
    }
}

/// `doc.error` as the billing answers it, on HTTP 200.
fn error(kind: &str, object: &str, message: &str) -> Value {
    json!({ "doc": { "error": { "$type": kind, "$object": object, "msg": { "$": message } } } })
}

fn ok() -> Value {
    json!({ "doc": { "ok": { "$": "ok" } } })
}

impl Billmgr {
    /// The answer to `/billmgr` with `fields` (the query's and the form's),
    /// or `None` without `out=json`: the real panel then answers its HTML page.
    pub fn answer(&mut self, fields: &[(String, String)], now: DateTime<Utc>) -> Option<Value> {
        let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        if field("out").as_deref() != Some("json") {
            return None;
        }
        let func = field("func").unwrap_or_default();
        if func == "auth" {
            return Some(self.auth(field("username"), field("password")));
        }
        let Some(index) = self.signed_in(field("authinfo"), field("auth")) else {
            return Some(error("auth", "badpassword", "Неверное имя пользователя или пароль"));
        };
        Some(self.call(index, &func, &field, now))
    }

    fn auth(&mut self, user: Option<String>, password: Option<String>) -> Value {
        let found =
            self.accounts.iter().find(|a| Some(&a.user) == user.as_ref() && Some(&a.password) == password.as_ref());
        let Some(account) = found else {
            return error("auth", "badpassword", "Неверное имя пользователя или пароль");
        };
        let id = format!("{:016x}", rand::random::<u64>());
        self.sessions.push((id.clone(), account.user.clone()));
        json!({ "doc": { "auth": { "$id": id, "$": id } } })
    }

    fn signed_in(&self, authinfo: Option<String>, session: Option<String>) -> Option<usize> {
        if let Some((user, password)) = authinfo.as_deref().and_then(|info| info.split_once(':')) {
            return self.accounts.iter().position(|a| a.user == user && a.password == password);
        }
        let (_, user) = self.sessions.iter().find(|(id, _)| Some(id) == session.as_ref())?;
        self.accounts.iter().position(|a| &a.user == user)
    }

    fn call(&mut self, index: usize, func: &str, field: &dyn Fn(&str) -> Option<String>, now: DateTime<Utc>) -> Value {
        let account = &self.accounts[index];
        match func {
            "whoami" => json!({ "doc": { "user": {
                "$name": account.user, "$level": account.level.to_string(),
                "$balance": format!("{:.2}", account.balance), "$currency": "RUB",
            } } }),
            "pricelist.export" => self.pricelist(field("itemtype")),
            "service.prolong" => self.prolong(index, field("elid"), field("period")),
            _ => match func.split_once('.') {
                Some((intname, "order.param")) if field("sok").as_deref() == Some("ok") => {
                    self.order(index, intname, field, now)
                }
                Some((intname, verb @ ("suspend" | "resume" | "delete"))) => {
                    self.lifecycle(index, intname, verb, field("elid"))
                }
                _ => error("missed", func, "Функция не найдена"),
            },
        }
    }

    fn pricelist(&self, itemtype: Option<String>) -> Value {
        let plans: Vec<Value> = self
            .plans
            .iter()
            .filter(|plan| itemtype.as_ref().is_none_or(|itemtype| &plan.intname == itemtype))
            .map(|plan| {
                let periods: Vec<Value> = plan
                    .periods
                    .iter()
                    .map(|(kind, length, cost)| {
                        json!({ "$cost": format!("{cost:.4}"), "$type": kind, "$length": length.to_string() })
                    })
                    .collect();
                // As the real billing: a list of one comes as the element itself.
                let periods = if periods.len() == 1 { periods[0].clone() } else { Value::Array(periods) };
                json!({
                    "id": { "$": plan.id.to_string() },
                    "name": { "$": plan.name },
                    "itemtype_info": { "intname": { "$": plan.intname } },
                    "price": { "$currency": plan.currency, "period": periods },
                    "datacenter": { "id": { "$": "4" }, "name": { "$": "Moscow" } },
                })
            })
            .collect();
        let pricelist = if plans.len() == 1 { plans[0].clone() } else { Value::Array(plans) };
        json!({ "doc": { "pricelist": pricelist } })
    }

    fn cost(plan: &OnSale, months: u32) -> Option<Decimal> {
        plan.periods.iter().find_map(|(kind, length, cost)| {
            let of = match kind.as_str() {
                "month" => *length,
                "year" => length * 12,
                _ => return None,
            };
            (of == months).then_some(*cost)
        })
    }

    fn order(
        &mut self,
        index: usize,
        intname: &str,
        field: &dyn Fn(&str) -> Option<String>,
        now: DateTime<Utc>,
    ) -> Value {
        let user = self.accounts[index].user.clone();
        let remote_id = field("remoteid").unwrap_or_default();
        // An order sent again under the same remoteid is the one placed.
        if let Some(placed) =
            self.services.iter().find(|s| !remote_id.is_empty() && s.user == user && s.remote_id == remote_id)
        {
            return json!({ "doc": { "id": { "$": placed.id.to_string() } } });
        }
        let plan_id: Option<u32> = field("pricelist").and_then(|id| id.parse().ok());
        let Some(plan) = self.plans.iter().find(|p| Some(p.id) == plan_id && p.intname == intname) else {
            return error("value", "pricelist", "Тарифный план не найден");
        };
        let months: u32 = field("period").and_then(|p| p.parse().ok()).unwrap_or(0);
        let Some(cost) = Self::cost(plan, months) else {
            return error("value", "period", "Неверный период");
        };
        let account = &mut self.accounts[index];
        if account.balance < cost {
            return error("balance", "account", "Недостаточно средств на счёте");
        }
        account.balance -= cost;
        let id = self.services.iter().map(|s| s.id).max().unwrap_or(7000) + 1;
        let expires = now.checked_add_months(Months::new(months)).unwrap_or(now);
        let plan = plan.id;
        self.services.push(SoldService {
            id,
            user,
            plan,
            intname: intname.into(),
            remote_id,
            months,
            status: "active".into(),
            expires,
        });
        json!({ "doc": { "id": { "$": id.to_string() } } })
    }

    fn service(&mut self, index: usize, elid: Option<String>) -> Option<&mut SoldService> {
        let user = self.accounts[index].user.clone();
        let id: u32 = elid?.parse().ok()?;
        self.services.iter_mut().find(|s| s.id == id && s.user == user && s.status != "deleted")
    }

    fn prolong(&mut self, index: usize, elid: Option<String>, period: Option<String>) -> Value {
        let Some(service) = self.service(index, elid.clone()) else {
            return error("value", "elid", "Услуга не найдена");
        };
        let (plan, months) = (service.plan, service.months);
        let times: u32 = period.and_then(|p| p.parse().ok()).unwrap_or(1);
        let cost = self.plans.iter().find(|p| p.id == plan).and_then(|plan| Self::cost(plan, months));
        let Some(cost) = cost.map(|cost| cost * Decimal::from(times)) else {
            return error("value", "period", "Неверный период");
        };
        if self.accounts[index].balance < cost {
            return error("balance", "account", "Недостаточно средств на счёте");
        }
        self.accounts[index].balance -= cost;
        if let Some(service) = self.service(index, elid) {
            service.expires =
                service.expires.checked_add_months(Months::new(months * times)).unwrap_or(service.expires);
        }
        ok()
    }

    fn lifecycle(&mut self, index: usize, intname: &str, verb: &str, elid: Option<String>) -> Value {
        let Some(service) = self.service(index, elid).filter(|s| s.intname == intname) else {
            return error("value", "elid", "Услуга не найдена");
        };
        service.status = match verb {
            "suspend" => "suspended",
            "resume" => "active",
            _ => "deleted",
        }
        .into();
        ok()
    }
}
