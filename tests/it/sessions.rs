//! Sessions end after 30 idle minutes and after 12 hours in any case, on
//! the SQL store and in memory alike; signing out everywhere and a new
//! password end the others, over real HTTP.

use crate::common::{ok, servers, TestServer};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde_json::json;
use souk::api::{ApiError, SessionInfo};
use souk::app::limits::Limits;
use souk::app::passwords::Passwords;
use souk::app::session::{keep_alive, sign_in, IDLE_MINUTES, SESSION_HOURS};
use souk::app::tokens::SessionToken;
use souk::app::Ctx;
use souk::store::memory::MemoryStore;
use souk::store::{Sessions, Store};
use std::sync::Arc;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");

fn cx<S: Store + Clone>(store: &S, now: DateTime<Utc>, session: Option<SessionToken>) -> Ctx<S> {
    Ctx {
        store: store.clone(),
        now,
        session,
        client: None,
        origin: "http://souk.test".into(),
        limits: Arc::new(Limits::default()),
        passwords: Passwords::Preview,
        demo_mail: true,
        demo: true,
        payments: souk::app::payments::Payments::Instant,
        modules: std::sync::Arc::new(crate::fixtures::NoModules),
        outside: souk::app::builtins::Outside::default(),
        session_times: Default::default(),
    }
}

/// Whether the session is signed in at `now`; the edge then keeps it alive, as after each call.
async fn call_at<S: Store + Clone>(store: &S, token: &SessionToken, now: DateTime<Utc>) -> bool {
    let cx = cx(store, now, Some(token.clone()));
    let signed_in = souk::app::session::current_session(&cx).await.unwrap().is_some();
    keep_alive(&cx).await.unwrap();
    signed_in
}

/// The session rules on `store`, which holds the demo data.
async fn idle_and_absolute_ends<S: Store + Clone>(store: S, label: &str) {
    let start = Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap();
    let minutes = |n: i64| start + TimeDelta::minutes(n);
    let idle = sign_in(&cx(&store, start, None), VOLGA.0, VOLGA.1).await.unwrap().session().unwrap().token;
    assert!(call_at(&store, &idle, minutes(IDLE_MINUTES - 1)).await, "{label}: still there");
    assert!(!call_at(&store, &idle, minutes(2 * IDLE_MINUTES)).await, "{label}: 30 idle minutes end it");

    // A call every 20 minutes keeps a session alive, until 12 hours are up;
    // every other one reads no session itself (a public call), and the edge
    // reads the session's times to keep it alive.
    let busy = sign_in(&cx(&store, start, None), VOLGA.0, VOLGA.1).await.unwrap().session().unwrap().token;
    let mut at = 0;
    while at + 20 < SESSION_HOURS * 60 {
        at += 20;
        if at % 40 == 0 {
            keep_alive(&cx(&store, minutes(at), Some(busy.clone()))).await.unwrap();
        } else {
            assert!(call_at(&store, &busy, minutes(at)).await, "{label}: alive at {at} minutes");
        }
    }
    assert!(!call_at(&store, &busy, minutes(SESSION_HOURS * 60)).await, "{label}: 12 hours end it");

    // Ended sessions are deleted at the next sign-in.
    sign_in(&cx(&store, minutes(SESSION_HOURS * 60 + 1), None), VOLGA.0, VOLGA.1).await.unwrap();
    let mut tx = store.read().await.unwrap();
    for ended in [&idle, &busy] {
        assert_eq!(tx.session_times(&ended.hash(), start).await.unwrap(), None, "{label}: deleted");
    }
}

#[tokio::test]
async fn a_session_ends_after_half_an_hour_idle_and_after_twelve_hours_in_any_case() {
    let demo = souk::demo::DemoData::parse(include_str!("../../public/demo/catalog.json")).unwrap();
    let memory = MemoryStore::default();
    let seeded = Utc.with_ymd_and_hms(2027, 1, 10, 0, 0, 0).unwrap();
    souk::app::seed::seed_demo_if_empty(&memory, &demo, Passwords::Preview, seeded).await.unwrap();
    idle_and_absolute_ends(memory, "memory").await;
    for server in servers().await {
        let store = server.store().await;
        idle_and_absolute_ends(store.clone(), &server.label).await;
        store.pool.close().await;
    }
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_user() {
    for server in servers().await {
        let (laptop, phone, other) =
            (server.as_user(VOLGA).await, server.as_user(VOLGA).await, server.as_user(PARTNER).await);
        let cookie = laptop.call("sign_in", &[("email", VOLGA.0), ("password", VOLGA.1)]).await;
        let set = cookie.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(set.contains(&format!("Max-Age={}", SESSION_HOURS * 3600)), "{set}");
        assert_eq!(server.another_client().call("sign_out_everywhere", &[]).await.status(), 401);

        ok::<()>(laptop.call("sign_out_everywhere", &[]).await).await;
        for (who, label) in [(&laptop, "this one"), (&phone, "the other device")] {
            let session: Option<SessionInfo> = ok(who.call("session", &[]).await).await;
            assert_eq!(session, None, "{}: {label}", server.label);
        }
        let session: Option<SessionInfo> = ok(other.call("session", &[]).await).await;
        assert!(session.is_some(), "another user's session stays");
    }
}

async fn change(who: &TestServer, current: &str, new: &str, again: &str) -> reqwest::Response {
    who.call_json("change_password", json!({ "current": current, "new": new, "again": again })).await
}

#[tokio::test]
async fn every_role_changes_its_password_and_its_other_sessions_end() {
    for server in servers().await {
        for (email, password) in [VOLGA, PARTNER, MODERATOR] {
            let (here, there) = (server.as_user((email, password)).await, server.as_user((email, password)).await);
            let new = format!("{password}-renewed");
            for (current, fresh, again, field, issue) in [
                ("not the password", new.as_str(), new.as_str(), "current_password", "wrong_password"),
                (password, "too short", "too short", "password", "password_short"),
                (password, new.as_str(), "something else", "password_again", "passwords_differ"),
            ] {
                let refused = change(&here, current, fresh, again).await;
                assert_eq!(refused.status(), 422, "{} {email}", server.label);
                let body: serde_json::Value = refused.json().await.unwrap();
                assert_eq!(body["detail"][0]["field"], field, "{body}");
                assert!(body["detail"][0]["issue"].to_string().contains(issue), "{body}");
            }
            ok::<()>(change(&here, password, &new, &new).await).await;
            let kept: Option<SessionInfo> = ok(here.call("session", &[]).await).await;
            assert!(kept.is_some(), "{email}: this session stays");
            let ended: Option<SessionInfo> = ok(there.call("session", &[]).await).await;
            assert_eq!(ended, None, "{email}: the other one ends");
            let old = server.another_client().call("sign_in", &[("email", email), ("password", password)]).await;
            assert_eq!(old.status(), 401);
            // The new password is taken (a moderator's third sign-in in these
            // seconds stops at the code: each code works once).
            let renewed = server.another_client().call("sign_in", &[("email", email), ("password", &new)]).await;
            assert_eq!(renewed.status(), 200, "{email}");
        }
        assert_eq!(
            change(&server.another_client(), "x", "a long new password", "a long new password").await.status(),
            401
        );
    }
}

#[tokio::test]
async fn a_wrong_current_password_counts_as_a_failed_sign_in() {
    use souk::app::limits::PER_PAIR;
    for server in servers().await {
        let owner = server.as_user(VOLGA).await;
        for _ in 0..PER_PAIR.free {
            assert_eq!(change(&owner, "guess", "a long new password", "a long new password").await.status(), 422);
        }
        let limited = change(&owner, VOLGA.1, "a long new password", "a long new password").await;
        assert_eq!(limited.status(), 429, "{}", server.label);
        let error: ApiError = limited.json().await.unwrap();
        assert!(matches!(error, ApiError::TooManyAttempts(_)));
    }
}
