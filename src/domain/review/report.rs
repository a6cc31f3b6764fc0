//! Reports of reviews and replies, and the moderator's decision on each.

use super::{bounded, Review, ReviewError, ReviewProblem, ReviewRefusal, Shown};
use crate::domain::{Email, ReportId, ReviewId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// A report's text, in characters, once trimmed.
pub const TEXT_MAX: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReportReason {
    Spam,
    Offensive,
    /// Not about this module.
    OffTopic,
    /// Written by someone with a stake: the partner, a competitor.
    ConflictOfInterest,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 5] = [
        ReportReason::Spam,
        ReportReason::Offensive,
        ReportReason::OffTopic,
        ReportReason::ConflictOfInterest,
        ReportReason::Other,
    ];
}

/// What is reported: the review, or the partner's reply under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Target {
    Review,
    Reply,
}

/// What the reporter says is wrong, as typed.
pub fn report_text(input: &str) -> Result<String, ReviewProblem> {
    bounded(input, 1, TEXT_MAX).map_err(|side| match side {
        std::cmp::Ordering::Less => ReviewProblem::ReportEmpty,
        _ => ReviewProblem::ReportLong,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Decision {
    /// Hidden from everyone but its author, who is told why.
    Hide,
    /// The report is closed; nothing changes.
    Keep,
    /// Still shown; its author is asked to change it.
    AskToEdit,
}

/// Who decided on a report, when, and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub decision: Decision,
    pub by: Email,
    pub at: DateTime<Utc>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: ReportId,
    pub review: ReviewId,
    pub target: Target,
    pub reporter: Email,
    pub reason: ReportReason,
    pub text: String,
    pub at: DateTime<Utc>,
    /// None while it waits for a moderator.
    pub decided: Option<Decided>,
}

impl Report {
    /// The moderator's decision: changes the reported text's `Shown` and closes
    /// the report. Hiding or asking to edit needs a note, which its author reads.
    pub fn decide(
        &mut self,
        review: &mut Review,
        decision: Decision,
        note: &str,
        by: &Email,
        now: DateTime<Utc>,
    ) -> Result<(), ReviewError> {
        if self.decided.is_some() {
            return Err(ReviewRefusal::Decided.into());
        }
        let note = note.trim().to_string();
        if decision != Decision::Keep && note.is_empty() {
            return Err(ReviewError::Invalid(vec![ReviewProblem::NoteEmpty]));
        }
        let shown = match self.target {
            Target::Review => &mut review.shown,
            Target::Reply => &mut review.reply.as_mut().ok_or(ReviewRefusal::NoReply)?.shown,
        };
        match decision {
            Decision::Hide => *shown = Shown::Hidden { reason: note.clone() },
            Decision::AskToEdit if shown.is_shown() => *shown = Shown::EditAsked { note: note.clone() },
            Decision::AskToEdit | Decision::Keep => {}
        }
        self.decided = Some(Decided { decision, by: by.clone(), at: now, note });
        Ok(())
    }
}
