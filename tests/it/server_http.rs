//! The server over real HTTP: sessions, the catalog each account may see,
//! refusals, and how static files are served.

use crate::common::{server_in, Setup, TestServer};
use serde_json::Value;
use souk::api::types::SignInAnswer;
use souk::api::{CatalogModule, CatalogView, SessionInfo};
use souk::domain::ApiVersion;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");

async fn catalog(server: &crate::common::TestServer) -> Vec<CatalogModule> {
    let response = server.call("catalog", &[]).await;
    assert_eq!(response.status(), 200, "{}", server.label);
    response.json::<CatalogView>().await.unwrap().modules
}

async fn balance(who: &crate::common::TestServer) -> Value {
    who.call("billing", &[]).await.json::<Value>().await.unwrap()["ledger"]["balance"].clone()
}

async fn sign_in_from(server: &crate::common::TestServer, origin: &str, proto: &str) -> reqwest::Response {
    let request = server.client.post(server.url("/api/sign_in")).header("origin", origin);
    let body = serde_json::json!({ "email": VOLGA.0, "password": VOLGA.1 });
    request.header("x-forwarded-proto", proto).json(&body).send().await.unwrap()
}

#[tokio::test]
async fn a_page_elsewhere_cannot_call_a_server_function_as_the_signed_in_user() {
    for server in crate::common::servers().await {
        let victim = server.as_user(VOLGA).await;
        let before = balance(&victim).await;
        let top_up = server.url("/api/top_up");
        let body = r#"{"amount":"500"}"#;
        let own = server.base.as_str();
        let forged = [
            ("text/plain", Some(own), 415),
            ("application/x-www-form-urlencoded", Some(own), 415),
            ("multipart/form-data; boundary=x", Some(own), 415),
            ("application/json", Some("http://evil.example"), 403),
            ("application/json", Some("http://127.0.0.1.evil.example"), 403),
            ("application/json", Some("null"), 403),
            ("application/json", None, 403),
        ];
        let victims_browser = victim.without_origin();
        for (kind, origin, status) in forged {
            let mut request = victims_browser.post(&top_up).header("content-type", kind).body(body);
            request = match origin {
                Some(origin) => request.header("origin", origin),
                None => request.header("sec-fetch-site", "cross-site"),
            };
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), status, "{} {kind} from {origin:?}", server.label);
        }
        assert_eq!(balance(&victim).await, before, "{}: no forged top-up went through", server.label);

        // Signing a victim into the attacker's account, cross-site, sets no cookie.
        let stranger = server.another_client();
        let login = sign_in_from(&stranger, "http://evil.example", "http").await;
        assert_eq!(login.status(), 403);
        assert!(login.headers().get("set-cookie").is_none());

        // The browser's own same-origin marker stands in for a missing Origin.
        let same = victims_browser
            .post(server.url("/api/billing"))
            .header("sec-fetch-site", "same-origin")
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(same.status(), 200, "{}", server.label);
    }
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_and_host_only_whatever_the_request_says() {
    let setup = crate::common::Setup { public_url: Some("https://souk.example"), ..crate::common::Setup::DEMO };
    let server = crate::common::server_in(tempfile::tempdir().unwrap(), setup).await;
    let response = sign_in_from(&server, "https://souk.example", "http").await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-souk_session=") && cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict") && cookie.contains("Path=/;"), "{cookie}");
    assert_eq!(sign_in_from(&server, &server.base, "https").await.status(), 403, "not the public origin");

    let plain = crate::common::servers().await.remove(0);
    let response = sign_in_from(&plain, &plain.base, "https").await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(!cookie.contains("Secure") && cookie.starts_with("souk_session="), "a header does not decide: {cookie}");
}

#[tokio::test]
async fn sign_in_sets_an_http_only_cookie_and_sign_out_ends_the_session() {
    for server in crate::common::servers().await {
        let response = server.call("sign_in", &[("email", "OWNER@volga.demo "), ("password", VOLGA.1)]).await;
        assert_eq!(response.status(), 200, "{}", server.label);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("souk_session="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain HTTP: no public HTTPS address is configured");
        let SignInAnswer::SignedIn(session) = response.json().await.unwrap() else { panic!("an owner needs no code") };
        assert_eq!(session.user.email, "owner@volga.demo");
        assert_eq!(session.account.as_ref().unwrap().account.id, "volga-trade");

        let current: Option<SessionInfo> = server.call("session", &[]).await.json().await.unwrap();
        assert_eq!(current, Some(session));

        assert_eq!(server.call("sign_out", &[]).await.status(), 200);
        let current: Option<SessionInfo> = server.call("session", &[]).await.json().await.unwrap();
        assert_eq!(current, None, "{}", server.label);
        let refused = server.call("catalog", &[]).await;
        assert_eq!(refused.status(), 401);
        assert_eq!(refused.json::<Value>().await.unwrap()["error"], "not_signed_in");
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    for server in crate::common::servers().await {
        let wrong_password = server.call("sign_in", &[("email", VOLGA.0), ("password", "nope")]).await;
        let unknown_email = server.call("sign_in", &[("email", "nobody@volga.demo"), ("password", VOLGA.1)]).await;
        assert_eq!(wrong_password.status(), 401, "{}", server.label);
        assert_eq!(unknown_email.status(), 401);
        assert!(wrong_password.headers().get("set-cookie").is_none());
        let (a, b) = (wrong_password.text().await.unwrap(), unknown_email.text().await.unwrap());
        assert_eq!(a, b);
        assert_eq!(serde_json::from_str::<Value>(&a).unwrap()["error"], "bad_credentials");
    }
}

#[tokio::test]
async fn a_call_without_a_session_is_refused() {
    for server in crate::common::servers().await {
        let response = server.call("catalog", &[]).await;
        assert_eq!(response.status(), 401, "{}", server.label);
        let forged = server
            .client
            .post(server.url("/api/catalog"))
            .header("cookie", "souk_session=00ff00ff")
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 401);
        let none: Option<SessionInfo> = server.call("session", &[]).await.json().await.unwrap();
        assert_eq!(none, None);
    }
}

#[tokio::test]
async fn each_account_sees_only_the_modules_for_its_countries_and_api() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let volga = catalog(&server).await;
        assert_eq!(volga.len(), 43, "{}", server.label);
        assert!(volga.iter().all(|m| m.listing.countries.iter().any(|c| c.as_str() == "RU")));

        let steppe_server = server.another_client();
        steppe_server.sign_in(STEPPE.0, STEPPE.1).await;
        let steppe = catalog(&steppe_server).await;
        assert_eq!(steppe.len(), 26, "{}", server.label);
        for module in &steppe {
            assert!(module.listing.min_api <= ApiVersion::V4, "{}", module.listing.code);
            assert!(module.listing.countries.iter().any(|c| ["KZ", "BY"].contains(&c.as_str())));
        }
        // The first account's session is untouched by the second's.
        assert_eq!(catalog(&server).await.len(), 43);
    }
}

#[tokio::test]
async fn partners_and_moderators_browse_every_published_module() {
    for server in crate::common::servers().await {
        server.sign_in("moderator@souk.demo", "moderator-demo-2026").await;
        let all = catalog(&server).await;
        assert_eq!(all.len(), 51, "{}", server.label);
        // They have no account, so nothing to bill.
        assert_eq!(server.call("billing", &[]).await.status(), 403);
    }
}

#[tokio::test]
async fn logos_are_served_as_images_that_cannot_run_script() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let module = catalog(&server).await.into_iter().next().unwrap();
        assert!(module.logo_url.starts_with(&format!("/logos/{}.svg?v=", module.listing.code)));
        let logo = server.client.get(server.url(&module.logo_url)).send().await.unwrap();
        assert_eq!(logo.status(), 200);
        let headers = logo.headers();
        assert_eq!(headers["content-type"], "image/svg+xml; charset=utf-8");
        assert_eq!(headers["content-security-policy"], "default-src 'none'; style-src 'unsafe-inline'; sandbox");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(logo.text().await.unwrap().starts_with("<svg"));
        let missing = server.client.get(server.url("/logos/no-such-module.svg")).send().await.unwrap();
        assert_eq!(missing.status(), 404);
    }
}

#[tokio::test]
async fn static_files_are_cached_by_kind_and_compressed() {
    for server in crate::common::servers().await {
        let health = server.client.get(server.url("/healthz")).send().await.unwrap();
        assert_eq!(health.status(), 200);

        let page = server.client.get(server.url("/marketplace/zvonar-cloud-pbx")).send().await.unwrap();
        assert_eq!(page.status(), 200, "deep links get the app's page");
        assert_eq!(page.headers()["cache-control"], "no-cache");
        assert!(page.text().await.unwrap().contains("<title>Souk</title>"));
        // Each app's pages get that app's build, and nothing else does.
        for (path, title) in [
            ("/partner", "Souk Cabinet"),
            ("/partner/lst-chatterbox", "Souk Cabinet"),
            ("/apply", "Souk Cabinet"),
            ("/welcome/0123abcd", "Souk Cabinet"),
            ("/moderation/applications", "Souk Moderation"),
            ("/billing", "Souk Account"),
            ("/notifications", "Souk Account"),
            ("/account", "Souk Account"),
            ("/partners", "Souk"),
            ("/signin", "Souk"),
        ] {
            let page = server.client.get(server.url(path)).send().await.unwrap();
            assert_eq!(page.status(), 200, "{path}");
            assert_eq!(page.headers()["cache-control"], "no-cache", "{path}");
            assert!(page.text().await.unwrap().contains(&format!("<title>{title}</title>")), "{path}");
        }

        let asset = server
            .client
            .get(server.url("/souk-0123456789abcdef.js"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(asset.headers()["content-encoding"], "gzip");

        let precompressed = server
            .client
            .get(server.url("/souk-0123456789abcdef.js"))
            .header("accept-encoding", "br")
            .send()
            .await
            .unwrap();
        assert_eq!(precompressed.headers()["content-encoding"], "br");
        assert_eq!(precompressed.text().await.unwrap(), "precompressed by make dist");

        // The preview's demo data is not in the server's dist: the path is the app's, like any unknown one.
        let demo = server.client.get(server.url("/demo/catalog.json")).send().await.unwrap();
        assert!(demo.text().await.unwrap().starts_with("<!doctype html>"), "the page, not the demo data");
    }
}

/// A sign-in from `address`, as the trusted proxy in front of the server names it.
async fn sign_in_via_proxy(server: &TestServer, address: &str, (email, password): (&str, &str)) -> reqwest::Response {
    let body = serde_json::json!({ "email": email, "password": password });
    let request = server.another_client().client.post(server.url("/api/sign_in")).header("x-forwarded-for", address);
    request.json(&body).send().await.unwrap()
}

#[tokio::test]
async fn a_burst_of_guesses_gets_the_free_tries_and_the_owner_still_signs_in() {
    use souk::app::limits::{PER_ADDRESS, PER_PAIR};
    let server = server_in(tempfile::tempdir().unwrap(), Setup::BEHIND_PROXY).await;
    let guesses = (0..10).map(|n| {
        let server = &server;
        async move { sign_in_via_proxy(server, "203.0.113.66", (VOLGA.0, &format!("guess {n}"))).await.status() }
    });
    let answers = futures_util::future::join_all(guesses).await;
    let tried = answers.iter().filter(|status| status.as_u16() == 401).count();
    assert_eq!(tried, PER_PAIR.free as usize, "{answers:?}");
    assert_eq!(answers.iter().filter(|status| status.as_u16() == 429).count(), 10 - tried);

    let refused = sign_in_via_proxy(&server, "203.0.113.66", VOLGA).await;
    assert_eq!(refused.status(), 429, "the guesser waits, even with the right password");
    let body: Value = refused.json().await.unwrap();
    assert!(body["error"] == "too_many_attempts" && body["detail"].as_u64().unwrap() >= 1, "{body}");
    assert_eq!(sign_in_via_proxy(&server, "198.51.100.7", VOLGA).await.status(), 200, "the owner is not locked out");

    // One address across accounts: past its free failures it waits too.
    for n in 0..PER_ADDRESS.free {
        let status = sign_in_via_proxy(&server, "203.0.113.99", (&format!("nobody{n}@example.test"), "guess")).await;
        assert_eq!(status.status(), 401);
    }
    assert_eq!(sign_in_via_proxy(&server, "203.0.113.99", STEPPE).await.status(), 429);
    assert_eq!(sign_in_via_proxy(&server, "198.51.100.8", STEPPE).await.status(), 200);
}

#[tokio::test]
async fn a_client_cannot_name_its_own_address_nor_send_what_no_address_is() {
    use souk::app::limits::PER_PAIR;
    for server in crate::common::servers().await {
        let huge = "a".repeat(10_000) + "@example.test";
        let started = std::time::Instant::now();
        let refused = server.call("sign_in", &[("email", &huge), ("password", "x")]).await;
        assert_eq!(refused.status(), 400, "{}", server.label);
        assert!(refused.text().await.unwrap().contains("email"));
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "refused before any hash");

        // No trusted proxy is configured: a forwarded address is not believed.
        for n in 0..PER_PAIR.free {
            assert_eq!(sign_in_via_proxy(&server, &format!("192.0.2.{n}"), (VOLGA.0, "guess")).await.status(), 401);
        }
        assert_eq!(sign_in_via_proxy(&server, "192.0.2.200", (VOLGA.0, "guess")).await.status(), 429);
    }
}

#[tokio::test]
async fn a_burst_of_sign_ins_hashes_at_most_one_password_per_core_at_once() {
    use souk::app::passwords::{max_concurrent_hashes, peak_concurrent_hashes};
    let server = server_in(tempfile::tempdir().unwrap(), Setup::BEHIND_PROXY).await;
    let burst = (0..4 * max_concurrent_hashes()).map(|n| {
        let server = &server;
        async move {
            let email = format!("someone{n}@example.test");
            sign_in_via_proxy(server, &format!("203.0.113.{n}"), (&email, "a wrong password")).await.status()
        }
    });
    let answers = futures_util::future::join_all(burst).await;
    assert!(answers.iter().all(|status| status.as_u16() == 401), "each was tried: {answers:?}");
    assert!(peak_concurrent_hashes() <= max_concurrent_hashes(), "{} at once", peak_concurrent_hashes());
}

#[tokio::test]
async fn partners_and_moderators_choose_their_time_zone_and_account_owners_keep_the_account_s() {
    for server in crate::common::servers().await {
        let partner = server.as_user(("partner@govorun.demo", "partner-demo-2026")).await;
        let session: SessionInfo = crate::common::ok(partner.call("session", &[]).await).await;
        assert_eq!(session.user.timezone, None, "{}: the browser's until chosen", server.label);
        let chosen: SessionInfo =
            crate::common::ok(partner.call("set_timezone", &[("timezone", "Asia/Almaty")]).await).await;
        assert_eq!(chosen.user.timezone.as_deref(), Some("Asia/Almaty"));
        let again: SessionInfo = crate::common::ok(partner.call("session", &[]).await).await;
        assert_eq!(again.user.timezone.as_deref(), Some("Asia/Almaty"), "kept");
        assert_eq!(partner.call("set_timezone", &[("timezone", "Mars/Olympus")]).await.status(), 400);

        let owner = server.as_user(VOLGA).await;
        assert_eq!(owner.call("set_timezone", &[("timezone", "Asia/Almaty")]).await.status(), 403);
        let anonymous = server.another_client();
        assert_eq!(anonymous.call("set_timezone", &[("timezone", "UTC")]).await.status(), 401);
    }
}

#[tokio::test]
async fn pages_carry_a_policy_that_runs_only_their_own_scripts_and_cannot_be_framed() {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let loader = crate::common::LOADER.trim_start_matches(|c| c != '>').trim_start_matches('>');
    let loader = loader.trim_end_matches("</script>");
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(loader));
    for server in crate::common::servers().await {
        let page = server.client.get(server.url("/marketplace")).send().await.unwrap();
        let headers = page.headers();
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'")), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "no inline script but the loader: {policy}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{}", server.label);
        assert_eq!(headers["referrer-policy"], "same-origin");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert!(headers.get("strict-transport-security").is_none(), "plain HTTP here: no HSTS");

        let api = server.call("session", &[]).await;
        assert_eq!(api.headers()["x-content-type-options"], "nosniff");
        assert!(api.headers().get("content-security-policy").is_none(), "a policy is for pages");
    }
}
