//! Users, sessions, applications and invitation links, in memory.

use super::{Expiring, InvitationEntry, MemoryTx};
use crate::api::applications::Invitation;
use crate::domain::application::Decision;
use crate::domain::{ApplicationId, Email};
use crate::store::{
    ApplicationRecord, Applications, Invitations, Letter, Letters, Result, Sessions, StoreError, UserRecord, Users,
};
use chrono::{DateTime, Utc};

impl Users for MemoryTx {
    async fn user(&mut self, email: &Email) -> Result<Option<UserRecord>> {
        Ok(self.state.users.get(email).cloned())
    }

    async fn insert_user(&mut self, user: &UserRecord) -> Result<()> {
        if self.state_mut().users.insert(user.email.clone(), user.clone()).is_some() {
            return Err(StoreError::duplicate(format!("user {}", user.email)));
        }
        Ok(())
    }

    async fn set_password(&mut self, email: &Email, password_hash: &str) -> Result<()> {
        self.user_mut(email)?.password_hash = password_hash.to_string();
        Ok(())
    }

    async fn set_timezone(&mut self, email: &Email, timezone: &str) -> Result<()> {
        self.user_mut(email)?.timezone = Some(timezone.to_string());
        Ok(())
    }
}

impl MemoryTx {
    fn user_mut(&mut self, email: &Email) -> Result<&mut UserRecord> {
        self.state_mut().users.get_mut(email).ok_or_else(|| StoreError::new(format!("user {email} is missing")))
    }
}

impl Sessions for MemoryTx {
    async fn insert_session(&mut self, token_hash: &str, email: &Email, expires_at: DateTime<Utc>) -> Result<()> {
        let session = Expiring { email: email.clone(), expires_at };
        self.state_mut().sessions.insert(token_hash.to_string(), session);
        Ok(())
    }

    async fn session_user(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<UserRecord>> {
        let live = self.state.sessions.get(token_hash).filter(|session| session.expires_at > now);
        Ok(live.and_then(|session| self.state.users.get(&session.email)).cloned())
    }

    async fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        if self.state.sessions.contains_key(token_hash) {
            self.state_mut().sessions.remove(token_hash);
        }
        Ok(())
    }
}

impl Applications for MemoryTx {
    async fn insert_application(&mut self, application: &ApplicationRecord) -> Result<()> {
        let email = &application.view.application.email;
        if self.state.applications.values().any(|a| is_pending_for(a, email)) {
            return Err(StoreError::duplicate(format!("a pending application of {email}")));
        }
        self.state_mut().applications.insert(application.view.id.clone(), application.clone());
        Ok(())
    }

    async fn applications(&mut self) -> Result<Vec<ApplicationRecord>> {
        let mut all: Vec<ApplicationRecord> = self.state.applications.values().cloned().collect();
        all.sort_by_key(|a| match a.view.decided_at {
            None => (0, a.view.submitted_at.timestamp(), a.view.id.clone()),
            Some(decided) => (1, -decided.timestamp(), a.view.id.clone()),
        });
        Ok(all)
    }

    async fn application(&mut self, id: &ApplicationId) -> Result<Option<ApplicationRecord>> {
        Ok(self.state.applications.get(id).cloned())
    }

    async fn has_pending_application(&mut self, email: &Email) -> Result<bool> {
        Ok(self.state.applications.values().any(|a| is_pending_for(a, email.as_str())))
    }

    async fn record_decision(&mut self, application: &ApplicationRecord, link: Option<&str>) -> Result<bool> {
        let id = &application.view.id;
        if !self.state.applications.get(id).is_some_and(|kept| kept.view.decision == Decision::Pending) {
            return Ok(false);
        }
        let state = self.state_mut();
        state.applications.insert(id.clone(), application.clone());
        if let Some(link) = link {
            state.links.insert(id.clone(), link.to_string());
        }
        Ok(true)
    }

    async fn unsent_link(&mut self, id: &ApplicationId) -> Result<Option<String>> {
        Ok(self.state.links.get(id).cloned())
    }

    async fn renew_link(&mut self, id: &ApplicationId, link: &str, _: DateTime<Utc>) -> Result<()> {
        self.state_mut().links.insert(id.clone(), link.to_string());
        Ok(())
    }
}

fn is_pending_for(application: &ApplicationRecord, email: &str) -> bool {
    application.view.application.email == email && application.view.decision == Decision::Pending
}

impl Invitations for MemoryTx {
    async fn insert_invitation(&mut self, token_hash: &str, email: &Email, expires_at: DateTime<Utc>) -> Result<()> {
        let link = InvitationEntry { link: Expiring { email: email.clone(), expires_at }, used: false };
        self.state_mut().invitations.insert(token_hash.to_string(), link);
        Ok(())
    }

    async fn invitation(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Invitation>> {
        let Some(entry) = self.state.invitations.get(token_hash).filter(|e| !e.used && e.link.expires_at > now) else {
            return Ok(None);
        };
        let company = self.state.users.get(&entry.link.email).and_then(|user| user.company.clone());
        Ok(Some(Invitation {
            email: entry.link.email.clone(),
            company: company.unwrap_or_default(),
            expires_at: entry.link.expires_at,
        }))
    }

    async fn use_invitation(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
        if self.invitation(token_hash, now).await?.is_none() {
            return Ok(false);
        }
        if let Some(entry) = self.state_mut().invitations.get_mut(token_hash) {
            entry.used = true;
        }
        Ok(true)
    }

    async fn revoke_invitations(&mut self, email: &Email) -> Result<()> {
        self.state_mut().invitations.retain(|_, entry| entry.used || entry.link.email != *email);
        Ok(())
    }
}

impl Letters for MemoryTx {
    async fn post_letter(&mut self, letter: &Letter) -> Result<()> {
        self.state_mut().letters.push(letter.clone());
        Ok(())
    }

    async fn posted_since(&mut self, recipient: &Email, kind: &str, since: DateTime<Utc>) -> Result<bool> {
        Ok(self.state.letters.iter().any(|l| l.recipient == *recipient && l.kind == kind && l.at >= since))
    }
}
