//! Ratings and reviews over real HTTP on SQLite and PostgreSQL: only an
//! account that paid a charge reviews, once; only its author edits or deletes
//! it, only the module's partner replies, only moderators decide on reports;
//! a hidden review leaves the card's average and count at once; texts are
//! length-limited and kept exactly as typed.

use crate::common::{ok, TestServer};
use serde_json::{json, Value};
use souk::api::reviews::{ReportsView, ReviewView, ReviewsView};
use souk::api::CatalogView;
use souk::domain::review::Shown;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const CLINIC: (&str, &str) = ("owner@clinic.demo", "clinic-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");

/// Kept as typed, markup and all: the interface escapes it when it shows it.
const TEXT: &str = "Чеки печатаются сразу, <b>без</b> сбоев & без \"сюрпризов\" — <script>alert(1)</script>";

async fn write(user: &TestServer, code: &str, stars: u8, text: &str) -> reqwest::Response {
    user.call_json("write_review", json!({ "code": code, "stars": stars, "text": text, "lang": "ru" })).await
}

async fn reviews(user: &TestServer, code: &str) -> ReviewsView {
    let args = json!({ "code": code, "order": "newest", "lang": "ru", "from": null });
    ok(user.call_json("module_reviews", args).await).await
}

async fn error(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

/// The card's (count, average) of `code` as `user`'s catalog shows it.
async fn card(user: &TestServer, code: &str) -> (u32, Option<String>) {
    let catalog: CatalogView = ok(user.call_json("catalog", json!({})).await).await;
    let module = catalog.modules.iter().find(|m| m.listing.code == code).expect("the module is in the catalog");
    (module.rating.count(), module.rating.shown_average().map(|a| a.to_string()))
}

#[tokio::test]
async fn only_a_paying_account_reviews_once_and_only_its_author_changes_it() {
    for server in crate::common::servers().await {
        let label = &server.label;
        let volga = server.as_user(VOLGA).await;

        // Not activated yet, in a trial, free: refused, saying why and when.
        let not_yet = error(write(&volga, "ambar-wms", 5, TEXT).await, 409).await;
        assert_eq!(not_yet, json!({ "error": "review", "detail": { "not_yet": "not_activated" } }), "{label}");
        let trial = error(write(&volga, "chatterbox", 5, TEXT).await, 409).await;
        assert!(trial["detail"]["not_yet"]["trial"]["on"].is_string(), "{label}: {trial}");
        let steppe = server.as_user(STEPPE).await;
        let free = error(write(&steppe, "polka-stock", 5, TEXT).await, 409).await;
        assert_eq!(free["detail"], json!({ "not_yet": "free" }));
        let may = reviews(&volga, "chatterbox").await.may_write;
        assert!(matches!(may, Some(souk::domain::review::eligibility::Eligibility::Trial { .. })), "{may:?}");

        // Ambar WMS has no trial: activating it pays the first charge at once.
        let key = souk::app::tokens::random_hex(16);
        let activated = volga.call_json("activate", json!({ "code": "ambar-wms", "idempotency_key": key })).await;
        assert_eq!(activated.status(), 200, "{label}");
        let invalid = error(write(&volga, "ambar-wms", 0, "  short  ").await, 422).await;
        assert_eq!(invalid, json!({ "error": "review_invalid", "detail": ["stars", "text_short"] }));
        let long = error(write(&volga, "ambar-wms", 4, &"я".repeat(2001)).await, 422).await;
        assert_eq!(long["detail"], json!(["text_long"]));
        assert!(reviews(&volga, "ambar-wms").await.mine.is_none(), "{label}: nothing kept");

        let written: ReviewView = ok(write(&volga, "ambar-wms", 4, &format!("  {TEXT}  ")).await).await;
        assert_eq!((written.text.as_str(), written.stars.get(), written.mine), (TEXT, 4, true), "{label}");
        assert_eq!(written.used_months, 1);
        let again = error(write(&volga, "ambar-wms", 5, TEXT).await, 409).await;
        assert_eq!(again["detail"], "already_reviewed");
        let seen = reviews(&server.as_user(CLINIC).await, "ambar-wms").await;
        assert_eq!(seen.reviews.items.iter().map(|r| (r.text.as_str(), r.mine)).collect::<Vec<_>>(), [(TEXT, false)]);
        assert_eq!((seen.rating.count(), seen.rating.shown_average()), (1, None), "{label}: new below three");

        // Only its author edits or deletes it.
        let id = written.id.as_str();
        let edit = json!({ "id": id, "stars": 1, "text": "x".repeat(30), "lang": "ru" });
        for other in [CLINIC, PARTNER, MODERATOR] {
            let other = server.as_user(other).await;
            assert_eq!(other.call_json("edit_review", edit.clone()).await.status(), 403, "{label}");
            assert_eq!(other.call_json("delete_review", json!({ "id": id })).await.status(), 403, "{label}");
        }
        assert_eq!(server.another_client().call_json("edit_review", edit.clone()).await.status(), 401);
        let edit = json!({ "id": id, "stars": 5, "text": "Работает отлично уже месяц, рекомендую.", "lang": "ru" });
        let edited: ReviewView = ok(volga.call_json("edit_review", edit).await).await;
        assert!(edited.edited_at.is_some() && edited.stars.get() == 5, "{label}");
        assert_eq!(card(&volga, "ambar-wms").await, (1, None));

        // Deleted, it counts nowhere, and the account may write again.
        assert_eq!(volga.call_json("delete_review", json!({ "id": id })).await.status(), 200);
        assert_eq!(card(&volga, "ambar-wms").await, (0, None), "{label}");
        assert_eq!(write(&volga, "ambar-wms", 3, TEXT).await.status(), 200);

        // The trial ends, the first charge is paid: now Chatterbox may be reviewed.
        let later = (chrono::Utc::now() + chrono::TimeDelta::days(16)).to_rfc3339();
        assert!(server.run_billing(&later).await.charges >= 1, "{label}");
        assert_eq!(write(&volga, "chatterbox", 4, TEXT).await.status(), 200, "{label}");
    }
}

#[tokio::test]
async fn the_partner_replies_an_owner_reports_and_a_moderators_hiding_changes_the_card_at_once() {
    for server in crate::common::servers().await {
        let label = &server.label;
        let (volga, clinic) = (server.as_user(VOLGA).await, server.as_user(CLINIC).await);
        // Chatterbox has four demo reviews (5, 4, 2, 5): 4.0.
        assert_eq!(card(&volga, "chatterbox").await, (4, Some("4.0".into())), "{label}");
        let shown = reviews(&volga, "chatterbox").await;
        assert_eq!(shown.reviews.items.first().map(|r| r.lang), Some(souk::domain::Lang::Ru), "the reader's first");
        let low = shown.reviews.items.iter().find(|r| r.stars.get() == 2).expect("the two-star review").clone();

        // Helpful, once per account; not one's own.
        let mark = json!({ "id": low.id });
        let before = low.helpful;
        assert_eq!(ok::<u32>(clinic.call_json("mark_helpful", mark.clone()).await).await, before + 1, "{label}");
        assert_eq!(ok::<u32>(clinic.call_json("mark_helpful", mark.clone()).await).await, before + 1, "counted once");
        let partner = server.as_user(PARTNER).await;
        assert_eq!(partner.call_json("mark_helpful", mark).await.status(), 403, "owners mark");

        // Only the module's partner replies; the reply is kept as typed.
        let reply = json!({ "id": low.id, "text": "Исправили в 3.3 <i>спасибо</i>" });
        for other in [VOLGA, MODERATOR] {
            assert_eq!(server.as_user(other).await.call_json("reply_to_review", reply.clone()).await.status(), 403);
        }
        let answered: ReviewView = ok(partner.call_json("reply_to_review", reply).await).await;
        let reply = answered.reply.expect("the reply");
        assert_eq!((reply.text.as_str(), reply.edited_at.is_some()), ("Исправили в 3.3 <i>спасибо</i>", true));
        let empty = error(partner.call_json("reply_to_review", json!({ "id": low.id, "text": " " })).await, 422).await;
        assert_eq!(empty["detail"], json!(["reply_empty"]));
        let other_module = json!({ "id": written_elsewhere(&server).await, "text": "Спасибо!" });
        assert_eq!(partner.call_json("reply_to_review", other_module).await.status(), 403, "not its module");

        // Anyone signed in reports; only moderators see and decide.
        let report = json!({ "id": low.id, "target": "review", "reason": "off_topic", "text": "не об этом модуле" });
        assert_eq!(server.another_client().call_json("report_review", report.clone()).await.status(), 401);
        let no_text = json!({ "id": low.id, "target": "review", "reason": "spam", "text": "" });
        assert_eq!(
            error(clinic.call_json("report_review", no_text).await, 422).await["detail"],
            json!(["report_empty"])
        );
        assert_eq!(clinic.call_json("report_review", report.clone()).await.status(), 200);
        assert_eq!(clinic.call_json("report_review", report).await.status(), 200, "{label}: reported once");
        for other in [VOLGA, PARTNER] {
            assert_eq!(
                server.as_user(other).await.call_json("review_reports", json!({ "from": null })).await.status(),
                403
            );
        }
        let moderator = server.as_user(MODERATOR).await;
        let queue: ReportsView = ok(moderator.call_json("review_reports", json!({ "from": null })).await).await;
        assert_eq!(queue.open_count, 1, "{label}");
        let open = &queue.open.items[0];
        assert_eq!((open.report.reporter.as_str(), open.review.as_ref().map(|r| &r.id)), (CLINIC.0, Some(&low.id)));
        let id = open.report.id.as_str();
        let hide = |note: &str| json!({ "id": id, "decision": "hide", "note": note });
        assert_eq!(volga.call_json("decide_report", hide("spam")).await.status(), 403);
        let no_reason = error(moderator.call_json("decide_report", hide("  ")).await, 422).await;
        assert_eq!(no_reason["detail"], json!(["note_empty"]));
        assert_eq!(card(&volga, "chatterbox").await, (4, Some("4.0".into())), "{label}: nothing changed yet");

        let decided: ReportsView = ok(moderator.call_json("decide_report", hide("Не о модуле")).await).await;
        assert_eq!(decided.open_count, 0);
        let log = &decided.decided[0].report.decided.as_ref().expect("logged");
        assert_eq!((log.by.as_str(), log.note.as_str()), (MODERATOR.0, "Не о модуле"), "{label}");
        assert_eq!(card(&volga, "chatterbox").await, (3, Some("4.7".into())), "{label}: 5, 4, 5 left");
        assert!(reviews(&clinic, "chatterbox").await.reviews.items.iter().all(|r| r.id != low.id));
        let twice = error(moderator.call_json("decide_report", hide("again")).await, 409).await;
        assert_eq!(twice["detail"], "decided");

        // Its author is told why, and still sees it, hidden.
        let letters = server.posted_letters(chrono::Utc::now()).await;
        let (_, subject, body) = letters.iter().find(|(to, _, _)| to == "rinat@kazanauto.demo").expect("a letter");
        assert!(subject.contains("«Говорун Чаты»"), "{subject}");
        assert!(body.contains("Не о модуле"), "{body}");
        let partner_view: Vec<souk::api::reviews::PartnerModuleReviews> =
            ok(partner.call_json("partner_reviews", json!({})).await).await;
        let chatterbox = partner_view.iter().find(|m| m.code == "chatterbox").expect("the partner's module");
        let hidden = chatterbox.reviews.iter().find(|r| r.id == low.id).expect("still listed for the partner");
        assert_eq!(hidden.shown, Shown::Hidden { reason: "Не о модуле".into() });
        assert_eq!(chatterbox.rating.count(), 3);
    }
}

/// A review of a module that is not the demo partner's: Volga's of Ambar WMS.
async fn written_elsewhere(server: &TestServer) -> String {
    let volga = server.as_user(VOLGA).await;
    let key = souk::app::tokens::random_hex(16);
    assert_eq!(volga.call_json("activate", json!({ "code": "ambar-wms", "idempotency_key": key })).await.status(), 200);
    let written: ReviewView = ok(write(&volga, "ambar-wms", 4, TEXT).await).await;
    written.id.to_string()
}
