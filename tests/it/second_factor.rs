//! Moderators' second factor over real HTTP: a password alone opens nothing,
//! enrolling takes a code from the app, each code works once, wrong codes
//! run out, and recovery codes sign in once each.

use crate::common::{ok, server_in, Setup, TestServer, SQLITE};
use souk::api::types::{SecondFactorDone, SignInAnswer};
use souk::api::SessionInfo;
use souk::app::passwords::Passwords;
use souk::app::second_factor::{code_at, MAX_CODE_ATTEMPTS};
use souk::app::users::{create_user, NewUser};
use souk::domain::Role;
use souk::store::sql::{SecretKey, SqlStore};

const OPS: (&str, &str) = ("ops@souk.example", "a long operator pass");

/// Behind a proxy on this machine, so each code can come from another client address.
async fn moderator_server() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let key = SecretKey::load_or_create(&dir.path().join("secret.key")).unwrap();
    let store = SqlStore::connect(&SQLITE.replace("{dir}", &dir.path().display().to_string()), &key).await.unwrap();
    let moderator = NewUser { role: Role::Moderator, email: OPS.0.into(), name: "Ops".into(), company: None };
    create_user(&store, Passwords::Preview, moderator, OPS.1.into()).await.unwrap();
    store.pool.close().await;
    server_in(dir, Setup { public_url: Some("http://souk.test"), demo: false, ..Setup::BEHIND_PROXY }).await
}

async fn password_step(browser: &TestServer) -> SignInAnswer {
    ok(browser.call("sign_in", &[("email", OPS.0), ("password", OPS.1)]).await).await
}

async fn code(browser: &TestServer, challenge: &str, code: &str) -> reqwest::Response {
    browser.call("second_factor", &[("challenge", challenge), ("code", code)]).await
}

async fn error(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    (status, body["error"].as_str().unwrap_or_default().to_string())
}

async fn session(browser: &TestServer) -> Option<SessionInfo> {
    ok(browser.call("session", &[]).await).await
}

#[tokio::test]
async fn a_moderator_enrols_an_app_and_then_signs_in_with_its_codes_once_each() {
    let server = moderator_server().await;
    let browser = server.another_client();
    let SignInAnswer::Enrol { challenge, secret, otpauth, qr, demo_code } = password_step(&browser).await else {
        panic!("a moderator without a second factor enrols first");
    };
    assert_eq!(session(&browser).await, None, "the password alone opens nothing");
    assert_eq!(demo_code, None, "outside demo mode no code is shown");
    assert!(otpauth.starts_with("otpauth://totp/Souk:ops%40souk.example?secret=") && otpauth.contains(&secret));
    assert!(qr.starts_with("data:image/svg+xml"), "{}", &qr[..40]);
    assert_eq!(error(code(&browser, &challenge, "000000").await).await, (401, "wrong_code".into()));

    let done: SecondFactorDone =
        ok(code(&browser, &challenge, &code_at(&secret, chrono::Utc::now()).unwrap()).await).await;
    assert_eq!(done.session.user.role, Role::Moderator);
    let recovery = done.recovery_codes.clone();
    assert_eq!(recovery.iter().collect::<std::collections::BTreeSet<_>>().len(), 10);
    assert!(session(&browser).await.is_some());
    assert_eq!(ok::<Option<u32>>(browser.call("recovery_codes_left", &[]).await).await, Some(10));
    let store = server.store().await;
    let (sealed,): (String,) =
        sqlx::query_as("SELECT secret_sealed FROM second_factors").fetch_one(&store.pool).await.unwrap();
    assert!(!sealed.contains(&secret), "the secret is kept sealed");
    let hashes: Vec<(String,)> =
        sqlx::query_as("SELECT code_hash FROM recovery_codes").fetch_all(&store.pool).await.unwrap();
    assert!(hashes.iter().all(|(hash,)| !recovery.iter().any(|code| hash.contains(code))), "only hashes");

    // Next time: a code, not a new enrolment; the code just used does not work again.
    let laptop = server.another_client();
    let SignInAnswer::Code { challenge, .. } = password_step(&laptop).await else { panic!("enrolled: a code") };
    let used = code_at(&secret, chrono::Utc::now()).unwrap();
    assert_eq!(error(code(&laptop, &challenge, &used).await).await, (401, "wrong_code".into()));
    // A recovery code, typed as people type, works once.
    let typed = format!(" {} ", recovery[3].to_uppercase().replace('-', " "));
    ok::<SecondFactorDone>(code(&laptop, &challenge, &typed).await).await;
    assert!(session(&laptop).await.is_some());
    assert_eq!(ok::<Option<u32>>(laptop.call("recovery_codes_left", &[]).await).await, Some(9));
    let phone = server.another_client();
    let SignInAnswer::Code { challenge, .. } = password_step(&phone).await else { panic!("a code") };
    assert_eq!(error(code(&phone, &challenge, &recovery[3]).await).await, (401, "wrong_code".into()));
    assert_eq!(error(code(&phone, &challenge, "").await).await.0, 401);
    assert_eq!(session(&phone).await, None);
}

/// Enrols OPS's app; answers its secret.
async fn enrol(server: &TestServer) -> String {
    let browser = server.another_client();
    let SignInAnswer::Enrol { challenge, secret, .. } = password_step(&browser).await else { panic!("enrol") };
    ok::<SecondFactorDone>(code(&browser, &challenge, &code_at(&secret, chrono::Utc::now()).unwrap()).await).await;
    secret
}

#[tokio::test]
async fn wrong_codes_run_out_and_a_guessed_challenge_opens_nothing() {
    let server = moderator_server().await;
    let secret = enrol(&server).await;
    let browser = server.another_client();
    let SignInAnswer::Code { challenge, .. } = password_step(&browser).await else { panic!("a code") };
    // From one address the sign-in limits slow guessing first (a wait after three).
    let mut answers = Vec::new();
    for _ in 0..4 {
        answers.push(error(code(&browser, &challenge, "12345").await).await.1);
    }
    assert_eq!(answers, ["wrong_code", "wrong_code", "wrong_code", "too_many_attempts"]);
    // From many, the challenge itself runs out at its fifth wrong code.
    for i in 0..MAX_CODE_ATTEMPTS - 3 {
        let body = serde_json::json!({"challenge": challenge, "code": "12345"});
        let from =
            browser.client.post(browser.url("/api/second_factor")).header("x-forwarded-for", format!("203.0.113.{i}"));
        assert_eq!(error(from.json(&body).send().await.unwrap()).await.1, "wrong_code", "attempt {i}");
    }
    // Even the next right code is too late now: the password is asked again.
    let next = code_at(&secret, chrono::Utc::now() + chrono::TimeDelta::seconds(30)).unwrap();
    assert_eq!(error(code(&browser, &challenge, &next).await).await, (401, "sign_in_expired".into()));
    let guessed = "0".repeat(64);
    assert_eq!(error(code(&browser, &guessed, &next).await).await, (401, "sign_in_expired".into()));
    assert_eq!(session(&browser).await, None);
    // A new sign-in, from an address that has not been slowed down, with that code works.
    let from = |name: &str, body: serde_json::Value| {
        let url = browser.url(&format!("/api/{name}"));
        browser.client.post(url).header("x-forwarded-for", "198.51.100.7").json(&body).send()
    };
    let password = from("sign_in", serde_json::json!({"email": OPS.0, "password": OPS.1})).await.unwrap();
    let SignInAnswer::Code { challenge, .. } = ok(password).await else { panic!("a code") };
    ok::<SecondFactorDone>(
        from("second_factor", serde_json::json!({"challenge": challenge, "code": next})).await.unwrap(),
    )
    .await;
    assert!(session(&browser).await.is_some());
}
