//! Moderators' second factors, recovery codes and sign-ins waiting for a code, in memory.

use super::MemoryTx;
use crate::domain::Email;
use crate::store::{Challenge, Result, SecondFactor, SecondFactors, StoreError};
use chrono::{DateTime, Utc};

impl SecondFactors for MemoryTx {
    async fn second_factor(&mut self, email: &Email) -> Result<Option<SecondFactor>> {
        Ok(self.state.second_factors.get(email).cloned())
    }

    async fn set_second_factor(
        &mut self,
        email: &Email,
        factor: &SecondFactor,
        recovery: &[String],
        _now: DateTime<Utc>,
    ) -> Result<()> {
        let state = self.state_mut();
        state.second_factors.insert(email.clone(), factor.clone());
        state.recovery_codes.insert(email.clone(), recovery.iter().map(|hash| (hash.clone(), false)).collect());
        Ok(())
    }

    async fn use_step(&mut self, email: &Email, step: u64) -> Result<bool> {
        if self.state.second_factors.get(email).is_none_or(|factor| factor.last_step >= step) {
            return Ok(false);
        }
        let factor = self.state_mut().second_factors.get_mut(email);
        factor.ok_or_else(|| StoreError::new(format!("second factor of {email}")))?.last_step = step;
        Ok(true)
    }

    async fn use_recovery_code(&mut self, email: &Email, code_hash: &str, _now: DateTime<Utc>) -> Result<bool> {
        let unused = self.state.recovery_codes.get(email).and_then(|codes| codes.get(code_hash)) == Some(&false);
        if unused {
            if let Some(used) = self.state_mut().recovery_codes.get_mut(email).and_then(|c| c.get_mut(code_hash)) {
                *used = true;
            }
        }
        Ok(unused)
    }

    async fn recovery_codes_left(&mut self, email: &Email) -> Result<u32> {
        let left =
            self.state.recovery_codes.get(email).map_or(0, |codes| codes.values().filter(|used| !**used).count());
        Ok(u32::try_from(left).unwrap_or(u32::MAX))
    }

    async fn insert_challenge(&mut self, token_hash: &str, challenge: &Challenge) -> Result<()> {
        self.state_mut().challenges.insert(token_hash.to_string(), challenge.clone());
        Ok(())
    }

    async fn challenge(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Challenge>> {
        Ok(self.state.challenges.get(token_hash).filter(|c| c.expires_at > now).cloned())
    }

    async fn fail_challenge(&mut self, token_hash: &str) -> Result<()> {
        if let Some(challenge) = self.state_mut().challenges.get_mut(token_hash) {
            challenge.attempts += 1;
        }
        Ok(())
    }

    async fn delete_challenge(&mut self, token_hash: &str) -> Result<()> {
        self.state_mut().challenges.remove(token_hash);
        Ok(())
    }

    async fn delete_expired_challenges(&mut self, now: DateTime<Utc>) -> Result<()> {
        self.state_mut().challenges.retain(|_, c| c.expires_at > now);
        Ok(())
    }
}
