//! A module's rating: how many shown reviews gave it each number of stars,
//! the average and count the card shows, and the score the marketplace sorts
//! by, which a single review cannot push to the top.

use super::{Review, Stars};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Below this many reviews the card says "New" instead of an average.
pub const MIN_SHOWN: u32 = 3;
/// The "4★ and up" filter.
pub const HIGH: Decimal = Decimal::from_parts(40, 0, 0, false, 1);
/// How many reviews of `PRIOR_STARS` every module is taken to start with: a
/// module's own reviews outweigh them only once it has more.
pub const PRIOR_WEIGHT: u32 = 10;
pub const PRIOR_STARS: f64 = 3.0;

/// The shown reviews of a module, by stars: `bars[0]` is one star.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rating {
    pub bars: [u32; 5],
}

impl Rating {
    /// The rating of the reviews the marketplace shows; hidden ones count nowhere.
    pub fn of<'a>(reviews: impl IntoIterator<Item = &'a Review>) -> Rating {
        let mut rating = Rating::default();
        for review in reviews.into_iter().filter(|review| review.shown.is_shown()) {
            rating.add(review.stars, 1);
        }
        rating
    }

    pub fn add(&mut self, stars: Stars, reviews: u32) {
        self.bars[usize::from(stars.get() - 1)] += reviews;
    }

    pub fn count(&self) -> u32 {
        self.bars.iter().sum()
    }

    /// The stars given in all.
    pub fn sum(&self) -> u32 {
        Stars::ALL.iter().zip(self.bars).map(|(stars, n)| u32::from(stars.get()) * n).sum()
    }

    /// The average to one decimal, halves rounded up; none without reviews.
    pub fn average(&self) -> Option<Decimal> {
        let (sum, count) = (u64::from(self.sum()), u64::from(self.count()));
        // sum / count in tenths, rounded half up: (20 · sum + count) / (2 · count).
        (count > 0).then(|| Decimal::new(((20 * sum + count) / (2 * count)) as i64, 1))
    }

    /// The average the card shows: none while the module is new.
    pub fn shown_average(&self) -> Option<Decimal> {
        self.average().filter(|_| self.count() >= MIN_SHOWN)
    }

    /// Whether the "4★ and up" filter keeps the module.
    pub fn is_high(&self) -> bool {
        self.shown_average().is_some_and(|average| average >= HIGH)
    }

    /// The Bayesian average the "by rating" order sorts by: the module's
    /// reviews together with `PRIOR_WEIGHT` imagined ones of `PRIOR_STARS`.
    /// A prior at the middle of the scale, not at the marketplace's mean, so
    /// that where most modules are rated highly one 5★ review still cannot beat
    /// fifty at 4.8: a module earns its place with many good reviews.
    pub fn score(&self) -> f64 {
        let weight = f64::from(PRIOR_WEIGHT);
        (weight * PRIOR_STARS + f64::from(self.sum())) / (weight + f64::from(self.count()))
    }
}

/// Something the marketplace lists with its rating.
pub trait Rated {
    fn rating(&self) -> &Rating;
}

/// A listing alone carries no reviews: the catalog's modules carry them.
impl Rated for crate::domain::Listing {
    fn rating(&self) -> &Rating {
        const UNRATED: &Rating = &Rating { bars: [0; 5] };
        UNRATED
    }
}

/// A module's rating as it stood at the end of a month (its first day names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRating {
    pub month: NaiveDate,
    pub rating: Rating,
}

/// How a module's rating grew: after each month a shown review was written
/// in, oldest first.
pub fn by_month(reviews: &[Review]) -> Vec<MonthRating> {
    let mut shown: Vec<&Review> = reviews.iter().filter(|review| review.shown.is_shown()).collect();
    shown.sort_by_key(|review| review.written_at);
    let mut months: Vec<MonthRating> = Vec::new();
    let mut rating = Rating::default();
    for review in shown {
        rating.add(review.stars, 1);
        let date = review.written_at.date_naive();
        let month = date.with_day(1).unwrap_or(date);
        match months.last_mut() {
            Some(last) if last.month == month => last.rating = rating,
            _ => months.push(MonthRating { month, rating }),
        }
    }
    months
}
