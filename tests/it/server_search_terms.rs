//! The moderators' synonyms and the queries that found nothing, over real
//! HTTP on SQLite and PostgreSQL: counted only for account owners, only
//! when the server's own search finds nothing, once per account; a synonym
//! answering a query takes it off the list and makes the search find; only
//! moderators change synonyms, and a wrong one is refused naming its field.

use crate::common::{ok, TestServer};
use serde_json::{json, Value};
use souk::api::types::SearchTermsView;
use souk::api::CatalogView;
use souk::domain::search::synonyms::Synonym;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");

async fn report(user: &TestServer, query: &str) -> reqwest::Response {
    user.call_json("report_missed_query", json!({ "query": query, "lang": "ru" })).await
}

async fn counted(user: &TestServer, query: &str) -> bool {
    ok(report(user, query).await).await
}

#[tokio::test]
async fn a_query_that_found_nothing_reaches_the_moderators_and_a_synonym_answers_it() {
    for server in crate::common::servers().await {
        let label = &server.label;
        let (volga, steppe) = (server.as_user(VOLGA).await, server.as_user(STEPPE).await);
        assert!(counted(&volga, "ККТ").await, "{label}: nothing in the catalog says ККТ");
        assert!(counted(&volga, " ккт ").await, "{label}: the same query, counted again");
        assert!(counted(&steppe, "ккт").await);
        assert!(!counted(&volga, "касса").await, "{label}: a query that finds something is not counted");
        assert!(!counted(&volga, "кассой").await, "found forgivingly");
        let partner = server.as_user(PARTNER).await;
        assert!(!counted(&partner, "ккм").await, "a partner's searches are not the owners'");
        assert_eq!(report(&volga, &"x".repeat(101)).await.status(), 400);
        assert_eq!(report(&volga, "   ").await.status(), 400);
        assert_eq!(report(&server.another_client(), "ккт").await.status(), 401);

        let moderator = server.as_user(MODERATOR).await;
        let terms: SearchTermsView = ok(moderator.call_json("search_terms", json!({})).await).await;
        let missed: Vec<(&str, u32, u32)> =
            terms.missed.iter().map(|m| (m.query.as_str(), m.accounts, m.times)).collect();
        assert_eq!(missed, [("ккт", 2, 3)], "{label}: two accounts, three times");
        for user in [&volga, &partner] {
            assert_eq!(user.call_json("search_terms", json!({})).await.status(), 403);
            let add = user.call_json("add_synonym", json!({ "term": "ккт", "meaning": "касса" })).await;
            assert_eq!(add.status(), 403);
        }

        // Wrong synonyms are refused, naming the field, and nothing is kept.
        for (term, meaning, problem) in [
            ("две слова", "касса", "term"),
            ("ккт", "", "meaning"),
            ("ккт", "ККТ", "same"),
            ("<script>", "касса", "term"),
        ] {
            let response = moderator.call_json("add_synonym", json!({ "term": term, "meaning": meaning })).await;
            assert_eq!(response.status(), 422, "{term:?}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error, json!({ "error": "synonym", "detail": problem }), "{term:?} → {meaning:?}");
        }
        let terms: SearchTermsView =
            ok(moderator.call_json("add_synonym", json!({ "term": "ККТ", "meaning": "онлайн-касса" })).await).await;
        let kkt = Synonym { term: "ккт".into(), meaning: "онлайн-касса".into() };
        assert_eq!((terms.synonyms, terms.missed.len()), (vec![kkt.clone()], 0), "{label}: the query is answered");
        let again = moderator.call_json("add_synonym", json!({ "term": "ккт", "meaning": "касса" })).await;
        assert_eq!(again.json::<Value>().await.unwrap()["detail"], "taken");

        // The search now finds through it, so it is no longer counted.
        let catalog: CatalogView = ok(volga.call_json("catalog", json!({})).await).await;
        assert_eq!(catalog.synonyms, [kkt], "the marketplace gets them with its catalog");
        assert!(!counted(&volga, "ккт").await, "{label}: found through the synonym");

        assert_eq!(moderator.call_json("delete_synonym", json!({ "term": "ккм" })).await.status(), 404);
        assert_eq!(volga.call_json("delete_synonym", json!({ "term": "ккт" })).await.status(), 403);
        let terms: SearchTermsView = ok(moderator.call_json("delete_synonym", json!({ "term": "ккт" })).await).await;
        assert!(terms.synonyms.is_empty());
        assert!(counted(&volga, "ккт").await, "{label}: without the synonym, nothing again");
    }
}
