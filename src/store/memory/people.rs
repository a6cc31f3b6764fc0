//! Users, sessions, applications and invitation links, in memory.

use super::{Expiring, InvitationEntry, MemoryTx, SessionEntry};
use crate::api::applications::Invitation;
use crate::domain::application::Decision;
use crate::domain::{ApplicationId, Email};
use crate::store::{
    ApplicationRecord, Applications, Invitations, Letter, Letters, Result, SessionTimes, Sessions, StoreError,
    UserRecord, Users, Window,
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

impl MemoryTx {
    fn live_session(&self, token_hash: &str, now: DateTime<Utc>) -> Option<&SessionEntry> {
        let live = |s: &&SessionEntry| s.times.expires_at > now && s.times.idle_until > now;
        self.state.sessions.get(token_hash).filter(live)
    }
}

impl Sessions for MemoryTx {
    async fn insert_session(&mut self, token_hash: &str, email: &Email, times: SessionTimes) -> Result<()> {
        let session = SessionEntry { email: email.clone(), times };
        self.state_mut().sessions.insert(token_hash.to_string(), session);
        Ok(())
    }

    async fn session_user(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(UserRecord, SessionTimes)>> {
        let live = self.live_session(token_hash, now);
        Ok(live.and_then(|session| Some((self.state.users.get(&session.email)?.clone(), session.times))))
    }

    async fn session_times(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<SessionTimes>> {
        Ok(self.live_session(token_hash, now).map(|session| session.times))
    }

    async fn slide_session(&mut self, token_hash: &str, idle_until: DateTime<Utc>) -> Result<()> {
        if self.state.sessions.get(token_hash).is_some_and(|session| session.times.idle_until < idle_until) {
            if let Some(session) = self.state_mut().sessions.get_mut(token_hash) {
                session.times.idle_until = idle_until;
            }
        }
        Ok(())
    }

    async fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        if self.state.sessions.contains_key(token_hash) {
            self.state_mut().sessions.remove(token_hash);
        }
        Ok(())
    }

    async fn delete_sessions_of(&mut self, email: &Email, except: Option<&str>) -> Result<()> {
        let gone = |hash: &String, session: &SessionEntry| session.email == *email && Some(hash.as_str()) != except;
        if self.state.sessions.iter().any(|(hash, session)| gone(hash, session)) {
            self.state_mut().sessions.retain(|hash, session| !gone(hash, session));
        }
        Ok(())
    }

    async fn delete_ended_sessions(&mut self, now: DateTime<Utc>) -> Result<()> {
        let ended = |session: &SessionEntry| session.times.expires_at <= now || session.times.idle_until <= now;
        if self.state.sessions.values().any(ended) {
            self.state_mut().sessions.retain(|_, session| !ended(session));
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

    async fn applications(&mut self, window: Window) -> Result<Vec<ApplicationRecord>> {
        let mut all: Vec<ApplicationRecord> = self.state.applications.values().cloned().collect();
        all.sort_by_key(|a| match a.view.decided_at {
            None => (0, a.view.submitted_at.timestamp(), a.view.id.clone()),
            Some(decided) => (1, -decided.timestamp(), a.view.id.clone()),
        });
        Ok(window.of(all))
    }

    async fn count_pending_applications(&mut self) -> Result<u64> {
        Ok(self.state.applications.values().filter(|a| a.view.decision == Decision::Pending).count() as u64)
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
