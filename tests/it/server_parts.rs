//! The server's parts on their own: which app a page belongs to, cache rules,
//! the session cookie, the secrets' key and seal, the limits on attempts.

mod apps {
    use souk::apps::*;

    #[test]
    fn pages_belong_to_one_app() {
        let expected = [
            (App::Cabinet, &["/partner", "/partner/lst-1", "/partner/new?x=1", "/apply", "/welcome/ab12"][..]),
            (App::Moderation, &["/moderation", "/moderation/applications", "/moderation#queue"]),
            (App::Account, &["/billing?payment=pay-1", "/notifications", "/account"]),
            (App::Builtins, &["/builtins/sms/con-1"]),
            (
                App::Marketplace,
                &[
                    "/",
                    "/marketplace",
                    "/marketplace/partnerka",
                    "/signin?next=/partner",
                    "/partners",
                    "/accounts",
                    "/billing-x",
                ],
            ),
        ];
        for (app, paths) in expected {
            for path in paths {
                assert_eq!(App::of(path), app, "{path}");
            }
        }
    }

    #[test]
    fn no_app_is_built_under_a_page() {
        for app in App::OTHERS {
            let dir = format!("/{}/index.html", app.dir().unwrap());
            assert_eq!(App::of(&dir), App::Marketplace, "{dir} would be answered by a page");
        }
    }
}

mod statics {
    use souk::server::statics::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("/souk-3fa9c1d2e4b5a6f7_bg.wasm"));
        assert!(is_hashed_asset("/souk-3fa9c1d2e4b5a6f7.js"));
        assert!(is_hashed_asset("/base-0123abcd4567ef89.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/marketplace/zvonar-cloud-pbx"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/logos/sklad-pro.svg"));
    }
}

mod auth {
    use souk::server::auth::*;

    const PLAIN: SessionCookie = SessionCookie { secure: false };
    const SECURE: SessionCookie = SessionCookie { secure: true };

    #[test]
    fn finds_the_session_cookie_among_others() {
        assert_eq!(PLAIN.token("a=1; souk_session=abc; b=2"), Some("abc"));
        assert_eq!(PLAIN.token("souk_session="), None);
        assert_eq!(PLAIN.token("other=x"), None);
        assert_eq!(SECURE.token("souk_session=abc; __Host-souk_session=def"), Some("def"));
        assert_eq!(SECURE.token("souk_session=abc"), None, "over HTTPS only the __Host- cookie counts");
    }

    #[test]
    fn cookie_is_http_only_and_strictly_same_site() {
        let cookie = PLAIN.set("t");
        assert!(cookie.starts_with("souk_session=t;"), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"));
        let secure = SECURE.set("t");
        assert!(secure.starts_with("__Host-souk_session=t; Path=/;") && secure.ends_with("; Secure"), "{secure}");
        assert!(!secure.contains("Domain"), "a __Host- cookie names no domain");
        assert!(SECURE.expired().starts_with("__Host-souk_session=;") && SECURE.expired().contains("Max-Age=0"));
    }
}

mod csrf {
    use axum::http::{HeaderMap, HeaderName, HeaderValue};
    use souk::server::config::public_origin;
    use souk::server::csrf::from_own_pages;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn only_the_apps_own_pages_may_call() {
        let own = Some("https://souk.example");
        assert!(from_own_pages(&headers(&[("origin", "https://souk.example")]), own));
        assert!(from_own_pages(&headers(&[("sec-fetch-site", "same-origin")]), own));
        for foreign in ["https://evil.example", "https://partner.souk.example", "http://souk.example", "null"] {
            let sent = headers(&[("origin", foreign), ("sec-fetch-site", "same-origin")]);
            assert!(!from_own_pages(&sent, own), "{foreign}");
        }
        assert!(!from_own_pages(&headers(&[("sec-fetch-site", "same-site")]), own), "a sibling subdomain");
        assert!(!from_own_pages(&headers(&[]), own), "nothing says where it came from");
        assert!(!from_own_pages(&headers(&[("origin", "https://souk.example")]), None));
    }

    #[test]
    fn the_public_url_is_an_origin() {
        assert_eq!(public_origin("https://Souk.Example/").as_deref(), Ok("https://souk.example"));
        assert_eq!(public_origin("https://souk.example:443").as_deref(), Ok("https://souk.example"));
        assert_eq!(public_origin("http://127.0.0.1:8080").as_deref(), Ok("http://127.0.0.1:8080"));
        for bad in ["souk.example", "ftp://souk.example", "https://souk.example/app", "https://u@souk.example"] {
            assert!(public_origin(bad).is_err(), "{bad}");
        }
    }
}

mod config {
    use souk::server::config::*;
    use souk::store::sql::SecretKey;
    use std::path::PathBuf;

    #[test]
    fn the_key_file_sits_beside_the_sqlite_file() {
        assert_eq!(key_file_beside("sqlite://data/souk.db"), PathBuf::from("data/secret.key"));
        assert_eq!(key_file_beside("sqlite:///srv/souk/souk.db?mode=rwc"), PathBuf::from("/srv/souk/secret.key"));
        assert_eq!(key_file_beside("postgres://souk@db/souk"), PathBuf::from("data/secret.key"));
    }

    #[test]
    fn the_key_file_is_made_once_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/secret.key");
        let key = SecretKey::load_or_create(&path).unwrap();
        assert_eq!(SecretKey::load_or_create(&path).unwrap().to_hex(), key.to_hex(), "the same key next start");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(SecretKey::load_or_create(&path).is_err(), "a damaged key file stops the server");
    }
}

mod limits {
    use chrono::{TimeDelta, Utc};
    use souk::app::limits::*;
    use std::net::IpAddr;

    fn address(n: u32) -> Option<IpAddr> {
        Some(IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000_u32 + n)))
    }

    #[test]
    fn a_guesser_waits_longer_after_each_failure_up_to_the_cap() {
        let limits = SignInLimits::default();
        let mut now = Utc::now();
        for _ in 0..PER_PAIR.free {
            let _counted = limits.reserve("a@x", address(1), now).expect("free tries");
        }
        let mut delay = FIRST_DELAY;
        for _ in 0..12 {
            assert_eq!(limits.reserve("a@x", address(1), now).unwrap_err(), delay);
            now += delay;
            let _counted = limits.reserve("a@x", address(1), now).expect("after the delay");
            delay = (delay * 2).min(PER_PAIR.cap);
        }
        assert_eq!(delay, PER_PAIR.cap, "doubling stops at the cap");
        assert!(limits.reserve("a@x", address(1), now + FORGET_AFTER).is_ok(), "idle long enough: afresh");
    }

    #[test]
    fn a_strangers_failures_do_not_lock_the_owner_out() {
        let limits = SignInLimits::default();
        let now = Utc::now();
        for _ in 0..5 {
            let _ = limits.reserve("owner@x", address(66), now);
        }
        let owner = limits.reserve("owner@x", address(1), now).expect("the owner, from home, at once");
        limits.succeeded(owner);
        // Many addresses, one failure each: the account slows down mildly.
        for n in 100..100 + PER_ACCOUNT.free {
            let _counted = limits.reserve("victim@x", address(n), now).unwrap();
        }
        assert_eq!(limits.reserve("victim@x", address(1), now).unwrap_err(), FIRST_DELAY);
        assert!(limits.reserve("victim@x", address(1), now + PER_ACCOUNT.cap).is_ok(), "never more than the cap");
    }

    #[test]
    fn a_burst_at_one_moment_gets_the_free_tries_only() {
        let limits = SignInLimits::default();
        let now = Utc::now();
        let admitted = (0..10).filter(|_| limits.reserve("a@x", address(1), now).is_ok()).count();
        assert_eq!(admitted, PER_PAIR.free as usize);
        let admitted = (0..40).filter(|n| limits.reserve(&format!("u{n}@x"), address(2), now).is_ok()).count();
        assert_eq!(admitted, PER_ADDRESS.free as usize, "one address across accounts");
    }

    #[test]
    fn the_right_password_takes_its_reservation_back() {
        let limits = SignInLimits::default();
        let now = Utc::now();
        for _ in 0..PER_PAIR.free - 1 {
            let _failed = limits.reserve("a@x", address(1), now).unwrap();
        }
        limits.succeeded(limits.reserve("a@x", address(1), now).unwrap());
        for _ in 0..PER_PAIR.free {
            let _failed = limits.reserve("a@x", address(1), now).expect("the pair starts afresh");
        }
    }

    #[test]
    fn the_limits_hold_a_bounded_number_of_keys() {
        let (sign_in, applications) = (SignInLimits::default(), ApplicationLimits::default());
        let now = Utc::now();
        for n in 0..(MAX_KEYS as u32 + 5_000) {
            let later = now + TimeDelta::milliseconds(i64::from(n));
            let _counted = sign_in.reserve(&format!("u{n}@x"), address(n), later).expect("a new key each time");
            applications.admit(address(n), later).expect("a new address each time");
        }
        assert!(sign_in.keys_held() <= MAX_KEYS && applications.keys_held() <= MAX_KEYS);
        assert!(sign_in.keys_held() >= MAX_KEYS / 2, "the most recent are kept");
    }

    #[test]
    fn limits_applications_per_address() {
        let limits = ApplicationLimits::default();
        let start = Utc::now();
        let home = address(1);
        for _ in 0..APPLICATIONS_PER_ADDRESS {
            assert_eq!(limits.admit(home, start), Ok(()));
        }
        assert_eq!(limits.admit(home, start), Err(APPLICATION_WINDOW));
        assert_eq!(limits.admit(address(2), start), Ok(()));
        assert_eq!(limits.admit(home, start + APPLICATION_WINDOW), Ok(()), "an hour later");
    }
}

mod secrets {
    use souk::domain::ListingId;
    use souk::store::sql::secrets::*;
    use souk::store::ModuleSecret;

    #[test]
    fn a_sealed_secret_opens_with_its_key_and_listing_only() {
        let key = SecretKey::random();
        let sealer = Sealer::new(&key);
        let (listing, other) = (ListingId::new("lst-a"), ListingId::new("lst-b"));
        let secret = ModuleSecret("0123abcd".repeat(8));
        let sealed = sealer.seal(&listing, &secret).unwrap();
        assert!(!sealed.contains(&secret.0));
        assert_eq!(sealer.open(&listing, &sealed).unwrap(), secret);
        assert!(sealer.open(&other, &sealed).is_err(), "bound to its listing");
        assert!(Sealer::new(&SecretKey::random()).open(&listing, &sealed).is_err(), "another key");
        assert_ne!(sealer.seal(&listing, &secret).unwrap(), sealed, "a new nonce each time");
        assert_eq!(SecretKey::from_hex(&key.to_hex()).unwrap().to_hex(), key.to_hex());
        assert!(SecretKey::from_hex("abc").is_err());
    }
}

mod problems {
    use souk::api::ApiError;
    use souk::domain::submission::{Field, Issue, Problem};

    #[test]
    fn a_refusal_s_problems_travel_as_the_plain_list_and_decode_where_shown() {
        let problems = vec![Problem { field: Field::Code, issue: Issue::CodeTaken }];
        let error: ApiError = problems.clone().into();
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(json, r#"{"error":"invalid","detail":[{"field":"code","issue":"code_taken"}]}"#, "tag first");
        let back: ApiError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, error);
        let ApiError::Invalid(list) = back else { panic!("{back:?}") };
        assert_eq!(list.decode(), problems);
    }

    #[test]
    fn an_sms_refusal_travels_as_its_plain_json_and_decodes_where_shown() {
        use souk::domain::sms::gateway::{GatewayCode, GatewayFailure};
        use souk::domain::sms::SmsRefusal;
        let refusal = SmsRefusal::Gateway(GatewayFailure::Refused(GatewayCode::WrongCredentials));
        let error: ApiError = refusal.clone().into();
        let json = serde_json::to_string(&error).unwrap();
        let wire = r#"{"error":"sms","detail":{"kind":"gateway","detail":{"kind":"refused","detail":{"code":"wrong_credentials"}}}}"#;
        assert_eq!(json, wire);
        let back: ApiError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, error);
        assert_eq!(back.status(), 409);
        let ApiError::Sms(detail) = back else { panic!("{back:?}") };
        assert_eq!(detail.decode(), Some(refusal));
    }
}

mod headers {
    use souk::server::headers::{content_security_policy, security_headers, SecurityHeaders};
    use std::sync::Arc;
    use tower::ServiceExt;

    #[test]
    fn a_page_s_policy_allows_its_inline_scripts_by_hash_and_nothing_else_inline() {
        let policy =
            content_security_policy("<p>x</p><script type=\"module\">a()</script><script src=\"/x.js\"></script>");
        assert_eq!(policy.matches("'sha256-").count(), 1, "only the inline one: {policy}");
        assert!(policy.contains("'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"), "{policy}");
        assert!(!content_security_policy("<p>no script</p>").contains("sha256"));
    }

    #[tokio::test]
    async fn https_deployments_ask_browsers_to_stay_on_https() {
        let dist = tempfile::tempdir().unwrap();
        let app = |https| {
            let headers = Arc::new(SecurityHeaders::for_dist(dist.path(), https));
            axum::Router::new()
                .route("/", axum::routing::get(|| async { "ok" }))
                .layer(axum::middleware::from_fn_with_state(headers, security_headers))
        };
        let request = || axum::http::Request::get("/").body(axum::body::Body::empty()).unwrap();
        let secure = app(true).oneshot(request()).await.unwrap();
        assert_eq!(secure.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
        let plain = app(false).oneshot(request()).await.unwrap();
        assert!(plain.headers().get("strict-transport-security").is_none());
    }
}
