//! Tariff plans: those the selling billing offers (`pricelist.export`), the
//! rule of which the account can resell, and the plans it imported.

use super::doc::{self, attr, child, list, BillFailure};
use super::{ProductType, ACCOUNT_CURRENCY};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The order periods the account sells, in months.
pub const SUPPORTED_MONTHS: [u32; 4] = [1, 3, 6, 12];

/// One order period of a plan and what it costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// BILLmanager's `$type` (`month`, `year`, `day`…) and `$length`.
    pub kind: String,
    pub length: u32,
    pub cost: Decimal,
}

impl Period {
    /// Its length in months, when it is one the account sells.
    pub fn months(&self) -> Option<u32> {
        let months = match self.kind.as_str() {
            "month" => self.length,
            "year" => self.length.checked_mul(12)?,
            _ => return None,
        };
        SUPPORTED_MONTHS.contains(&months).then_some(months)
    }
}

/// A plan as the selling billing offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedPlan {
    /// Its id on the selling billing.
    pub remote_id: String,
    pub name: String,
    pub product: Option<ProductType>,
    pub currency: String,
    pub periods: Vec<Period>,
}

/// Why an offered plan cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum NotImportable {
    /// Priced in a currency the account does not sell in.
    Currency(String),
    /// None of its periods is one the account sells (1, 3, 6 or 12 months).
    Periods,
    /// Of another product type than the handler's.
    Product,
}

impl OfferedPlan {
    /// The plans of a `pricelist.export` answer.
    pub fn parse_list(status: u16, body: &str) -> Result<Vec<OfferedPlan>, BillFailure> {
        let doc = doc::doc(status, body)?;
        list(&doc, "pricelist").into_iter().map(OfferedPlan::parse).collect()
    }

    fn parse(element: &serde_json::Value) -> Result<OfferedPlan, BillFailure> {
        let remote_id = child(element, "id").ok_or_else(|| BillFailure::NotBillmanager("a plan without id".into()))?;
        let product = element.get("itemtype_info").and_then(|info| child(info, "intname"));
        let price = element.get("price");
        let periods = price
            .map(|price| list(price, "period"))
            .unwrap_or_default()
            .into_iter()
            .map(|period| {
                Ok(Period {
                    kind: attr(period, "type").unwrap_or_default(),
                    length: attr(period, "length").and_then(|l| l.trim().parse().ok()).unwrap_or(0),
                    cost: doc::decimal(attr(period, "cost"), "cost")?,
                })
            })
            .collect::<Result<_, BillFailure>>()?;
        Ok(OfferedPlan {
            name: child(element, "name").unwrap_or_else(|| remote_id.clone()),
            remote_id,
            product: product.as_deref().and_then(ProductType::of_intname),
            currency: price.and_then(|price| attr(price, "currency")).unwrap_or_default(),
            periods,
        })
    }

    /// Whether the account can resell it through a handler of `product`.
    pub fn importable(&self, product: ProductType) -> Result<(), NotImportable> {
        if self.product.is_some_and(|offered| offered != product) {
            Err(NotImportable::Product)
        } else if self.currency != ACCOUNT_CURRENCY {
            Err(NotImportable::Currency(self.currency.clone()))
        } else if self.sold_periods().is_empty() {
            Err(NotImportable::Periods)
        } else {
            Ok(())
        }
    }

    /// The periods the account sells, by months, shortest first.
    pub fn sold_periods(&self) -> Vec<(u32, Decimal)> {
        let mut sold: Vec<(u32, Decimal)> =
            self.periods.iter().filter_map(|period| period.months().map(|months| (months, period.cost))).collect();
        sold.sort_by_key(|(months, _)| *months);
        sold.dedup_by_key(|(months, _)| *months);
        sold
    }
}

/// A plan the account imported, and whether it sells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: String,
    pub product: ProductType,
    /// The selling billing it was imported from, and its id there.
    pub billing_url: String,
    pub remote_id: String,
    pub name: String,
    pub provider: String,
    /// The periods sold (months) and what each costs, shortest first.
    pub periods: Vec<(u32, Decimal)>,
    /// Only an enabled plan can be ordered; an imported one starts off.
    pub enabled: bool,
    pub imported_at: DateTime<Utc>,
    pub synced_at: DateTime<Utc>,
}

/// What a month costs among `periods` (months, cost): the one-month
/// period's price, else the cheapest month of a longer one.
pub fn monthly_price(periods: &[(u32, Decimal)]) -> Option<Decimal> {
    match periods.iter().find(|(months, _)| *months == 1) {
        Some((_, cost)) => Some(*cost),
        None => periods.iter().map(|(months, cost)| (cost / Decimal::from(*months)).round_dp(2)).min(),
    }
}

impl Plan {
    pub fn monthly_price(&self) -> Option<Decimal> {
        monthly_price(&self.periods)
    }

    pub fn cost_of(&self, months: u32) -> Option<Decimal> {
        self.periods.iter().find(|(m, _)| *m == months).map(|(_, cost)| *cost)
    }

    /// Takes `offered`'s name and periods; answers what changed.
    pub fn synchronise(&mut self, offered: &OfferedPlan, now: DateTime<Utc>) -> Vec<PlanChange> {
        let mut changes = Vec::new();
        if offered.name != self.name {
            changes.push(PlanChange::Name { from: self.name.clone(), to: offered.name.clone() });
        }
        let sold = offered.sold_periods();
        for (months, cost) in &sold {
            match self.cost_of(*months) {
                Some(was) if was != *cost => changes.push(PlanChange::Price { months: *months, from: was, to: *cost }),
                Some(_) => {}
                None => changes.push(PlanChange::PeriodAdded { months: *months, cost: *cost }),
            }
        }
        for (months, _) in &self.periods {
            if !sold.iter().any(|(m, _)| m == months) {
                changes.push(PlanChange::PeriodRemoved { months: *months });
            }
        }
        self.name = offered.name.clone();
        self.periods = sold;
        self.synced_at = now;
        changes
    }
}

/// What a synchronisation changed in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PlanChange {
    Name { from: String, to: String },
    Price { months: u32, from: Decimal, to: Decimal },
    PeriodAdded { months: u32, cost: Decimal },
    PeriodRemoved { months: u32 },
}
