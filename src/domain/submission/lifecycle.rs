//! A listing's way to the marketplace (SPEC §4): draft → in review →
//! published, or rejected with the moderator's reason. An edit of a published
//! module is a new revision that goes through review while the published one
//! stays live.

use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumString, IntoStaticStr};

/// Where the partner's working copy stands; `StageKind` is its stored form, without the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case")]
#[strum_discriminants(name(StageKind), derive(IntoStaticStr, EnumString), strum(serialize_all = "snake_case"))]
pub enum Stage {
    /// Being edited; not yet sent, or edited again after a decision.
    Draft,
    InReview,
    /// The moderator's reason, for the partner to read.
    Rejected(String),
    /// The working copy is what the marketplace shows.
    Approved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    pub stage: Stage,
    /// A revision of this listing is live in the marketplace.
    pub published: bool,
}

/// The status the partner's list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Published,
    Rejected,
    /// Live, with an edited revision waiting for the moderator.
    PublishedRevisionInReview,
    /// Live, with an edited revision not yet sent (or sent back).
    PublishedRevisionDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleError {
    #[error("the listing is waiting for the moderator")]
    InReview,
    #[error("the listing is not waiting for the moderator")]
    NotInReview,
    #[error("nothing changed since the last decision")]
    Unchanged,
    #[error("a rejection needs a reason")]
    NoReason,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Lifecycle { stage: Stage::Draft, published: false }
    }
}

impl Lifecycle {
    pub fn status(&self) -> Status {
        match (&self.stage, self.published) {
            (Stage::Draft, false) => Status::Draft,
            (Stage::InReview, false) => Status::InReview,
            (Stage::Rejected(_), false) => Status::Rejected,
            (Stage::Approved, _) => Status::Published,
            (Stage::InReview, true) => Status::PublishedRevisionInReview,
            (Stage::Draft | Stage::Rejected(_), true) => Status::PublishedRevisionDraft,
        }
    }

    /// The partner saves the form. A listing under review is frozen until the
    /// moderator decides; anything else becomes (or stays) a draft.
    pub fn edit(&mut self) -> Result<(), LifecycleError> {
        if self.stage == Stage::InReview {
            return Err(LifecycleError::InReview);
        }
        self.stage = Stage::Draft;
        Ok(())
    }

    /// The partner sends the draft for review (its problems checked by the caller).
    pub fn submit(&mut self) -> Result<(), LifecycleError> {
        match self.stage {
            Stage::InReview => Err(LifecycleError::InReview),
            Stage::Approved => Err(LifecycleError::Unchanged),
            Stage::Draft | Stage::Rejected(_) => {
                self.stage = Stage::InReview;
                Ok(())
            }
        }
    }

    /// Whether the moderator may decide now: approve, reject, add a requested section.
    pub fn ensure_in_review(&self) -> Result<(), LifecycleError> {
        if self.stage == Stage::InReview {
            Ok(())
        } else {
            Err(LifecycleError::NotInReview)
        }
    }

    pub fn approve(&mut self) -> Result<(), LifecycleError> {
        self.ensure_in_review()?;
        self.stage = Stage::Approved;
        self.published = true;
        Ok(())
    }

    /// A rejected revision leaves the published one as it was.
    pub fn reject(&mut self, reason: &str) -> Result<(), LifecycleError> {
        self.ensure_in_review()?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(LifecycleError::NoReason);
        }
        self.stage = Stage::Rejected(reason.to_string());
        Ok(())
    }
}
