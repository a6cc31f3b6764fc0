//! The demo data set (`crate::demo`) put into an empty store: the server's
//! database on first start, the offline preview's on first use.

use super::partner::new_secret;
use super::passwords::Passwords;
use crate::demo::DemoData;
use crate::domain::billing::calendar::zone;
use crate::domain::billing::Ledger;
use crate::domain::review::{Review, Shown, Stars};
use crate::domain::submission::lifecycle::{Lifecycle, Stage};
use crate::domain::submission::ListingDraft;
use crate::domain::{Email, ListingId, ModuleCode, ReviewId};
use crate::store::{
    AccountServices, Accounts, IntegrationRecord, Integrations, Modules, Store, StoreError, Submission, Submissions,
    Tx, UserRecord, Users,
};
use chrono::{DateTime, NaiveTime, Utc};

/// Seeds `demo` when the store has no module yet; answers whether it did.
pub async fn seed_demo_if_empty<S: Store>(
    store: &S,
    demo: &DemoData,
    passwords: Passwords,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if !store.read().await?.modules().await?.is_empty() {
        return Ok(false);
    }
    // Hashed before the transaction: argon2 takes a while on purpose.
    let mut hashes = Vec::with_capacity(demo.users.len());
    for user in &demo.users {
        hashes.push(passwords.hash(user.password.clone()).await);
    }
    let mut tx = store.write().await?;
    for module in &demo.modules {
        tx.publish(&module.module(), None).await?;
    }
    for demo_account in &demo.accounts {
        tx.insert_account(&demo_account.account).await?;
        for service in &demo_account.services {
            tx.save_account_service(&demo_account.account.id, service, now).await?;
        }
    }
    for (user, password_hash) in demo.users.iter().zip(hashes) {
        let email = Email::parse(&user.email).map_err(|_| StoreError::new(format!("demo user {:?}", user.email)))?;
        tx.insert_user(&UserRecord {
            email: email.clone(),
            name: user.name.clone(),
            role: user.role,
            account: user.account.clone(),
            company: user.company.clone(),
            website: user.website.clone(),
            timezone: None,
            password_hash,
        })
        .await?;
        if let Some(secret) = &user.totp_secret {
            super::second_factor::seed(&mut tx, &email, secret, now).await?;
        }
        // A demo partner owns the catalog's modules of its company, published.
        let owned = demo.modules.iter().filter(|m| user.company.as_deref() == Some(m.listing.vendor.as_str()));
        for module in owned {
            let submission = Submission {
                id: ListingId::new(format!("lst-{}", module.listing.code)),
                owner: email.clone(),
                draft: ListingDraft::from_listing(&module.listing, &module.logo),
                lifecycle: Lifecycle { stage: Stage::Approved, published: true },
                published_code: Some(module.listing.code.clone()),
                revision: 1,
                updated_at: module.listing.published.and_time(NaiveTime::MIN).and_utc(),
                submitted_at: None,
            };
            tx.save_submission(&submission).await?;
            let secret = module.secret.clone().map_or_else(new_secret, super::super::store::ModuleSecret);
            tx.set_module_secret(&submission.id, &secret).await?;
        }
    }
    // The owners exist now, so the opening ledgers' notices find their recipients.
    for demo_account in &demo.accounts {
        let (ledger, effects) = demo_account.opening_ledger(&demo.modules, now);
        let tz = zone(&demo_account.account.timezone);
        tx.save_ledger(&demo_account.account.id, tz, &Ledger::default(), &ledger, &effects).await?;
        for registration in &demo_account.registrations {
            let module = ModuleCode::new(registration.integration_code.as_str());
            tx.save_integration(&IntegrationRecord {
                account: demo_account.account.id.clone(),
                connection: demo_account.connection_of(&module),
                module: registration.clone(),
                updated_at: now,
            })
            .await?;
        }
    }
    for reviewer in &demo.reviewers {
        tx.insert_account(reviewer).await?;
    }
    seed_reviews(&mut tx, demo, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// The demo's reviews, their helpful marks and their partners' replies.
async fn seed_reviews<T: Tx>(tx: &mut T, demo: &DemoData, now: DateTime<Utc>) -> Result<(), StoreError> {
    let ago = |days: u32| now - chrono::TimeDelta::days(i64::from(days));
    for (n, demo_review) in demo.reviews.iter().enumerate() {
        let fault = |what: &str| StoreError::new(format!("demo review {n} of {}: {what}", demo_review.module));
        let author = Email::parse(&demo_review.author).map_err(|_| fault("the author's e-mail"))?;
        let mut review = Review {
            id: ReviewId::new(format!("rev-demo-{n}")),
            module: demo_review.module.clone(),
            account: demo_review.account.clone(),
            author,
            author_name: demo_review.author_name.clone(),
            stars: Stars::new(demo_review.stars).map_err(|_| fault("the stars"))?,
            text: demo_review.text.clone(),
            lang: demo_review.lang,
            used_months: demo_review.used_months,
            written_at: ago(demo_review.days_ago),
            edited_at: None,
            helpful: 0,
            shown: Shown::Shown,
            reply: None,
        };
        if let Some(reply) = &demo_review.reply {
            let vendor = &demo
                .modules
                .iter()
                .find(|m| m.listing.code == review.module)
                .ok_or_else(|| fault("the module"))?
                .listing
                .vendor;
            let partner =
                demo.users.iter().find(|u| u.company.as_ref() == Some(vendor)).ok_or_else(|| fault("the partner"))?;
            let partner = Email::parse(&partner.email).map_err(|_| fault("the partner's e-mail"))?;
            review.answer(&partner, reply.text.clone(), ago(reply.days_ago));
        }
        tx.insert_review(&review).await?;
        for account in &demo_review.helpful_by {
            tx.mark_helpful(&review.id, account).await?;
        }
    }
    Ok(())
}

/// Modules published per transaction by `seed_generated`.
const GENERATED_BATCH: usize = 1000;

/// Publishes the demo catalog's first `count` generated modules
/// (`crate::demo::generated`) beside what the store holds; seeding again
/// publishes the same modules again, so nothing is doubled.
pub async fn seed_generated<S: Store>(store: &S, count: usize) -> Result<usize, StoreError> {
    let modules = crate::demo::generated::modules(count);
    for batch in modules.chunks(GENERATED_BATCH) {
        let mut tx = store.write().await?;
        for module in batch {
            tx.publish(&module.module(), None).await?;
        }
        tx.commit().await?;
    }
    Ok(modules.len())
}
