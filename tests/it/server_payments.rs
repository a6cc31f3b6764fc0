//! Top-ups through the payment provider over real HTTP, on SQLite and
//! PostgreSQL: the demo's stand-in, a provider configured apart, and a server
//! with none. The balance grows only when the provider, asked, says it was paid.

use crate::common::{ok, server_in, server_paying, Setup, TestServer};
use rust_decimal::{dec, Decimal};
use serde_json::json;
use souk::api::types::{BillingView, PaymentView, TopUpOutcome};
use souk::domain::billing::OperationKind;
use souk::domain::payment::PaymentStatus;
use souk::server::payments::standin::{self, Standin};
use souk::server::payments::{PaymentsConfig, NOTIFICATIONS_PATH};
use souk::store::sql::{SecretKey, SqlStore};

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");

fn new_key() -> String {
    souk::app::tokens::random_hex(16)
}

async fn start_payment(server: &TestServer, amount: &str) -> (String, String) {
    let started = server.call("top_up", &[("amount", amount), ("idempotency_key", &new_key())]).await;
    match ok::<TopUpOutcome>(started).await {
        TopUpOutcome::Pay { payment, url } => (payment.to_string(), url),
        credited => panic!("{}: a demo server pays on the stand-in's page, not {credited:?}", server.label),
    }
}

/// The provider's id of a payment, from its page's address.
fn provider_id(url: &str) -> &str {
    url.rsplit('/').next().unwrap()
}

async fn balance(server: &TestServer) -> Decimal {
    ok::<BillingView>(server.call("billing", &[]).await).await.ledger.balance
}

async fn payment(server: &TestServer, id: &str) -> PaymentView {
    ok(server.call("payment", &[("id", id)]).await).await
}

async fn top_ups(server: &TestServer) -> usize {
    let rows =
        ok::<souk::api::types::HistoryPage>(server.call_json("history", json!({"filter": {"kind": "top_up"}})).await)
            .await
            .items;
    assert!(rows.iter().all(|row| row.kind == OperationKind::TopUp));
    rows.len()
}

/// What anyone may post to the shop's notification address.
async fn notify(server: &TestServer, event: &str, provider_id: &str) -> u16 {
    let body = json!({"type": "notification", "event": event, "object": {"id": provider_id, "status": "succeeded", "paid": true, "amount": {"value": "999999.00", "currency": "RUB"}}});
    let response = reqwest::Client::new().post(server.url(NOTIFICATIONS_PATH)).json(&body).send().await.unwrap();
    response.status().as_u16()
}

/// The payer clicks `decision` ("pay" or "decline") on the provider's page
/// and is sent back to the app.
async fn decide(server: &TestServer, url: &str, decision: &str) -> reqwest::Response {
    let page = server.client.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200, "{}", server.label);
    let html = page.text().await.unwrap();
    assert!(html.contains("no money moves"), "the stand-in says it is one: {html}");
    server.client.post(format!("{url}/{decision}")).send().await.unwrap()
}

/// A started top-up (the answer to `top_up`) paid on the provider's page;
/// the payment as the payer finds it on returning.
pub async fn pay_on_page(server: &TestServer, started: reqwest::Response) -> PaymentView {
    let TopUpOutcome::Pay { payment: id, url } = ok(started).await else { panic!("{}: no payment page", server.label) };
    let back = decide(server, &url, "pay").await;
    assert_eq!(back.status(), 200);
    assert_eq!(back.url().path(), "/billing", "sent back to the app");
    assert_eq!(back.url().query(), Some(format!("payment={id}").as_str()));
    let paid = payment(server, id.as_str()).await;
    assert_eq!(paid.status, PaymentStatus::Succeeded, "{}", server.label);
    paid
}

#[tokio::test]
async fn a_top_up_is_credited_once_and_only_when_the_provider_says_it_was_paid() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let before = (balance(&server).await, top_ups(&server).await);
        let (id, url) = start_payment(&server, "1 500,25").await;
        assert!(url.starts_with(&format!("{}/demo-payments/checkout/", server.base)), "{url}");
        assert_eq!(balance(&server).await, before.0, "{}: nothing before the payment", server.label);

        // A forged notification names the payment before it is paid: the provider says it is not.
        assert_eq!(notify(&server, "payment.succeeded", provider_id(&url)).await, 200);
        assert_eq!(notify(&server, "payment.succeeded", "no-such-payment").await, 200);
        assert_eq!(payment(&server, &id).await.status, PaymentStatus::Pending);
        assert_eq!(balance(&server).await, before.0, "{}: a forged notification credits nothing", server.label);
        let garbage = reqwest::Client::new().post(server.url(NOTIFICATIONS_PATH)).body("{").send().await.unwrap();
        assert_eq!(garbage.status(), 400);

        // Another account cannot read it.
        let steppe = server.as_user(STEPPE).await;
        assert_eq!(steppe.call("payment", &[("id", &id)]).await.status(), 404);

        let back = decide(&server, &url, "pay").await;
        assert_eq!(back.url().as_str(), format!("{}/billing?payment={id}", server.base));
        let paid = payment(&server, &id).await;
        assert_eq!((paid.status, paid.amount), (PaymentStatus::Succeeded, dec!(1500.25)));
        assert_eq!(paid.billing.ledger.balance, before.0 + dec!(1500.25));

        // The provider's notification again, replayed at once, and the payer's page asking: once.
        let replays = (0..4).map(|_| notify(&server, "payment.succeeded", provider_id(&url)));
        assert!(futures_util::future::join_all(replays).await.iter().all(|s| *s == 200));
        assert_eq!(payment(&server, &id).await.billing.ledger.balance, before.0 + dec!(1500.25));
        assert_eq!(top_ups(&server).await, before.1 + 1, "{}: one top-up row", server.label);
        let page = server.client.get(&url).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("already decided") && !page.contains("standin-pay"), "a paid page cannot pay again");
    }
}

#[tokio::test]
async fn a_declined_payment_credits_nothing_whatever_a_notification_says() {
    for server in crate::common::servers().await {
        server.sign_in(STEPPE.0, STEPPE.1).await;
        let top_ups_before = top_ups(&server).await;
        let (id, url) = start_payment(&server, "700").await;
        let back = decide(&server, &url, "decline").await;
        assert_eq!(back.status(), 200);
        let declined = payment(&server, &id).await;
        assert_eq!((declined.status, declined.billing.ledger.balance), (PaymentStatus::Canceled, dec!(3000)));
        assert_eq!(notify(&server, "payment.succeeded", provider_id(&url)).await, 200);
        assert_eq!(server.client.post(format!("{url}/pay")).send().await.unwrap().status(), 200);
        assert_eq!(payment(&server, &id).await.status, PaymentStatus::Canceled, "{}", server.label);
        assert_eq!(balance(&server).await, dec!(3000));
        assert_eq!(top_ups(&server).await, top_ups_before);
    }
}

const PUBLIC: &str = "http://souk.test";

/// A folder whose database holds the demo data, for a server started outside demo mode.
async fn seeded_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let key = SecretKey::load_or_create(&dir.path().join("secret.key")).unwrap();
    let url = crate::common::SQLITE.replace("{dir}", &dir.path().display().to_string());
    let store = SqlStore::connect(&url, &key).await.unwrap();
    souk::server::seed::seed_demo_if_empty(&store, &souk::server::demo_module::default_url()).await.unwrap();
    store.pool.close().await;
    dir
}

#[tokio::test]
async fn outside_demo_mode_a_top_up_needs_a_payment_provider() {
    let server = server_in(seeded_folder().await, Setup { public_url: Some(PUBLIC), demo: false, ..Setup::DEMO }).await;
    server.sign_in(VOLGA.0, VOLGA.1).await;
    let view: BillingView = ok(server.call("billing", &[]).await).await;
    assert_eq!(view.top_up, souk::api::types::TopUpMode::Off);
    // Today's attack: a million roubles for the asking, as often as one likes.
    let refused = server.call("top_up", &[("amount", "1000000"), ("idempotency_key", &new_key())]).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.json::<serde_json::Value>().await.unwrap()["error"], "payments_off");
    assert_eq!(balance(&server).await, dec!(12500));
    assert_eq!(
        server.client.get(server.url("/demo-payments/checkout/x")).send().await.unwrap().status(),
        200,
        "the app's page: no stand-in"
    );
}

#[tokio::test]
async fn a_provider_set_up_apart_is_paid_through_and_a_wrong_secret_pays_nothing() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let provider = format!("http://{}", listener.local_addr().unwrap());
    let config = |secret: &str| PaymentsConfig {
        url: format!("{provider}/v3"),
        shop_id: "shop-1".into(),
        secret: secret.into(),
    };

    let setup = Setup { public_url: Some(PUBLIC), demo: false, ..Setup::DEMO };
    let server = server_paying(seeded_folder().await, setup, config("right-secret")).await;
    let standin = Standin::new("shop-1", "right-secret", &provider, &server.url(NOTIFICATIONS_PATH));
    tokio::spawn(async move { axum::serve(listener, standin::router::<()>(standin)).await });

    server.sign_in(VOLGA.0, VOLGA.1).await;
    let started = server.call("top_up", &[("amount", "300"), ("idempotency_key", &new_key())]).await;
    let TopUpOutcome::Pay { payment: id, url } = ok(started).await else { panic!("no payment page") };
    assert!(url.starts_with(&format!("{provider}/checkout/")), "{url}");
    // The provider sends the payer back to where users reach the app, SOUK_PUBLIC_URL.
    let payer = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let back = payer.post(format!("{url}/pay")).send().await.unwrap();
    assert_eq!(back.status(), 303);
    assert_eq!(back.headers()["location"], format!("{PUBLIC}/billing?payment={id}").as_str());
    let paid = payment(&server, id.as_str()).await;
    assert_eq!((paid.status, paid.billing.ledger.balance), (PaymentStatus::Succeeded, dec!(12800)));

    // The same server, its secret wrong: the provider refuses, nothing is paid or credited.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let provider = format!("http://{}", listener.local_addr().unwrap());
    let strict = Standin::new("shop-1", "the-real-secret", &provider, "http://127.0.0.1:9/unused");
    tokio::spawn(async move { axum::serve(listener, standin::router::<()>(strict)).await });
    let wrong = PaymentsConfig { url: format!("{provider}/v3"), shop_id: "shop-1".into(), secret: "guessed".into() };
    let server = server_paying(seeded_folder().await, setup, wrong).await;
    server.sign_in(VOLGA.0, VOLGA.1).await;
    let refused = server.call("top_up", &[("amount", "300"), ("idempotency_key", &new_key())]).await;
    assert_eq!(refused.status(), 502);
    assert_eq!(refused.json::<serde_json::Value>().await.unwrap()["error"], "payment_provider");
    assert_eq!(balance(&server).await, dec!(12500));
}
