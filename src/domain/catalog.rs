//! Search, filters, sort and section counts over the modules an account sees.

use super::review::rating::Rated;
use super::search::{Relevance, SearchIndex};
use super::section::Shelf;
use super::{Lang, Listing, Section};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use strum::{EnumString, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceFilter {
    #[default]
    Any,
    Free,
    /// Charged here or on the service side: anything that is not free.
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Popular,
    Newest,
    /// Cheapest first: free, then by monthly charge, then priced on the service side.
    Price,
    /// Best rated first, by the Bayesian average (a few reviews count for
    /// little), then the modules no one has reviewed yet.
    Rating,
}

impl SortOrder {
    pub const ALL: [SortOrder; 4] = [SortOrder::Popular, SortOrder::Newest, SortOrder::Price, SortOrder::Rating];
}

/// The codes of an account's active modules, as plain strings or `ModuleCode`s.
pub trait Active: std::borrow::Borrow<str> + std::hash::Hash + Eq {}

impl<K: std::borrow::Borrow<str> + std::hash::Hash + Eq> Active for K {}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogQuery {
    pub text: String,
    /// The tab: a section, or a moderator-added one.
    pub section: Option<Shelf>,
    pub price: PriceFilter,
    pub active_only: bool,
    /// Only modules rated 4★ and up.
    pub high_rated: bool,
    pub sort: SortOrder,
}

impl CatalogQuery {
    /// The modules to show, in order. `active` holds the codes of the account's active modules.
    pub fn apply<'a, T: AsRef<Listing> + Rated, K: Active>(
        &self,
        items: &'a [T],
        lang: Lang,
        active: &HashSet<K>,
    ) -> Vec<&'a T> {
        let relevance = self.relevance(&SearchIndex::of(items.iter().map(AsRef::as_ref)), lang);
        self.positions(items, &relevance, active).into_iter().map(|at| &items[at]).collect()
    }

    /// How well the search text finds each listing of `index`, in its order:
    /// computed once a keystroke, then shared by `positions` and `section_counts_ranked`.
    pub fn relevance(&self, index: &SearchIndex, lang: Lang) -> Vec<Relevance> {
        index.relevance(&self.text, lang)
    }

    /// Where in `items` the modules to show are, in order, given each item's `relevance`.
    pub fn positions<T: AsRef<Listing> + Rated, K: Active>(
        &self,
        items: &[T],
        relevance: &[Relevance],
        active: &HashSet<K>,
    ) -> Vec<usize> {
        let mut found: Vec<(u32, usize, &T)> = items
            .iter()
            .zip(relevance)
            .enumerate()
            .filter(|(_, (item, _))| self.section.as_ref().is_none_or(|s| item.as_ref().shelf() == *s))
            .filter(|(_, (item, _))| self.passes_filters(*item, active))
            .filter_map(|(at, (item, found))| found.map(|found| (found, at, item)))
            .collect();
        // The best found first; among equals, the order the user chose.
        found.sort_by(|(found_a, _, item_a), (found_b, _, item_b)| {
            let (a, b) = (item_a.as_ref(), item_b.as_ref());
            let order = match self.sort {
                SortOrder::Popular => b.installs.cmp(&a.installs),
                SortOrder::Newest => b.published.cmp(&a.published),
                SortOrder::Price => price_rank(a).cmp(&price_rank(b)),
                SortOrder::Rating => {
                    let (rating_a, rating_b) = (item_a.rating(), item_b.rating());
                    // Rated before unrated, though an unrated module scores the prior.
                    (rating_b.count() > 0)
                        .cmp(&(rating_a.count() > 0))
                        .then(rating_b.score().total_cmp(&rating_a.score()))
                }
            };
            found_b.cmp(found_a).then(order).then_with(|| a.code.cmp(&b.code))
        });
        found.into_iter().map(|(_, at, _)| at).collect()
    }

    /// How many modules each tab would show with the current search and
    /// filters: every built-in section, and each added one some module is in.
    pub fn section_counts<T: AsRef<Listing> + Rated, K: Active>(
        &self,
        items: &[T],
        lang: Lang,
        active: &HashSet<K>,
    ) -> BTreeMap<Shelf, usize> {
        let relevance = self.relevance(&SearchIndex::of(items.iter().map(AsRef::as_ref)), lang);
        self.section_counts_ranked(items, &relevance, active)
    }

    /// `section_counts` given each item's `relevance`.
    pub fn section_counts_ranked<T: AsRef<Listing> + Rated, K: Active>(
        &self,
        items: &[T],
        relevance: &[Relevance],
        active: &HashSet<K>,
    ) -> BTreeMap<Shelf, usize> {
        let mut counts: BTreeMap<Shelf, usize> = Section::ALL.into_iter().map(|s| (Shelf::Section(s), 0)).collect();
        for (item, found) in items.iter().zip(relevance) {
            let count = counts.entry(item.as_ref().shelf()).or_default();
            if self.passes_filters(item, active) && found.is_some() {
                *count += 1;
            }
        }
        counts
    }

    fn passes_filters<T: AsRef<Listing> + Rated, K: Active>(&self, item: &T, active: &HashSet<K>) -> bool {
        let listing = item.as_ref();
        if self.high_rated && !item.rating().is_high() {
            return false;
        }
        let price_ok = match self.price {
            PriceFilter::Any => true,
            PriceFilter::Free => listing.pricing.is_free(),
            PriceFilter::Paid => !listing.pricing.is_free(),
        };
        price_ok && (!self.active_only || active.contains(listing.code.as_str()))
    }
}

fn price_rank(listing: &Listing) -> (u8, rust_decimal::Decimal) {
    use super::pricing::PriceLine;
    match listing.pricing.price_line() {
        PriceLine::Free => (0, rust_decimal::Decimal::ZERO),
        PriceLine::Monthly { price } | PriceLine::Discounted { price, .. } => (1, price),
        PriceLine::ServiceSide => (2, rust_decimal::Decimal::ZERO),
    }
}
