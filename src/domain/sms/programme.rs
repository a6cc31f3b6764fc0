//! The loyalty programme an account runs, and the SMS events it makes
//! possible: a message about something that can never happen stays off.

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr};

/// How the account's loyalty programme gives and takes points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoyaltyProgramme {
    /// Points accrue on purchases.
    pub accrual: bool,
    /// Points expire this many days after they accrue; never when `None`.
    pub expiry_days: Option<u32>,
    pub birthday_bonus: bool,
    pub welcome_bonus: bool,
}

impl Default for LoyaltyProgramme {
    /// The programme a new account starts with: points on purchases that
    /// expire after a year, a birthday and a welcome bonus.
    fn default() -> Self {
        LoyaltyProgramme { accrual: true, expiry_days: Some(365), birthday_bonus: true, welcome_bonus: true }
    }
}

/// Expiry periods a programme may have, in days.
pub const EXPIRY_DAYS: std::ops::RangeInclusive<u32> = 1..=3650;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeProblem {
    #[error("points expire after 1 to 3650 days")]
    ExpiryDays,
}

impl LoyaltyProgramme {
    pub fn check(&self) -> Result<(), ProgrammeProblem> {
        match self.expiry_days {
            Some(days) if !EXPIRY_DAYS.contains(&days) => Err(ProgrammeProblem::ExpiryDays),
            _ => Ok(()),
        }
    }

    /// Whether a customer can have points at all.
    fn gives_points(&self) -> bool {
        self.accrual || self.birthday_bonus || self.welcome_bonus
    }

    /// Why `event` can never happen under this programme; `None` when it can.
    pub fn rules_out(&self, event: SmsEvent) -> Option<Impossible> {
        match event {
            SmsEvent::PointsAccrued if !self.accrual => Some(Impossible::NoAccrual),
            SmsEvent::PointsSpent if !self.gives_points() => Some(Impossible::NoPoints),
            SmsEvent::PointsExpiring if !self.gives_points() => Some(Impossible::NoPoints),
            SmsEvent::PointsExpiring if self.expiry_days.is_none() => Some(Impossible::NeverExpire),
            SmsEvent::BirthdayBonus if !self.birthday_bonus => Some(Impossible::NoBirthdayBonus),
            SmsEvent::Welcome if !self.welcome_bonus => Some(Impossible::NoWelcomeBonus),
            _ => None,
        }
    }
}

/// What a customer can be told by SMS.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, IntoStaticStr, EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SmsEvent {
    PointsAccrued,
    PointsSpent,
    PointsExpiring,
    BirthdayBonus,
    Welcome,
}

impl SmsEvent {
    pub const ALL: [SmsEvent; 5] = [
        SmsEvent::PointsAccrued,
        SmsEvent::PointsSpent,
        SmsEvent::PointsExpiring,
        SmsEvent::BirthdayBonus,
        SmsEvent::Welcome,
    ];
}

/// Why an event can never happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impossible {
    NoAccrual,
    /// Nothing in the programme gives points.
    NoPoints,
    NeverExpire,
    NoBirthdayBonus,
    NoWelcomeBonus,
}
