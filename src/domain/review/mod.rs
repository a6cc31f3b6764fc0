//! Ratings and reviews: an account that paid for a module says what it is
//! worth (1 to 5 stars and a text), the module's partner answers once, anyone
//! may report either, and a moderator hides what breaks the rules.

pub mod eligibility;
pub mod rating;
pub mod report;

use super::{AccountId, Email, Lang, ModuleCode, ReviewId};
use chrono::{DateTime, Utc};
use eligibility::Eligibility;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// A review's text, in characters, once trimmed.
pub const TEXT_MIN: usize = 20;
pub const TEXT_MAX: usize = 2000;
/// A partner's reply, in characters, once trimmed.
pub const REPLY_MAX: usize = 2000;

/// From one star to five.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

impl Stars {
    pub const ALL: [Stars; 5] = [Stars(1), Stars(2), Stars(3), Stars(4), Stars(5)];

    pub fn new(stars: u8) -> Result<Stars, ReviewProblem> {
        if (1..=5).contains(&stars) {
            Ok(Stars(stars))
        } else {
            Err(ReviewProblem::Stars)
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Stars {
    type Error = ReviewProblem;

    fn try_from(stars: u8) -> Result<Stars, ReviewProblem> {
        Stars::new(stars)
    }
}

impl From<Stars> for u8 {
    fn from(stars: Stars) -> u8 {
        stars.0
    }
}

/// What is wrong with a review, a reply or a report as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ReviewProblem {
    #[error("stars: choose one to five")]
    Stars,
    #[error("text: at least {TEXT_MIN} characters")]
    TextShort,
    #[error("text: at most {TEXT_MAX} characters")]
    TextLong,
    #[error("reply: write something")]
    ReplyEmpty,
    #[error("reply: at most {REPLY_MAX} characters")]
    ReplyLong,
    #[error("report: write what is wrong")]
    ReportEmpty,
    #[error("report: at most {} characters", report::TEXT_MAX)]
    ReportLong,
    #[error("note: say why")]
    NoteEmpty,
}

impl ReviewProblem {
    /// The form field the problem is in.
    pub fn field(self) -> &'static str {
        match self {
            ReviewProblem::Stars => "stars",
            ReviewProblem::TextShort | ReviewProblem::TextLong => "text",
            ReviewProblem::ReplyEmpty | ReviewProblem::ReplyLong => "reply",
            ReviewProblem::ReportEmpty | ReviewProblem::ReportLong => "report",
            ReviewProblem::NoteEmpty => "note",
        }
    }
}

/// Why a review, a reply, a mark or a decision was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ReviewRefusal {
    /// The account may not review the module yet, or ever (a free module…).
    #[error("the account may not review the module: {0:?}")]
    NotYet(Eligibility),
    #[error("the account has reviewed the module already")]
    AlreadyReviewed,
    /// Its author cannot mark their own review helpful.
    #[error("one's own review")]
    OwnReview,
    #[error("the review has no reply")]
    NoReply,
    #[error("the report was decided already")]
    Decided,
}

/// A refusal, or what is wrong with what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewError {
    Refused(ReviewRefusal),
    Invalid(Vec<ReviewProblem>),
}

impl From<ReviewRefusal> for ReviewError {
    fn from(refusal: ReviewRefusal) -> ReviewError {
        ReviewError::Refused(refusal)
    }
}

/// The characters of `input` once trimmed, when there are `min..=max` of
/// them. Stored as given otherwise: the interface escapes it when it shows it.
fn bounded(input: &str, min: usize, max: usize) -> Result<String, std::cmp::Ordering> {
    let text = input.trim();
    let chars = text.chars().count();
    if chars < min {
        Err(std::cmp::Ordering::Less)
    } else if chars > max {
        Err(std::cmp::Ordering::Greater)
    } else {
        Ok(text.to_string())
    }
}

/// What an account owner writes: the stars and the text, in a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub stars: Stars,
    pub text: String,
    pub lang: Lang,
}

impl ReviewDraft {
    /// The review as typed, or every problem it has, in the form's order.
    pub fn parse(stars: u8, text: &str, lang: Lang) -> Result<ReviewDraft, Vec<ReviewProblem>> {
        let stars = Stars::new(stars);
        let text = bounded(text, TEXT_MIN, TEXT_MAX).map_err(|side| match side {
            std::cmp::Ordering::Less => ReviewProblem::TextShort,
            _ => ReviewProblem::TextLong,
        });
        match (stars, text) {
            (Ok(stars), Ok(text)) => Ok(ReviewDraft { stars, text, lang }),
            (stars, text) => Err([stars.err(), text.err()].into_iter().flatten().collect()),
        }
    }
}

/// A partner's reply as typed.
pub fn reply_text(input: &str) -> Result<String, ReviewProblem> {
    bounded(input, 1, REPLY_MAX).map_err(|side| match side {
        std::cmp::Ordering::Less => ReviewProblem::ReplyEmpty,
        _ => ReviewProblem::ReplyLong,
    })
}

/// Whether the marketplace shows a review (or a reply), and if not, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// Externally tagged, as `Pricing` is, to keep serde's buffering out of the wasm.
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Shown,
    /// Still shown; a moderator asked its author to change it.
    EditAsked {
        note: String,
    },
    /// A moderator hid it: it counts nowhere, and its author is told `reason`.
    Hidden {
        reason: String,
    },
}

impl Shown {
    pub fn is_shown(&self) -> bool {
        !matches!(self, Shown::Hidden { .. })
    }

    pub fn kind(&self) -> ShownKind {
        match self {
            Shown::Shown => ShownKind::Shown,
            Shown::EditAsked { .. } => ShownKind::EditAsked,
            Shown::Hidden { .. } => ShownKind::Hidden,
        }
    }

    /// The moderator's request or reason; empty while simply shown.
    pub fn note(&self) -> &str {
        match self {
            Shown::Shown => "",
            Shown::EditAsked { note } | Shown::Hidden { reason: note } => note,
        }
    }

    /// `Shown` from its kind and note, as a store keeps them.
    pub fn from_parts(kind: ShownKind, note: String) -> Shown {
        match kind {
            ShownKind::Shown => Shown::Shown,
            ShownKind::EditAsked => Shown::EditAsked { note },
            ShownKind::Hidden => Shown::Hidden { reason: note },
        }
    }
}

/// `Shown` without its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ShownKind {
    Shown,
    EditAsked,
    Hidden,
}

/// A module partner's public answer to a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub author: Email,
    pub text: String,
    pub written_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub shown: Shown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: ReviewId,
    pub module: ModuleCode,
    pub account: AccountId,
    pub author: Email,
    /// The author's name as the marketplace shows it.
    pub author_name: String,
    pub stars: Stars,
    pub text: String,
    pub lang: Lang,
    /// How long the account had used the module when the review was last written.
    pub used_months: u32,
    pub written_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// How many owners found it helpful.
    pub helpful: u32,
    pub shown: Shown,
    pub reply: Option<Reply>,
}

impl Review {
    /// The author changes the review: it reads "edited", and a moderator's
    /// request to edit it is answered. A hidden review stays hidden.
    pub fn edit(&mut self, draft: ReviewDraft, used_months: u32, now: DateTime<Utc>) {
        self.stars = draft.stars;
        self.text = draft.text;
        self.lang = draft.lang;
        self.used_months = used_months;
        self.edited_at = Some(now);
        if matches!(self.shown, Shown::EditAsked { .. }) {
            self.shown = Shown::Shown;
        }
    }

    /// The partner writes the reply, or changes it.
    pub fn answer(&mut self, author: &Email, text: String, now: DateTime<Utc>) {
        match &mut self.reply {
            Some(reply) => {
                reply.text = text;
                reply.edited_at = Some(now);
                if matches!(reply.shown, Shown::EditAsked { .. }) {
                    reply.shown = Shown::Shown;
                }
            }
            None => {
                self.reply =
                    Some(Reply { author: author.clone(), text, written_at: now, edited_at: None, shown: Shown::Shown })
            }
        }
    }

    /// The reply as others see it: none while hidden.
    pub fn shown_reply(&self) -> Option<&Reply> {
        self.reply.as_ref().filter(|reply| reply.shown.is_shown())
    }
}

/// The order a module's reviews are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOrder {
    #[default]
    Newest,
    Helpful,
}

impl ReviewOrder {
    /// Sorts `reviews`: those in the reader's language first, then newest or
    /// most helpful first (the newest among equally helpful).
    pub fn sort(self, reviews: &mut [Review], lang: Lang) {
        reviews.sort_by(|a, b| {
            let language = (b.lang == lang).cmp(&(a.lang == lang));
            let helpful = match self {
                ReviewOrder::Newest => std::cmp::Ordering::Equal,
                ReviewOrder::Helpful => b.helpful.cmp(&a.helpful),
            };
            language.then(helpful).then(b.written_at.cmp(&a.written_at)).then_with(|| a.id.cmp(&b.id))
        });
    }
}
