//! The offline preview's partner listings and review queue, kept in
//! localStorage and decided by the same domain rules as on the server.

use super::{random_hex, signed_in, users};
use crate::api::moderation::{partner_label, ReviewItem};
use crate::api::partner::{DraftView, ListingSummary, Saved};
use crate::api::{ApiError, CatalogModule};
use crate::backend::svg_data_url;
use crate::demo::DemoData;
use crate::domain::submission::lifecycle::{Lifecycle, Stage};
use crate::domain::submission::{Context, Field, Issue, ListingDraft, Problem, Vendor};
use crate::domain::{Listing, Role};
use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const LISTINGS_KEY: &str = "souk.offline.listings";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    id: String,
    owner: String,
    draft: ListingDraft,
    lifecycle: Lifecycle,
    /// The revision live in the preview's marketplace, and the draft it came from.
    live: Option<(Listing, ListingDraft)>,
    updated_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
}

/// The stored listings; on first use, the demo partner's published modules.
fn load(data: &DemoData) -> Vec<Stored> {
    if let Ok(stored) = LocalStorage::get(LISTINGS_KEY) {
        return stored;
    }
    data.users
        .iter()
        .flat_map(|user| {
            data.modules.iter().filter(move |m| user.company.as_deref() == Some(m.listing.vendor.as_str())).map(|m| {
                let draft = ListingDraft::from_listing(&m.listing, &m.logo);
                Stored {
                    id: format!("lst-{}", m.listing.code),
                    owner: user.email.clone(),
                    live: Some((m.listing.clone(), draft.clone())),
                    draft,
                    lifecycle: Lifecycle { stage: Stage::Approved, published: true },
                    updated_at: m.listing.published.and_time(chrono::NaiveTime::MIN).and_utc(),
                    submitted_at: None,
                }
            })
        })
        .collect()
}

fn store(listings: &[Stored]) -> Result<(), ApiError> {
    super::store_key(LISTINGS_KEY, &listings)
}

fn code_taken(data: &DemoData, listings: &[Stored], code: &str, id: Option<&str>) -> bool {
    let own_live = listings.iter().find(|l| Some(l.id.as_str()) == id).and_then(|l| l.live.as_ref());
    let other_draft = listings.iter().any(|l| l.draft.code == code && Some(l.id.as_str()) != id);
    let live_elsewhere = data.modules.iter().any(|m| m.listing.code == code)
        || listings.iter().any(|l| l.live.as_ref().is_some_and(|(live, _)| live.code == code));
    other_draft || (live_elsewhere && own_live.is_none_or(|(live, _)| live.code != code))
}

fn view(data: &DemoData, listings: &[Stored], listing: &Stored) -> DraftView {
    let context = Context {
        code_taken: code_taken(data, listings, &listing.draft.code, Some(&listing.id)),
        published_code: listing.live.as_ref().map(|(live, _)| live.code.clone()),
    };
    DraftView {
        id: listing.id.clone(),
        problems: listing.draft.problems(&context),
        draft: listing.draft.clone(),
        lifecycle: listing.lifecycle.clone(),
    }
}

fn owned<'a>(listings: &'a mut [Stored], id: &str, owner: &str) -> Result<&'a mut Stored, ApiError> {
    listings.iter_mut().find(|l| l.id == id && l.owner == owner).ok_or(ApiError::NotFound)
}

/// The marketplace as the preview shows it: the demo modules, with every
/// approved revision in place of (or beside) them.
pub fn published(data: &DemoData) -> Vec<CatalogModule> {
    let listings = load(data);
    let live: Vec<_> = listings.iter().filter_map(|l| l.live.as_ref()).collect();
    let demo = data
        .modules
        .iter()
        .filter(|m| !live.iter().any(|(listing, _)| listing.code == m.listing.code))
        .map(|m| CatalogModule { listing: m.listing.clone(), logo_url: svg_data_url(&m.logo) });
    let approved = live
        .iter()
        .map(|(listing, draft)| CatalogModule { listing: listing.clone(), logo_url: svg_data_url(&draft.logo) });
    demo.chain(approved).collect()
}

pub async fn my_listings() -> Result<Vec<ListingSummary>, ApiError> {
    let (data, user) = signed_in(Role::Partner).await?;
    let mut mine: Vec<ListingSummary> = load(&data)
        .into_iter()
        .filter(|l| l.owner == user.email)
        .map(|l| ListingSummary::new(l.id, &l.draft, &l.lifecycle, l.updated_at))
        .collect();
    mine.sort_by_key(|l| std::cmp::Reverse(l.updated_at));
    Ok(mine)
}

pub async fn open_listing(id: String) -> Result<DraftView, ApiError> {
    let (data, user) = signed_in(Role::Partner).await?;
    let mut listings = load(&data);
    let listing = owned(&mut listings, &id, &user.email)?.clone();
    Ok(view(&data, &listings, &listing))
}

pub async fn save_listing(id: Option<String>, draft: ListingDraft) -> Result<Saved, ApiError> {
    let (data, user) = signed_in(Role::Partner).await?;
    let mut listings = load(&data);
    let now = super::books::now();
    let (id, secret) = match id {
        Some(id) => {
            let listing = owned(&mut listings, &id, &user.email)?;
            let refused = draft.unstorable(listing.live.as_ref().map(|(live, _)| live.code.as_str()));
            if !refused.is_empty() {
                return Err(ApiError::Invalid(refused));
            }
            listing.lifecycle.edit().map_err(ApiError::Lifecycle)?;
            listing.draft = draft;
            listing.updated_at = now;
            (id, None)
        }
        None => {
            let refused = draft.unstorable(None);
            if !refused.is_empty() {
                return Err(ApiError::Invalid(refused));
            }
            let id = format!("lst-{}", &random_hex()[..16]);
            listings.push(Stored {
                id: id.clone(),
                owner: user.email.clone(),
                draft,
                lifecycle: Lifecycle::default(),
                live: None,
                updated_at: now,
                submitted_at: None,
            });
            (id, Some(random_hex()))
        }
    };
    store(&listings)?;
    let listing = listings.iter().find(|l| l.id == id).ok_or(ApiError::NotFound)?;
    Ok(Saved { view: view(&data, &listings, listing), secret })
}

pub async fn submit_listing(id: String) -> Result<DraftView, ApiError> {
    let (data, user) = signed_in(Role::Partner).await?;
    let mut listings = load(&data);
    let current = owned(&mut listings, &id, &user.email)?.clone();
    let problems = view(&data, &listings, &current).problems;
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let listing = owned(&mut listings, &id, &user.email)?;
    listing.lifecycle.submit().map_err(ApiError::Lifecycle)?;
    listing.submitted_at = Some(super::books::now());
    let listing = listing.clone();
    store(&listings)?;
    Ok(view(&data, &listings, &listing))
}

pub async fn code_available(code: String, id: Option<String>) -> Result<bool, ApiError> {
    let (data, user) = signed_in(Role::Partner).await?;
    let mut listings = load(&data);
    if let Some(id) = &id {
        owned(&mut listings, id, &user.email)?;
    }
    Ok(!code_taken(&data, &listings, code.trim(), id.as_deref()))
}

pub async fn rotate_secret(id: String) -> Result<String, ApiError> {
    let (data, user) = signed_in(Role::Partner).await?;
    owned(&mut load(&data), &id, &user.email)?;
    Ok(random_hex())
}

pub async fn review_queue() -> Result<Vec<ReviewItem>, ApiError> {
    let (data, _) = signed_in(Role::Moderator).await?;
    let users = users(&data);
    let mut queue: Vec<ReviewItem> = load(&data)
        .into_iter()
        .filter(|l| l.lifecycle.stage == Stage::InReview)
        .map(|l| {
            let partner = users.iter().find(|u| u.email == l.owner);
            ReviewItem {
                partner: partner_label(partner.and_then(|p| p.company.as_deref()), &l.owner),
                id: l.id,
                draft: l.draft,
                published: l.live.map(|(_, draft)| draft),
                submitted_at: l.submitted_at.unwrap_or(l.updated_at),
            }
        })
        .collect();
    queue.sort_by_key(|item| item.submitted_at);
    Ok(queue)
}

pub async fn approve_listing(id: String) -> Result<(), ApiError> {
    let (data, _) = signed_in(Role::Moderator).await?;
    let mut listings = load(&data);
    let index = listings.iter().position(|l| l.id == id).ok_or(ApiError::NotFound)?;
    let current = listings[index].clone();
    if code_taken(&data, &listings, &current.draft.code, Some(&id)) {
        return Err(ApiError::Invalid(vec![Problem { field: Field::Code, issue: Issue::CodeTaken }]));
    }
    let users = users(&data);
    let owner = users.iter().find(|u| u.email == current.owner);
    let name = owner.map(|o| o.company.clone().unwrap_or_else(|| o.name.clone())).unwrap_or_default();
    let website = owner.and_then(|o| o.website.clone()).unwrap_or_default();
    let (installs, published) = current
        .live
        .as_ref()
        .map_or((0, super::books::now().date_naive()), |(live, _)| (live.installs, live.published));
    let listing = current
        .draft
        .listing(&Vendor { name: &name, website: &website }, installs, published)
        .map_err(ApiError::Invalid)?;
    let stored = &mut listings[index];
    stored.lifecycle.approve().map_err(ApiError::Lifecycle)?;
    stored.live = Some((listing, stored.draft.clone()));
    store(&listings)
}

pub async fn add_section(id: String) -> Result<(), ApiError> {
    let (data, _) = signed_in(Role::Moderator).await?;
    let mut listings = load(&data);
    let listing = listings.iter_mut().find(|l| l.id == id).ok_or(ApiError::NotFound)?;
    listing.lifecycle.ensure_in_review().map_err(ApiError::Lifecycle)?;
    if !listing.draft.add_requested_section() {
        return Err(ApiError::BadRequest("the listing asks for no new section".into()));
    }
    store(&listings)
}

pub async fn reject_listing(id: String, reason: String) -> Result<(), ApiError> {
    let (data, _) = signed_in(Role::Moderator).await?;
    let mut listings = load(&data);
    let listing = listings.iter_mut().find(|l| l.id == id).ok_or(ApiError::NotFound)?;
    listing.lifecycle.reject(&reason).map_err(ApiError::Lifecycle)?;
    store(&listings)
}
