//! Published modules and partners' working copies, in memory.

use super::{MemoryTx, ModuleEntry, SubmissionEntry};
use crate::domain::submission::lifecycle::Stage;
use crate::domain::submission::ListingDraft;
use crate::domain::{Email, ListingId, ModuleCode};
use crate::store::{Module, ModuleSecret, Modules, Result, StoreError, Submission, Submissions, Window};

impl Modules for MemoryTx {
    async fn modules(&mut self) -> Result<std::sync::Arc<[Module]>> {
        Ok(self.state.modules.values().map(|entry| entry.module.clone()).collect())
    }

    async fn module(&mut self, code: &ModuleCode) -> Result<Option<Module>> {
        Ok(self.state.modules.get(code).map(|entry| entry.module.clone()))
    }

    async fn approved_draft(&mut self, code: &ModuleCode) -> Result<Option<ListingDraft>> {
        Ok(self.state.modules.get(code).and_then(|entry| entry.draft.clone()))
    }

    async fn publish(&mut self, module: &Module, draft: Option<&ListingDraft>) -> Result<()> {
        let entry = ModuleEntry { module: module.clone(), draft: draft.cloned() };
        self.state_mut().modules.insert(module.listing.code.clone(), entry);
        Ok(())
    }
}

impl MemoryTx {
    fn submission_entry(&mut self, id: &ListingId) -> Result<&mut SubmissionEntry> {
        self.state_mut().submissions.get_mut(id).ok_or_else(|| StoreError::new(format!("listing {id} is missing")))
    }

    fn submissions_where(&self, keep: impl Fn(&Submission) -> bool) -> Vec<Submission> {
        self.state.submissions.values().map(|entry| &entry.submission).filter(|s| keep(s)).cloned().collect()
    }
}

impl Submissions for MemoryTx {
    async fn submission(&mut self, id: &ListingId) -> Result<Option<Submission>> {
        Ok(self.state.submissions.get(id).map(|entry| entry.submission.clone()))
    }

    async fn submissions_of(&mut self, owner: &Email) -> Result<Vec<Submission>> {
        let mut mine = self.submissions_where(|s| &s.owner == owner);
        mine.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.id.cmp(&b.id)));
        Ok(mine)
    }

    async fn in_review(&mut self, window: Window) -> Result<Vec<Submission>> {
        let mut queue = self.submissions_where(|s| s.lifecycle.stage == Stage::InReview);
        queue.sort_by(|a, b| (a.submitted_at, &a.id).cmp(&(b.submitted_at, &b.id)));
        Ok(window.of(queue))
    }

    async fn count_in_review(&mut self) -> Result<u64> {
        Ok(self.submissions_where(|s| s.lifecycle.stage == Stage::InReview).len() as u64)
    }

    async fn save_submission(&mut self, submission: &Submission) -> Result<()> {
        let submissions = &mut self.state_mut().submissions;
        let secret = submissions.get(&submission.id).and_then(|entry| entry.secret.clone());
        submissions.insert(submission.id.clone(), SubmissionEntry { submission: submission.clone(), secret });
        Ok(())
    }

    async fn code_taken(&mut self, code: &str, except: Option<&ListingId>) -> Result<bool> {
        let own_live = except
            .and_then(|id| self.state.submissions.get(id))
            .and_then(|entry| entry.submission.published_code.as_ref());
        let live_elsewhere = self.state.modules.contains_key(code) && own_live.is_none_or(|own| own != code);
        let other_in_review = self.state.submissions.values().any(|entry| {
            let other = &entry.submission;
            other.draft.code == code && Some(&other.id) != except && other.lifecycle.stage == Stage::InReview
        });
        Ok(live_elsewhere || other_in_review)
    }

    async fn set_module_secret(&mut self, id: &ListingId, secret: &ModuleSecret) -> Result<()> {
        self.submission_entry(id)?.secret = Some(secret.clone());
        Ok(())
    }

    async fn module_secret(&mut self, id: &ListingId) -> Result<Option<ModuleSecret>> {
        Ok(self.state.submissions.get(id).and_then(|entry| entry.secret.clone()))
    }

    async fn submission_of_module(&mut self, code: &ModuleCode) -> Result<Option<ListingId>> {
        let found =
            self.state.submissions.values().find(|entry| entry.submission.published_code.as_ref() == Some(code));
        Ok(found.map(|entry| entry.submission.id.clone()))
    }
}
