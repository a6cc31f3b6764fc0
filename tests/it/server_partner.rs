//! The partner cabinet and moderation over real HTTP, on SQLite and PostgreSQL:
//! who may call what, submit → approve → visible, revisions, the secret.

use crate::common::{ok, TestServer};
use serde_json::{json, Value};
use souk::api::moderation::ReviewItem;
use souk::api::partner::{DraftView, ListingSummary, Saved};
use souk::api::types::Page;
use souk::api::CatalogView;
use souk::domain::submission::lifecycle::Status;
use souk::domain::ListingId;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");
const RIVAL: (&str, &str) = ("rival@partner.test", "rival-partner-2026");

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10" fill="#0a7"/></svg>"##;

/// A listing for Kazakhstan on API v4: Steppe Goods (KZ+BY, v4) sees it, Volga Trade (RU) does not.
fn draft(code: &str) -> Value {
    let materials = |name: &str, install: &str| {
        json!({ "name": name, "short": "SMS to customers", "description": "", "features": "Order status SMS\nTemplates",
                "install": install })
    };
    json!({
        "code": code, "min_api": "v4", "simple_connection_url": "", "connection_url": "https://kaz.example/connect",
        "scopes": ["order_read", "customer_read"], "section": { "existing": "sms_email" }, "logo": LOGO,
        "pricing": { "kind": "monthly", "price": "990", "discounted": "", "trial_days": "7" },
        "countries": ["KZ"],
        "materials": {
            "ru": materials("Каз СМС", "Разрешите методы разделов «Заказы» и «Клиенты»."),
            "en": materials("Kaz SMS", "Allow the methods of the Orders and Customers sections.")
        },
        "support_url": "https://kaz.example/support", "documentation_url": "https://kaz.example/docs"
    })
}

async fn catalog_codes(server: &TestServer) -> Vec<String> {
    let catalog: CatalogView = ok(server.call("catalog", &[]).await).await;
    catalog.modules.into_iter().map(|m| m.listing.code.to_string()).collect()
}

async fn save(server: &TestServer, id: Option<&str>, draft: Value) -> reqwest::Response {
    server.call_json("save_listing", json!({ "id": id, "draft": draft })).await
}

/// The revision of a listing in the moderator's queue.
async fn revision_of(moderator: &TestServer, id: &ListingId) -> u32 {
    let queue: Vec<ReviewItem> = ok::<Page<ReviewItem>>(moderator.call("review_queue", &[]).await).await.items;
    queue.iter().find(|item| item.id == *id).expect("in the queue").revision
}

/// A moderator's decision on the revision the queue shows now.
async fn decide(moderator: &TestServer, name: &str, id: &ListingId, mut body: Value) -> reqwest::Response {
    body["id"] = json!(id);
    body["revision"] = json!(revision_of(moderator, id).await);
    moderator.call_json(name, body).await
}

async fn code_available(who: &TestServer, code: &str) -> bool {
    ok(who.call_json("code_available", json!({ "code": code })).await).await
}

/// A second partner, for what one partner must not do to another's listings.
async fn add_rival(server: &TestServer) {
    let store = server.store().await;
    sqlx::query(
        "INSERT INTO users (email, name, password_hash, role, company) VALUES ($1, 'Rival', $2, 'partner', 'Rival')",
    )
    .bind(RIVAL.0)
    .bind(souk::app::passwords::Passwords::Server.hash(RIVAL.1.into()).await)
    .execute(&store.pool)
    .await
    .unwrap();
    store.pool.close().await;
}

#[tokio::test]
async fn every_function_refuses_the_roles_it_is_not_for() {
    for server in crate::common::servers().await {
        add_rival(&server).await;
        let partner = server.as_user(PARTNER).await;
        let saved: Saved = ok(save(&partner, None, draft("kaz-sms")).await).await;
        let id = saved.view.id.as_str();
        let anonymous = server.another_client();
        let owner = server.as_user(VOLGA).await;
        let moderator = server.as_user(MODERATOR).await;
        let rival = server.as_user(RIVAL).await;

        let partner_calls = [
            ("my_listings", json!({})),
            ("open_listing", json!({ "id": id })),
            ("save_listing", json!({ "id": id, "draft": draft("kaz-sms") })),
            ("submit_listing", json!({ "id": id })),
            ("code_available", json!({ "code": "free-code", "id": id })),
            ("rotate_secret", json!({ "id": id })),
        ];
        let moderator_calls = [
            ("review_queue", json!({})),
            ("waiting", json!({})),
            ("approve_listing", json!({ "id": id, "revision": 1 })),
            ("reject_listing", json!({ "id": id, "revision": 1, "reason": "no" })),
            ("add_section", json!({ "id": id, "revision": 1 })),
        ];
        let owner_calls = [
            ("billing", json!({})),
            ("activate", json!({ "code": "chatterbox", "idempotency_key": "0123456789abcdef" })),
            ("top_up", json!({ "amount": "100", "idempotency_key": "0123456789abcdef" })),
            ("payment", json!({ "id": "pay-0123456789" })),
            ("history", json!({ "filter": {} })),
            ("notifications", json!({})),
        ];
        let mut wrong = Vec::new();
        let mut expect = |who: &str, name: &str, got: u16, want: u16| {
            if got != want {
                wrong.push(format!("{who} → {name}: {got}, expected {want}"));
            }
        };
        for (name, body) in &partner_calls {
            expect("anonymous", name, anonymous.call_json(name, body.clone()).await.status().as_u16(), 401);
            expect("owner", name, owner.call_json(name, body.clone()).await.status().as_u16(), 403);
            expect("moderator", name, moderator.call_json(name, body.clone()).await.status().as_u16(), 403);
        }
        // Another partner: the listing does not exist as far as they can tell.
        for (name, body) in &partner_calls[1..] {
            expect("rival", name, rival.call_json(name, body.clone()).await.status().as_u16(), 404);
        }
        for (name, body) in &moderator_calls {
            expect("anonymous", name, anonymous.call_json(name, body.clone()).await.status().as_u16(), 401);
            expect("owner", name, owner.call_json(name, body.clone()).await.status().as_u16(), 403);
            expect("partner", name, partner.call_json(name, body.clone()).await.status().as_u16(), 403);
        }
        for (name, body) in &owner_calls {
            expect("partner", name, partner.call_json(name, body.clone()).await.status().as_u16(), 403);
            expect("moderator", name, moderator.call_json(name, body.clone()).await.status().as_u16(), 403);
        }
        assert!(wrong.is_empty(), "{}:\n{}", server.label, wrong.join("\n"));

        // Nothing the refused calls tried changed the listing.
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": id })).await).await;
        assert_eq!(view.draft.code, "kaz-sms");
        assert_eq!(view.lifecycle.status(), Status::Draft);
        let listings: Vec<ListingSummary> = ok(rival.call("my_listings", &[]).await).await;
        assert!(listings.is_empty(), "a partner's list holds only their own listings");
    }
}

#[tokio::test]
async fn a_submitted_listing_goes_live_for_matching_accounts_once_approved() {
    for server in crate::common::servers().await {
        let partner = server.as_user(PARTNER).await;
        let moderator = server.as_user(MODERATOR).await;
        let volga = server.as_user(VOLGA).await;
        let steppe = server.as_user(STEPPE).await;

        // A draft with mistakes is saved as it is, with its problems, and cannot go to review.
        let mut broken = draft("kaz-sms");
        broken["materials"]["en"]["install"] = json!("Allow all methods for the API key.");
        broken["pricing"]["discounted"] = json!("1200");
        let saved: Saved = ok(save(&partner, None, broken).await).await;
        let id = saved.view.id.to_string();
        let fields: Vec<Value> = saved.view.problems.iter().map(|p| serde_json::to_value(p.field).unwrap()).collect();
        assert_eq!(fields, [json!("discounted"), json!({ "install": "en" })], "{}", server.label);
        let secret = saved.secret.expect("the first save shows the secret");
        assert_eq!(secret.len(), 64);
        let refused = partner.call_json("submit_listing", json!({ "id": id })).await;
        assert_eq!(refused.status(), 422);
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": id })).await).await;
        assert_eq!(view.lifecycle.status(), Status::Draft, "a refused submit changes nothing");

        // Fixed, saved (no secret this time), submitted.
        let saved: Saved = ok(save(&partner, Some(&id), draft("kaz-sms")).await).await;
        assert_eq!((saved.secret, saved.view.problems.len()), (None, 0));
        let view: DraftView = ok(partner.call_json("submit_listing", json!({ "id": id })).await).await;
        assert_eq!(view.lifecycle.status(), Status::InReview);
        assert_eq!(save(&partner, Some(&id), draft("kaz-sms")).await.status(), 409, "frozen while in review");
        assert!(!catalog_codes(&steppe).await.contains(&"kaz-sms".to_string()));

        let queue: Vec<ReviewItem> = ok::<Page<ReviewItem>>(moderator.call("review_queue", &[]).await).await.items;
        let item = queue.iter().find(|i| i.id == id).expect("in the queue");
        assert_eq!((item.published.is_none(), item.partner.as_str()), (true, "Govorun <partner@govorun.demo>"));
        ok::<()>(decide(&moderator, "approve_listing", &ListingId::new(id.clone()), json!({})).await).await;

        assert!(catalog_codes(&steppe).await.contains(&"kaz-sms".to_string()), "KZ, v4: shown");
        assert!(!catalog_codes(&volga).await.contains(&"kaz-sms".to_string()), "RU only: not shown");
        let listings: Vec<ListingSummary> = ok(partner.call("my_listings", &[]).await).await;
        assert_eq!(listings.iter().find(|l| l.id == id).unwrap().status, Status::Published);

        // The code is now taken for everyone else, and fixed for this listing.
        let available: bool = ok(partner.call_json("code_available", json!({ "code": "kaz-sms" })).await).await;
        assert!(!available);
        let available: bool =
            ok(partner.call_json("code_available", json!({ "code": "kaz-sms", "id": id })).await).await;
        assert!(available);
        let renamed = save(&partner, Some(&id), draft("kaz-sms-2")).await;
        assert_eq!(renamed.status(), 422, "{}", server.label);
        let body: Value = renamed.json().await.unwrap();
        assert_eq!(body["detail"][0]["issue"], json!("code_fixed"));

        // The secret: a new one on rotation, never in what the listing answers.
        let rotated: String = ok(partner.call_json("rotate_secret", json!({ "id": id })).await).await;
        assert_ne!(rotated, secret);
        let text = partner.call_json("open_listing", json!({ "id": id })).await.text().await.unwrap();
        assert!(!text.contains(&rotated) && !text.contains(&secret));
    }
}

#[tokio::test]
async fn a_revision_waits_for_review_while_the_live_listing_stays() {
    for server in crate::common::servers().await {
        let partner = server.as_user(PARTNER).await;
        let moderator = server.as_user(MODERATOR).await;
        let volga = server.as_user(VOLGA).await;
        let name_in_catalog = |catalog: CatalogView| {
            catalog.modules.into_iter().find(|m| m.listing.code == "chatterbox").unwrap().listing.materials.ru.name
        };
        let live_name = name_in_catalog(ok(volga.call("catalog", &[]).await).await);

        let listings: Vec<ListingSummary> = ok(partner.call("my_listings", &[]).await).await;
        let chatterbox = listings.iter().find(|l| l.code == "chatterbox").expect("the demo partner owns it");
        assert_eq!(chatterbox.status, Status::Published);
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": chatterbox.id })).await).await;
        let mut revision = serde_json::to_value(&view.draft).unwrap();
        revision["materials"]["ru"]["name"] = json!("Болтун 2");
        let saved: Saved = ok(save(&partner, Some(chatterbox.id.as_str()), revision.clone()).await).await;
        assert_eq!(saved.view.problems, [], "{}", server.label);
        assert_eq!(saved.view.lifecycle.status(), Status::PublishedRevisionDraft);
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": chatterbox.id })).await).await;

        let queue: Vec<ReviewItem> = ok::<Page<ReviewItem>>(moderator.call("review_queue", &[]).await).await.items;
        let item = queue.iter().find(|i| i.id == chatterbox.id).unwrap();
        assert_eq!(item.published.as_ref().unwrap().materials.ru.name, live_name, "the diff's other side");
        assert_eq!(item.draft.materials.ru.name, "Болтун 2");

        assert_eq!(decide(&moderator, "reject_listing", &chatterbox.id, json!({ "reason": " " })).await.status(), 409);
        ok::<()>(
            decide(&moderator, "reject_listing", &chatterbox.id, json!({ "reason": "Название не совпадает с сайтом" }))
                .await,
        )
        .await;
        let listings: Vec<ListingSummary> = ok(partner.call("my_listings", &[]).await).await;
        let line = listings.iter().find(|l| l.code == "chatterbox").unwrap();
        assert_eq!(
            (line.status, line.reason.as_deref()),
            (Status::PublishedRevisionDraft, Some("Название не совпадает с сайтом"))
        );
        assert_eq!(
            name_in_catalog(ok(volga.call("catalog", &[]).await).await),
            live_name,
            "rejected: the live one stays"
        );

        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": chatterbox.id })).await).await;
        let revision = revision_of(&moderator, &chatterbox.id).await;
        let approve = json!({ "id": chatterbox.id, "revision": revision });
        ok::<()>(moderator.call_json("approve_listing", approve.clone()).await).await;
        assert_eq!(name_in_catalog(ok(volga.call("catalog", &[]).await).await), "Болтун 2");
        assert_eq!(moderator.call_json("approve_listing", approve).await.status(), 409);
    }
}

#[tokio::test]
async fn a_draft_holds_no_code_only_a_listing_in_review_or_a_live_module_does() {
    for server in crate::common::servers().await {
        add_rival(&server).await;
        let partner = server.as_user(PARTNER).await;
        let rival = server.as_user(RIVAL).await;

        // The rival saves drafts under a fresh code and under the partner's live module's code.
        ok::<Saved>(save(&rival, None, draft("kaz-squat")).await).await;
        ok::<Saved>(save(&rival, None, draft("chatterbox")).await).await;
        assert!(code_available(&partner, "kaz-squat").await, "{} a rival's draft says nothing", server.label);

        // Neither blocks the partner: a new listing under that code, nor a revision of the live module.
        let saved: Saved = ok(save(&partner, None, draft("kaz-squat")).await).await;
        assert_eq!(saved.view.problems, [], "{}", server.label);
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": saved.view.id })).await).await;
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": "lst-chatterbox" })).await).await;
        let mut revision = serde_json::to_value(&view.draft).unwrap();
        revision["materials"]["en"]["name"] = json!("Chatterbox 2");
        let revised: Saved = ok(save(&partner, Some("lst-chatterbox"), revision).await).await;
        assert_eq!(revised.view.problems, [], "{} the live module's revision is not frozen", server.label);
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": "lst-chatterbox" })).await).await;

        // Once in review, the code is the partner's: the rival's draft shows it and cannot be sent.
        assert!(!code_available(&rival, "kaz-squat").await);
        let rivals: Vec<ListingSummary> = ok(rival.call("my_listings", &[]).await).await;
        for listing in rivals {
            let view: DraftView = ok(rival.call_json("open_listing", json!({ "id": listing.id })).await).await;
            assert_eq!(view.problems[0].issue, souk::domain::submission::Issue::CodeTaken, "{}", listing.code);
            let refused = rival.call_json("submit_listing", json!({ "id": listing.id })).await;
            assert_eq!(refused.status(), 422, "{} {}", server.label, listing.code);
        }
    }
}

#[tokio::test]
async fn a_decision_names_the_revision_read_and_a_listing_changed_since_is_not_decided() {
    for server in crate::common::servers().await {
        let partner = server.as_user(PARTNER).await;
        let moderator = server.as_user(MODERATOR).await;
        let colleague = server.as_user(MODERATOR).await;
        let saved: Saved = ok(save(&partner, None, draft("kaz-read")).await).await;
        let id = saved.view.id;
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": id })).await).await;
        let read = revision_of(&moderator, &id).await;

        // Meanwhile a colleague sends it back, and the partner changes it and sends it again.
        ok::<()>(decide(&colleague, "reject_listing", &id, json!({ "reason": "Уточните описание" })).await).await;
        let mut changed = draft("kaz-read");
        changed["materials"]["en"]["name"] = json!("Kaz SMS, changed unread");
        ok::<Saved>(save(&partner, Some(id.as_str()), changed).await).await;
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": id })).await).await;

        for (name, extra) in [("approve_listing", json!({})), ("reject_listing", json!({ "reason": "Нет" }))] {
            let mut body = json!({ "id": id, "revision": read });
            body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            let stale = moderator.call_json(name, body).await;
            assert_eq!(stale.status(), 409, "{} {name}", server.label);
            assert_eq!(stale.json::<Value>().await.unwrap(), json!({ "error": "changed" }));
        }
        let queue: Vec<ReviewItem> = ok::<Page<ReviewItem>>(moderator.call("review_queue", &[]).await).await.items;
        let item = queue.iter().find(|i| i.id == id).expect("still waiting");
        assert_eq!(item.draft.materials.en.name, "Kaz SMS, changed unread", "the queue shows what changed");
        assert!(item.revision > read);
    }
}

#[tokio::test]
async fn oversized_logos_and_bodies_are_refused_before_anything_is_parsed() {
    for server in crate::common::servers().await {
        let partner = server.as_user(PARTNER).await;
        let mut big = draft("big-logo");
        big["logo"] = json!(format!("{}{}", LOGO, " ".repeat(256 * 1024)));
        let refused = save(&partner, None, big).await;
        assert_eq!(refused.status(), 422, "{}", server.label);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["detail"][0]["issue"], json!({ "logo": "too_large" }));
        let listings: Vec<ListingSummary> = ok(partner.call("my_listings", &[]).await).await;
        assert!(!listings.iter().any(|l| l.code == "big-logo"), "nothing stored");

        let mut huge = draft("huge");
        huge["logo"] = json!("x".repeat(2 * 1024 * 1024));
        assert_eq!(save(&partner, None, huge).await.status(), 413);
    }
}

#[tokio::test]
async fn a_requested_section_is_added_by_the_moderator_before_the_listing_goes_live() {
    for server in crate::common::servers().await {
        let partner = server.as_user(PARTNER).await;
        let moderator = server.as_user(MODERATOR).await;
        let steppe = server.as_user(STEPPE).await;
        let mut asking = draft("kaz-feed");
        asking["section"] = json!({ "requested": { "ru": "Маркетплейсы", "en": "Marketplaces" } });
        let saved: Saved = ok(save(&partner, None, asking.clone()).await).await;
        let id = saved.view.id;
        let not_yet = moderator.call_json("add_section", json!({ "id": id, "revision": 1 })).await;
        assert_eq!(not_yet.status(), 409, "not in review yet");
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": id })).await).await;

        let undecided = decide(&moderator, "approve_listing", &id, json!({})).await;
        assert_eq!(undecided.status(), 422, "{} the section comes first", server.label);
        let body: Value = undecided.json().await.unwrap();
        assert_eq!(body["detail"][0], json!({ "field": "section", "issue": "section_undecided" }));
        for (who, status) in [(&partner, 403), (&steppe, 403), (&server.another_client(), 401)] {
            assert_eq!(who.call_json("add_section", json!({ "id": id, "revision": 2 })).await.status(), status);
        }

        let read = json!({ "id": id, "revision": revision_of(&moderator, &id).await });
        ok::<()>(moderator.call_json("add_section", read.clone()).await).await;
        assert_eq!(moderator.call_json("approve_listing", read).await.status(), 409, "changed by adding the section");
        let again = decide(&moderator, "add_section", &id, json!({})).await;
        assert_eq!(again.status(), 400, "the request is already granted");
        ok::<()>(decide(&moderator, "approve_listing", &id, json!({})).await).await;
        let catalog: CatalogView = ok(steppe.call("catalog", &[]).await).await;
        let live = catalog.modules.into_iter().find(|m| m.listing.code == "kaz-feed").expect("published");
        let added = live.listing.added_section.expect("shelved under the added section");
        assert_eq!((added.code.as_str(), added.names.ru.as_str()), ("added-marketplaces", "Маркетплейсы"));

        // The listing keeps its section through revisions; no other draft can claim it, nor invent one.
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": id })).await).await;
        let mut revision = serde_json::to_value(&view.draft).unwrap();
        revision["materials"]["en"]["name"] = json!("Kaz Feed 2");
        ok::<Saved>(save(&partner, Some(id.as_str()), revision.clone()).await).await;
        let invented = json!({ "added": { "code": "added-featured", "names": { "ru": "Лучшее", "en": "Featured" } } });
        for section in [revision["section"].clone(), invented] {
            for (target, code) in [(None, "kaz-claim"), (Some("lst-chatterbox"), "chatterbox")] {
                let mut claiming = draft(code);
                claiming["section"] = section.clone();
                let refused = save(&partner, target, claiming).await;
                assert_eq!(refused.status(), 422, "{} {section} {target:?}", server.label);
                let body: Value = refused.json().await.unwrap();
                assert_eq!(body["detail"][0], json!({ "field": "section", "issue": "section_not_added" }));
            }
        }
        let listings: Vec<ListingSummary> = ok(partner.call("my_listings", &[]).await).await;
        assert!(!listings.iter().any(|l| l.code == "kaz-claim"), "nothing stored");

        // Declining a section is sending the listing back with the reason.
        asking["code"] = json!("kaz-feed-2");
        let second: Saved = ok(save(&partner, None, asking).await).await;
        ok::<DraftView>(partner.call_json("submit_listing", json!({ "id": second.view.id })).await).await;
        let reason = "Такой раздел не нужен: выберите «Другое»";
        let declined = decide(&moderator, "reject_listing", &second.view.id, json!({ "reason": reason })).await;
        ok::<()>(declined).await;
        let listings: Vec<ListingSummary> = ok(partner.call("my_listings", &[]).await).await;
        let row = listings.iter().find(|l| l.id == second.view.id).unwrap();
        assert_eq!((row.status, row.reason.as_deref()), (Status::Rejected, Some(reason)));
    }
}

#[tokio::test]
async fn module_secrets_are_sealed_at_rest_and_a_hash_only_listing_asks_for_rotation() {
    use souk::domain::ListingId;
    use souk::store::sql::{SecretKey, SqlStore};
    use souk::store::{Store, Submissions};
    for server in crate::common::servers().await {
        let partner = server.as_user(PARTNER).await;
        let saved: Saved = ok(save(&partner, None, draft("kaz-sealed")).await).await;
        let secret = saved.secret.expect("shown once");
        assert!(saved.view.has_secret);
        let id = saved.view.id.clone();
        let store = server.store().await;
        let (sealed,): (Option<String>,) = sqlx::query_as("SELECT secret_sealed FROM submissions WHERE id = $1")
            .bind(id.as_str())
            .fetch_one(&store.pool)
            .await
            .unwrap();
        let sealed = sealed.expect("kept sealed");
        assert!(sealed.starts_with("v1:") && !sealed.contains(&secret), "{} {sealed}", server.label);
        let read = store.read().await.unwrap().module_secret(&id).await.unwrap();
        assert_eq!(read.map(|s| s.0), Some(secret.clone()), "the server can read it back, to sign with");
        let stranger = SqlStore::connect(&server.database_url, &SecretKey::random()).await.unwrap();
        assert!(stranger.read().await.unwrap().module_secret(&id).await.is_err(), "not without the key");
        let copied = store.read().await.unwrap().module_secret(&ListingId::new("lst-chatterbox")).await.unwrap();
        assert!(copied.is_some_and(|other| other.0 != secret), "each listing has its own");

        // A listing kept when only a hash of the secret was stored.
        sqlx::query("UPDATE submissions SET secret_sealed = NULL WHERE id = $1")
            .bind(id.as_str())
            .execute(&store.pool)
            .await
            .unwrap();
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": id })).await).await;
        assert!(!view.has_secret, "reads as: rotate the secret to enable simple connection");
        let rotated: String = ok(partner.call_json("rotate_secret", json!({ "id": id })).await).await;
        let view: DraftView = ok(partner.call_json("open_listing", json!({ "id": id })).await).await;
        assert!(view.has_secret);
        let read = store.read().await.unwrap().module_secret(&id).await.unwrap();
        assert_eq!(read.map(|s| s.0), Some(rotated));
        store.pool.close().await;
    }
}

/// Each server keeps the published modules it has read until their revision
/// moves on: a publish by another server (or process) on the same database
/// reaches its next read, and a publish rolled back reaches no one.
#[tokio::test]
async fn every_server_sees_a_publish_at_once_and_never_one_rolled_back() {
    use souk::store::{Modules, Store, Tx};
    for server in crate::common::servers().await {
        let (this, other) = (server.store().await, server.store().await);
        let name = |modules: &[souk::store::Module]| {
            modules.iter().find(|m| m.listing.code == "chatterbox").map(|m| m.listing.materials.ru.name.clone())
        };
        let kept = this.read().await.unwrap().modules().await.unwrap();
        assert_eq!(name(&kept).as_deref(), Some("Говорун Чаты"), "{}", server.label);

        let mut renamed = kept.iter().find(|m| m.listing.code == "chatterbox").unwrap().clone();
        renamed.listing.materials.ru.name = "Говорун 2".into();
        let mut tx = other.write().await.unwrap();
        tx.publish(&renamed, None).await.unwrap();
        tx.commit().await.unwrap();
        let read = this.read().await.unwrap().modules().await.unwrap();
        assert_eq!(name(&read).as_deref(), Some("Говорун 2"), "{}: another server's publish", server.label);

        renamed.listing.materials.ru.name = "Говорун 3".into();
        let mut tx = this.write().await.unwrap();
        tx.publish(&renamed, None).await.unwrap();
        assert_eq!(name(&tx.modules().await.unwrap()).as_deref(), Some("Говорун 3"), "its own, not yet committed");
        drop(tx);
        let read = this.read().await.unwrap().modules().await.unwrap();
        assert_eq!(name(&read).as_deref(), Some("Говорун 2"), "{}: a publish rolled back", server.label);
        let read = other.read().await.unwrap().modules().await.unwrap();
        assert_eq!(name(&read).as_deref(), Some("Говорун 2"), "{}", server.label);
    }
}
