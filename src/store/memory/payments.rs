//! Top-ups paid through a provider, in memory.

use super::MemoryTx;
use crate::domain::payment::PaymentStatus;
use crate::domain::{AccountId, IdempotencyKey, PaymentId};
use crate::store::{Payment, Payments, Result, StoreError};
use chrono::{DateTime, Utc};

impl Payments for MemoryTx {
    async fn insert_payment(&mut self, payment: &Payment) -> Result<()> {
        if self.state_mut().payments.insert(payment.id.clone(), payment.clone()).is_some() {
            return Err(StoreError::duplicate(format!("payment {}", payment.id)));
        }
        Ok(())
    }

    async fn payment(&mut self, id: &PaymentId) -> Result<Option<Payment>> {
        Ok(self.state.payments.get(id).cloned())
    }

    async fn payment_by_key(&mut self, account: &AccountId, key: &IdempotencyKey) -> Result<Option<Payment>> {
        Ok(self.state.payments.values().find(|p| &p.account == account && &p.key == key).cloned())
    }

    async fn payment_by_provider_id(&mut self, provider_id: &str) -> Result<Option<Payment>> {
        Ok(self.state.payments.values().find(|p| p.provider_id.as_deref() == Some(provider_id)).cloned())
    }

    async fn set_payment_provider(&mut self, id: &PaymentId, provider_id: &str, confirmation_url: &str) -> Result<()> {
        let payment = self.payment_mut(id)?;
        payment.provider_id = Some(provider_id.to_string());
        payment.confirmation_url = Some(confirmation_url.to_string());
        Ok(())
    }

    async fn settle_payment(&mut self, id: &PaymentId, status: PaymentStatus, now: DateTime<Utc>) -> Result<bool> {
        if self.state.payments.get(id).is_none_or(|p| p.status != PaymentStatus::Pending) {
            return Ok(false);
        }
        let payment = self.payment_mut(id)?;
        payment.status = status;
        payment.settled_at = Some(now);
        Ok(true)
    }
}

impl MemoryTx {
    fn payment_mut(&mut self, id: &PaymentId) -> Result<&mut Payment> {
        self.state_mut().payments.get_mut(id).ok_or_else(|| StoreError::new(format!("payment {id} is missing")))
    }
}
