//! Reviews, their replies and marks, and reports, in memory.

use super::{MemoryTx, Result};
use crate::domain::review::rating::Rating;
use crate::domain::review::report::{Report, Target};
use crate::domain::review::Review;
use crate::domain::{AccountId, Email, ModuleCode, ReportId, ReviewId};
use crate::store::{Reviews, StoreError, Window};
use std::cmp::Reverse;
use std::collections::HashMap;

impl Reviews for MemoryTx {
    async fn review(&mut self, id: &ReviewId) -> Result<Option<Review>> {
        Ok(self.state.reviews.get(id).cloned())
    }

    async fn review_by(&mut self, module: &ModuleCode, account: &AccountId) -> Result<Option<Review>> {
        Ok(self.state.reviews.values().find(|r| &r.module == module && &r.account == account).cloned())
    }

    async fn reviews_of(&mut self, module: &ModuleCode) -> Result<Vec<Review>> {
        Ok(self.state.reviews.values().filter(|r| &r.module == module).cloned().collect())
    }

    async fn insert_review(&mut self, review: &Review) -> Result<()> {
        if self.review_by(&review.module, &review.account).await?.is_some()
            || self.state.reviews.contains_key(&review.id)
        {
            return Err(StoreError::duplicate(format!("add review {} of {}", review.id, review.module)));
        }
        self.state_mut().reviews.insert(review.id.clone(), Review { helpful: 0, ..review.clone() });
        Ok(())
    }

    async fn save_review(&mut self, review: &Review) -> Result<()> {
        if let Some(kept) = self.state_mut().reviews.get_mut(&review.id) {
            *kept = Review { helpful: kept.helpful, ..review.clone() };
        }
        Ok(())
    }

    async fn delete_review(&mut self, id: &ReviewId) -> Result<()> {
        let state = self.state_mut();
        state.reviews.remove(id);
        state.helpful.remove(id);
        state.reports.retain(|_, report| &report.review != id || report.decided.is_some());
        Ok(())
    }

    async fn mark_helpful(&mut self, id: &ReviewId, account: &AccountId) -> Result<bool> {
        let state = self.state_mut();
        let marked = state.helpful.entry(id.clone()).or_default().insert(account.clone());
        if let Some(review) = state.reviews.get_mut(id).filter(|_| marked) {
            review.helpful += 1;
        }
        Ok(marked)
    }

    async fn ratings(&mut self) -> Result<HashMap<ModuleCode, Rating>> {
        let mut ratings: HashMap<ModuleCode, Rating> = HashMap::new();
        for review in self.state.reviews.values().filter(|r| r.shown.is_shown()) {
            ratings.entry(review.module.clone()).or_default().add(review.stars, 1);
        }
        Ok(ratings)
    }

    async fn insert_report(&mut self, report: &Report) -> Result<()> {
        self.state_mut().reports.insert(report.id.clone(), report.clone());
        Ok(())
    }

    async fn report(&mut self, id: &ReportId) -> Result<Option<Report>> {
        Ok(self.state.reports.get(id).cloned())
    }

    async fn reported_by(&mut self, review: &ReviewId, target: Target, reporter: &Email) -> Result<bool> {
        Ok(self
            .state
            .reports
            .values()
            .any(|r| &r.review == review && r.target == target && &r.reporter == reporter && r.decided.is_none()))
    }

    async fn save_report(&mut self, report: &Report) -> Result<()> {
        if let Some(kept) = self.state_mut().reports.get_mut(&report.id) {
            kept.decided = report.decided.clone();
        }
        Ok(())
    }

    async fn open_reports(&mut self, window: Window) -> Result<Vec<Report>> {
        let mut open: Vec<&Report> = self.state.reports.values().filter(|r| r.decided.is_none()).collect();
        open.sort_by_key(|r| (Reverse(r.at), Reverse(r.id.clone())));
        Ok(window.of(open.into_iter().cloned()))
    }

    async fn count_open_reports(&mut self) -> Result<u64> {
        Ok(self.state.reports.values().filter(|r| r.decided.is_none()).count() as u64)
    }

    async fn decided_reports(&mut self, window: Window) -> Result<Vec<Report>> {
        let mut decided: Vec<(&Report, _)> =
            self.state.reports.values().filter_map(|r| Some((r, r.decided.as_ref()?.at))).collect();
        decided.sort_by_key(|(r, at)| (Reverse(*at), Reverse(r.id.clone())));
        Ok(window.of(decided.into_iter().map(|(r, _)| r.clone())))
    }
}
