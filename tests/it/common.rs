//! A real souk-server on a random port, on a new SQLite file, or on a new
//! PostgreSQL database when `SOUK_TEST_POSTGRES` names a server to create it on.

use souk::api::types::{SecondFactorDone, SignInAnswer};
use souk::server::config::SecretKeySource;
use souk::server::payments::PaymentsConfig;
use souk::store::sql::{SecretKey, SqlStore};
use sqlx::Connection;
use std::path::PathBuf;
use std::sync::Arc;

/// The demo moderator's TOTP secret, from the demo data.
pub const DEMO_TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

pub struct TestServer {
    pub base: String,
    pub database_url: String,
    pub label: String,
    pub client: reqwest::Client,
    /// Where its pages are: SOUK_PUBLIC_URL, else `base`.
    origin: String,
    jar: Arc<reqwest::cookie::Jar>,
    secret_key: SecretKey,
    _files: Arc<tempfile::TempDir>,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function the way the app does: a JSON POST under /api/.
    pub async fn call(&self, name: &str, args: &[(&str, &str)]) -> reqwest::Response {
        let body: serde_json::Map<String, serde_json::Value> =
            args.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(*v))).collect();
        self.client.post(self.url(&format!("/api/{name}"))).json(&body).send().await.expect("the server answers")
    }

    /// The same server seen from a second browser, with its own cookie jar.
    pub fn another_client(&self) -> TestServer {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        TestServer {
            database_url: self.database_url.clone(),
            base: self.base.clone(),
            label: self.label.clone(),
            client: new_client(&jar, Some(&self.origin)),
            origin: self.origin.clone(),
            jar,
            secret_key: self.secret_key.clone(),
            _files: self._files.clone(),
        }
    }

    /// This browser's cookies, in a client that sends no `Origin` of its own.
    pub fn without_origin(&self) -> reqwest::Client {
        new_client(&self.jar, None)
    }

    /// Calls a server function with JSON arguments of any shape.
    pub async fn call_json(&self, name: &str, body: serde_json::Value) -> reqwest::Response {
        self.client.post(self.url(&format!("/api/{name}"))).json(&body).send().await.expect("the server answers")
    }

    /// This server's database, as a second process would open it.
    pub async fn store(&self) -> SqlStore {
        SqlStore::connect(&self.database_url, &self.secret_key).await.expect("the database opens")
    }

    /// A built-in connection's secret as the database holds it.
    pub async fn sealed_builtin_secret(&self, connection: &str) -> String {
        let store = self.store().await;
        let (sealed,): (String,) =
            sqlx::query_as("SELECT secret_sealed FROM builtin_settings WHERE connection_id = $1")
                .bind(connection)
                .fetch_one(&store.pool)
                .await
                .unwrap();
        store.pool.close().await;
        sealed
    }

    /// One billing run at `now` against this server's database, as `souk-server billing --now` does.
    pub async fn run_billing(&self, now: &str) -> souk::app::billing::Report {
        let store = self.store().await;
        let now = chrono::DateTime::parse_from_rfc3339(now).unwrap().with_timezone(&chrono::Utc);
        let report = souk::app::billing::run_billing(&store, now).await.expect("billing runs");
        store.pool.close().await;
        report
    }

    /// One round of the modules' callbacks due at `now`, as the server's timer sends them.
    pub async fn send_callbacks(&self, now: chrono::DateTime<chrono::Utc>) -> usize {
        let store = self.store().await;
        let modules = souk::server::outgoing::ModuleClient::new(true, self.base.clone()).unwrap();
        let sent = souk::app::deliveries::send_due(&store, &modules, now).await.expect("callbacks are sent");
        store.pool.close().await;
        sent
    }

    /// One round of the booking channels' retries due at `now`, as the server's timer makes them.
    pub async fn retry_booking(&self, partner: &str, now: chrono::DateTime<chrono::Utc>) {
        let store = self.store().await;
        let modules = souk::server::outgoing::ModuleClient::new(true, self.base.clone()).unwrap();
        let partner = souk::app::builtins::BookingPartnerAt { url: partner.into(), ..Default::default() };
        souk::app::booking::retry_due(&store, &modules, &partner, now).await.expect("retries are made");
        store.pool.close().await;
    }

    /// Every letter in the outbox at `now`, as the mail sender would post them: (recipient, subject, body).
    pub async fn posted_letters(&self, now: chrono::DateTime<chrono::Utc>) -> Vec<(String, String, String)> {
        let store = self.store().await;
        let mailbox = Mailbox::default();
        souk::server::mail::send_letters(&store, &mailbox, now).await.expect("letters are sent");
        store.pool.close().await;
        mailbox.0.into_inner().unwrap()
    }

    /// A second browser signed in as `(email, password)`.
    pub async fn as_user(&self, (email, password): (&str, &str)) -> TestServer {
        let client = self.another_client();
        client.sign_in(email, password).await;
        client
    }

    /// Signs in; a moderator with the code the demo moderator's app shows,
    /// or, not enrolled yet, after enrolling an app with the secret offered.
    pub async fn sign_in(&self, email: &str, password: &str) {
        let response = self.call("sign_in", &[("email", email), ("password", password)]).await;
        assert_eq!(response.status(), 200, "{} sign-in as {email}", self.label);
        let answer: SignInAnswer = response.json().await.unwrap();
        if let SignInAnswer::Enrol { challenge, secret, .. } = &answer {
            let code = souk::app::second_factor::code_at(secret, chrono::Utc::now()).unwrap();
            let done: SecondFactorDone =
                ok(self.call("second_factor", &[("challenge", challenge), ("code", &code)]).await).await;
            assert_eq!(done.recovery_codes.len(), 10, "{} {email} enrolled", self.label);
        }
        if let SignInAnswer::Code { challenge, .. } = answer {
            // Each code works once: a second sign-in in the same 30 s takes the next one.
            for ahead in [0, 30] {
                let at = chrono::Utc::now() + chrono::TimeDelta::seconds(ahead);
                let code = souk::app::second_factor::code_at(DEMO_TOTP, at).unwrap();
                let response = self.call("second_factor", &[("challenge", &challenge), ("code", &code)]).await;
                if response.status() == 200 {
                    return;
                }
            }
            panic!("{} second factor of {email}", self.label);
        }
    }
}

/// The answer's JSON, after checking it is a 200.
pub async fn ok<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// An inline loader as Trunk writes one into the page: its hash is what the page's CSP allows.
pub const LOADER: &str = "<script type=\"module\">import init from '/souk-0123456789abcdef.js'; await init();</script>";

async fn start(label: &str, files: tempfile::TempDir, database_url: &str, setup: Setup) -> TestServer {
    start_paying(label, files, database_url, setup, None).await
}

async fn start_paying(
    label: &str,
    files: tempfile::TempDir,
    database_url: &str,
    setup: Setup,
    payments: Option<PaymentsConfig>,
) -> TestServer {
    let dist = files.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), format!("<!doctype html><title>Souk</title>{LOADER}")).unwrap();
    for app in souk::apps::App::OTHERS {
        let dir = dist.join(app.dir().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), format!("<!doctype html><title>Souk {app:?}</title>")).unwrap();
    }
    std::fs::write(dist.join("souk-0123456789abcdef.js"), "console.log('souk');".repeat(200)).unwrap();
    // What `make dist` writes beside each file; the server must send it as it is.
    std::fs::write(dist.join("souk-0123456789abcdef.js.br"), "precompressed by make dist").unwrap();
    let database_url = database_url.replace("{dir}", &files.path().display().to_string());
    // Where `souk-server` keeps the key of a SQLite database in `files`, so its commands share it.
    let secret_key = SecretKey::load_or_create(&files.path().join("secret.key")).unwrap();
    let config = souk::server::Config {
        host: "127.0.0.1".into(),
        port: 0,
        database_url: database_url.clone(),
        dist: PathBuf::from(&dist),
        // Tests run billing themselves, at the moments they choose.
        billing_interval: None,
        // And send modules' callbacks themselves (`send_callbacks`).
        delivery_interval: None,
        smtp_url: None,
        mail_from: souk::server::config::DEFAULT_MAIL_FROM.into(),
        public_url: setup.public_url.map(|url| souk::server::config::public_origin(url).unwrap()),
        secret_key: SecretKeySource::Given(secret_key.clone()),
        demo: setup.demo,
        trusted_proxies: setup.trusted_proxies.to_vec(),
        payments,
        allow_local_modules: true,
        demo_module_url: setup.demo_module.map_or_else(souk::server::demo_module::default_url, str::to_string),
        sms_gateway_url: setup.sms_gateway.unwrap_or(souk::domain::sms::settings::DEFAULT_GATEWAY).into(),
        billmgr_url: souk::domain::reseller::DEFAULT_BILLING.into(),
        booking: souk::app::builtins::BookingPartnerAt {
            url: setup.booking.unwrap_or(souk::domain::booking::DEFAULT_PARTNER_URL).into(),
            ..Default::default()
        },
        module_api_per_second: souk::app::limits::MODULE_API_PER_SECOND,
    };
    let running = souk::server::start(config).await.expect("the server starts");
    let base = format!("http://{}", running.addr);
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let origin = setup.public_url.unwrap_or(&base).to_string();
    TestServer {
        database_url,
        client: new_client(&jar, Some(&origin)),
        origin,
        jar,
        base,
        label: label.into(),
        secret_key,
        _files: Arc::new(files),
    }
}

/// A client that calls as the app's pages do, with their origin, or names none.
fn new_client(jar: &Arc<reqwest::cookie::Jar>, origin: Option<&str>) -> reqwest::Client {
    let origin =
        origin.map(|origin| (reqwest::header::ORIGIN, reqwest::header::HeaderValue::from_str(origin).unwrap()));
    let headers = reqwest::header::HeaderMap::from_iter(origin);
    reqwest::Client::builder().cookie_provider(jar.clone()).default_headers(headers).build().unwrap()
}

/// One server per database this machine offers: SQLite always, PostgreSQL when set.
pub async fn servers() -> Vec<TestServer> {
    servers_with(Setup::DEMO).await
}

/// `servers()`, set up as `setup` says.
pub async fn servers_with(setup: Setup) -> Vec<TestServer> {
    let mut servers = vec![start("sqlite", tempfile::tempdir().unwrap(), SQLITE, setup).await];
    if let Some(admin_url) = std::env::var("SOUK_TEST_POSTGRES").ok().filter(|u| !u.is_empty()) {
        let name = format!("souk_test_{}", rand_suffix());
        let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("SOUK_TEST_POSTGRES is reachable");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("can create a database");
        let base = admin_url.split('?').next().unwrap_or(&admin_url);
        let url = format!("{}/{name}", &base[..base.rfind('/').expect("a database path")]);
        servers.push(start("postgres", tempfile::tempdir().unwrap(), &url, setup).await);
    }
    servers
}

/// How a test server is set up beyond its database.
#[derive(Clone, Copy)]
pub struct Setup {
    /// SOUK_PUBLIC_URL: the origin its pages (and so the test client) call from.
    pub public_url: Option<&'static str>,
    pub demo: bool,
    /// SOUK_TRUSTED_PROXIES: requests from these may say whom they forward.
    pub trusted_proxies: &'static [std::net::IpAddr],
    /// SOUK_DEMO_MODULE_URL: where the demo module's backend runs.
    pub demo_module: Option<&'static str>,
    /// SOUK_SMS_GATEWAY_URL: the SMS gateway new SMS services start with.
    pub sms_gateway: Option<&'static str>,
    /// SOUK_BOOKING_URL: the booking partner channels publish to.
    pub booking: Option<&'static str>,
}

impl Setup {
    pub const DEMO: Setup = Setup {
        public_url: None,
        demo: true,
        trusted_proxies: &[],
        demo_module: None,
        sms_gateway: None,
        booking: None,
    };
    /// Demo data, behind a proxy on this machine that names each client.
    pub const BEHIND_PROXY: Setup =
        Setup { trusted_proxies: &[std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)], ..Setup::DEMO };
}

/// The SQLite database of a test server, in its folder.
pub const SQLITE: &str = "sqlite://{dir}/souk.db";

/// A server on SQLite in `files` (a folder `souk-server`'s commands may have prepared).
pub async fn server_in(files: tempfile::TempDir, setup: Setup) -> TestServer {
    start("sqlite", files, SQLITE, setup).await
}

/// A server on SQLite in `files` that pays through the provider `payments` describes.
pub async fn server_paying(files: tempfile::TempDir, setup: Setup, payments: PaymentsConfig) -> TestServer {
    start_paying("sqlite", files, SQLITE, setup, Some(payments)).await
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    format!("{}_{}", std::process::id(), nanos % 1_000_000_000)
}

/// A mail server that keeps what it is given: (recipient, subject, body).
#[derive(Default)]
pub struct Mailbox(pub std::sync::Mutex<Vec<(String, String, String)>>);

impl souk::server::mail::Postman for Mailbox {
    async fn post(&self, recipient: &str, subject: String, body: String) -> Result<(), String> {
        self.0.lock().unwrap().push((recipient.to_string(), subject, body));
        Ok(())
    }
}

impl Mailbox {
    /// The body of the last letter to `recipient`.
    pub fn last_to(&self, recipient: &str) -> String {
        let mail = self.0.lock().unwrap();
        mail.iter().rev().find(|(to, _, _)| to == recipient).expect("a letter").2.clone()
    }
}
